//! jianfu (减负): checks grassroots burden-reduction inventories against declarative policies.
//!
//! The pipeline, one module per stage: [`discover`] → [`load`] → [`inventory`] (validation and
//! SUBMIT findings) → [`policy`] (compiled rules) → [`eval`] → [`report`]. [`source`] and
//! [`finding`] are the shared vocabulary; [`check`] drives the stages; [`cli`] is the edge.

pub mod bulletin;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod eval;
pub mod finding;
pub mod inventory;
pub mod load;
pub mod period;
pub mod policy;
pub mod report;
pub mod source;
pub mod testing;
