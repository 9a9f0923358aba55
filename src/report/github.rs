//! GitHub Actions workflow commands (`--format github`): one annotation per open finding,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, shown on the pull
//! request's changed lines. Info findings become notices; waived findings are left out, as
//! they must not draw attention in review.
//!
//! GitHub's escaping: in the message, `%`, CR and LF; in properties also `:` and `,`.

use std::io::{self, Write};

use crate::finding::{Finding, Severity};
use crate::outcome::UnitResult;
use crate::wording::{Arg, Form, Locale, keys};

use super::{Reporter, RunEnd};

pub struct GithubReporter<W: Write> {
    locale: Locale,
    out: W,
}

impl<W: Write> GithubReporter<W> {
    pub fn new(locale: Locale, out: W) -> Self {
        GithubReporter { locale, out }
    }

    fn finding(&mut self, finding: &Finding) -> io::Result<()> {
        if finding.waived.is_some() {
            return Ok(());
        }
        writeln!(self.out, "{}", annotation(finding, &self.locale))
    }
}

/// The workflow command for one finding.
pub fn annotation(finding: &Finding, locale: &Locale) -> String {
    let command = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let position = finding.position();
    let region = position.region;
    let title = match &position.cell {
        Some(cell) => format!(
            "{} {} {}",
            finding.rule.id,
            finding.rule.name,
            cell.address()
        ),
        None => format!("{} {}", finding.rule.id, finding.rule.name),
    };
    let mut message = locale.finding_message(finding);
    let help = locale.finding_help(finding);
    if !help.is_empty() {
        message.push('\n');
        message.push_str(&help);
    }
    if !finding.rule.basis.is_empty() {
        message.push('\n');
        let basis = [("basis", Arg::text(finding.rule.basis.as_str()))];
        message.push_str(&locale.text(&keys::BASIS_LINE, &basis, Form::Yaml));
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(finding.shown_file(&position)),
        region.start.line,
        region.start.column,
        region.end.line,
        region.end.column,
        escape_property(&title),
        escape_data(&message),
    )
}

/// Escape a message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as a message, and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> Reporter for GithubReporter<W> {
    fn unit(&mut self, result: &UnitResult) -> io::Result<()> {
        result.findings.iter().try_for_each(|f| self.finding(f))
    }

    fn finish(&mut self, end: &RunEnd) -> io::Result<()> {
        end.findings.iter().try_for_each(|f| self.finding(f))?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_and_properties_are_escaped_as_github_requires() {
        assert_eq!(
            escape_data("100% 完成\r\n下一行"),
            "100%25 完成%0D%0A下一行"
        );
        assert_eq!(escape_property("a:b,c%\nd"), "a%3Ab%2Cc%25%0Ad");
    }
}
