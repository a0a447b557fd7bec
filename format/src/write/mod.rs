//! Writing images: the frame ([`frame`]), a package section from the owned
//! model ([`section`]) and files replaced atomically ([`output`]). Never
//! imports [`crate::read`].

pub mod frame;
pub mod output;
pub mod section;
