//! The rectification ledger (整改台账, `jianfu ledger`): every finding of the period as a row a
//! county office tracks until it is fixed — where, what, on what basis, what to do, who must
//! do it, by when — and, against the previous period's ledger, what became of each.
//!
//! Rows are matched across periods by the finding's fingerprint, the one baselines use (the
//! rule, the unit, the file and the item's name, never a line or an index). A finding of this
//! period is 新发现 (new), 未整改 (still open: it was open last period, its deadline kept and
//! the days overdue counted), or 反弹 (it was fixed in an earlier period and is back); a waived
//! finding is 豁免, with its approver and expiry. A finding open last period and gone now is
//! 已整改 (fixed). The JSON form carries every fingerprint ever fixed, so that a rebound is
//! recognised however many periods later it comes.
//!
//! This module builds the ledger from checked results, or from JSON reports made on several
//! machines and merged ([`facts_from_reports`]); [`xlsx`] and [`write_csv`] lay it out.

pub mod xlsx;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::config::LedgerSettings;
use crate::finding::{Clearance, Severity, Waived};
use crate::outcome::UnitResult;
use crate::report::merge::{ReadReport, ReportError, ReportFinding, open_json, read_reports};
use crate::wording::{Locale, keys};

/// The ledger's JSON format version; bumped on any incompatible change.
pub const LEDGER_FORMAT_VERSION: u32 = 1;

/// A text of the ledger that many entries repeat — a unit's names, a rule's basis and advice,
/// a label, a deadline — held once and shared ([`Shared`]).
pub type Text = Arc<str>;

/// The texts entries share, each held once: an entry was about 1.7 KB when each had its own
/// copies of the unit's names, its rule's basis and its advice (300,000 entries of 10,000
/// units took 500 MB).
#[derive(Default)]
pub struct Shared(HashSet<Text>);

impl Shared {
    /// `text`, as held once.
    pub fn text(&mut self, text: &str) -> Text {
        if let Some(held) = self.0.get(text) {
            return held.clone();
        }
        let held: Text = Arc::from(text);
        self.0.insert(held.clone());
        held
    }
}

/// The facts of a run so far, and the texts they share. They are kept in chunks of
/// [`FACTS_A_CHUNK`], each freed as soon as its facts have become entries: a single vector
/// would be held whole beside the entries, with up to as much again of room to grow (at
/// 300,000 facts of 280 bytes, 147 MB).
#[derive(Default)]
pub struct Facts {
    chunks: Vec<Vec<Fact>>,
    shared: Shared,
}

/// How many facts a chunk of [`Facts`] holds.
const FACTS_A_CHUNK: usize = 4096;

impl Facts {
    fn push(&mut self, fact: Fact) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < FACTS_A_CHUNK => chunk.push(fact),
            _ => {
                let mut chunk = Vec::with_capacity(FACTS_A_CHUNK);
                chunk.push(fact);
                self.chunks.push(chunk);
            }
        }
    }
}

/// What became of a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 新发现: first seen this period.
    New,
    /// 未整改: open last period and still there.
    Open,
    /// 反弹: fixed in an earlier period, back now.
    Rebound,
    /// 豁免: waived, with an approver and an expiry.
    Waived,
    /// 已整改: open last period, gone now.
    Fixed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::Rebound => "rebound",
            Status::Waived => "waived",
            Status::Fixed => "fixed",
        }
    }

    /// Whether the problem still has to be corrected.
    pub fn is_open(self) -> bool {
        matches!(self, Status::New | Status::Open | Status::Rebound)
    }
}

/// One row of the ledger.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// 1-based, in the ledger's order.
    pub number: usize,
    pub fingerprint: String,
    pub banner: Text,
    pub township: Text,
    pub unit_code: Text,
    pub unit: Text,
    /// The clearance's key (`groups`) and its label (清理微信群组).
    pub clearance: Text,
    pub clearance_label: Text,
    pub rule: Text,
    pub severity: Severity,
    /// 问题描述: the finding's message.
    pub problem: String,
    /// 政策依据.
    pub basis: Text,
    /// 整改措施: the finding's advice.
    pub measure: Text,
    /// 责任单位: the body that imposes the burden, when the data names one.
    pub body: Option<String>,
    /// 整改时限, `YYYY-MM-DD`.
    pub deadline: Text,
    pub status: Status,
    pub status_label: Text,
    /// Days past the deadline, for a problem still open after it.
    pub overdue_days: Option<i64>,
    /// The period the problem was first recorded in.
    pub first_period: Text,
    /// 备注.
    pub note: String,
}

