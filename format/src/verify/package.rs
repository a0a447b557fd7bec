//! Checks of one package section (SPEC.md §4): meta, roots, defs, code,
//! generated sources, each rule of the part that holds it.

use super::*;

/// Every per-package rule (`deep`: also those that recompute); returns
/// the package name and semantic id.
pub(super) fn check_package_section(
    view: &PackageView<'_>,
    deep: bool,
) -> Result<(String, [u8; 32])> {
    let meta = view.meta()?;
    let name = meta.name()?.to_owned();
    printable(&meta.strings, "name", &name)?;
    printable(&meta.strings, "version", meta.version()?)?;
    let m = meta.meta;
    let stripped_bits = m.stripped.to_native();
    if stripped_bits & !stripped::ALL != 0 {
        return Err(meta.strings.err(&format!(
            "stripped flags {stripped_bits:#x} hold bits this format does not define"
        )));
    }
    let mut prev: Option<[u8; 16]> = None;
    for dep in m.deps.iter() {
        printable(
            &meta.strings,
            "dependency name",
            meta.strings.get(&dep.name)?,
        )?;
        if prev.is_some_and(|p| p >= dep.uuid) {
            return Err(meta
                .strings
                .err("dependencies are not sorted by distinct uuid"));
        }
        if dep.uuid == m.uuid {
            return Err(meta.strings.err("package depends on itself"));
        }
        let pinned = dep.has_build_id.to_native();
        if pinned > 1 || (pinned == 0 && dep.build_id != [0; 32]) {
            return Err(meta.strings.err("malformed dependency build id"));
        }
        prev = Some(dep.uuid);
    }

    // Roots: layout, encodings, fingerprints, no duplicates.
    let roots = view.roots()?;
    let r = roots.roots;
    let mut last = 0u32;
    for (i, end) in r.ends.iter().enumerate() {
        let end = end.to_native();
        if end < last {
            return Err(meta.strings.err(&format!("root {i}: ends go backwards")));
        }
        last = end;
    }
    if last as usize != r.data.len() {
        return Err(meta.strings.err("root ends do not cover the root data"));
    }
    if deep {
        check_roots(view, &roots)?;
    }
    let (defs, ds) = view.defs()?;
    let ds = ds.checked_once();
    let (code, cs) = view.code()?;
    let cs = cs.checked_once();
    let generators = check_defs(defs, &ds, deep)?;
    let edges = check_code(view, code, &cs, roots.len(), deep)?;
    let (generated_count, generated_bytes) = check_generated(view, code, &cs, &generators)?;
    let external = code
        .instances
        .iter()
        .filter(|ci| ci.method.pkg != *view.uuid.as_bytes())
        .count() as u32;
    let actual = Counts {
        roots: roots.len() as u32,
        types: defs.types.len() as u32,
        aliases: defs.aliases.len() as u32,
        methods: defs.methods.len() as u32,
        code: code.instances.len() as u32,
        edges,
        external_code: external,
        generated: generated_count,
        generated_bytes,
    };
    if stripped_bits & stripped::GENERATED != 0 && generated_count != 0 {
        return Err(view.part_err(
            4,
            "the package says its generated sources were stripped, but it carries some",
        ));
    }
    if stripped_bits & stripped::PAYLOADS != 0 && !code.payloads.is_empty() {
        return Err(view.part_err(
            3,
            "the package says its payloads were stripped, but it carries some",
        ));
    }
    let stored = m.counts.to_native();
    if actual != stored {
        let show = |c: &Counts| {
            format!(
                "{} roots, {} types, {} aliases, {} methods, {} code instances, {} edges, {} external, {} generated sources of {} bytes",
                c.roots, c.types, c.aliases, c.methods, c.code, c.edges, c.external_code, c.generated, c.generated_bytes
            )
        };
        return Err(meta.strings.err(&format!(
            "the meta part counts {} but the package holds {}",
            show(&stored),
            show(&actual)
        )));
    }
    if deep {
        let pkg = view.to_package_without_payloads()?;
        let generated = view.generated()?;
        let hashes = |i: usize| {
            let span = &code.instances[i].payload;
            crate::hash::semantic::ContentHashes {
                payload: *blake3::hash(span_items(&code.payloads, span).unwrap_or_default())
                    .as_bytes(),
                // Entries are sorted by code index (checked above).
                generated: generated
                    .entries
                    .binary_search_by_key(&i, |g| g.code.to_native() as usize)
                    .ok()
                    .and_then(|k| generated.entries.get(k))
                    .map(|g| {
                        *blake3::hash(span_items(&generated.sources, &g.source).unwrap_or_default())
                            .as_bytes()
                    }),
            }
        };
        if crate::hash::semantic::semantic_id_with(&pkg, hashes) != m.semantic_id {
            return Err(meta
                .strings
                .err("stored semantic id differs from the contents"));
        }
    }
    Ok((name, m.semantic_id))
}

