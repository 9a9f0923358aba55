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

/// What a report says of itself, read before its findings and units: its format's version
/// and the tool that made it. The findings and the unit records are then read side by side,
/// one unit at a time ([`read_reports`]): a league's report holds hundreds of thousands of
/// findings, and held whole, one report of 10,000 units took 290 MB.
#[derive(Debug)]
pub struct ReportHead {
    pub tool: ReportTool,
}

/// What reads reports: a report's head, then each unit's record with its findings, in order,
/// then the findings of no unit, then the report's end.
pub trait ReadReport<F: ReadFinding> {
    /// A report's head, before anything else of it; by default nothing is done with it.
    fn head(&mut self, _head: &ReportHead, _path: &Path) -> Result<(), ReportError> {
        Ok(())
    }
    /// Whether the units' records are read; when not, every finding is handed to
    /// [`finding`](ReadReport::finding) and the file is read once, not twice.
    fn wants_units(&self) -> bool {
        true
    }
    /// A unit's record with its findings; by default each finding is handed to
    /// [`finding`](ReadReport::finding).
    fn unit(&mut self, _record: UnitRecord<F::Item>, findings: Vec<F>) -> Result<(), ReportError> {
        findings
            .into_iter()
            .try_for_each(|finding| self.finding(finding))
    }
    /// A finding of no unit: every finding of a report without records, or the run's own
    /// findings (waivers), which follow the last unit's.
    fn finding(&mut self, finding: F) -> Result<(), ReportError>;
    /// The report's end, saying whether it held its units' records (`--with-units`; false
    /// when they were not read); by default nothing is done.
    fn end(&mut self, _has_units: bool, _path: &Path) -> Result<(), ReportError> {
        Ok(())
    }
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

/// A reading of a report's finding, with how the items of the report's unit records are read.
pub trait ReadFinding: serde::de::DeserializeOwned + std::fmt::Debug + Send {
    type Item: serde::de::DeserializeOwned + std::fmt::Debug;

    /// The finding's period, which merged reports must share.
    fn period(&self) -> Option<&str>;
}

impl ReadFinding for ReportFinding {
    /// The ledger reads no items.
    type Item = serde::de::IgnoredAny;

    fn period(&self) -> Option<&str> {
        self.period.as_deref()
    }
}

/// The fields of a report's finding that a merged bulletin reads; the short ones inline, for a
/// unit's findings are held until the unit is gathered.
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
/// each to `reader` after checking that it agrees with the first: the same format, jianfu,
/// rules in force and language; and that all of them cover one reporting period. A report's
/// findings and unit records are read side by side (two readers of the file, the findings'
/// on a thread of its own), so that only one unit's are in memory at a time; the periods are
/// compared once the report has been read, before its end is handed over. Returns the first
/// report's tool, or `None` when no path was given.
pub fn read_reports<F: ReadFinding>(
    paths: &[PathBuf],
    reader: &mut impl ReadReport<F>,
) -> Result<Option<ReportTool>, ReportError> {
    let mut first: Option<ReportTool> = None;
    let mut periods: BTreeSet<String> = BTreeSet::new();
    for path in paths {
        let head = read_head(path)?;
        match &first {
            Some(first) => agree(first, &head.tool, path)?,
            None => first = Some(head.tool.clone()),
        }
        reader.head(&head, path)?;
        let read = read_units(path, reader)?;
        periods.extend(read.periods.into_iter().filter(|p| !p.is_empty()));
        if periods.len() > 1 {
            let list: Vec<String> = periods.into_iter().collect();
            return Err(ReportError(crate::wording::current().text(
                &keys::REPORTS_PERIODS_DIFFER,
                &[("periods", list.join("、").into())],
                Form::Yaml,
            )));
        }
        reader.end(read.has_units, path)?;
    }
    Ok(first)
}

/// What is not a report: the file and what its parser says.
fn not_a_report(path: &Path, error: &dyn std::fmt::Display) -> ReportError {
    ReportError(crate::wording::current().text(
        &keys::REPORT_NOT_A_REPORT,
        &[
            ("path", path.display().to_string().into()),
            ("error", error.to_string().into()),
        ],
        Form::Yaml,
    ))
}

/// A report's version and tool, read from the top of the file: the reading stops once both
/// are read, as they are written first.
fn read_head(path: &Path) -> Result<ReportHead, ReportError> {
    let mut head = HeadOf::default();
    let mut json = serde_json::Deserializer::from_reader(open_json(path)?);
    let read = serde::Deserializer::deserialize_map(&mut json, &mut head);
    let (Some(version), Some(tool)) = (head.version, head.tool) else {
        let error = read.err().map_or_else(
            || "missing field `version` or `tool`".to_owned(),
            |e| crate::source::json_error_in_file(&e, path),
        );
        return Err(not_a_report(path, &error));
    };
    if version != JSON_FORMAT_VERSION {
        return Err(mismatch(path, "version", &version.to_string()));
    }
    Ok(ReportHead { tool })
}

/// The top-level object of a report as far as its `version` and `tool`.
#[derive(Default)]
struct HeadOf {
    version: Option<u32>,
    tool: Option<ReportTool>,
}

impl<'de> serde::de::Visitor<'de> for &mut HeadOf {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a jianfu JSON report")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => self.version = Some(map.next_value()?),
                "tool" => self.tool = Some(map.next_value()?),
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            if self.version.is_some() && self.tool.is_some() {
                // Both read: the rest is read by the findings' and the units' readers.
                return Err(serde::de::Error::custom("read"));
            }
        }
        Ok(())
    }
}

