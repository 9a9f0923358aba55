//! jianfu (减负): checks grassroots burden-reduction inventories against declarative policies.
//!
//! The pipeline, one module per stage: [`discover`] → [`load`] → [`inventory`] (validation and
//! SUBMIT findings) → [`policy`] (compiled rules) → [`eval`] → [`report`]. [`source`],
//! [`finding`] and [`outcome`] are the shared vocabulary; [`check`] drives the stages; [`triage`] applies
//! waivers, baselines ([`baseline`]) and filters between the engine and the reports; [`period`]
//! counts a previous period for TREND-001 and bulletins; [`lsp`] serves editors; [`cli`] is the
//! edge.
//!
//! Contributors' docs include private items (`cargo doc --document-private-items`, which
//! `.ci/run` builds with warnings as errors), so public items may link to private ones.
#![allow(rustdoc::private_intra_doc_links)]

pub mod baseline;
pub mod bulletin;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod config;
pub mod discover;
pub mod eval;
pub mod finding;
pub mod inventory;
pub mod ledger;
pub mod load;
pub mod lsp;
pub mod outcome;
pub mod period;
pub mod policy;
pub mod report;
pub mod serve;
pub mod source;
pub mod testing;
pub mod triage;
pub mod wording;
