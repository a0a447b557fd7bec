use pcache_typesys::builtin;

#[test]
fn builtin_declarations_load() {
    if let Err(e) = builtin::try_julia() {
        panic!("{e}");
    }
}
