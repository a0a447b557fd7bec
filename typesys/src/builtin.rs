//! The built-in declarations: Julia 1.11's Core, Base and standard
//! libraries (`typesys/builtin/julia-1.11.jl`, facts from Julia's source).

use std::sync::OnceLock;

use crate::types::declfile::{enter_module, load, DeclFileError};
use crate::types::Registry;

/// The Julia version the built-in declarations describe.
pub const JULIA_VERSION: &str = "1.11";

/// The declaration file's text.
pub const DECLARATIONS: &str = include_str!("../builtin/julia-1.11.jl");

/// A registry with Core, Base and the standard libraries declared.
pub fn julia() -> Registry {
    static REG: OnceLock<Result<Registry, DeclFileError>> = OnceLock::new();
    match REG.get_or_init(|| {
        let mut reg = Registry::new();
        load(&mut reg, DECLARATIONS, "julia-1.11.jl")?;
        // `Main`, where user texts are read, sees Core's and Base's exports.
        enter_module(&mut reg, "Main");
        Ok(reg)
    }) {
        Ok(r) => r.clone(),
        // The file ships with the crate and a test loads it: this cannot
        // fail in a released build; fall back to the kernel alone.
        Err(_) => Registry::new(),
    }
}

/// Load the built-in declarations, reporting any error in them.
pub fn try_julia() -> Result<Registry, DeclFileError> {
    let mut reg = Registry::new();
    load(&mut reg, DECLARATIONS, "julia-1.11.jl")?;
    enter_module(&mut reg, "Main");
    Ok(reg)
}
