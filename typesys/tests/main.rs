//! The integration tests of pcache-typesys, as one binary.

mod builtin;
mod corpus_types;
mod julia_assertions;
mod revalidation;
mod rules;
mod scenarios;
mod support;