/// What reading a report's findings and units tells besides them.
struct ReadBack {
    has_units: bool,
    /// The periods its findings and unit records name.
    periods: BTreeSet<String>,
}

/// How many findings the findings' reader may read ahead of the unit records.
const FINDINGS_AHEAD: usize = 1024;

/// Hand each unit's record of the report at `path` to `reader` with its findings (a record
/// says how many of the findings, in order, are its own), then the findings left over. The
/// findings are read on a thread of their own and handed over through a bounded channel.
fn read_units<F: ReadFinding>(
    path: &Path,
    reader: &mut impl ReadReport<F>,
) -> Result<ReadBack, ReportError> {
    if !reader.wants_units() {
        let mut periods = BTreeSet::new();
        read_findings(path, &mut periods, &mut |finding| reader.finding(finding))?;
        return Ok(ReadBack {
            has_units: false,
            periods,
        });
    }
    let (send, findings) = std::sync::mpsc::sync_channel::<Result<F, ReportError>>(FINDINGS_AHEAD);
    std::thread::scope(|scope| {
        let read_findings = scope.spawn(move || {
            let mut periods = BTreeSet::new();
            let sent = read_findings(path, &mut periods, &mut |finding: F| {
                // Only fails when the units' side has stopped: nothing more is wanted.
                send.send(Ok(finding))
                    .map_err(|_| ReportError(String::new()))
            });
            if let Err(error) = sent {
                _ = send.send(Err(error));
            }
            periods
        });
        // Owns the receiving end, so that the findings' reader stops when this returns.
        let handed = move || {
            let mut findings = findings.into_iter();
            let mut periods = BTreeSet::new();
            let has_units = read_each(path, "units", &mut |record: UnitRecord<F::Item>| {
                add_period(&mut periods, record.period.as_deref());
                let own = findings
                    .by_ref()
                    .take(record.findings)
                    .collect::<Result<Vec<F>, _>>()?;
                reader.unit(record, own)
            })?;
            findings.try_for_each(|finding| reader.finding(finding?))?;
            Ok(ReadBack { has_units, periods })
        };
        let mut read = handed()?;
        // The findings' reader has sent its last finding: it has ended.
        if let Ok(periods) = read_findings.join() {
            read.periods.extend(periods);
        }
        Ok(read)
    })
}

/// Hand each finding of the report to `each` as it is parsed, adding the periods they name to
/// `periods`. A report without its list of findings is refused, never read as one without.
fn read_findings<F: ReadFinding>(
    path: &Path,
    periods: &mut BTreeSet<String>,
    each: &mut dyn FnMut(F) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    let found = read_each(path, "findings", &mut |finding: F| {
        add_period(periods, finding.period());
        each(finding)
    })?;
    match found {
        true => Ok(()),
        false => Err(not_a_report(path, &"missing field `findings`")),
    }
}

fn add_period(periods: &mut BTreeSet<String>, period: Option<&str>) {
    if let Some(period) = period.filter(|p| !periods.contains(*p)) {
        periods.insert(period.to_owned());
    }
}

/// Hand each element of the report's top-level list `field` to `each` as it is parsed, and
/// say whether the list was there (`null` is no list). The first error `each` returns ends the
/// reading and is returned as it is.
fn read_each<T: serde::de::DeserializeOwned>(
    path: &Path,
    field: &'static str,
    each: &mut dyn FnMut(T) -> Result<(), ReportError>,
) -> Result<bool, ReportError> {
    let mut refused = None;
    let mut found = false;
    let mut json = serde_json::Deserializer::from_reader(open_json(path)?);
    let read = serde::Deserializer::deserialize_map(
        &mut json,
        FieldOf {
            field,
            each: EachOf {
                each,
                refused: &mut refused,
                found: &mut found,
            },
        },
    );
    match (refused, read) {
        (Some(refused), _) => Err(refused),
        (None, Err(e)) => Err(not_a_report(
            path,
            &crate::source::json_error_in_file(&e, path),
        )),
        (None, Ok(())) => Ok(found),
    }
}

