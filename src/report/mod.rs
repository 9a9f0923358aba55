//! Reporters: one file per output format. They read checked results and never re-evaluate.
//! [`Summary`] is the tally every format shares.
//!
//! Results stream through a [`Reporter`] one unit at a time, in discovery order, so that a
//! province is reported in the memory of one batch of units; a reporter keeps only what its
//! format must hold back until the end (JUnit's counts, the statistics table).

pub mod annotate;
pub mod concise;
pub mod explain;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod merge;
pub mod sarif;
pub mod spool;
pub mod statistics;

use std::io;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Clearance, Finding, Severity};
use crate::outcome::UnitResult;

/// An output format, fed one unit at a time.
pub trait Reporter {
    /// One unit's results (its findings already waived, baselined and filtered).
    fn unit(&mut self, result: &UnitResult) -> io::Result<()>;

    /// The end of the run: findings about the run itself (waivers in `jianfu.yaml`), and the
    /// totals, which count them too.
    fn finish(&mut self, end: &RunEnd) -> io::Result<()>;
}

/// Feed already-collected results through a reporter (tests and one-shot callers).
pub fn render_all(results: &[UnitResult], reporter: &mut dyn Reporter) -> io::Result<()> {
    for result in results {
        reporter.unit(result)?;
    }
    let summary = Summary::of(results);
    reporter.finish(&RunEnd {
        findings: &[],
        summary: &summary,
    })
}

/// What a reporter learns when every unit has been checked.
#[derive(Debug)]
pub struct RunEnd<'a> {
    /// Findings that belong to no unit: expired or unused waivers.
    pub findings: &'a [Finding],
    pub summary: &'a Summary,
}

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
    /// With `--baseline`: how many findings it absorbed, and how many of its entries no longer
    /// occur (by that many the baseline can be tightened).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineCounts>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BaselineCounts {
    pub absorbed: usize,
    pub stale: usize,
}

impl Summary {
    pub fn of(results: &[UnitResult]) -> Summary {
        let mut summary = Summary::default();
        for result in results {
            summary.add(result);
        }
        summary
    }

    /// Count one unit.
    pub fn add(&mut self, result: &UnitResult) {
        self.units += 1;
        self.files += result.unit.files.len();
        let open = self.add_findings(&result.findings);
        if open == 0 {
            self.units_clean += 1;
        }
    }

    /// Count findings, returning how many are open (not waived).
    pub fn add_findings(&mut self, findings: &[Finding]) -> usize {
        // Counted by the enums' positions first, then into the maps once a severity or
        // clearance: a unit has dozens of findings, and a map lookup each cost 1 % of a check.
        let mut severities = [0usize; Severity::ALL.len()];
        let mut clearances = [0usize; Clearance::ALL.len()];
        let mut open = 0;
        for finding in findings {
            if finding.waived.is_some() {
                self.waived += 1;
                continue;
            }
            open += 1;
            severities[finding.severity as usize] += 1;
            clearances[finding.rule.clearance as usize] += 1;
        }
        for severity in Severity::ALL {
            if let n @ 1.. = severities[severity as usize] {
                *self.by_severity.entry(severity).or_default() += n;
            }
        }
        for clearance in Clearance::ALL {
            if let n @ 1.. = clearances[clearance as usize] {
                *self.by_clearance.entry(clearance).or_default() += n;
            }
        }
        self.findings += open;
        open
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.by_severity.get(&severity).copied().unwrap_or(0)
    }

    /// The most serious severity found (waived findings aside).
    pub fn worst(&self) -> Option<Severity> {
        self.by_severity.keys().max().copied()
    }
}