/// Names hold no control characters (pack refuses them, SPEC.md §2).
fn printable(strings: &crate::read::section::Strings<'_>, what: &str, text: &str) -> Result<()> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(strings.err(&format!(
            "{what} {:?} holds the control character {c:?}",
            text
        ))),
        None => Ok(()),
    }
}

/// Root encodings, stored fingerprints and duplicates (deep only).
fn check_roots(view: &PackageView<'_>, roots: &crate::read::section::RootsView<'_>) -> Result<()> {
    let r = roots.roots;
    // Duplicates by stored fingerprint, in one pass of a flat table; the
    // first repeat is reported where a root-by-root loop would report it.
    let duplicate = crate::hash::fptable::first_duplicate(&r.fingerprints);
    let stop = duplicate.map_or(roots.len(), |(_, i)| i);
    // In blocks, so short roots are fingerprinted several at a time; the
    // first problem in root order is still the one reported.
    const BLOCK: usize = 256;
    let mut inputs = Vec::with_capacity(BLOCK);
    let mut fps = Vec::with_capacity(BLOCK);
    for start in (0..stop).step_by(BLOCK) {
        let end = (start + BLOCK).min(stop);
        inputs.clear();
        fps.clear();
        let mut malformed = None;
        for i in start..end {
            match roots.check(i) {
                Ok(input) => inputs.push(input),
                Err(e) => {
                    malformed = Some(e);
                    break;
                }
            }
        }
        fingerprint::fingerprint_many(&inputs, &mut fps);
        for (k, fp) in fps.iter().enumerate() {
            let i = start + k;
            if Some(*fp) != roots.fingerprint(i) {
                return Err(root_err(
                    view,
                    &format!("root {i}: stored fingerprint is wrong"),
                ));
            }
        }
        if let Some(e) = malformed {
            return Err(e);
        }
    }
    if let Some((j, i)) = duplicate {
        // Root i itself must be well-formed with a correct fingerprint first.
        let (kind, bytes) = roots.check(i)?;
        if Some(fingerprint::fingerprint(kind, bytes)) != roots.fingerprint(i) {
            return Err(root_err(
                view,
                &format!("root {i}: stored fingerprint is wrong"),
            ));
        }
        return Err(root_err(
            view,
            &format!("duplicate root: roots {j} and {i} are equal"),
        ));
    }
    Ok(())
}

/// Types, aliases and methods: every text readable, kinds and flags
/// defined, no duplicates (deep). Returns the (name, sig) of the methods
/// whose generator opted in to caching.
fn check_defs<'a>(
    defs: &'a crate::spec::archive::ArchivedDefs,
    ds: &crate::read::section::Strings<'a>,
    deep: bool,
) -> Result<HashSet<(&'a str, &'a str), Fast>> {
    let params = |span: &ArchivedSpan| -> Result<()> {
        for p in span_items(&defs.params, span)
            .ok_or_else(|| ds.err("type parameter span out of range"))?
        {
            ds.get(p)?;
        }
        Ok(())
    };
    let mut type_names = HashSet::with_hasher(Fast::default());
    for t in defs.types.iter() {
        let name = ds.get(&t.name)?;
        printable(ds, "type name", name)?;
        ds.get(&t.supertype)?;
        params(&t.params)?;
        if let Err(k) = crate::model::TypeKind::from_code(t.kind.to_native()) {
            return Err(ds.err(&format!("type {name}: unknown kind {k}")));
        }
        if deep && !type_names.insert(name) {
            return Err(ds.err(&format!("type {name} is defined twice")));
        }
    }
    for a in defs.aliases.iter() {
        let name = ds.get(&a.name)?;
        printable(ds, "alias name", name)?;
        ds.get(&a.body)?;
        params(&a.params)?;
        if deep && !type_names.insert(name) {
            return Err(ds.err(&format!("type or alias {name} is defined twice")));
        }
    }
    let mut methods = HashSet::with_hasher(Fast::default());
    let mut generators = HashSet::with_hasher(Fast::default());
    for md in defs.methods.iter() {
        let key = (ds.get(&md.name)?, ds.get(&md.sig)?);
        printable(ds, "method name", key.0)?;
        let flags = md.flags.to_native();
        if flags & !method_flags::CACHED_GENERATOR != 0 || md.reserved.to_native() != 0 {
            return Err(ds.err(&format!(
                "method {}{}: flags {flags:#x} or its reserved field hold bits this format does not define",
                key.0, key.1
            )));
        }
        if flags & method_flags::CACHED_GENERATOR != 0 {
            generators.insert(key);
        }
        if deep && !methods.insert(key) {
            return Err(ds.err(&format!("method {}{} is defined twice", key.0, key.1)));
        }
    }
    Ok(generators)
}

