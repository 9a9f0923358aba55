//! The JSON report (`--format json`), the contract scripts depend on.
//!
//! ```text
//! { "version": 1,                       report format version
//!   "tool": {"name": "jianfu", "version": "0.1.0",
//!            "policies": "3f9a…",         digest of the rules in force (ids, severities,
//!                                         parameters, messages, bases)
//!            "lang": "zh"},               the language of the messages
//!   "findings": [ {                     one finding per line, streamed as units are checked
//!       "rule": "SIGN-001", "name": "exterior-plaque-not-allowed",
//!       "severity": "error" | "warning" | "info", "clearance": "signage",
//!       "unit": "152223100201" | null,        the unit's code from unit.yaml
//!       "unit_name", "banner", "township", "period": from unit.yaml | null
//!       "file": "examples/.../signage.yaml",  as given on the command line + path inside
//!       "line": 3, "column": 12,              1-based; column counts characters
//!       "end_line": 3, "end_column": 20,      exclusive end, same units
//!       "byte_start": 40, "byte_end": 64,     0-based byte offsets into the file
//!       "path": "signs[2].name",              logical YAML path ("" for the whole file)
//!       "imposer": "扎赉特旗卫生健康委员会" | null,
//!       "message": "...", "help": "...", "basis": "〔2022〕28号",
//!       "waived": null | {"reason": "...", "approver": "...", "expires": "YYYY-MM-DD"},
//!       "fingerprint": "9f2c…",             the baseline's identity of the finding
//!       "sheet": "标识标牌" | null,          for a spreadsheet unit: the sheet and cell; then
//!       "cell": "E5" | null } ],           line is the row, column the column's number (E = 5)
//!                                         and end_column one further; byte_* are offsets
//!                                         into the text rendered from the sheet
//!       (the check desk adds "row": [{"header", "value", "finding": bool}] for a
//!        spreadsheet's finding, or "source_line" for a text file's: `with_rows`)
//!   "units": [ {                        only with --with-units: each unit checked, in order
//!       "dir", "code", "name", "kind", "banner", "township", "period",
//!       "sections": {"signage": {"count": 3, "named": [["名称", "要求单位" | null]]}, ...},
//!       "findings": 4,                        how many of the findings above, in order, are its
//!       "items": {"reports[2]": {...}} } ],   the items its findings point into, as written
//!   "summary": { units, units_clean, files, findings, waived,
//!                by_severity: {error: n, ...}, by_clearance: {signage: n, ...},
//!                baseline: {absorbed, stale} (only with --baseline) } }
//! ```
//!
//! The summary comes last because it is only known when every unit has been checked.

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use crate::bulletin::facts::UnitRecord;
use crate::finding::{Finding, RuleHeader};
use crate::outcome::UnitResult;
use crate::wording::{Form, Locale};

use super::spool::Spool;
use super::{Reporter, RunEnd};

/// The report format version; bumped on any incompatible change.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'static str,
    /// The digest of the rules in force ([`crate::policy::RuleSet::digest`]).
    policies: &'a str,
    /// The language the messages are worded in.
    lang: &'a str,
}

/// The longest `source_line` given, in characters.
const LONGEST_SOURCE_LINE: usize = 400;

/// A cell of the row a finding is in, as the clerk sees it.
#[derive(Serialize)]
struct JsonCell {
    header: String,
    value: String,
    /// The cell the finding points at.
    finding: bool,
}

/// The unit a finding belongs to, as the report names it: its fields written once per unit,
/// `"unit_name":…,"banner":…,"township":…,"period":…,`.
fn unit_fields(result: Option<&UnitResult>) -> Vec<u8> {
    let text = |field| result.and_then(|r| r.unit.unit_text(field));
    let mut out = Vec::new();
    for (key, field) in [
        ("unit_name", "name"),
        ("banner", "banner"),
        ("township", "township"),
        ("period", "period"),
    ] {
        member(&mut out, key);
        optional_string(&mut out, text(field));
        out.push(b',');
    }
    out
}