/// Counts for a banner or a township.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// The league's own row, after every banner's.
    #[serde(default)]
    pub league: bool,
    pub banner: String,
    /// `None` for a banner's own row.
    pub township: Option<String>,
    pub new: usize,
    pub open: usize,
    pub rebound: usize,
    pub waived: usize,
    pub fixed: usize,
    /// Of last period's open problems, the share fixed now, in percent with one decimal
    /// (`None` without a previous ledger or with nothing open last period).
    pub rate: Option<f64>,
}

/// A whole ledger: what the renderers lay out and what `--format json` writes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ledger {
    pub version: u32,
    pub lang: String,
    /// The as-of date, `YYYY-MM-DD`.
    pub date: String,
    /// The units' reporting periods (`2025-Q2`).
    pub periods: Vec<String>,
    #[serde(deserialize_with = "entries_sharing_texts")]
    pub entries: Vec<Entry>,
    /// Totals per banner, each followed by its townships, and the league's last.
    pub totals: Vec<Totals>,
    /// Every fingerprint fixed so far, this period's included: a rebound is recognised however
    /// late it comes.
    pub fixed_before: Vec<String>,
}

/// Last period's entries, read one at a time with the texts they repeat held once, as a run's
/// own are ([`Shared`]): read as written, each kept its own copies (about 1.3 KB an entry).
fn entries_sharing_texts<'de, D>(deserializer: D) -> Result<Vec<Entry>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Entries;
    impl<'de> serde::de::Visitor<'de> for Entries {
        type Value = Vec<Entry>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
            formatter.write_str("a sequence of ledger entries")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Entry>, A::Error> {
            let mut shared = Shared::default();
            let mut entries = Vec::new();
            while let Some(entry) = seq.next_element::<Entry>()? {
                entries.push(entry.sharing_texts(&mut shared));
            }
            Ok(entries)
        }
    }
    deserializer.deserialize_seq(Entries)
}

impl Entry {
    /// This entry with its repeated texts taken from `shared`.
    fn sharing_texts(self, shared: &mut Shared) -> Entry {
        Entry {
            banner: shared.text(&self.banner),
            township: shared.text(&self.township),
            unit_code: shared.text(&self.unit_code),
            unit: shared.text(&self.unit),
            clearance: shared.text(&self.clearance),
            clearance_label: shared.text(&self.clearance_label),
            rule: shared.text(&self.rule),
            basis: shared.text(&self.basis),
            measure: shared.text(&self.measure),
            deadline: shared.text(&self.deadline),
            status_label: shared.text(&self.status_label),
            first_period: shared.text(&self.first_period),
            ..self
        }
    }
}

/// What shapes a ledger besides the results.
pub struct LedgerOptions<'a> {
    pub locale: Locale,
    /// The as-of date (overdue days are counted to it).
    pub date: NaiveDate,
    pub settings: LedgerSettings,
    pub calendar: &'a Calendar,
    pub previous: Option<&'a Ledger>,
}

/// One finding as the ledger needs it: worded, with its unit's names. Made from checked results
/// ([`Facts::add`]) or read from JSON reports made elsewhere ([`facts_from_reports`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub fingerprint: String,
    pub banner: Text,
    pub township: Text,
    pub unit_code: Text,
    pub unit: Text,
    pub period: Text,
    pub clearance: Clearance,
    pub rule: Text,
    pub severity: Severity,
    pub problem: String,
    pub basis: Text,
    pub measure: Text,
    /// The body that imposes the burden, spelt one way.
    pub body: Option<String>,
    pub waived: Option<Waived>,
}

