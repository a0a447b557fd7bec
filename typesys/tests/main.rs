//! The integration tests of pcache-typesys, as one binary.

mod type_query_fuzz;

mod builtin;
mod corpus_types;
mod fuzz_smoke_types;
mod julia_assertions;
mod revalidation;
mod rules;
