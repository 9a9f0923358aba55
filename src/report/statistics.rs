//! `--statistics`: findings per rule instead of the findings themselves, like
//! `ruff --statistics` — which rules fire most, and in how many units. As a table, or as JSON
//! with `--format json`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::finding::Finding;
use crate::outcome::UnitResult;
use crate::wording::{Locale, keys};

use super::{Reporter, RunEnd};

/// One rule's line.
#[derive(Debug, Default, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub name: String,
    pub severity: &'static str,
    pub clearance: &'static str,
    /// The severity in the report's language, for the table.
    #[serde(skip)]
    severity_label: String,
    /// Open findings (waived ones aside).
    pub count: usize,
    /// Units with at least one of them.
    pub units: usize,
    #[serde(skip)]
    unit_keys: BTreeSet<String>,
}

pub struct StatisticsReporter<W: Write> {
    locale: Locale,
    json: bool,
    rules: BTreeMap<String, RuleCount>,
    out: W,
}

impl<W: Write> StatisticsReporter<W> {
    pub fn new(locale: Locale, json: bool, out: W) -> Self {
        StatisticsReporter {
            locale,
            json,
            rules: BTreeMap::new(),
            out,
        }
    }

    fn count(&mut self, unit: &str, findings: &[Finding]) {
        for finding in findings.iter().filter(|f| f.waived.is_none()) {
            let entry = self
                .rules
                .entry(finding.rule.id.clone())
                .or_insert_with(|| RuleCount {
                    rule: finding.rule.id.clone(),
                    name: finding.rule.name.clone(),
                    severity: finding.severity.as_str(),
                    severity_label: self.locale.severity(finding.severity),
                    clearance: finding.rule.clearance.as_str(),
                    ..RuleCount::default()
                });
            entry.count += 1;
            entry.unit_keys.insert(unit.to_owned());
            entry.units = entry.unit_keys.len();
        }
    }

    /// Most frequent first; ties by rule id.
    fn sorted(&self) -> Vec<&RuleCount> {
        let mut rows: Vec<&RuleCount> = self.rules.values().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        rows
    }

    fn table(&self) -> String {
        let rows = self.sorted();
        let header = [
            &keys::STATISTICS_COUNT,
            &keys::STATISTICS_UNITS,
            &keys::STATISTICS_RULE,
            &keys::STATISTICS_NAME,
            &keys::STATISTICS_SEVERITY,
        ]
        .map(|key| self.locale.say(key));
        let header = [
            header[0].as_str(),
            &header[1],
            &header[2],
            &header[3],
            &header[4],
        ];
        let name_width = rows
            .iter()
            .map(|r| r.name.len())
            .chain([header[3].width()])
            .max()
            .unwrap_or(0);
        let line = |cells: [&str; 5]| {
            format!(
                "{}  {}  {}  {}  {}\n",
                pad_left(cells[0], 6),
                pad_left(cells[1], 6),
                pad_right(cells[2], 11),
                pad_right(cells[3], name_width),
                cells[4]
            )
        };
        let mut out = line(header);
        for row in rows {
            let (count, units) = (row.count.to_string(), row.units.to_string());
            out.push_str(&line([
                &count,
                &units,
                &row.rule,
                &row.name,
                &row.severity_label,
            ]));
        }
        out
    }
}

/// Pad to a display width (a Chinese character takes two columns).
fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_right(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

impl<W: Write> Reporter for StatisticsReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        let unit = result
            .unit
            .code
            .as_deref()
            .unwrap_or(&result.unit.dir)
            .to_owned();
        self.count(&unit, &result.findings);
        Ok(())
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        self.count("jianfu.yaml", end.findings);
        if self.json {
            let json = serde_json::to_string_pretty(&self.sorted())?;
            writeln!(self.out, "{json}")?;
        } else {
            let table = self.table();
            self.out.write_all(table.as_bytes())?;
        }
        self.out.flush()
    }
}
