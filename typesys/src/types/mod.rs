//! Julia's type language, resolved: representation ([`ty`]), type names
//! and modules ([`registry`]), building normalized types ([`construct`]),
//! reading texts ([`mod@resolve`]) and printing them ([`mod@show`]), and the rules:
//! [`mod@subtype`], [`mod@intersect`], [`specificity`], [`dispatch`].

pub mod construct;
pub mod declfile;
pub mod dispatch;
pub mod intersect;
pub mod registry;
pub mod resolve;
pub mod show;
pub mod specificity;
pub mod subtype;
pub mod ty;

pub use dispatch::{match_methods, Matches};
pub use intersect::{intersect, intersect_checked, intersects};
pub use registry::{Binding, DeclaredMethod, Kind, Registry, TypeName};
pub use resolve::{resolve, type_from_text, ResolveError, TypeTextError};
pub use show::show;
pub use specificity::{morespecific, morespecific_checked};
pub use subtype::{subtype, subtype_checked, types_equal, types_equal_checked, Exhausted};
pub use ty::{NameId, Node, Ty, Value, Var};