/// Generated sources: by strictly increasing code index, contiguous
/// sources, non-empty world ranges, only for code instances of this
/// package's methods whose generator opted in. Returns (count, bytes).
fn check_generated(
    view: &PackageView<'_>,
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    generators: &HashSet<(&str, &str), Fast>,
) -> Result<(u32, u32)> {
    let generated = view.generated()?;
    let err = |msg: String| view.part_err(4, &msg);
    let mut at = 0u32;
    let mut prev: Option<u32> = None;
    for g in generated.entries.iter() {
        let c = g.code.to_native();
        if prev.is_some_and(|p| p >= c) {
            return Err(err(format!(
                "generated source for code instance {c} is out of order"
            )));
        }
        prev = Some(c);
        let Some(ci) = code.instances.get(c as usize) else {
            return Err(err(format!(
                "generated source for code instance {c}, but the package has {}",
                code.instances.len()
            )));
        };
        let own = ci.method.pkg == *view.uuid.as_bytes()
            && generators.contains(&(cs.get(&ci.method.name)?, cs.get(&ci.method.sig)?));
        if !own {
            return Err(err(format!(
                "code instance {c} carries a generated source, but its method is not one of this package's methods marked as a caching generator"
            )));
        }
        if g.reserved.to_native() != 0 {
            return Err(err(format!(
                "generated source {c}: reserved field is not zero"
            )));
        }
        let (min, max) = (g.min_world.to_native(), g.max_world.to_native());
        if max < min {
            return Err(err(format!(
                "generated source {c}: empty world range [{min}, {max}]"
            )));
        }
        let start = g.source.start.to_native();
        let len = g.source.len.to_native();
        if start != at || start as u64 + len as u64 > generated.sources.len() as u64 {
            return Err(err(format!("generated source {c}: span is not contiguous")));
        }
        at += len;
    }
    if at as usize != generated.sources.len() {
        return Err(err("source bytes no entry names".into()));
    }
    Ok((generated.entries.len() as u32, at))
}

/// Code instances: contiguous spans, root references in range, edge kinds,
/// texts, world ranges; no duplicates (deep). Returns the number of edges.
fn check_code(
    view: &PackageView<'_>,
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    roots: usize,
    deep: bool,
) -> Result<u32> {
    let (mut at_refs, mut at_edges, mut at_payload, mut at_matches) = (0u32, 0u32, 0u32, 0u32);
    let mut instances = HashSet::with_capacity_and_hasher(
        if deep { code.instances.len() } else { 0 },
        Fast::default(),
    );
    let mut edges = 0u32;
    for (i, ci) in code.instances.iter().enumerate() {
        for (span, at, total, what) in [
            (
                &ci.roots,
                &mut at_refs,
                code.root_refs.len(),
                "root reference",
            ),
            (&ci.edges, &mut at_edges, code.edges.len(), "edge"),
            (&ci.payload, &mut at_payload, code.payloads.len(), "payload"),
        ] {
            let start = span.start.to_native();
            if start != *at || (start as u64 + span.len.to_native() as u64) > total as u64 {
                return Err(cs.err(&format!("code instance {i}: {what} span is not contiguous")));
            }
            *at += span.len.to_native();
        }
        let method_name = cs.get(&ci.method.name)?;
        printable(cs, "method name", method_name)?;
        let method_sig = cs.get(&ci.method.sig)?;
        let spec = cs.get(&ci.spec)?;
        let owner = cs.get(&ci.owner)?;
        printable(cs, "owner", owner)?;
        if ci.flags.to_native() & !instance_flags::INFERRED_ONLY != 0
            || ci.reserved.to_native() != 0
        {
            return Err(cs.err(&format!(
                "code instance {i}: flags or reserved field hold bits this format does not define"
            )));
        }
        let refs = span_items(&code.root_refs, &ci.roots).expect("checked above");
        if let Some(bad) = refs.iter().find(|r| r.to_native() as usize >= roots) {
            return Err(cs.err(&format!(
                "code instance {i} ({}) uses root {}, but the table has {} roots",
                method_name,
                bad.to_native(),
                roots
            )));
        }
        for (k, e) in span_items(&code.edges, &ci.edges)
            .expect("checked above")
            .iter()
            .enumerate()
        {
            check_edge(code, cs, e, &mut at_matches)
                .map_err(|msg| cs.err(&format!("code instance {i} edge {k}: {msg}")))?;
            edges += 1;
        }
        let (min, max) = (ci.min_world.to_native(), ci.max_world.to_native());
        if max < min {
            return Err(cs.err(&format!(
                "code instance {i}: empty world range [{min}, {max}]"
            )));
        }
        if deep
            && !instances.insert((
                ci.method.pkg,
                method_name,
                method_sig,
                spec,
                owner,
                min,
                max,
            ))
        {
            return Err(cs.err(&format!("code instance {i} is a duplicate")));
        }
    }
    if (
        at_refs as usize,
        at_edges as usize,
        at_payload as usize,
        at_matches as usize,
    ) != (
        code.root_refs.len(),
        code.edges.len(),
        code.payloads.len(),
        code.matches.len(),
    ) {
        return Err(cs.err("code vectors hold entries no instance names"));
    }
    let _ = view;
    Ok(edges)
}