impl Facts {
    /// Add the facts of one checked unit: a run keeps the facts, not the inventories.
    pub fn add(&mut self, result: &UnitResult, locale: &Locale) {
        let unit = &result.unit;
        let shared = &mut self.shared;
        let mut text = |field| shared.text(unit.unit_text(field).unwrap_or_default());
        let (banner, township, period) = (text("banner"), text("township"), text("period"));
        let unit_code = shared.text(unit.code.as_deref().unwrap_or_default());
        let name = shared.text(unit.unit_text("name").unwrap_or(&unit.dir));
        for finding in &result.findings {
            let fact = Fact {
                fingerprint: crate::baseline::fingerprint(finding).to_string(),
                banner: banner.clone(),
                township: township.clone(),
                unit_code: unit_code.clone(),
                unit: name.clone(),
                period: period.clone(),
                clearance: finding.rule.clearance,
                rule: self.shared.text(&finding.rule.id),
                severity: finding.severity,
                problem: locale.finding_message(finding),
                basis: self.shared.text(&finding.rule.basis),
                measure: self.shared.text(&locale.finding_help(finding)),
                body: body_of(finding.imposer.as_deref()),
                waived: finding.waived.as_deref().cloned(),
            };
            self.push(fact);
        }
    }
}

fn body_of(imposer: Option<&str>) -> Option<String> {
    imposer
        .and_then(crate::inventory::codes::body_name)
        .map(|b| b.into_owned())
}

/// Build the ledger of `facts`, compared with `options.previous` when given. The facts' texts
/// move into the rows: a province's ledger is held once, not twice.
pub fn build_ledger(facts: Facts, options: &LedgerOptions) -> Ledger {
    let Facts { chunks, mut shared } = facts;
    let count = chunks.iter().map(Vec::len).sum::<usize>();
    let mut labels = Labels::new(&options.locale);
    let locale = &options.locale;
    let previous: HashMap<&str, &Entry> = options
        .previous
        .map(|p| {
            p.entries
                .iter()
                .filter(|e| e.status != Status::Fixed)
                .map(|e| (e.fingerprint.as_str(), e))
                .collect()
        })
        .unwrap_or_default();
    let mut fixed_before: BTreeSet<String> = options
        .previous
        .map(|p| p.fixed_before.iter().cloned().collect())
        .unwrap_or_default();
    let mut periods: BTreeSet<Text> = BTreeSet::new();
    // Room for this period's entries and for every problem open last period becoming fixed:
    // the vector is never moved to grow.
    let mut entries: Vec<Entry> = Vec::with_capacity(count + previous.len());
    // The configuration's own findings (expired waivers) belong to no unit's ledger.
    for fact in chunks
        .into_iter()
        .flatten()
        .filter(|f| f.clearance != Clearance::Config)
    {
        if !fact.period.is_empty() && !periods.contains(&fact.period) {
            periods.insert(fact.period.clone());
        }
        entries.push(current_entry(
            fact,
            &previous,
            &fixed_before,
            options,
            (&mut shared, &mut labels),
        ));
    }
    // What was open last period and is gone now has been fixed.
    if let Some(previous) = options.previous {
        let seen: HashSet<&str> = entries.iter().map(|e| e.fingerprint.as_str()).collect();
        let status_label = labels.status(Status::Fixed);
        let note = locale.say(&keys::LEDGER_NOTE_FIXED);
        let fixed: Vec<Entry> = previous
            .entries
            .iter()
            .filter(|e| e.status != Status::Fixed && !seen.contains(e.fingerprint.as_str()))
            .map(|entry| Entry {
                status: Status::Fixed,
                status_label: status_label.clone(),
                overdue_days: None,
                note: note.clone(),
                ..entry.clone()
            })
            .collect();
        fixed_before.extend(fixed.iter().map(|e| e.fingerprint.clone()));
        entries.extend(fixed);
    }
    // A stable order whatever order the facts came in (one run, or reports merged). Entries
    // alike in all of it keep the order they came in: their place is the last key, which lets
    // the sort work in place (a stable sort borrows room for half the entries, 48 MB at
    // 300,000).
    for (i, entry) in entries.iter_mut().enumerate() {
        entry.number = i;
    }
    entries.sort_unstable_by(|a, b| {
        (
            &a.banner,
            &a.township,
            &a.unit_code,
            a.status == Status::Fixed,
            &a.fingerprint,
            a.number,
        )
            .cmp(&(
                &b.banner,
                &b.township,
                &b.unit_code,
                b.status == Status::Fixed,
                &b.fingerprint,
                b.number,
            ))
    });
    for (i, entry) in entries.iter_mut().enumerate() {
        entry.number = i + 1;
    }
    let periods: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
    Ledger {
        version: LEDGER_FORMAT_VERSION,
        lang: locale.tag().to_owned(),
        date: options.date.format("%Y-%m-%d").to_string(),
        periods,
        totals: totals(&entries, options.previous),
        entries,
        fixed_before: fixed_before.into_iter().collect(),
    }
}

