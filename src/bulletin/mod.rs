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
pub mod html;
mod items;
mod labels;
pub mod markdown;
mod prose;
mod svg;
pub mod trend;
mod words;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::bulletin::facts::BulletinUnit;
use crate::finding::{Clearance, Severity};
use crate::inventory::codes::body_name;
use crate::period::PeriodCounts;
use crate::report::Summary;
use crate::wording::{Locale, keys};

pub use cases::Case;
pub use trend::Trend;

pub(crate) use labels::{columns, headings, overview_rows};
pub use words::Words;

/// The bulletin's JSON format version; bumped on any incompatible change.
pub const BULLETIN_FORMAT_VERSION: u32 = 2;

/// How many bodies the statistics list.
const TOP_BODIES: usize = 10;

/// What shapes a bulletin besides the results.
#[derive(Clone, Debug)]
pub struct BulletinOptions {
    /// The language it is written in.
    pub locale: Locale,
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

/// The annex on submission quality: every unit with open findings about its own inventory.
fn submission_units(results: &[BulletinUnit]) -> Vec<SubmissionUnit> {
    let units: Vec<(cases::CaseUnit, Vec<&facts::BulletinFinding>)> = results
        .iter()
        .map(|r| {
            let submit: Vec<_> = open_findings(r)
                .filter(|f| f.rule.clearance == Clearance::Submit)
                .collect();
            (cases::case_unit(r), submit)
        })
        .filter(|(_, submit)| !submit.is_empty())
        .collect();
    let names = cases::unit_names(&units.iter().map(|(u, _)| u.clone()).collect::<Vec<_>>());
    units
        .iter()
        .zip(names)
        .map(|((_, submit), unit)| {
            let mut rules: Vec<String> = submit.iter().map(|f| f.rule.id.clone()).collect();
            rules.sort_unstable();
            rules.dedup();
            SubmissionUnit {
                unit,
                findings: submit.len(),
                rules,
            }
        })
        .collect()
}

/// Open findings a bulletin does not count as problems, by why.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NotProblems {
    pub submission: usize,
    pub trend: usize,
    pub config: usize,
}

/// The problems of a run, the units that have them, the bodies named, and what is left out.
fn count_problems(results: &[BulletinUnit]) -> (ProblemCounts, NotProblems) {
    let mut problems = 0;
    let mut by_clearance: BTreeMap<Clearance, usize> = BTreeMap::new();
    let mut units = 0;
    let mut bodies = std::collections::HashSet::new();
    let mut not = NotProblems::default();
    // A problem is a unit's (its index is in the key): counted unit by unit, so that the run's
    // problems are never all held at once.
    let mut unit_problems = std::collections::HashMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            match finding.rule.clearance {
                Clearance::Submit => not.submission += 1,
                Clearance::Trend => not.trend += 1,
                Clearance::Config => not.config += 1,
                _ => {
                    unit_problems
                        .entry(cases::problem_key(index, finding))
                        .or_insert(finding.rule.clearance);
                    if let Some(body) = finding.imposer.as_deref().and_then(body_name) {
                        bodies.insert(body.into_owned());
                    }
                }
            }
        }
        problems += unit_problems.len();
        units += usize::from(!unit_problems.is_empty());
        for (_, clearance) in unit_problems.drain() {
            *by_clearance.entry(clearance).or_default() += 1;
        }
    }
    let counts = ProblemCounts {
        problems,
        units,
        bodies: bodies.len(),
        by_clearance,
    };
    (counts, not)
}

