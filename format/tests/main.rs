//! The integration tests of pcache-format, as one binary. `limits` is a
//! binary of its own: it installs a counting global allocator to measure
//! peak memory, which tests running beside it would disturb.

mod support;

mod corruption;
mod hostile_index;
mod layers;
mod merge_files;
mod model_fields;
mod properties;
mod session;
mod slice;
mod strip_builds;
mod verify_index;