/// The words entries of one status or clearance share, worded once each rather than for every
/// entry.
struct Labels<'a> {
    locale: &'a Locale,
    status: BTreeMap<Status, Text>,
    clearance: BTreeMap<Clearance, (Text, Text)>,
}

impl<'a> Labels<'a> {
    fn new(locale: &'a Locale) -> Labels<'a> {
        Labels {
            locale,
            status: BTreeMap::new(),
            clearance: BTreeMap::new(),
        }
    }

    fn status(&mut self, status: Status) -> Text {
        let locale = self.locale;
        self.status
            .entry(status)
            .or_insert_with(|| status_label(status, locale).into())
            .clone()
    }

    /// The clearance's key (`groups`) and its label (清理微信群组).
    fn clearance(&mut self, clearance: Clearance) -> (Text, Text) {
        let locale = self.locale;
        self.clearance
            .entry(clearance)
            .or_insert_with(|| {
                (
                    clearance.as_str().into(),
                    locale.clearance(clearance).into(),
                )
            })
            .clone()
    }
}

/// The row of a finding of this period.
fn current_entry(
    fact: Fact,
    previous: &HashMap<&str, &Entry>,
    fixed_before: &BTreeSet<String>,
    options: &LedgerOptions,
    (shared, labels): (&mut Shared, &mut Labels),
) -> Entry {
    let locale = &options.locale;
    let earlier = previous.get(fact.fingerprint.as_str());
    let status = match (&fact.waived, earlier) {
        (Some(_), _) => Status::Waived,
        (None, Some(_)) => Status::Open,
        (None, None) if fixed_before.contains(&fact.fingerprint) => Status::Rebound,
        (None, None) => Status::New,
    };
    // A problem still open keeps the deadline it was given; a new or returning one gets one
    // from its period's end.
    let deadline = match earlier {
        Some(entry) if status == Status::Open => entry.deadline.clone(),
        _ => shared.text(&new_deadline(&fact, options)),
    };
    let overdue_days = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d")
        .ok()
        .map(|d| (options.date - d).num_days())
        .filter(|days| status.is_open() && *days > 0);
    let note = match (&fact.waived, overdue_days) {
        (Some(waived), _) => locale.text(
            &keys::LEDGER_NOTE_WAIVED,
            &[
                ("approver", waived.approver.as_str().into()),
                ("expires", waived.expires.as_str().into()),
                ("reason", waived.reason.as_str().into()),
            ],
            crate::wording::Form::Yaml,
        ),
        (None, Some(days)) => locale.text(
            &keys::LEDGER_NOTE_OVERDUE,
            &[("days", days.into())],
            crate::wording::Form::Yaml,
        ),
        (None, None) => String::new(),
    };
    let first_period = match earlier {
        Some(entry) if status == Status::Open => entry.first_period.clone(),
        _ => fact.period,
    };
    let (clearance, clearance_label) = labels.clearance(fact.clearance);
    Entry {
        number: 0,
        fingerprint: fact.fingerprint,
        banner: fact.banner,
        township: fact.township,
        unit_code: fact.unit_code,
        unit: fact.unit,
        clearance,
        clearance_label,
        rule: fact.rule,
        severity: fact.severity,
        problem: fact.problem,
        basis: fact.basis,
        measure: fact.measure,
        body: fact.body,
        deadline,
        status,
        status_label: labels.status(status),
        overdue_days,
        first_period,
        note,
    }
}

/// The period's last day plus the severity's days, off rest days; from the as-of date when the
/// unit gives no period.
fn new_deadline(fact: &Fact, options: &LedgerOptions) -> String {
    let start = crate::inventory::unit::period_end(&fact.period).unwrap_or(options.date);
    options
        .calendar
        .working_day_after(start, options.settings.days(fact.severity))
        .format("%Y-%m-%d")
        .to_string()
}

pub fn status_label(status: Status, locale: &Locale) -> String {
    locale.text(
        &keys::LEDGER_STATUS,
        &[("status", status.as_str().into())],
        crate::wording::Form::Yaml,
    )
}

/// Totals per banner (each followed by its townships) and for the league, with the share of
/// last period's open problems fixed now.
fn totals(entries: &[Entry], previous: Option<&Ledger>) -> Vec<Totals> {
    let mut areas: BTreeMap<(Text, Option<Text>), Totals> = BTreeMap::new();
    let mut league = Totals {
        league: true,
        ..Totals::default()
    };
    for entry in entries {
        let keys = [
            (entry.banner.clone(), None),
            (entry.banner.clone(), Some(entry.township.clone())),
        ];
        for (banner, township) in keys {
            let totals = areas
                .entry((banner.clone(), township.clone()))
                .or_insert_with(|| Totals {
                    banner: banner.to_string(),
                    township: township.map(|t| t.to_string()),
                    ..Totals::default()
                });
            count(totals, entry.status);
        }
        count(&mut league, entry.status);
    }
    let mut rows: Vec<Totals> = areas.into_values().collect();
    rows.push(league);
    if previous.is_some() {
        for totals in &mut rows {
            // Last period's open problems are now either fixed or still open (open or waived).
            let due = totals.fixed + totals.open;
            totals.rate = (due > 0).then(|| {
                let tenths = (totals.fixed * 1000 + due / 2) / due;
                tenths as f64 / 10.0
            });
        }
    }
    rows
}

fn count(totals: &mut Totals, status: Status) {
    match status {
        Status::New => totals.new += 1,
        Status::Open => totals.open += 1,
        Status::Rebound => totals.rebound += 1,
        Status::Waived => totals.waived += 1,
        Status::Fixed => totals.fixed += 1,
    }
}

/// Why a previous ledger or a report could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("{0}")]
    Read(String),
}

