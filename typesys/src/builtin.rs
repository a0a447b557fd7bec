//! The built-in declarations: Julia 1.11's Core, Base and standard
//! libraries (`typesys/builtin/julia-1.11.jl`, facts from Julia's source).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::types::declfile::{enter_module, load, DeclFileError};
use crate::types::{DeclaredMethod, NameId, Registry};

/// The Julia version the built-in declarations describe.
pub const JULIA_VERSION: &str = "1.11";

/// The declaration file's text.
pub const DECLARATIONS: &str = include_str!("../builtin/julia-1.11.jl");

/// The methods file's text (loaded after the declarations).
pub const METHODS: &str = include_str!("../builtin/julia-1.11-methods.jl");

/// A registry with Core, Base and the standard libraries declared.
pub fn julia() -> Registry {
    loaded().clone()
}

static LOADED: OnceLock<Registry> = OnceLock::new();

/// The built-in declarations, loaded once.
fn loaded() -> &'static Registry {
    // The files ship with the crate and a test loads them: this cannot
    // fail in a released build; fall back to the kernel alone.
    LOADED.get_or_init(|| try_julia().unwrap_or_default())
}

/// Loads the built-in declarations now (see `crate::parallel`).
pub(crate) fn load_now() {
    loaded();
}

/// Whether the built-in declarations were loaded already.
pub(crate) fn is_loaded() -> bool {
    LOADED.get().is_some()
}

/// Built-in method `idx` (an index into [`Registry::methods`] of
/// [`julia`]).
pub fn method(idx: usize) -> Option<&'static DeclaredMethod> {
    loaded().methods().get(idx)
}

/// The built-in methods of the function (or constructors of the type)
/// whose name is `func`, as indices into [`Registry::methods`], in file
/// order.
pub fn methods_of(func: NameId) -> &'static [usize] {
    static BY_FUNC: OnceLock<HashMap<NameId, Vec<usize>, foldhash::fast::FixedState>> =
        OnceLock::new();
    BY_FUNC
        .get_or_init(|| {
            let mut by: HashMap<NameId, Vec<usize>, foldhash::fast::FixedState> =
                HashMap::default();
            for (i, m) in loaded().methods().iter().enumerate() {
                by.entry(m.func).or_default().push(i);
            }
            by
        })
        .get(&func)
        .map_or(&[], Vec::as_slice)
}

/// Load the built-in declarations, reporting any error in them.
pub fn try_julia() -> Result<Registry, DeclFileError> {
    let mut reg = Registry::new();
    load(&mut reg, DECLARATIONS, "julia-1.11.jl")?;
    load(&mut reg, METHODS, "julia-1.11-methods.jl")?;
    // `Main`, where user texts are read, sees Core's and Base's exports.
    enter_module(&mut reg, "Main");
    Ok(reg)
}
