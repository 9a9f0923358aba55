//! What checking a unit gives: the unit as loaded and its findings. Shared by the driver
//! ([`check`](crate::check)), the triage, the reports and the bulletin, so that none of them
//! needs the driver to name its input.

use crate::finding::Finding;
use crate::inventory::LoadedUnit;

/// One unit's outcome.
#[derive(Debug)]
pub struct UnitResult {
    pub unit: LoadedUnit,
    /// SUBMIT and policy findings, sorted by file, position and rule.
    pub findings: Vec<Finding>,
}