/// The facts of JSON reports (`jianfu check --format json`) made on several machines — each
/// banner its own units, or CI jobs one per banner — after checking that they agree: the same
/// jianfu, the same rules in force, the same language and one reporting period.
pub fn facts_from_reports(paths: &[std::path::PathBuf]) -> Result<(Facts, String), LedgerError> {
    let mut facts = Facts::default();
    let first = read_reports(paths, &mut facts).map_err(|e| LedgerError::Read(e.to_string()))?;
    let lang = first.map(|tool| tool.lang).unwrap_or_default();
    Ok((facts, lang))
}

/// Each finding of the reports as a fact of the ledger.
impl ReadReport<ReportFinding> for Facts {
    fn wants_units(&self) -> bool {
        false
    }

    fn finding(&mut self, finding: ReportFinding) -> Result<(), ReportError> {
        let fact = fact_of(finding, &mut self.shared);
        self.push(fact);
        Ok(())
    }
}

/// A report's finding as a fact of the ledger.
fn fact_of(finding: ReportFinding, shared: &mut Shared) -> Fact {
    let unit = match &finding.unit_name {
        Some(name) => shared.text(name),
        None => {
            let dir = Path::new(&finding.file).parent();
            shared.text(&dir.map(|p| p.display().to_string()).unwrap_or_default())
        }
    };
    Fact {
        banner: shared.text(finding.banner.as_deref().unwrap_or_default()),
        township: shared.text(finding.township.as_deref().unwrap_or_default()),
        unit_code: shared.text(finding.unit.as_deref().unwrap_or_default()),
        unit,
        period: shared.text(finding.period.as_deref().unwrap_or_default()),
        clearance: finding.clearance,
        rule: shared.text(&finding.rule),
        severity: finding.severity,
        basis: shared.text(&finding.basis),
        measure: shared.text(&finding.help),
        body: body_of(finding.imposer.as_deref()),
        waived: finding.waived.map(Waived::from),
        fingerprint: finding.fingerprint,
        problem: finding.message,
    }
}

