//! The JUnit XML report (`--format junit`), for GitLab's test reports and Jenkins: a test suite
//! per unit, a test case per file and rule. A file without findings is one passing case; a rule
//! with findings in a file is one case that fails when a finding is at or above `--fail-on`
//! (below it, the case passes and lists them in its output), and is skipped when every finding
//! is waived. The failure's text gives every finding with its `file:line:col`.
//!
//! JUnit needs its counts before its cases, so each unit's suite is written as the unit comes
//! and set aside (in a [`Spool`]: memory, then a temporary file), and the whole is written at
//! the end under the counts; nothing of the units is kept.

use std::collections::BTreeMap;
use std::io::{self, Write};

use memchr::memmem;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::finding::{Finding, Severity};
use crate::outcome::UnitResult;
use crate::source::{fit_for_xml, printable_xml};
use crate::wording::{Arg, Form, Locale, keys};

use super::spool::Spool;
use super::{Reporter, RunEnd};

pub struct JunitReporter<W: Write> {
    locale: Locale,
    threshold: Option<Severity>,
    /// The counts of every suite so far (it holds no suites).
    totals: Report,
    /// The suites so far, as XML.
    suites: Spool,
    out: W,
}

impl<W: Write> JunitReporter<W> {
    /// `threshold`: the `--fail-on` severity (`None` for never).
    pub fn new(locale: Locale, threshold: Option<Severity>, out: W) -> Self {
        JunitReporter {
            locale,
            threshold,
            totals: Report::new("jianfu"),
            suites: Spool::default(),
            out,
        }
    }

    /// Count a suite and set its XML aside: what quick-junit writes for it inside
    /// `<testsuites>`, from the line break before `<testsuite` to the one before the end tag.
    fn set_aside(&mut self, suite: TestSuite) -> io::Result<()> {
        let mut one = Report::new("jianfu");
        one.add_test_suite(suite);
        let xml = serialize(&one)?;
        let start = memmem::find(&xml, b"\n    <testsuite");
        let end = memmem::find(&xml, b"\n</testsuites>");
        let (Some(start), Some(end)) = (start, end) else {
            return Err(io::Error::other("junit: unexpected test suite XML"));
        };
        self.suites.write_all(&xml[start..end])?;
        let totals = &mut self.totals;
        totals.tests += one.tests;
        totals.failures += one.failures;
        totals.errors += one.errors;
        totals.skipped += one.skipped;
        if let Some(disabled) = one.disabled {
            *totals.disabled.get_or_insert(0) += disabled;
        }
        Ok(())
    }

    fn suite(&self, name: String, files: &[&str], findings: &[Finding]) -> TestSuite {
        let mut by_file: BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>> = BTreeMap::new();
        for file in files {
            by_file.entry(file).or_default();
        }
        for finding in findings {
            by_file
                .entry(&finding.file.path)
                .or_default()
                .entry(&finding.rule.id)
                .or_default()
                .push(finding);
        }
        // quick-junit drops C0 controls but lets through what else XML forbids (U+FFFE, U+FFFF,
        // which a message may quote from an item's name) and a right-to-left override: paths
        // and messages are printable already, a unit's name is not.
        let mut suite = TestSuite::new(printable_xml(&name));
        for (file, rules) in by_file {
            if rules.is_empty() {
                let mut case = TestCase::new(fit_for_xml(file), TestCaseStatus::success());
                case.set_classname(fit_for_xml(file));
                suite.add_test_case(case);
            }
            for (rule, findings) in rules {
                suite.add_test_case(self.case(file, rule, &findings));
            }
        }
        suite
    }

    fn case(&self, file: &str, rule: &str, findings: &[&Finding]) -> TestCase {
        let lines: Vec<String> = findings
            .iter()
            .map(|f| finding_line(f, &self.locale))
            .collect();
        let failing = findings
            .iter()
            .any(|f| f.waived.is_none() && self.threshold.is_some_and(|t| f.severity >= t));
        let all_waived = findings.iter().all(|f| f.waived.is_some());
        let Some(first) = findings.first() else {
            return TestCase::new(rule, TestCaseStatus::success());
        };
        let status = if failing {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status
                .set_message(fit_for_xml(&format!(
                    "{} ({})",
                    self.locale.finding_message(first),
                    findings.len()
                )))
                .set_type(first.severity.as_str())
                .set_description(fit_for_xml(&lines.join("\n")));
            status
        } else if all_waived {
            let mut status = TestCaseStatus::skipped();
            status.set_message(fit_for_xml(&lines.join("\n")));
            status
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(fit_for_xml(&format!("{rule} {}", first.rule.name)), status);
        case.set_classname(fit_for_xml(file));
        if !failing && !all_waived {
            case.set_system_out(fit_for_xml(&lines.join("\n")));
        }
        case
    }
}

/// `file:line:col: severity message (help)`, and the waiver when there is one.
fn finding_line(finding: &Finding, locale: &Locale) -> String {
    let position = finding.position();
    let start = position.region.start;
    let cell = position
        .cell
        .as_ref()
        .map(|c| format!(" [{}]", c.address()))
        .unwrap_or_default();
    let mut line = format!(
        "{}:{}:{}:{cell} {} {}",
        finding.shown_file(&position),
        start.line,
        start.column,
        finding.severity.as_str(),
        locale.finding_message(finding)
    );
    let help = locale.finding_help(finding);
    if !help.is_empty() {
        line.push_str(" — ");
        line.push_str(&help);
    }
    if let Some(reason) = finding.waived.as_ref().map(|w| &w.reason) {
        let reason = [("reason", Arg::text(reason.as_str()))];
        line.push_str(&locale.text(&keys::WAIVED_ASIDE, &reason, Form::Yaml));
    }
    line
}

fn serialize(report: &Report) -> io::Result<Vec<u8>> {
    let mut xml = Vec::new();
    report.serialize(&mut xml).map_err(io::Error::other)?;
    Ok(xml)
}

impl<W: Write> Reporter for JunitReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        let unit = &result.unit;
        let name = format!(
            "{} {}",
            unit.code.as_deref().unwrap_or("?"),
            unit.unit_text("name").unwrap_or(&unit.dir)
        );
        let files: Vec<&str> = unit.files.iter().map(|f| f.source.path.as_str()).collect();
        let suite = self.suite(name, &files, &result.findings);
        self.set_aside(suite)
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        if !end.findings.is_empty() {
            let suite = self.suite("jianfu.yaml".to_owned(), &[], end.findings);
            self.set_aside(suite)?;
        }
        // The report without suites, with the suites put back between its start and end tags
        // as quick-junit would have written them.
        let frame = serialize(&self.totals)?;
        let Some(end_tag) = memmem::find(&frame, b"</testsuites>") else {
            return Err(io::Error::other("junit: no </testsuites>"));
        };
        if self.suites.is_empty() {
            self.out.write_all(&frame)?;
        } else {
            let start_tag = frame[..end_tag].trim_ascii_end();
            self.out.write_all(start_tag)?;
            std::mem::take(&mut self.suites).copy_to(&mut self.out)?;
            self.out.write_all(b"\n")?;
            self.out.write_all(&frame[end_tag..])?;
        }
        self.out.flush()
    }
}
