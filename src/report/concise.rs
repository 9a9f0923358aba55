//! The concise report (`--format concise`): one line per finding,
//! `file:line:col: severity RULE-ID message`, for grep, editors' quickfix lists and a quick look.
//! Columns count characters, like every column jianfu shows.

use std::io::{self, Write};

use crate::finding::Finding;
use crate::outcome::UnitResult;
use crate::wording::{Locale, keys};

use super::human::summary_text;
use super::{Reporter, RunEnd};

pub struct ConciseReporter<W: Write> {
    locale: Locale,
    out: W,
}

impl<W: Write> ConciseReporter<W> {
    pub fn new(locale: Locale, out: W) -> Self {
        ConciseReporter { locale, out }
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        let position = finding.position();
        let start = position.region.start;
        let cell = position
            .cell
            .as_ref()
            .map(|c| format!("[{}] ", c.address()))
            .unwrap_or_default();
        let waived = match &finding.waived {
            None => String::new(),
            Some(_) => self.locale.say(&keys::WAIVED_SUFFIX),
        };
        // One finding, one line: a message never spans lines here.
        let message = self
            .locale
            .finding_message(finding)
            .replace(['\r', '\n'], " ");
        writeln!(
            self.out,
            "{}:{}:{}: {} {} {cell}{message}{waived}",
            finding.shown_file(&position),
            start.line,
            start.column,
            finding.severity.as_str(),
            finding.rule.id,
        )
    }
}

impl<W: Write> Reporter for ConciseReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        result.findings.iter().try_for_each(|f| self.finding(f))
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        end.findings.iter().try_for_each(|f| self.finding(f))?;
        write!(self.out, "{}", summary_text(end.summary, &self.locale))?;
        self.out.flush()
    }
}
