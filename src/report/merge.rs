//! JSON reports read back: the league's side of a run split across machines.
//!
//! Banners check their own units, or CI checks the league one banner per job, each writing
//! `check --format json`; the league reads the reports and merges them into one ledger
//! (`jianfu ledger --reports`) or one bulletin (`jianfu bulletin --reports`, which needs the
//! units' records, `--with-units`). Reports merge only when they agree on what makes them
//! comparable: the report format, the jianfu version, the rules in force, the language of the
//! messages, and one reporting period.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use compact_str::CompactString;
use serde::Deserialize;

use crate::bulletin::facts::UnitRecord;
use crate::finding::{Clearance, Severity, Waived};
use crate::wording::{Form, keys};

use super::json::JSON_FORMAT_VERSION;

/// Why reports could not be read or merged, in the current language.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ReportError(pub String);

/// Largest JSON file read (a report, or a previous ledger).
const MAX_JSON_BYTES: u64 = 1024 * 1024 * 1024;

/// A JSON file opened for reading: a regular file of at most [`MAX_JSON_BYTES`].
pub fn open_json(path: &Path) -> Result<std::io::BufReader<std::fs::File>, ReportError> {
    let unreadable = |error: String| {
        ReportError(crate::wording::current().text(
            &keys::JSON_UNREADABLE,
            &[
                ("path", path.display().to_string().into()),
                ("error", error.into()),
            ],
            Form::Yaml,
        ))
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if !meta.is_file() || meta.len() > MAX_JSON_BYTES {
        return Err(unreadable(
            crate::wording::current().say(&keys::BASELINE_NOT_REGULAR),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    Ok(std::io::BufReader::with_capacity(1 << 16, file))
}

/// What merged reports must agree on: the tool's version, the rules in force, the language.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct ReportTool {
    pub version: String,
    pub policies: String,
    pub lang: String,
}

/// A JSON report, as far as merging reads it: each finding as an `F`, which reads only the
/// fields its merge uses (a league's report holds hundreds of thousands of findings).
#[derive(Debug, Deserialize)]
#[serde(bound = "")]
pub struct Report<F: ReadFinding = ReportFinding> {
    pub version: u32,
    pub tool: ReportTool,
    pub findings: Vec<F>,
    /// The units checked, in the order of the findings (`--with-units` only), their items read
    /// as the reading of findings says.
    pub units: Option<Vec<UnitRecord<F::Item>>>,
}

/// The fields of a report's finding that merging reads.
#[derive(Debug, Deserialize)]
pub struct ReportFinding {
    pub rule: String,
    pub severity: Severity,
    pub clearance: Clearance,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    pub banner: Option<String>,
    pub township: Option<String>,
    pub period: Option<String>,
    pub file: String,
    pub path: String,
    pub imposer: Option<String>,
    pub message: String,
    pub help: String,
    pub basis: String,
    pub waived: Option<ReportWaived>,
    pub fingerprint: String,
}

/// What every reading of a report's finding has: its period, which merged reports must share;
/// and how the items of the report's unit records are read.
pub trait ReadFinding: for<'de> Deserialize<'de> + std::fmt::Debug {
    type Item: for<'de> Deserialize<'de> + std::fmt::Debug;

    fn period(&self) -> Option<&str>;
}

impl ReadFinding for ReportFinding {
    /// The ledger reads no items.
    type Item = serde::de::IgnoredAny;

    fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }
}

/// The fields of a report's finding that a merged bulletin reads; the short ones inline, for
/// every finding of a report is held until its unit records, which follow them, are read.
#[derive(Debug, Deserialize)]
pub struct BulletinReportFinding {
    pub rule: CompactString,
    pub severity: Severity,
    pub period: Option<CompactString>,
    pub path: CompactString,
    pub imposer: Option<CompactString>,
    pub message: String,
    /// Whether it is waived (what the waiver says is not read).
    pub waived: Option<serde::de::IgnoredAny>,
    pub fingerprint: CompactString,
}

impl ReadFinding for BulletinReportFinding {
    type Item = crate::bulletin::facts::ReadItem;

    fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }
}

#[derive(Debug, Deserialize)]
pub struct ReportWaived {
    reason: String,
    approver: String,
    expires: String,
}

impl From<ReportWaived> for Waived {
    fn from(waived: ReportWaived) -> Waived {
        Waived {
            reason: waived.reason,
            approver: waived.approver,
            expires: waived.expires,
        }
    }
}

/// Read JSON reports made on several machines, in the order given, one at a time, handing
/// each to `each` after checking that it agrees with the first: the same format, jianfu, rules
/// in force and language; and that all of them cover one reporting period. Returns the first
/// report's tool, or `None` when no path was given.
pub fn read_reports<F: ReadFinding>(
    paths: &[PathBuf],
    mut each: impl FnMut(Report<F>, &Path) -> Result<(), ReportError>,
) -> Result<Option<ReportTool>, ReportError> {
    let mut first: Option<ReportTool> = None;
    let mut periods: BTreeSet<String> = BTreeSet::new();
    for path in paths {
        let report = read_report(path)?;
        match &first {
            Some(first) => agree(first, &report.tool, path)?,
            None => first = Some(report.tool.clone()),
        }
        let unit_periods = report.units.iter().flatten().map(|u| u.period.as_deref());
        let finding_periods = report.findings.iter().map(ReadFinding::period);
        periods.extend(
            unit_periods
                .chain(finding_periods)
                .flatten()
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
        if periods.len() > 1 {
            let list: Vec<String> = periods.into_iter().collect();
            return Err(ReportError(crate::wording::current().text(
                &keys::REPORTS_PERIODS_DIFFER,
                &[("periods", list.join("、").into())],
                Form::Yaml,
            )));
        }
        each(report, path)?;
    }
    Ok(first)
}

fn read_report<F: ReadFinding>(path: &Path) -> Result<Report<F>, ReportError> {
    // Read as it is parsed: a league's report can be hundreds of megabytes.
    let report: Report<F> = serde_json::from_reader(open_json(path)?).map_err(|e| {
        ReportError(crate::wording::current().text(
            &keys::REPORT_NOT_A_REPORT,
            &[
                ("path", path.display().to_string().into()),
                ("error", e.to_string().into()),
            ],
            Form::Yaml,
        ))
    })?;
    if report.version != JSON_FORMAT_VERSION {
        return Err(mismatch(path, "version", &report.version.to_string()));
    }
    Ok(report)
}

/// Whether a report was made like the first one.
fn agree(first: &ReportTool, tool: &ReportTool, path: &Path) -> Result<(), ReportError> {
    for (what, ours, theirs) in [
        ("jianfu", &first.version, &tool.version),
        ("policies", &first.policies, &tool.policies),
        ("lang", &first.lang, &tool.lang),
    ] {
        if ours != theirs {
            return Err(mismatch(path, what, theirs));
        }
    }
    Ok(())
}

/// A report that differs from the first in `what`.
fn mismatch(path: &Path, what: &str, value: &str) -> ReportError {
    ReportError(crate::wording::current().text(
        &keys::REPORTS_DIFFER,
        &[
            ("path", path.display().to_string().into()),
            ("what", what.into()),
            ("value", value.into()),
        ],
        Form::Yaml,
    ))
}
