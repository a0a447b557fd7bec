//! The fixed package ids of Julia's Core, Base and the standard libraries
//! that `builtin/julia-1.11.jl` declares. As in Julia, every package depends
//! on Core and Base implicitly; a dependency on one of these ids is always
//! satisfied by the built-in declarations, unless a package with that id is
//! present, which then replaces the built-in one (a user's own build).
//!
//! Core and Base have no UUID in Julia (`PkgId(nothing, "Base")`); pcache
//! gives them the name-based UUIDs (RFC 4122 version 5, URL namespace) of
//! `https://julialang.org/pcache/builtin/Core` and `…/Base`. The standard
//! libraries keep the UUIDs of their own `Project.toml` (as every
//! `Manifest.toml` lists them).

/// A built-in package: its module name and id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinPackage {
    /// The module name (`LinearAlgebra`).
    pub name: &'static str,
    /// The package id.
    pub uuid: [u8; 16],
}

const fn hex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => panic!("not a lower-case hex digit"),
    }
}

/// The 16 bytes of a UUID written in its text form (checked at compile time).
const fn uuid(text: &str) -> [u8; 16] {
    let t = text.as_bytes();
    assert!(t.len() == 36);
    let mut out = [0u8; 16];
    let (mut i, mut o) = (0, 0);
    while i < t.len() {
        if t[i] == b'-' {
            i += 1;
            continue;
        }
        out[o] = hex(t[i]) << 4 | hex(t[i + 1]);
        o += 1;
        i += 2;
    }
    assert!(o == 16);
    out
}

const fn pkg(name: &'static str, id: &str) -> BuiltinPackage {
    BuiltinPackage {
        name,
        uuid: uuid(id),
    }
}

/// Core, Base and every standard library the built-in declarations hold,
/// sorted by name.
pub const BUILTIN_PACKAGES: &[BuiltinPackage] = &[
    pkg("Base", "736291d9-de99-58b7-9b82-2a0f6ea57f21"),
    pkg("Core", "8b15d559-0810-53df-9288-5022a6e6f001"),
    pkg("Dates", "ade2ca70-3891-5945-98fb-dc099432e06a"),
    pkg("Distributed", "8ba89e20-285c-5b6f-9357-94700520ee1b"),
    pkg("InteractiveUtils", "b77e0a4c-d291-57a0-90e8-8db25a27a240"),
    pkg("LinearAlgebra", "37e2e46d-f89d-539d-b4ee-838fcccc9c8e"),
    pkg("Logging", "56ddb016-857b-54e1-b83d-db4d58db5568"),
    pkg("Markdown", "d6f4376e-aef5-505a-96c1-9c027394607a"),
    pkg("Mmap", "a63ad114-7e13-5084-954f-fe012c677804"),
    pkg("Printf", "de0858da-6303-5e67-8744-51eddeeeb8d7"),
    pkg("Random", "9a3f8284-a2c9-5f02-9a11-845980a1fd5c"),
    pkg("Serialization", "9e88b42a-f829-5b0c-bbe9-9e923198166b"),
    pkg("Sockets", "6462fe0b-24de-5631-8697-dd941f90decc"),
    pkg("SparseArrays", "2f01184e-e22b-5df5-ae63-d93ebab69eaf"),
    pkg("Statistics", "10745b16-79ce-11e8-11f9-7d13ad32a3b2"),
    pkg("Test", "8dfed614-e22c-5e08-85e1-65c5234f0b40"),
    pkg("UUIDs", "cf7118a7-6976-5b1a-9a39-7adc72f591a4"),
    pkg("Unicode", "4ec0a83e-493e-50e2-b9ac-8f72acf5a8f5"),
];

/// The built-in package with this id, if any.
pub fn builtin_package(uuid: &[u8; 16]) -> Option<&'static BuiltinPackage> {
    BUILTIN_PACKAGES.iter().find(|p| p.uuid == *uuid)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every listed package is a top-level module of the declarations, and
    /// no id is listed twice.
    #[test]
    fn every_builtin_package_is_a_declared_module() {
        let reg = crate::builtin::julia();
        for p in BUILTIN_PACKAGES {
            assert!(reg.module(p.name).is_some(), "{} is not declared", p.name);
        }
        let mut ids: Vec<_> = BUILTIN_PACKAGES.iter().map(|p| p.uuid).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), BUILTIN_PACKAGES.len());
        assert_eq!(
            builtin_package(&uuid("37e2e46d-f89d-539d-b4ee-838fcccc9c8e")).map(|p| p.name),
            Some("LinearAlgebra")
        );
    }
}
