//! The violation-case bulletin (反面典型案例通报): checked results → a [`Bulletin`] (title,
//! lead, numbered cases, analysis, requirements, statistics, and the change since the previous
//! period), rendered as Markdown, a self-contained HTML page or JSON.
//!
//! Every sentence is built from the results, never canned: the cases name the bodies and units
//! the findings name, the analysis the clearances and bodies with most findings. The model is
//! built once and the renderers only lay it out, so the three formats always agree. This module
//! reads checked results; it evaluates nothing and prints nothing.

pub mod cases;
pub mod docx;
pub mod facts;
mod gather;
pub mod html;
mod items;
mod labels;
pub mod markdown;
mod prose;
mod spill;
mod svg;
pub mod trend;
mod words;

use chrono::NaiveDate;
use serde::Serialize;

use crate::bulletin::facts::BulletinUnit;
use crate::finding::Clearance;
use crate::wording::{Locale, keys};

pub use cases::Case;
pub use gather::Gather;
pub use trend::{Previous, Trend};

pub(crate) use labels::{columns, headings, overview_rows};
pub use words::Words;

/// The bulletin's JSON format version; bumped on any incompatible change.
pub const BULLETIN_FORMAT_VERSION: u32 = 2;

/// How many bodies the statistics list.
const TOP_BODIES: usize = 10;

/// What shapes a bulletin besides the results.
#[derive(Clone, Debug)]
pub struct BulletinOptions {
    /// The issuing body (发布机构); a placeholder when not given.
    pub issuer: Option<String>,
    /// The document number (发文字号), e.g. 兴减负通〔2025〕3号.
    pub doc_number: Option<String>,
    /// The bodies it is addressed to (主送机关).
    pub recipients: Option<String>,
    /// The bodies it is copied to (抄送机关).
    pub copy_to: Option<String>,
    /// The date the bulletin is issued, and the as-of date of the run.
    pub date: NaiveDate,
    /// The rectification deadline (a working day).
    pub deadline: NaiveDate,
    /// Findings about the configuration the run reported beside the units' (expired and
    /// unused waivers): counted with what is not a problem.
    pub configuration_findings: usize,
    /// How many cases become numbered cases.
    pub top: usize,
}

/// A whole bulletin: what the renderers lay out and what `--format json` writes.
#[derive(Clone, Debug, Serialize)]
pub struct Bulletin {
    pub version: u32,
    /// The language of every text below (`zh`, `en`…).
    pub lang: String,
    pub issuer: String,
    /// Whether the issuer was given: a bulletin without one is a draft, and says so loudly.
    pub issuer_given: bool,
    pub doc_number: Option<String>,
    pub recipients: Option<String>,
    pub copy_to: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The date as the bulletin prints it (2025年7月2日).
    pub date_text: String,
    /// The reporting period(s) of the checked units, in words (2025年第二季度).
    pub period: Option<String>,
    pub title: String,
    pub lead: String,
    pub cases: Vec<Case>,
    /// 以上问题反映出…
    pub analysis: String,
    /// What the league requires: 一是…二是…
    pub requirements: String,
    pub statistics: Statistics,
    /// The units whose inventories were incomplete or malformed, for the annex on submission
    /// quality: their record keeping is named there, never in the public cases.
    pub submission: Vec<SubmissionUnit>,
    /// The change since the previous period, with `--previous`.
    pub trend: Option<Trend>,
}

impl Bulletin {
    /// The words of the language its texts are in, for the renderers' own headings.
    pub fn words(&self) -> Words {
        Words::new(Locale::built_in(&self.lang).unwrap_or_else(crate::wording::current))
    }
}

/// Counts over the checked units. Waived findings are counted apart and nowhere else.
#[derive(Clone, Debug, Serialize)]
pub struct Statistics {
    pub units: usize,
    pub units_clean: usize,
    /// Open findings, as `check` counts them (rule hits).
    pub findings: usize,
    /// Distinct problems: items (or, for a rule about a whole list, the list) that break one
    /// rule or several, submission, trend and configuration findings aside.
    pub problems: usize,
    /// Units with at least one problem.
    pub problem_units: usize,
    /// Distinct bodies named as causing a problem.
    pub bodies: usize,
    /// Open findings that are no problem of the kind a bulletin reports: the inventory's own
    /// form (submission), rebounds (counted in the trend) and the configuration.
    pub not_problems: NotProblems,
    pub waived: usize,
    /// Every severity, most serious first.
    pub by_severity: Vec<Tally>,
    /// Clearances with findings (rule hits), in the order of 六清理两强化.
    pub by_clearance: Vec<Tally>,
    /// Clearances with problems, in the same order: what the bulletin's prose speaks of.
    pub problems_by_clearance: Vec<Tally>,
    /// Banners in the order units were found (by path).
    pub by_banner: Vec<AreaTally>,
    pub by_township: Vec<AreaTally>,
    /// The bodies named by most findings, most first.
    pub top_bodies: Vec<BodyTally>,
}

