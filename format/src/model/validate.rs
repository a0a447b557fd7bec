//! The rules of SPEC.md §2 on one package that `pack` enforces.

use std::collections::HashMap;

use super::root::{self, RootKey};
use super::{Edge, MethodDef, Package, World};
use crate::error::{Error, Result};
use crate::spec::limits;

impl Package {
    /// Checks the rules of SPEC.md §2 that pack enforces.
    pub fn validate(&self) -> Result<()> {
        let escaped = self.name.escape_debug().to_string();
        let pkg = &escaped;
        check_text(pkg, "name", &self.name)?;
        check_text(pkg, "version", &self.version)?;
        check_printable(pkg, "name", &self.name)?;
        check_printable(pkg, "version", &self.version)?;
        for t in &self.types {
            check_printable(pkg, "type name", &t.name)?;
        }
        for a in &self.aliases {
            check_printable(pkg, "alias name", &a.name)?;
        }
        for m in &self.methods {
            check_printable(pkg, "method name", &m.name)?;
            check_nospecialize(pkg, m)?;
        }
        for (i, c) in self.code.iter().enumerate() {
            check_printable(pkg, "method name", &c.method.name)?;
            if let Some(owner) = &c.owner {
                check_owner(pkg, &format!("code[{i}]"), owner)?;
            }
            for (e, edge) in c.edges.iter().enumerate() {
                let at = format!("code[{i}] edge {e}");
                match edge {
                    Edge::Call(call) => {
                        if call.covered.is_some() && call.matches.is_none() {
                            return Err(Error::invalid(format!(
                                "package {pkg}: {at}: `covered` says whether the recorded `matches` covered the call, so it needs `matches`"
                            )));
                        }
                        for m in call.matches.iter().flatten() {
                            check_printable(pkg, "method name", &m.name)?;
                        }
                    }
                    Edge::Invoke(inv) => check_printable(pkg, "method name", &inv.invoke.name)?,
                    Edge::Instance(inst) => {
                        check_printable(pkg, "method name", &inst.instance.name)?;
                        if let Some(owner) = &inst.owner {
                            check_owner(pkg, &at, owner)?;
                        }
                        check_world(pkg, &at, inst.world)?;
                    }
                    Edge::InvokeSig(inv) => check_printable(pkg, "method name", &inv.target.name)?,
                    Edge::Binding(b) => {
                        check_printable(pkg, "binding name", &b.binding)?;
                        check_printable(pkg, "module name", &b.module)?;
                    }
                }
            }
        }
        let mut dep_seen = HashMap::new();
        for (i, dep) in self.deps.iter().enumerate() {
            check_text(pkg, "dependency name", &dep.name)?;
            check_printable(pkg, "dependency name", &dep.name)?;
            if dep.uuid == self.uuid {
                return Err(Error::invalid(format!("package {pkg}: depends on itself")));
            }
            if let Some(j) = dep_seen.insert(dep.uuid, i) {
                return Err(Error::invalid(format!(
                    "package {pkg}: dependency {} listed twice (deps {j} and {i})",
                    dep.uuid
                )));
            }
        }
        let mut root_seen: HashMap<RootKey, usize> = HashMap::with_capacity(self.roots.len());
        for (i, root) in self.roots.iter().enumerate() {
            let key = RootKey::of(root);
            if key.bytes.len() > u32::MAX as usize / 2 {
                return Err(Error::invalid(format!(
                    "package {pkg}: root {i} is too large"
                )));
            }
            if let Some(j) = root_seen.insert(key, i) {
                return Err(Error::invalid(format!(
                    "package {pkg}: duplicate root: roots {j} and {i} are both {}",
                    root::display(root)
                )));
            }
        }
        check_unique(
            pkg,
            "type or alias",
            self.types
                .iter()
                .map(|t| t.name.as_str())
                .chain(self.aliases.iter().map(|a| a.name.as_str())),
        )?;
        check_unique(
            pkg,
            "method",
            self.methods
                .iter()
                .map(|m| (m.name.as_str(), m.sig.as_str())),
        )?;
        check_unique(
            pkg,
            "code instance",
            self.code
                .iter()
                .map(|c| (&c.method, c.spec.as_str(), c.owner.as_deref(), c.world)),
        )?;
        let generators: std::collections::HashSet<(&str, &str)> = self
            .methods
            .iter()
            .filter(|m| m.cached_generator)
            .map(|m| (m.name.as_str(), m.sig.as_str()))
            .collect();
        if self.stripped.0 & !crate::spec::archive::stripped::ALL != 0 {
            return Err(Error::invalid(format!(
                "package {pkg}: stripped flags {:#x} hold bits this format does not define",
                self.stripped.0
            )));
        }
        for (i, code) in self.code.iter().enumerate() {
            if self.stripped.has(crate::spec::archive::stripped::GENERATED)
                && code.generated.is_some()
            {
                return Err(Error::invalid(format!(
                    "package {pkg}: code[{i}] ({}) carries a generated source, but the package says its generated sources were stripped",
                    code.method.name
                )));
            }
            if self.stripped.has(crate::spec::archive::stripped::PAYLOADS)
                && !code.payload.0.is_empty()
            {
                return Err(Error::invalid(format!(
                    "package {pkg}: code[{i}] ({}) carries a payload, but the package says its payloads were stripped",
                    code.method.name
                )));
            }
            for &r in &code.roots {
                if r as usize >= self.roots.len() {
                    return Err(Error::invalid(format!(
                        "package {pkg}: code[{i}] ({}) uses root {r}, but the root table has {} roots",
                        code.method.name,
                        self.roots.len()
                    )));
                }
            }
            check_world(pkg, &format!("code[{i}]"), code.world)?;
            if let Some(g) = &code.generated {
                check_world(pkg, &format!("code[{i}] generated source"), g.world)?;
                let own = code.method.pkg == self.uuid
                    && generators.contains(&(code.method.name.as_str(), code.method.sig.as_str()));
                if !own {
                    return Err(Error::invalid(format!(
                        "package {pkg}: code[{i}] ({}) carries a generated source, but its method is not one of this package's methods marked `cached_generator`",
                        code.method.name
                    ))
                    .with_hint("only a generator that opted in (Core.CachedGenerator) has its output cached; set \"cached_generator\": true on the method, or drop the generated source"));
                }
            }
        }
        Ok(())
    }
}

