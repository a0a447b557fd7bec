use pcache_typesys::builtin;
use pcache_typesys::types::*;
fn main() {
    let reg = builtin::julia();
    let args: Vec<String> = std::env::args().collect();
    let t = |s: &str| type_from_text(&reg, "Main", s).unwrap_or_else(|e| panic!("{s}: {e}"));
    let a = t(&args[2]);
    let b = t(&args[3]);
    let r = match args[1].as_str() {
        "sub" => format!("{}", subtype(&reg, &a, &b)),
        "isect" => show(&reg, &intersect(&reg, &a, &b)),
        "ms" => format!("{}", morespecific(&reg, &a, &b)),
        _ => "?".into(),
    };
    println!("{r}");
}