/// What every finding of one rule writes alike, escaped once: its identity, its clearance,
/// its basis, and the help of a finding in a YAML file that has none of its own.
struct RuleText {
    /// Held so that the address the cache is keyed by stays this rule's.
    _rule: Arc<RuleHeader>,
    /// `{"rule":…,"name":…,"severity":` (the severity is the finding's own).
    head: Vec<u8>,
    /// `"clearance":…,`
    clearance: Vec<u8>,
    /// The JSON string of [`Locale::rule_help`] for a YAML file.
    yaml_help: Vec<u8>,
    /// `"basis":…,`
    basis: Vec<u8>,
}

impl RuleText {
    fn of(rule: &Arc<RuleHeader>, locale: &Locale) -> RuleText {
        let mut head = b"{".to_vec();
        member(&mut head, "rule");
        string(&mut head, &rule.id);
        head.push(b',');
        member(&mut head, "name");
        string(&mut head, &rule.name);
        head.push(b',');
        member(&mut head, "severity");
        let mut clearance = Vec::new();
        member(&mut clearance, "clearance");
        string(&mut clearance, rule.clearance.as_str());
        clearance.push(b',');
        let mut yaml_help = Vec::new();
        string(&mut yaml_help, &locale.rule_help(rule, Form::Yaml));
        let mut basis = Vec::new();
        member(&mut basis, "basis");
        string(&mut basis, &rule.basis);
        basis.push(b',');
        RuleText {
            _rule: rule.clone(),
            head,
            clearance,
            yaml_help,
            basis,
        }
    }
}

/// Each rule's [`RuleText`], by the address of its header.
#[derive(Default)]
struct RuleTexts(foldhash::HashMap<usize, RuleText>);

impl RuleTexts {
    fn of(&mut self, rule: &Arc<RuleHeader>, locale: &Locale) -> &RuleText {
        self.0
            .entry(Arc::as_ptr(rule) as usize)
            .or_insert_with(|| RuleText::of(rule, locale))
    }
}

/// Append `"key":`.
pub(super) fn member(out: &mut Vec<u8>, key: &str) {
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\":");
}

/// Append `value` as a JSON string, escaped exactly as `serde_json` escapes it. Nearly every
/// string needs no escape, which one pass over its bytes tells.
pub(super) fn string(out: &mut Vec<u8>, value: &str) {
    if needs_escape(value.as_bytes()) {
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, value);
    } else {
        out.push(b'"');
        out.extend_from_slice(value.as_bytes());
        out.push(b'"');
    }
}