fn check_world(pkg: &str, at: &str, world: World) -> Result<()> {
    let World(min, max) = world;
    match max {
        Some(u64::MAX) => Err(Error::invalid(format!(
            "package {pkg}: {at}: max_world 2^64-1 is reserved (write null)"
        ))),
        Some(max) if max < min => Err(Error::invalid(format!(
            "package {pkg}: {at}: world range [{min}, {max}] is empty"
        ))),
        _ => Ok(()),
    }
}

fn check_owner(pkg: &str, at: &str, owner: &str) -> Result<()> {
    if owner.is_empty() {
        return Err(Error::invalid(format!(
            "package {pkg}: {at}: an owner is a non-empty name (leave it out for native code)"
        )));
    }
    check_text(pkg, "owner", owner)?;
    check_printable(pkg, "owner", owner)
}

fn check_nospecialize(pkg: &str, m: &MethodDef) -> Result<()> {
    let ok = m.nospecialize.iter().all(|&p| (1..=64).contains(&p))
        && m.nospecialize.windows(2).all(|w| w[0] < w[1]);
    if !ok {
        return Err(Error::invalid(format!(
            "package {pkg}: method {} `{}`: nospecialize must list argument positions from 1 to 64, ascending, each once; got {:?}",
            m.name, m.sig, m.nospecialize
        )));
    }
    Ok(())
}

fn check_text(pkg: &str, what: &str, text: &str) -> Result<()> {
    if text.len() > limits::MAX_TEXT_LEN {
        return Err(Error::invalid(format!(
            "package {pkg}: {what} is {} bytes, more than the limit of {}",
            text.len(),
            limits::MAX_TEXT_LEN
        )));
    }
    Ok(())
}

/// Names are printed: no control characters (line breaks, escape
/// sequences), which could fake or hide output on a terminal.
fn check_printable(pkg: &str, what: &str, text: &str) -> Result<()> {
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(Error::invalid(format!(
            "package {pkg}: {what} {:?} holds the control character {:?}; names may not",
            text, c
        )));
    }
    Ok(())
}

fn check_unique<K: std::hash::Hash + Eq + std::fmt::Debug>(
    pkg: &str,
    what: &str,
    keys: impl Iterator<Item = K>,
) -> Result<()> {
    let mut seen = HashMap::new();
    for (i, key) in keys.enumerate() {
        if let Some(j) = seen.insert(key, i) {
            return Err(Error::invalid(format!(
                "package {pkg}: {what} {j} and {what} {i} are the same"
            )));
        }
    }
    Ok(())
}
