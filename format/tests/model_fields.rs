//! Every field of the format 3 model: packs, verifies, unpacks the same and
//! counts in the semantic id (moved here from `write/section.rs`'s unit
//! tests: it exercises pack, verify and the reader together).

use pcache_format::model::*;
use pcache_format::read::image::ImageFile;
use pcache_format::verify::verify_file;

fn method(pkg: uuid::Uuid, name: &str, sig: &str) -> MethodRef {
    MethodRef {
        pkg,
        name: name.into(),
        sig: sig.into(),
    }
}

/// A package that uses every field of the format 3 model.
fn everything() -> Package {
    let me = uuid::Uuid::from_u128(0x51);
    let gen = method(me, "gen", "Tuple{typeof(gen), Any}");
    let f = method(me, "f", "Tuple{typeof(f), Int}");
    Package {
        uuid: me,
        name: "Everything".into(),
        version: "3.0.0".into(),
        types: vec![
            TypeDef {
                name: "Shape".into(),
                supertype: "Any".into(),
                kind: Some(TypeKind::Abstract),
                ..Default::default()
            },
            TypeDef {
                name: "Box".into(),
                supertype: "Shape".into(),
                params: vec!["T<:Real".into()],
                kind: Some(TypeKind::Mutable),
            },
        ],
        aliases: vec![AliasDef {
            name: "IntBox".into(),
            params: vec![],
            body: "Box{Int}".into(),
        }],
        methods: vec![
            MethodDef {
                name: "gen".into(),
                sig: gen.sig.clone(),
                world: Some(40),
                nospecialize: vec![1, 2],
                cached_generator: true,
            },
            MethodDef {
                name: "f".into(),
                sig: f.sig.clone(),
                ..Default::default()
            },
            MethodDef {
                name: "Box".into(),
                sig: "Tuple{Type{Box}, Int}".into(),
                ..Default::default()
            },
        ],
        code: vec![
            CodeInstance {
                method: gen.clone(),
                spec: "Tuple{typeof(gen), Int}".into(),
                world: World(40, None),
                edges: vec![
                    Edge::Call(CallEdge {
                        call: f.sig.clone(),
                        matches: Some(vec![f.clone()]),
                        covered: Some(true),
                    }),
                    Edge::Binding(BindingEdge {
                        binding: "pi".into(),
                        module: "Base".into(),
                    }),
                ],
                payload: Base64(vec![1, 2, 3]),
                generated: Some(GeneratedSource {
                    world: World(40, Some(90)),
                    source: Base64(b"(source)".to_vec()),
                }),
                ..Default::default()
            },
            CodeInstance {
                method: gen.clone(),
                spec: "Tuple{typeof(gen), Int}".into(),
                owner: Some("GPUCompiler".into()),
                inferred_only: true,
                world: World(40, None),
                edges: vec![
                    Edge::Instance(InstanceEdge {
                        instance: f.clone(),
                        spec: f.sig.clone(),
                        owner: Some("GPUCompiler".into()),
                        world: World(1, Some(7)),
                    }),
                    Edge::InvokeSig(InvokeSigEdge {
                        invokesig: f.sig.clone(),
                        target: f.clone(),
                        spec: f.sig.clone(),
                    }),
                    Edge::Call(CallEdge {
                        call: "Tuple{typeof(f), Any}".into(),
                        matches: Some(vec![]),
                        covered: Some(false),
                    }),
                ],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

/// Every field survives pack and decoding, the image verifies deeply,
/// and each field takes part in the semantic id (SPEC.md §4.6).
#[test]
fn every_field_of_the_model_round_trips_and_counts() {
    let pkg = everything();
    let bytes = pcache_format::write::section::image_bytes(&pkg).unwrap();
    let file = ImageFile::from_bytes("everything.pci", &bytes);
    let report = verify_file(&file);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let image = file.image().unwrap();
    let view = &image.packages[0];
    assert_eq!(view.to_package().unwrap(), pkg);
    let counts = view.meta().unwrap().meta.counts.to_native();
    assert_eq!(
        (
            counts.aliases,
            counts.generated,
            counts.generated_bytes,
            counts.edges
        ),
        (1, 1, 8, 5)
    );
    let id = pcache_format::hash::semantic::semantic_id(&pkg);
    type Change = Box<dyn Fn(&mut Package)>;
    let changes: Vec<(&str, Change)> = vec![
        (
            "kind",
            Box::new(|p| p.types[1].kind = Some(TypeKind::Struct)),
        ),
        ("bound", Box::new(|p| p.types[1].params[0] = "T".into())),
        (
            "alias",
            Box::new(|p| p.aliases[0].body = "Box{Int8}".into()),
        ),
        ("world", Box::new(|p| p.methods[0].world = Some(41))),
        (
            "nospecialize",
            Box::new(|p| p.methods[0].nospecialize.pop().map(drop).unwrap_or(())),
        ),
        (
            "owner",
            Box::new(|p| p.code[1].owner = Some("Other".into())),
        ),
        (
            "inferred_only",
            Box::new(|p| p.code[1].inferred_only = false),
        ),
        (
            "covered",
            Box::new(|p| {
                if let Edge::Call(c) = &mut p.code[0].edges[0] {
                    c.covered = Some(false);
                }
            }),
        ),
        (
            "instance world",
            Box::new(|p| {
                if let Edge::Instance(i) = &mut p.code[1].edges[0] {
                    i.world = World(1, None);
                }
            }),
        ),
        (
            "generated source",
            Box::new(|p| {
                p.code[0].generated.as_mut().unwrap().source = Base64(b"other".to_vec());
            }),
        ),
        (
            "generated world",
            Box::new(|p| {
                p.code[0].generated.as_mut().unwrap().world = World(40, None);
            }),
        ),
    ];
    for (what, change) in changes {
        let mut other = pkg.clone();
        change(&mut other);
        assert_ne!(
            pcache_format::hash::semantic::semantic_id(&other),
            id,
            "{what}"
        );
    }
}