/// A report's top-level object, of which the list `field` is read by `each`; the other fields
/// are stepped over.
struct FieldOf<'a, T> {
    field: &'static str,
    each: EachOf<'a, T>,
}

impl<'de, T: serde::de::DeserializeOwned> serde::de::Visitor<'de> for FieldOf<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a jianfu JSON report")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let FieldOf { field, each } = self;
        while let Some(key) = map.next_key::<String>()? {
            if key == field {
                map.next_value_seed(EachOf {
                    each: &mut *each.each,
                    refused: &mut *each.refused,
                    found: &mut *each.found,
                })?;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// A list whose elements are handed to `each` as they are parsed; `null` is an empty list.
struct EachOf<'a, T> {
    each: &'a mut dyn FnMut(T) -> Result<(), ReportError>,
    /// The error `each` returned, which ended the reading.
    refused: &'a mut Option<ReportError>,
    /// Whether the list was there.
    found: &'a mut bool,
}

impl<'de, T: serde::de::DeserializeOwned> serde::de::DeserializeSeed<'de> for EachOf<'_, T> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, json: D) -> Result<(), D::Error> {
        json.deserialize_option(self)
    }
}

impl<'de, T: serde::de::DeserializeOwned> serde::de::Visitor<'de> for EachOf<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, json: D) -> Result<(), D::Error> {
        json.deserialize_seq(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        *self.found = true;
        while let Some(element) = seq.next_element::<T>()? {
            if let Err(error) = (self.each)(element) {
                *self.refused = Some(error);
                return Err(serde::de::Error::custom("refused"));
            }
        }
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reader was handed, in order.
    #[derive(Default)]
    struct Seen {
        events: Vec<String>,
        /// Refuse the unit with this code.
        refuse: Option<&'static str>,
        /// Read no unit records.
        without_units: bool,
    }

    impl ReadReport<ReportFinding> for Seen {
        fn head(&mut self, head: &ReportHead, _: &Path) -> Result<(), ReportError> {
            self.events.push(format!("head {}", head.tool.lang));
            Ok(())
        }
        fn wants_units(&self) -> bool {
            !self.without_units
        }
        fn unit(
            &mut self,
            record: UnitRecord<serde::de::IgnoredAny>,
            findings: Vec<ReportFinding>,
        ) -> Result<(), ReportError> {
            let code = record.code.unwrap_or_default();
            if self.refuse == Some(code.as_str()) {
                return Err(ReportError(format!("refused {code}")));
            }
            let rules: Vec<String> = findings.into_iter().map(|f| f.rule).collect();
            self.events.push(format!("unit {code} {}", rules.join(" ")));
            Ok(())
        }
        fn finding(&mut self, finding: ReportFinding) -> Result<(), ReportError> {
            self.events.push(format!("finding {}", finding.rule));
            Ok(())
        }
        fn end(&mut self, has_units: bool, _: &Path) -> Result<(), ReportError> {
            self.events.push(format!("end {has_units}"));
            Ok(())
        }
    }

    fn finding(rule: &str, period: &str) -> String {
        format!(
            r#"{{"rule":"{rule}","severity":"error","clearance":"groups","unit":null,"unit_name":null,"banner":null,"township":null,"period":"{period}","file":"f","path":"p","imposer":null,"message":"m","help":"h","basis":"b","waived":null,"fingerprint":"0"}}"#
        )
    }

    fn record(code: &str, period: &str, findings: usize) -> String {
        format!(
            r#"{{"dir":"d","code":"{code}","name":null,"kind":null,"banner":null,"township":null,"period":"{period}","sections":{{}},"findings":{findings},"items":{{}}}}"#
        )
    }

    const TOOL: &str = r#"{"name":"jianfu","version":"0.1.0","policies":"x","lang":"zh"}"#;

    /// A report as `check` writes it: version and tool, the findings, then the units.
    fn report(findings: &[String], units: Option<&[String]>) -> String {
        let units = units.map_or("null".to_owned(), |u| format!("[{}]", u.join(",")));
        format!(
            r#"{{"version":1,"tool":{TOOL},"findings":[{}],"units":{units}}}"#,
            findings.join(",")
        )
    }

    fn read(texts: &[String], reader: &mut Seen) -> Result<Vec<String>, String> {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = texts
            .iter()
            .enumerate()
            .map(|(at, text)| {
                let path = dir.path().join(format!("{at}.json"));
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        read_reports(&paths, reader)
            .map(|_| std::mem::take(&mut reader.events))
            .map_err(|e| e.to_string())
    }

    /// Each unit is handed the findings its record counts, in order, then what is left over
    /// belongs to no unit; the keys of a report may come in any order.
    #[test]
    fn units_are_handed_their_own_findings() {
        let findings: Vec<String> = ["A", "B", "C", "W"]
            .iter()
            .map(|r| finding(r, "2025-Q2"))
            .collect();
        let units = [
            record("1", "2025-Q2", 2),
            record("2", "2025-Q2", 0),
            record("3", "2025-Q2", 1),
        ];
        let expected = [
            "head zh",
            "unit 1 A B",
            "unit 2 ",
            "unit 3 C",
            "finding W",
            "end true",
        ];
        let written = report(&findings, Some(&units));
        assert_eq!(read(&[written], &mut Seen::default()).unwrap(), expected);
        let reordered = format!(
            r#"{{"units":[{}],"findings":[{}],"tool":{TOOL},"version":1}}"#,
            units.join(","),
            findings.join(",")
        );
        assert_eq!(read(&[reordered], &mut Seen::default()).unwrap(), expected);
        // A report without records: every finding is nobody's.
        let plain = report(&findings[..2], None);
        assert_eq!(
            read(&[plain], &mut Seen::default()).unwrap(),
            ["head zh", "finding A", "finding B", "end false"]
        );
        // A reader that wants no records is handed every finding as nobody's.
        let mut without_units = Seen {
            without_units: true,
            ..Seen::default()
        };
        let written = report(&findings[..2], Some(&units));
        assert_eq!(
            read(&[written], &mut without_units).unwrap(),
            ["head zh", "finding A", "finding B", "end false"]
        );
        // A reader that does not take units one by one is handed their findings in order.
        struct Flat(Vec<String>);
        impl ReadReport<ReportFinding> for Flat {
            fn finding(&mut self, finding: ReportFinding) -> Result<(), ReportError> {
                self.0.push(finding.rule);
                Ok(())
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("flat.json");
        std::fs::write(&path, report(&findings, Some(&units))).unwrap();
        let mut flat = Flat(Vec::new());
        read_reports(&[path], &mut flat).unwrap();
        assert_eq!(flat.0, ["A", "B", "C", "W"]);
        // Records that count more findings than there are take what there is.
        let short = report(&findings[..1], Some(&units));
        assert_eq!(
            read(&[short], &mut Seen::default()).unwrap(),
            ["head zh", "unit 1 A", "unit 2 ", "unit 3 ", "end true"]
        );
    }

    /// Reports of different periods are refused, naming every period they cover.
    #[test]
    fn reports_of_different_periods_are_refused() {
        let first = report(
            &[finding("A", "2025-Q2")],
            Some(&[record("1", "2025-Q2", 1)]),
        );
        let second = report(
            &[finding("A", "2025-Q1"), finding("B", "2024-Q4")],
            Some(&[record("2", "2025-Q1", 2)]),
        );
        let error = read(&[first.clone(), second], &mut Seen::default()).unwrap_err();
        assert!(error.contains("2024-Q4、2025-Q1、2025-Q2"), "{error}");
        let same = report(&[], Some(&[record("3", "2025-Q2", 0)]));
        assert!(read(&[first, same], &mut Seen::default()).is_ok());
    }

    /// A broken report is named and refused, never a panic or a hang, whatever is broken;
    /// a reader's refusal ends the reading (the findings' reader, blocked far ahead, stops).
    #[test]
    fn broken_reports_and_refusals_end_the_reading() {
        let many: Vec<String> = (0..5000).map(|_| finding("A", "2025-Q2")).collect();
        let units = [record("1", "2025-Q2", 4000), record("2", "2025-Q2", 1000)];
        let whole = report(&many, Some(&units));
        let mut refusing = Seen {
            refuse: Some("1"),
            ..Seen::default()
        };
        assert_eq!(
            read(std::slice::from_ref(&whole), &mut refusing).unwrap_err(),
            "refused 1"
        );
        let cut = &whole[..whole.len() - 200];
        for broken in [
            cut.to_owned(),
            whole.replace(r#""version":1"#, r#""version":"1""#),
            whole.replace(r#""findings":4000"#, r#""findings":"many""#),
            "[]".to_owned(),
            String::new(),
        ] {
            let error = read(&[broken], &mut Seen::default()).unwrap_err();
            assert!(error.contains("0.json"), "{error}");
        }
        // Without its findings a report is not read as one without findings, whether or not
        // its records are read.
        let without = whole.replace(r#""findings":["#, r#""finding":["#);
        let error = read(std::slice::from_ref(&without), &mut Seen::default()).unwrap_err();
        assert!(error.contains("`findings`"), "{error}");
        let mut without_units = Seen {
            without_units: true,
            ..Seen::default()
        };
        let error = read(&[without], &mut without_units).unwrap_err();
        assert!(error.contains("`findings`"), "{error}");
        let other = whole.replace(r#""version":1"#, r#""version":2"#);
        let error = read(&[other], &mut Seen::default()).unwrap_err();
        assert!(error.contains("version") && error.contains('2'), "{error}");
    }
}