/// One edge: a known kind, its texts readable, the fields its kind does not
/// use zero, matched-method spans contiguous in edge order.
fn check_edge(
    code: &crate::spec::archive::ArchivedCode,
    cs: &crate::read::section::Strings<'_>,
    e: &crate::spec::archive::ArchivedEdgeRec,
    at_matches: &mut u32,
) -> std::result::Result<(), String> {
    let text = |span: &ArchivedSpan| {
        cs.get(span)
            .map(|_| ())
            .map_err(|e| e.message().to_string())
    };
    let zero = |span: &ArchivedSpan| span.start.to_native() == 0 && span.len.to_native() == 0;
    let flags = e.flags.to_native();
    let kind = e.kind.to_native();
    let method_used = matches!(
        kind,
        edge_kind::INVOKE | edge_kind::INSTANCE | edge_kind::INVOKE_SIG
    );
    let unused_ok = (kind == edge_kind::CALL || (zero(&e.matches) && flags == 0))
        && (matches!(kind, edge_kind::INSTANCE | edge_kind::INVOKE_SIG) || zero(&e.extra))
        && (kind == edge_kind::INSTANCE
            || (e.min_world.to_native() == 0 && e.max_world.to_native() == 0))
        && (method_used
            || (e.method.pkg == [0; 16]
                && zero(&e.method.sig)
                && (kind == edge_kind::BINDING || zero(&e.method.name))));
    if !(1..=5).contains(&kind) {
        return Err(format!("unknown edge kind {kind}"));
    }
    if !unused_ok {
        return Err("a field this kind of edge does not use is not zero".into());
    }
    text(&e.sig)?;
    text(&e.extra)?;
    text(&e.method.name)?;
    text(&e.method.sig)?;
    match kind {
        edge_kind::CALL => {
            if flags & !(edge_flags::MATCHES | edge_flags::COVERED) != 0
                || (flags & edge_flags::MATCHES == 0 && (flags != 0 || !zero(&e.matches)))
            {
                return Err(format!("call edge flags {flags:#x} are malformed"));
            }
            if flags & edge_flags::MATCHES != 0 {
                let start = e.matches.start.to_native();
                let Some(list) =
                    span_items(&code.matches, &e.matches).filter(|_| start == *at_matches)
                else {
                    return Err("matched-methods span is not contiguous".into());
                };
                for m in list {
                    text(&m.name)?;
                    text(&m.sig)?;
                }
                *at_matches += e.matches.len.to_native();
            }
        }
        edge_kind::INSTANCE => {
            let (min, max) = (e.min_world.to_native(), e.max_world.to_native());
            if max < min {
                return Err(format!("callee world range [{min}, {max}] is empty"));
            }
        }
        _ => {}
    }
    Ok(())
}

fn root_err(view: &PackageView<'_>, msg: &str) -> Error {
    let (_, start) = view.part_bytes(1);
    Error::invalid(format!("roots part: {msg}"))
        .in_section(view.section_name())
        .at(view.file_offset + start as u64)
}
