//! Builders of package declarations shared by the typesys tests.

use pcache_typesys::analysis::{
    code_display, method_display, superseded_display, InvalidationTree,
};
use pcache_typesys::{CodeDecl, EdgeDecl, MethodDecl, MethodKey, PackageDecl, TypeDecl, TypeKind};

pub fn uuid(n: u8) -> [u8; 16] {
    let mut u = [0u8; 16];
    u[15] = n;
    u
}

pub fn pkg(n: u8, name: &str, deps: &[u8]) -> PackageDecl {
    PackageDecl {
        uuid: uuid(n),
        name: name.into(),
        deps: deps.iter().map(|d| uuid(*d)).collect(),
        ..Default::default()
    }
}

pub fn ty(name: &str, params: &[&str], sup: &str, kind: Option<TypeKind>) -> TypeDecl {
    TypeDecl {
        name: name.into(),
        params: params.iter().map(|s| s.to_string()).collect(),
        supertype: sup.into(),
        kind,
    }
}

pub fn meth(name: &str, sig: &str) -> MethodDecl {
    MethodDecl {
        name: name.into(),
        sig: sig.into(),
    }
}

pub fn key(p: u8, name: &str, sig: &str) -> MethodKey {
    MethodKey {
        pkg: uuid(p),
        name: name.into(),
        sig: sig.into(),
    }
}

pub fn code(k: &MethodKey, spec: &str, edges: Vec<EdgeDecl>) -> CodeDecl {
    CodeDecl {
        method: k.clone(),
        spec: spec.into(),
        owner: None,
        world: (1, None),
        edges,
    }
}

pub fn call(s: &str) -> EdgeDecl {
    EdgeDecl::Call(s.into())
}

pub fn matched(s: &str, matches: &[&MethodKey]) -> EdgeDecl {
    EdgeDecl::CallMatched {
        sig: s.into(),
        matches: matches.iter().map(|k| (*k).clone()).collect(),
    }
}

pub fn invoke(k: &MethodKey, spec: &str) -> EdgeDecl {
    EdgeDecl::Invoke {
        method: k.clone(),
        spec: spec.into(),
    }
}

pub fn instance(k: &MethodKey, spec: &str, owner: Option<&str>) -> EdgeDecl {
    EdgeDecl::Instance {
        method: k.clone(),
        spec: spec.into(),
        owner: owner.map(str::to_string),
        world: (1, None),
    }
}

pub fn invokesig(sig: &str, k: &MethodKey, spec: &str) -> EdgeDecl {
    EdgeDecl::InvokeSig {
        sig: sig.into(),
        method: k.clone(),
        spec: spec.into(),
    }
}

/// All load orders of `pkgs` consistent with their dependencies (at most 24).
pub fn orders(pkgs: &[PackageDecl]) -> Vec<Vec<PackageDecl>> {
    fn go(
        rest: &mut Vec<PackageDecl>,
        cur: &mut Vec<PackageDecl>,
        out: &mut Vec<Vec<PackageDecl>>,
    ) {
        if out.len() >= 24 {
            return;
        }
        if rest.is_empty() {
            out.push(cur.clone());
            return;
        }
        for i in 0..rest.len() {
            if rest[i]
                .deps
                .iter()
                .all(|d| cur.iter().any(|c| c.uuid == *d))
            {
                let p = rest.remove(i);
                cur.push(p);
                go(rest, cur, out);
                let p = cur.pop().unwrap();
                rest.insert(i, p);
            }
        }
    }
    let mut out = Vec::new();
    go(&mut pkgs.to_vec(), &mut Vec::new(), &mut out);
    out
}

/// Tree `t` by names, in preorder: the inserted method at depth 0, each
/// entry (`signature …` or `superseding … with …`) at depth 1 and the code
/// instances beneath it from depth 2 (what `pcache invalidations` prints,
/// without its layout, which the CLI's tests check).
pub fn outline(t: &InvalidationTree, decls: &[PackageDecl]) -> Vec<(usize, String)> {
    let mut out = vec![(0, method_display(decls, t.pkg, t.method))];
    let beneath = |roots: &[usize], out: &mut Vec<(usize, String)>| {
        let mut stack: Vec<usize> = roots.iter().rev().copied().collect();
        while let Some(k) = stack.pop() {
            let n = &t.nodes[k];
            out.push((2 + n.depth, code_display(decls, n.pkg, n.code)));
            stack.extend(n.children.iter().rev());
        }
    };
    for m in &t.mt_backedges {
        out.push((1, format!("signature {}", m.sig)));
        beneath(&[m.root], &mut out);
    }
    for b in &t.backedges {
        let superseded = superseded_display(decls, b);
        out.push((1, format!("superseding {superseded} with {}", b.spec)));
        beneath(&b.callers, &mut out);
    }
    out
}

/// An expected [`outline`].
pub fn lines(v: &[(usize, &str)]) -> Vec<(usize, String)> {
    v.iter().map(|&(d, s)| (d, s.to_owned())).collect()
}
