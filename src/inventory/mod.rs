//! The inventory format v1: the model, its schemas, validation, unit codes, and loading a unit
//! into trees plus SUBMIT findings. Knows nothing of policies.

pub mod codes;
pub mod emit;
pub mod model;
pub mod schema;
pub mod sheet;
pub mod unit;
pub mod validate;
pub mod vocabulary;

pub use schema::Kind;
pub use unit::{LoadOptions, LoadedFile, LoadedUnit, SubmitRules, load_unit, unit_from_texts};
