//! Reporters: one file per output format. They read checked results and never re-evaluate.
//! [`Summary`] is the tally every format shares.

pub mod explain;
pub mod human;
pub mod json;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::UnitResult;
use crate::finding::{Clearance, Severity};

/// Counts over a whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub units: usize,
    /// Units with no finding that is not waived.
    pub units_clean: usize,
    pub files: usize,
    /// Findings that are not waived.
    pub findings: usize,
    pub waived: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub by_clearance: BTreeMap<Clearance, usize>,
}

impl Summary {
    pub fn of(results: &[UnitResult]) -> Summary {
        let mut summary = Summary {
            units: results.len(),
            ..Summary::default()
        };
        for result in results {
            summary.files += result.unit.files.len();
            let mut open = 0;
            for finding in &result.findings {
                if finding.waived.is_some() {
                    summary.waived += 1;
                    continue;
                }
                open += 1;
                *summary.by_severity.entry(finding.severity).or_default() += 1;
                *summary
                    .by_clearance
                    .entry(finding.rule.clearance)
                    .or_default() += 1;
            }
            summary.findings += open;
            if open == 0 {
                summary.units_clean += 1;
            }
        }
        summary
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity.get(&severity).copied().unwrap_or(0)
    }

    /// The most serious severity found (waived findings aside).
    pub fn worst(&self) -> Option<Severity> {
        self.by_severity.keys().max().copied()
    }
}