/// A unit whose inventory was incomplete or malformed, with its submission findings.
#[derive(Clone, Debug, Serialize)]
pub struct SubmissionUnit {
    /// The unit as the bulletin names it (banner, township, name).
    pub unit: String,
    pub findings: usize,
    /// The SUBMIT-level rules involved, by id.
    pub rules: Vec<String>,
}

/// Open findings a bulletin does not count as problems, by why.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NotProblems {
    pub submission: usize,
    pub trend: usize,
    pub config: usize,
}

/// A count under a key (`error`, `reports`) and its label in the bulletin's language.
#[derive(Clone, Debug, Serialize)]
pub struct Tally {
    pub key: &'static str,
    pub label: String,
    pub count: usize,
}

/// Counts for a banner, or a township of a banner.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AreaTally {
    pub banner: String,
    pub township: Option<String>,
    pub units: usize,
    pub units_clean: usize,
    /// Distinct problems, as the bulletin counts them.
    pub problems: usize,
    pub findings: usize,
    pub errors: usize,
}

impl AreaTally {
    /// Problems per unit checked, which compares banners of different sizes fairly.
    pub fn rate(&self) -> f64 {
        if self.units == 0 {
            0.0
        } else {
            self.problems as f64 / self.units as f64
        }
    }
}

/// Findings that name one body.
#[derive(Clone, Debug, Serialize)]
pub struct BodyTally {
    pub body: String,
    /// Distinct problems the body caused.
    pub problems: usize,
    pub findings: usize,
    pub errors: usize,
    /// Units where the body caused findings.
    pub units: usize,
}

/// A given text made one printable line, or `None` when it is blank.
fn nonblank(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(|t| crate::source::printable_line(t.trim()).into_owned())
        .filter(|t| !t.is_empty())
}

/// `text` with 「」 written as “” and any “” inside them as ‘’, as an official document
/// quotes.
pub(crate) fn official_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '「' => {
                depth += 1;
                out.push('“');
            }
            '」' => {
                depth = depth.saturating_sub(1);
                out.push('”');
            }
            '“' if depth > 0 => out.push('‘'),
            '”' if depth > 0 => out.push('’'),
            c => out.push(c),
        }
    }
    out
}

/// `2025-Q2` → 2025年第二季度 / 2025 Q2; anything else as written.
fn period_words(period: &str, words: &Words) -> String {
    let parsed = period
        .split_once("-Q")
        .and_then(|(y, q)| Some((y.parse::<i32>().ok()?, q.parse::<usize>().ok()?)))
        .filter(|(_, q)| (1..=4).contains(q));
    match parsed {
        Some((year, quarter)) => words.say(
            &keys::BULLETIN_QUARTER,
            &[
                ("year", year.to_string().into()),
                ("quarter", quarter.into()),
            ],
        ),
        None => period.to_owned(),
    }
}

/// The unit's banner, or a placeholder when `unit.yaml` gives none.
pub(crate) fn banner_of(result: &BulletinUnit, words: &Words) -> String {
    result
        .text("banner")
        .map(str::to_owned)
        .unwrap_or_else(|| not_given(words))
}

pub(crate) fn not_given(words: &Words) -> String {
    words.say(&keys::BULLETIN_NOT_GIVEN, &[])
}

/// Open (not waived) findings of a unit.
pub(crate) fn open_findings(
    result: &BulletinUnit,
) -> impl Iterator<Item = &facts::BulletinFinding> + '_ {
    result.findings.iter().filter(|f| !f.waived)
}

/// Whether a finding is a burden the bulletin counts: submission quality, trends and the
/// league's own configuration are reported apart (see [`NotProblems`]).
pub(crate) fn is_problem(finding: &facts::BulletinFinding) -> bool {
    !matches!(
        finding.rule.clearance,
        Clearance::Submit | Clearance::Trend | Clearance::Config
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_words() {
        let zh = Words::new(Locale::from(crate::finding::Lang::Zh));
        let en = Words::new(Locale::from(crate::finding::Lang::En));
        assert_eq!(period_words("2025-Q2", &zh), "2025年第二季度");
        assert_eq!(period_words("2025-Q2", &en), "2025 Q2");
        assert_eq!(period_words("2025年上半年", &zh), "2025年上半年");
        assert_eq!(period_words("2025-Q9", &zh), "2025-Q9");
    }
}