/// Read a ledger written by `jianfu ledger --format json`.
pub fn read_ledger(path: &std::path::Path) -> Result<Ledger, LedgerError> {
    let reader = open_json(path).map_err(|e| LedgerError::Read(e.to_string()))?;
    let not_a_ledger = |error: String| {
        LedgerError::Read(crate::wording::current().text(
            &keys::LEDGER_NOT_A_LEDGER,
            &[
                ("path", path.display().to_string().into()),
                ("error", error.into()),
            ],
            crate::wording::Form::Yaml,
        ))
    };
    let ledger: Ledger = serde_json::from_reader(reader)
        .map_err(|e| not_a_ledger(crate::source::json_error_in_file(&e, path)))?;
    if ledger.version != LEDGER_FORMAT_VERSION {
        return Err(not_a_ledger(format!("version {}", ledger.version)));
    }
    Ok(ledger)
}

/// The ledger's columns, in order, as the office reads them.
pub fn header(locale: &Locale) -> Vec<String> {
    [
        &keys::LEDGER_COLUMN_NUMBER,
        &keys::LEDGER_COLUMN_BANNER,
        &keys::LEDGER_COLUMN_TOWNSHIP,
        &keys::LEDGER_COLUMN_UNIT,
        &keys::LEDGER_COLUMN_CLEARANCE,
        &keys::LEDGER_COLUMN_PROBLEM,
        &keys::LEDGER_COLUMN_BASIS,
        &keys::LEDGER_COLUMN_MEASURE,
        &keys::LEDGER_COLUMN_RESPONSIBLE,
        &keys::LEDGER_COLUMN_DEADLINE,
        &keys::LEDGER_COLUMN_STATUS,
        &keys::LEDGER_COLUMN_NOTE,
    ]
    .into_iter()
    .map(|key| locale.say(key))
    .collect()
}

/// An entry's cells, in the order of [`header`], made printable and fit for a workbook's XML
/// ([`printable_xml`](crate::source::printable_xml)): a unit's name comes from its `unit.yaml`
/// as written, escapes and all, and may have come through a JSON report from elsewhere.
pub fn cells(entry: &Entry, locale: &Locale) -> Vec<String> {
    let responsible = match &entry.body {
        Some(body) => locale.text(
            &keys::LEDGER_RESPONSIBLE,
            &[
                ("body", body.as_str().into()),
                ("unit", entry.unit.as_ref().into()),
            ],
            crate::wording::Form::Yaml,
        ),
        None => entry.unit.to_string(),
    };
    [
        &entry.number.to_string(),
        &*entry.banner,
        &*entry.township,
        &*entry.unit,
        &*entry.clearance_label,
        &entry.problem,
        &*entry.basis,
        &*entry.measure,
        &responsible,
        &*entry.deadline,
        &*entry.status_label,
        &entry.note,
    ]
    .into_iter()
    .map(|text| crate::source::printable_xml(text).into_owned())
    .collect()
}