/// What [`count_problems`] counts.
struct ProblemCounts {
    problems: usize,
    units: usize,
    bodies: usize,
    by_clearance: BTreeMap<Clearance, usize>,
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

/// Build the bulletin for `results`, compared with `previous` when given.
pub fn build_bulletin(
    results: &[BulletinUnit],
    previous: Option<&PeriodCounts>,
    options: &BulletinOptions,
) -> Bulletin {
    let words = Words::new(options.locale.clone());
    let issuer = options
        .issuer
        .clone()
        .filter(|i| !i.trim().is_empty())
        .unwrap_or_else(|| words.say(&keys::BULLETIN_ISSUER_PLACEHOLDER, &[]));
    let mut statistics = statistics(results, &words);
    statistics.findings += options.configuration_findings;
    statistics.not_problems.config += options.configuration_findings;
    let period = period_text(results, &words);
    let context = cases::CaseContext {
        words: words.clone(),
        period: period.clone(),
        deadline: words.date(options.deadline),
        issuer: issuer.clone(),
    };
    let mut cases = cases::build_cases(results, options.top, &context);
    let trend = previous.map(|p| trend::build_trend(results, p, &words));
    let title = words.say(
        &keys::BULLETIN_TITLE,
        &[
            ("issuer", issuer.clone().into()),
            ("count", cases.len().into()),
        ],
    );
    let mut lead = prose::lead(results, &statistics, &cases, &context);
    let mut analysis = prose::analysis(results, &statistics, trend.as_ref(), &words);
    let mut requirements =
        prose::requirements(results, &statistics, &cases, trend.as_ref(), &context);
    // An official document quotes with “” (‘’ within): the inventory's 「」 are rewritten.
    for case in &mut cases {
        for text in [
            &mut case.headline,
            &mut case.narrative,
            &mut case.violation,
            &mut case.handling,
        ] {
            *text = official_quotes(text);
        }
    }
    for text in [&mut lead, &mut analysis, &mut requirements] {
        *text = official_quotes(text);
    }
    Bulletin {
        version: BULLETIN_FORMAT_VERSION,
        lang: options.locale.tag().to_owned(),
        issuer,
        issuer_given: options
            .issuer
            .as_deref()
            .is_some_and(|i| !i.trim().is_empty()),
        doc_number: nonblank(&options.doc_number),
        recipients: nonblank(&options.recipients),
        copy_to: nonblank(&options.copy_to),
        date: options.date.format("%Y-%m-%d").to_string(),
        date_text: words.date(options.date),
        period,
        title,
        lead,
        cases,
        analysis,
        requirements,
        submission: submission_units(results),
        statistics,
        trend,
    }
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

/// The units' reporting periods in words: one period (2025年第二季度), or several listed.
fn period_text(results: &[BulletinUnit], words: &Words) -> Option<String> {
    let mut periods: Vec<&str> = results.iter().filter_map(|r| r.text("period")).collect();
    periods.sort_unstable();
    periods.dedup();
    if periods.is_empty() {
        return None;
    }
    let named: Vec<String> = periods.iter().map(|p| period_words(p, words)).collect();
    Some(words.list(&named))
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

/// The counts `check`'s summary gives, over the bulletin's units.
fn summary_of(results: &[BulletinUnit]) -> Summary {
    let mut summary = Summary::default();
    for result in results {
        summary.units += 1;
        let mut open = 0;
        for finding in &result.findings {
            if finding.waived {
                summary.waived += 1;
                continue;
            }
            open += 1;
            *summary.by_severity.entry(finding.severity).or_default() += 1;
            *summary
                .by_clearance
                .entry(finding.rule.clearance)
                .or_default() += 1;
        }
        summary.findings += open;
        if open == 0 {
            summary.units_clean += 1;
        }
    }
    summary
}

fn statistics(results: &[BulletinUnit], words: &Words) -> Statistics {
    let summary = summary_of(results);
    let by_severity = Severity::ALL
        .iter()
        .map(|&s| Tally {
            key: s.as_str(),
            label: words.locale.severity(s),
            count: summary.count(s),
        })
        .collect();
    let by_clearance = Clearance::ALL
        .iter()
        .filter_map(|&c| {
            let count = summary.by_clearance.get(&c).copied().unwrap_or(0);
            (count > 0).then(|| Tally {
                key: c.as_str(),
                label: words.locale.clearance(c),
                count,
            })
        })
        .collect();
    let (by_banner, by_township) = areas(results, words);
    let (counts, not_problems) = count_problems(results);
    let problems_by_clearance = Clearance::ALL
        .iter()
        .filter_map(|&c| {
            let count = counts.by_clearance.get(&c).copied()?;
            Some(Tally {
                key: c.as_str(),
                label: words.locale.clearance(c),
                count,
            })
        })
        .collect();
    Statistics {
        units: summary.units,
        units_clean: summary.units_clean,
        findings: summary.findings,
        problems: counts.problems,
        problem_units: counts.units,
        bodies: counts.bodies,
        not_problems,
        waived: summary.waived,
        by_severity,
        by_clearance,
        problems_by_clearance,
        by_banner,
        by_township,
        top_bodies: top_bodies(results),
    }
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

/// A unit's distinct problems (submission, trend and configuration findings aside).
fn unit_problems(result: &BulletinUnit) -> usize {
    let problems: std::collections::HashSet<_> = open_findings(result)
        .filter(|f| is_problem(f))
        .map(|f| cases::problem_key(0, f))
        .collect();
    problems.len()
}

/// Tallies per banner and per township, in the order units were found.
fn areas(results: &[BulletinUnit], words: &Words) -> (Vec<AreaTally>, Vec<AreaTally>) {
    let mut banners: Vec<AreaTally> = Vec::new();
    let mut townships: Vec<AreaTally> = Vec::new();
    // Where each banner and (banner, township) sits in the lists above.
    let mut banner_at: BTreeMap<String, usize> = BTreeMap::new();
    let mut township_at: BTreeMap<(String, String), usize> = BTreeMap::new();
    for result in results {
        let banner = banner_of(result, words);
        let township = result
            .text("township")
            .map(str::to_owned)
            .unwrap_or_else(|| not_given(words));
        let findings = open_findings(result).count();
        let problems = unit_problems(result);
        let errors = open_findings(result)
            .filter(|f| f.severity == Severity::Error)
            .count();
        let add = |tally: &mut AreaTally| {
            tally.units += 1;
            tally.units_clean += usize::from(findings == 0);
            tally.problems += problems;
            tally.findings += findings;
            tally.errors += errors;
        };
        let slot = *banner_at.entry(banner.clone()).or_insert_with(|| {
            banners.push(AreaTally {
                banner: banner.clone(),
                ..AreaTally::default()
            });
            banners.len() - 1
        });
        add(&mut banners[slot]);
        let slot = *township_at
            .entry((banner.clone(), township.clone()))
            .or_insert_with(|| {
                townships.push(AreaTally {
                    banner,
                    township: Some(township),
                    ..AreaTally::default()
                });
                townships.len() - 1
            });
        add(&mut townships[slot]);
    }
    (banners, townships)
}

/// The bodies that caused most problems.
fn top_bodies(results: &[BulletinUnit]) -> Vec<BodyTally> {
    /// A body's problems, findings, errors and the units it touched.
    #[derive(Default)]
    struct Caused<'a> {
        problems: std::collections::HashSet<(usize, &'a str, &'a str)>,
        findings: usize,
        errors: usize,
        units: Vec<usize>,
    }
    let mut bodies: BTreeMap<Cow<str>, Caused> = BTreeMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            let Some(body) = finding.imposer.as_deref().and_then(body_name) else {
                continue;
            };
            let caused = bodies.entry(body).or_default();
            caused.problems.insert(cases::problem_key(index, finding));
            caused.findings += 1;
            caused.errors += usize::from(finding.severity == Severity::Error);
            if caused.units.last() != Some(&index) {
                caused.units.push(index);
            }
        }
    }
    let mut tallies: Vec<BodyTally> = bodies
        .into_iter()
        .map(|(body, caused)| BodyTally {
            body: body.into_owned(),
            problems: caused.problems.len(),
            findings: caused.findings,
            errors: caused.errors,
            units: caused.units.len(),
        })
        .collect();
    // Stable sort: ties stay in name order.
    tallies.sort_by_key(|b| std::cmp::Reverse((b.problems, b.errors, b.units)));
    tallies.truncate(TOP_BODIES);
    tallies
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