fn optional_string(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => string(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

pub(super) fn number(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// Whether JSON must escape any of `bytes`: a quote, a backslash or a control character.
fn needs_escape(bytes: &[u8]) -> bool {
    crate::source::any_byte(bytes, |b| (b < 0x20) | (b == b'"') | (b == b'\\'))
}

/// What a finding's words are made from: its rule's texts written once, the string its
/// message is worded into, and the language.
struct Texts<'a> {
    rules: &'a mut RuleTexts,
    message: &'a mut String,
    locale: &'a Locale,
}

/// One finding's JSON object, appended to `out`; `unit` is its unit's [`unit_fields`]; with
/// `rows`, the row or line it is on ([`write_excerpt`]).
fn write_finding(out: &mut Vec<u8>, finding: &Finding, unit: &[u8], texts: Texts, rows: bool) {
    let Texts {
        rules,
        message,
        locale,
    } = texts;
    let rule = rules.of(&finding.rule, locale);
    let form = Form::of(finding);
    let position = finding.position();
    let region = position.region;
    let cell = position.cell;
    out.extend_from_slice(&rule.head);
    string(out, finding.severity.as_str());
    out.push(b',');
    out.extend_from_slice(&rule.clearance);
    member(out, "unit");
    optional_string(out, finding.unit.as_deref());
    out.push(b',');
    out.extend_from_slice(unit);
    member(out, "file");
    // A CSV unit's list sheets are files of their own.
    let own_file = cell.as_ref().and_then(|c| c.file.as_deref());
    string(out, own_file.unwrap_or(&finding.file.path));
    for (key, value) in [
        ("line", region.start.line),
        ("column", region.start.column),
        ("end_line", region.end.line),
        ("end_column", region.end.column),
        ("byte_start", finding.file.file_offset(finding.span.start)),
        ("byte_end", finding.file.file_offset(finding.span.end)),
    ] {
        out.push(b',');
        member(out, key);
        number(out, value);
    }
    out.push(b',');
    member(out, "path");
    string(out, &finding.path);
    out.push(b',');
    member(out, "imposer");
    optional_string(out, finding.imposer.as_deref());
    out.push(b',');
    member(out, "message");
    locale.finding_message_into(message, finding, form);
    string(out, message);
    out.push(b',');
    member(out, "help");
    match (&finding.help, form) {
        (None, Form::Yaml) => out.extend_from_slice(&rule.yaml_help),
        _ => string(out, &locale.finding_help_in(finding, form)),
    }
    out.push(b',');
    out.extend_from_slice(&rule.basis);
    member(out, "waived");
    match &finding.waived {
        Some(waived) => {
            out.push(b'{');
            member(out, "reason");
            string(out, &waived.reason);
            out.push(b',');
            member(out, "approver");
            string(out, &waived.approver);
            out.push(b',');
            member(out, "expires");
            string(out, &waived.expires);
            out.push(b'}');
        }
        None => out.extend_from_slice(b"null"),
    }
    out.push(b',');
    member(out, "fingerprint");
    string(out, crate::baseline::fingerprint(finding).as_str());
    out.push(b',');
    member(out, "sheet");
    optional_string(out, cell.as_ref().map(|c| c.sheet.as_str()));
    out.push(b',');
    member(out, "cell");
    optional_string(out, cell.as_ref().map(|c| c.cell.as_str()));
    if rows {
        write_excerpt(out, finding, region.start.line, locale);
    }
    out.push(b'}');
}

/// With rows wanted (the check desk): the finding's spreadsheet row, cell by cell, as
/// `,"row":[…]`, or for a finding in a text file its `line` as written, as `,"source_line":…`.
fn write_excerpt(out: &mut Vec<u8>, finding: &Finding, line: u32, locale: &Locale) {
    if let Some(row) = finding.file.row_cells(finding.span, &finding.path) {
        let form = Form::of(finding);
        let cells: Vec<JsonCell> = row
            .cells
            .iter()
            .map(|each| {
                let raw = each
                    .value
                    .and_then(|v| finding.file.text.get(v.start as usize..v.end as usize))
                    .unwrap_or("");
                let mut value = locale.cell_value(form, &each.field, raw);
                if each.is_finding && value.is_empty() {
                    value = locale.say(&crate::wording::keys::CELL_EMPTY);
                }
                JsonCell {
                    header: each.header.clone(),
                    value: crate::source::printable_line(&value).into_owned(),
                    finding: each.is_finding,
                }
            })
            .collect();
        out.push(b',');
        member(out, "row");
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &cells);
        return;
    }
    if !finding.file.is_sheet() && line > 0 {
        // A line too long to read (a minified or hostile file) is left out, as the human
        // report leaves out its excerpt.
        let text = finding.file.line_text(line);
        if !text.trim().is_empty() && text.chars().count() <= LONGEST_SOURCE_LINE {
            out.push(b',');
            member(out, "source_line");
            string(out, &crate::source::printable_line(text));
        }
    }
}

/// The JSON report, written as units arrive.
pub struct JsonReporter<W: Write> {
    locale: Locale,
    policies: String,
    out: W,
    /// Whether the opening has been written, and whether a finding has.
    started: bool,
    first: bool,
    /// With `--with-units`: the units' records so far, written after the findings.
    units: Option<Spool>,
    /// Whether each finding carries its row or line (the check desk's page shows it).
    rows: bool,
    /// What each rule's findings write alike, escaped once.
    rules: RuleTexts,
    /// Each finding's message is worded into this one string, not a string of its own.
    message: String,
    /// Findings laid out and not yet handed to `out`, which takes them [`HAND_OVER`] bytes at
    /// a time: handed over one by one, each (about 1 KB) would be copied once more into `out`'s
    /// buffer, and a buffer of 8 KB makes a system call every eight findings.
    pending: Vec<u8>,
}

/// How many bytes of findings are handed to the output at once.
const HAND_OVER: usize = 64 * 1024;

impl<W: Write> JsonReporter<W> {
    /// A report of findings worded in `locale` under the rules whose digest is `policies`.
    pub fn new(locale: Locale, policies: String, out: W) -> Self {
        JsonReporter {
            locale,
            policies,
            out,
            started: false,
            first: true,
            units: None,
            rows: false,
            rules: RuleTexts::default(),
            message: String::new(),
            pending: Vec::new(),
        }
    }

    /// Give each finding its spreadsheet row (`row`) or its line (`source_line`).
    pub fn with_rows(mut self, wanted: bool) -> Self {
        self.rows = wanted;
        self
    }

    /// Also write each unit's record (`units`), which `jianfu bulletin --reports` merges.
    pub fn with_units(mut self, wanted: bool) -> Self {
        self.units = wanted.then(Spool::default);
        self
    }

    fn record(&mut self, result: &UnitResult) -> io::Result<()> {
        let Some(units) = &mut self.units else {
            return Ok(());
        };
        let separator = if units.is_empty() {
            "\n    "
        } else {
            ",\n    "
        };
        units.write_all(separator.as_bytes())?;
        serde_json::to_writer(units, &UnitRecord::of(result))?;
        Ok(())
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            let tool = serde_json::to_string(&Tool {
                name: "jianfu",
                version: env!("CARGO_PKG_VERSION"),
                policies: &self.policies,
                lang: self.locale.tag(),
            })?;
            write!(
                self.out,
                "{{\n  \"version\": {JSON_FORMAT_VERSION},\n  \"tool\": {tool},\n  \"findings\": ["
            )?;
        }
        Ok(())
    }

    fn findings(&mut self, findings: &[Finding], unit: &[u8]) -> io::Result<()> {
        self.start()?;
        for finding in findings {
            let separator = if self.first { "\n    " } else { ",\n    " };
            self.first = false;
            self.pending.extend_from_slice(separator.as_bytes());
            let texts = Texts {
                rules: &mut self.rules,
                message: &mut self.message,
                locale: &self.locale,
            };
            write_finding(&mut self.pending, finding, unit, texts, self.rows);
            if self.pending.len() >= HAND_OVER {
                self.hand_over()?;
            }
        }
        Ok(())
    }

    /// Hand the findings laid out so far to the output.
    fn hand_over(&mut self) -> io::Result<()> {
        self.out.write_all(&self.pending)?;
        self.pending.clear();
        Ok(())
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        self.findings(&result.findings, &unit_fields(Some(result)))?;
        self.record(result)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        self.findings(end.findings, &unit_fields(None))?;
        self.hand_over()?;
        let close = if self.first { "]" } else { "\n  ]" };
        writeln!(self.out, "{close},")?;
        if let Some(units) = self.units.take() {
            let close = if units.is_empty() { "]" } else { "\n  ]" };
            self.out.write_all(b"  \"units\": [")?;
            units.copy_to(&mut self.out)?;
            writeln!(self.out, "{close},")?;
        }
        let summary = serde_json::to_string(end.summary)?;
        write!(self.out, "  \"summary\": {summary}\n}}\n")?;
        self.out.flush()
    }
}

/// Write the whole JSON report for `results` to `out` (tests and one-shot callers).
pub fn render_json(
    results: &[UnitResult],
    locale: Locale,
    policies: String,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::render_all(results, &mut JsonReporter::new(locale, policies, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report's strings are written without serde; they must read exactly as serde_json
    /// writes them, whatever character they hold and wherever it is.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut samples: Vec<String> = (0u32..0x80)
            .filter_map(char::from_u32)
            .map(|c| c.to_string())
            .collect();
        samples.extend(
            [
                "",
                "福康社区",
                "证明「困难家庭证明」",
                "\u{7f}\u{85}\u{2028}\u{202e}",
            ]
            .map(String::from),
        );
        for position in 0..40 {
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                let mut text: String = "甲乙丙丁abcdefghijklmnopqrstuvwxyz"
                    .chars()
                    .take(position)
                    .collect();
                text.push(special);
                text.push_str("尾巴0123456789abcdef");
                samples.push(text);
            }
        }
        for sample in &samples {
            let mut ours = Vec::new();
            string(&mut ours, sample);
            assert_eq!(ours, serde_json::to_vec(sample).unwrap(), "{sample:?}");
        }
    }
}