/// The ledger as CSV, written as it is laid out: UTF-8 with a BOM, so that Excel and WPS open
/// it as UTF-8; a cell that starts like a formula (a unit named `=HYPERLINK(…)`) is guarded
/// so that the program shows it rather than runs it.
pub fn write_csv(ledger: &Ledger, locale: &Locale, out: &mut dyn Write) -> std::io::Result<()> {
    use crate::inventory::sheet::grid::guard_formula;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header(locale))?;
    for entry in &ledger.entries {
        let row = cells(entry, locale);
        let guarded: Vec<std::borrow::Cow<str>> =
            row.iter().map(|cell| guard_formula(cell)).collect();
        writer.write_record(guarded.iter().map(|cell| cell.as_bytes()))?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_held_once_however_often_it_is_asked_for() {
        let mut shared = Shared::default();
        let banner = shared.text("科尔沁右翼前旗");
        let again = shared.text(&String::from("科尔沁右翼前旗"));
        assert!(Arc::ptr_eq(&banner, &again));
        assert_eq!(&*again, "科尔沁右翼前旗");
        let other = shared.text("乌兰浩特市");
        assert!(!Arc::ptr_eq(&banner, &other));
        assert_eq!(shared.0.len(), 2);
    }

    /// A ledger read back (next period's `--previous`) is the ledger written, its repeated
    /// texts held once.
    #[test]
    fn a_ledger_read_back_shares_the_texts_its_entries_repeat() {
        let ledger = build_ledger(alike_facts(4), &options(&Calendar::published()));
        let text = serde_json::to_string(&ledger).unwrap();
        let read: Ledger = serde_json::from_str(&text).unwrap();
        assert_eq!(read.entries, ledger.entries);
        let (first, second) = (&read.entries[0], &read.entries[1]);
        assert!(Arc::ptr_eq(&first.banner, &second.banner));
        assert!(Arc::ptr_eq(&first.basis, &second.basis));
        assert!(Arc::ptr_eq(&first.status_label, &second.status_label));
        let not_a_list = text.replacen("\"entries\":[", "\"entries\":{\"x\":[", 1);
        assert!(serde_json::from_str::<Ledger>(&not_a_list).is_err());
    }

    /// `count` facts alike in everything the ledger orders by but their unit (甲, 乙 or 丙)
    /// and their problem (第0条, 第1条, …).
    fn alike_facts(count: usize) -> Facts {
        let mut facts = Facts::default();
        for i in 0..count {
            let unit = ["甲", "乙", "丙"][i * 7 % 3];
            let fact = Fact {
                fingerprint: "0123456789abcdef".to_owned(),
                banner: facts.shared.text("科尔沁右翼前旗"),
                township: facts.shared.text("大石寨镇"),
                unit_code: facts.shared.text(unit),
                unit: facts.shared.text(unit),
                period: facts.shared.text("2025-Q2"),
                clearance: Clearance::Groups,
                rule: facts.shared.text("GROUP-003"),
                severity: Severity::Warning,
                problem: format!("第{i}条"),
                basis: facts.shared.text("清单报送格式 v1（docs/inventory.md）"),
                measure: facts.shared.text(""),
                body: None,
                waived: None,
            };
            facts.push(fact);
        }
        facts
    }

    fn options(calendar: &Calendar) -> LedgerOptions<'_> {
        LedgerOptions {
            locale: Locale::from(crate::finding::Lang::Zh),
            date: NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
            settings: LedgerSettings::default(),
            calendar,
            previous: None,
        }
    }

    /// Two problems alike in everything the ledger orders by (the same rule on two items of
    /// the same name) stay in the order they came in, as a stable sort would keep them.
    #[test]
    fn entries_alike_in_every_key_keep_the_order_they_came_in() {
        // Enough of them for the sort to partition rather than insert one by one.
        let facts = alike_facts(300);
        let came: Vec<(Text, String)> = (facts.chunks.iter().flatten())
            .map(|f| (f.unit_code.clone(), f.problem.clone()))
            .collect();
        let ledger = build_ledger(facts, &options(&Calendar::published()));
        // By unit code (丙 U+4E19, 乙 U+4E59, 甲 U+7532), then as they came.
        let mut expected: Vec<&(Text, String)> = came.iter().collect();
        expected.sort_by_key(|(unit, _)| unit.clone());
        let order: Vec<(usize, &str)> = ledger
            .entries
            .iter()
            .map(|e| (e.number, e.problem.as_str()))
            .collect();
        let expected: Vec<(usize, &str)> = (1..)
            .zip(expected.iter().map(|(_, problem)| problem.as_str()))
            .collect();
        assert_eq!(order, expected);
    }
}
