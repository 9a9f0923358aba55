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
pub mod html;
mod items;
mod labels;
pub mod markdown;
pub mod phrases;
mod prose;
mod svg;
pub mod trend;

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::finding::{Clearance, Lang, Severity};
use crate::inventory::codes::body_name;
use crate::outcome::UnitResult;
use crate::period::PeriodCounts;
use crate::report::Summary;

pub use cases::Case;
pub use trend::Trend;

pub(crate) use labels::{columns, headings, overview_rows};
pub(crate) use prose::{join_list, plural};

/// The bulletin's JSON format version; bumped on any incompatible change.
pub const BULLETIN_FORMAT_VERSION: u32 = 1;

/// How many bodies the statistics list.
const TOP_BODIES: usize = 10;

/// What shapes a bulletin besides the results.
#[derive(Clone, Debug)]
pub struct BulletinOptions {
    pub lang: Lang,
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
    /// `zh` or `en`: the language of every text below.
    pub lang: &'static str,
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
    /// The language its texts are in, for the renderers' own headings.
    pub fn language(&self) -> Lang {
        if self.lang == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
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
    /// Clearances with findings, in the order of 六清理两强化.
    pub by_clearance: Vec<Tally>,
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
fn submission_units(results: &[UnitResult]) -> Vec<SubmissionUnit> {
    let units: Vec<(cases::CaseUnit, Vec<&crate::finding::Finding>)> = results
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

/// What one problem is: a unit's item however many rules it breaks (`reports[2]` of a unit),
/// or for a rule about a whole list (too many groups), that rule on the list.
fn problem_key(unit: usize, finding: &crate::finding::Finding) -> (usize, &str, &str) {
    let path = finding.path.as_str();
    match path.find(']') {
        Some(end) => (unit, &path[..=end], ""),
        None => (unit, path, finding.rule.id.as_str()),
    }
}

/// The problems of a run, the units that have them, the bodies named, and what is left out.
fn count_problems(results: &[UnitResult]) -> (usize, usize, usize, NotProblems) {
    let mut problems = std::collections::HashSet::new();
    let mut units = std::collections::HashSet::new();
    let mut bodies = std::collections::HashSet::new();
    let mut not = NotProblems::default();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            match finding.rule.clearance {
                Clearance::Submit => not.submission += 1,
                Clearance::Trend => not.trend += 1,
                Clearance::Config => not.config += 1,
                _ => {
                    problems.insert(problem_key(index, finding));
                    units.insert(index);
                    if let Some(body) = finding.imposer.as_deref().and_then(body_name) {
                        bodies.insert(body.into_owned());
                    }
                }
            }
        }
    }
    (problems.len(), units.len(), bodies.len(), not)
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
    pub findings: usize,
    pub errors: usize,
}

/// Findings that name one body.
#[derive(Clone, Debug, Serialize)]
pub struct BodyTally {
    pub body: String,
    pub findings: usize,
    pub errors: usize,
    /// Units where the body caused findings.
    pub units: usize,
}

/// Build the bulletin for `results`, compared with `previous` when given.
pub fn build_bulletin(
    results: &[UnitResult],
    previous: Option<&PeriodCounts>,
    options: &BulletinOptions,
) -> Bulletin {
    let lang = options.lang;
    let issuer = options
        .issuer
        .clone()
        .filter(|i| !i.trim().is_empty())
        .unwrap_or_else(|| placeholder_issuer(lang).to_owned());
    let mut statistics = statistics(results, lang);
    statistics.findings += options.configuration_findings;
    statistics.not_problems.config += options.configuration_findings;
    let period = period_text(results, lang);
    let deadline = options.deadline;
    let context = cases::CaseContext {
        lang,
        period: period.clone(),
        deadline: date_text(deadline, lang),
        issuer: issuer.clone(),
    };
    let cases = cases::build_cases(results, options.top, &context);
    let trend = previous.map(|p| trend::build_trend(results, p, lang));
    let title = title(&issuer, cases.len(), lang);
    let lead = prose::lead(
        results,
        &statistics,
        &issuer,
        period.as_deref(),
        &cases,
        lang,
    );
    let analysis = prose::analysis(results, &statistics, trend.as_ref(), lang);
    let requirements = prose::requirements(results, &statistics, &cases, trend.as_ref(), &context);
    let mut cases = cases;
    let (mut lead, mut analysis, mut requirements) = (lead, analysis, requirements);
    if lang == Lang::Zh {
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
    }
    Bulletin {
        version: BULLETIN_FORMAT_VERSION,
        lang: match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        issuer,
        issuer_given: options
            .issuer
            .as_deref()
            .is_some_and(|i| !i.trim().is_empty()),
        doc_number: nonblank(&options.doc_number),
        recipients: nonblank(&options.recipients),
        copy_to: nonblank(&options.copy_to),
        date: options.date.format("%Y-%m-%d").to_string(),
        date_text: date_text(options.date, lang),
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

fn placeholder_issuer(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（发布机构）",
        Lang::En => "(issuing body)",
    }
}

/// A date as a bulletin prints it.
pub(crate) fn date_text(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => date.format("%-d %B %Y").to_string(),
    }
}

/// The units' reporting periods in words: one period (2025年第二季度), or several listed.
fn period_text(results: &[UnitResult], lang: Lang) -> Option<String> {
    let mut periods: Vec<&str> = results
        .iter()
        .filter_map(|r| r.unit.unit_text("period"))
        .collect();
    periods.sort_unstable();
    periods.dedup();
    if periods.is_empty() {
        return None;
    }
    let words: Vec<String> = periods.iter().map(|p| period_words(p, lang)).collect();
    Some(words.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }))
}

/// `2025-Q2` → 2025年第二季度 / 2025 Q2; anything else as written.
fn period_words(period: &str, lang: Lang) -> String {
    let parsed = period
        .split_once("-Q")
        .and_then(|(y, q)| Some((y.parse::<i32>().ok()?, q.parse::<usize>().ok()?)))
        .filter(|(_, q)| (1..=4).contains(q));
    match (parsed, lang) {
        (Some((year, quarter)), Lang::Zh) => {
            format!("{year}年第{}季度", phrases::chinese_number(quarter))
        }
        (Some((year, quarter)), Lang::En) => format!("{year} Q{quarter}"),
        (None, _) => period.to_owned(),
    }
}

fn title(issuer: &str, cases: usize, lang: Lang) -> String {
    match (lang, cases) {
        (Lang::Zh, 0) => format!("{issuer}关于整治形式主义为基层减负清单检查情况的通报"),
        (Lang::Zh, n) => format!("{issuer}关于{n}起整治形式主义为基层减负典型问题的通报"),
        (Lang::En, 0) => {
            format!("{issuer}: bulletin on the check of burden-reduction inventories")
        }
        (Lang::En, 1) => {
            format!("{issuer}: bulletin on 1 typical case of formalism burdening the grassroots")
        }
        (Lang::En, n) => {
            format!("{issuer}: bulletin on {n} typical cases of formalism burdening the grassroots")
        }
    }
}

/// The unit's banner, or a placeholder when `unit.yaml` gives none.
pub(crate) fn banner_of(result: &UnitResult, lang: Lang) -> String {
    result
        .unit
        .unit_text("banner")
        .map(str::to_owned)
        .unwrap_or_else(|| not_given(lang).to_owned())
}

pub(crate) fn not_given(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（未填写）",
        Lang::En => "(not given)",
    }
}

fn statistics(results: &[UnitResult], lang: Lang) -> Statistics {
    let summary = Summary::of(results);
    let by_severity = Severity::ALL
        .iter()
        .map(|&s| Tally {
            key: s.as_str(),
            label: crate::wording::Locale::from(lang).severity(s),
            count: summary.count(s),
        })
        .collect();
    let by_clearance = Clearance::ALL
        .iter()
        .filter_map(|&c| {
            let count = summary.by_clearance.get(&c).copied().unwrap_or(0);
            (count > 0).then(|| Tally {
                key: c.as_str(),
                label: crate::wording::Locale::from(lang).clearance(c),
                count,
            })
        })
        .collect();
    let (by_banner, by_township) = areas(results, lang);
    let (problems, problem_units, bodies, not_problems) = count_problems(results);
    Statistics {
        units: summary.units,
        units_clean: summary.units_clean,
        findings: summary.findings,
        problems,
        problem_units,
        bodies,
        not_problems,
        waived: summary.waived,
        by_severity,
        by_clearance,
        by_banner,
        by_township,
        top_bodies: top_bodies(results),
    }
}

/// Open (not waived) findings of a unit.
pub(crate) fn open_findings(
    result: &UnitResult,
) -> impl Iterator<Item = &crate::finding::Finding> + '_ {
    result.findings.iter().filter(|f| f.waived.is_none())
}

/// Tallies per banner and per township, in the order units were found.
fn areas(results: &[UnitResult], lang: Lang) -> (Vec<AreaTally>, Vec<AreaTally>) {
    let mut banners: Vec<AreaTally> = Vec::new();
    let mut townships: Vec<AreaTally> = Vec::new();
    // Where each banner and (banner, township) sits in the lists above.
    let mut banner_at: BTreeMap<String, usize> = BTreeMap::new();
    let mut township_at: BTreeMap<(String, String), usize> = BTreeMap::new();
    for result in results {
        let banner = banner_of(result, lang);
        let township = result
            .unit
            .unit_text("township")
            .map(str::to_owned)
            .unwrap_or_else(|| not_given(lang).to_owned());
        let findings = open_findings(result).count();
        let errors = open_findings(result)
            .filter(|f| f.severity == Severity::Error)
            .count();
        let add = |tally: &mut AreaTally| {
            tally.units += 1;
            tally.units_clean += usize::from(findings == 0);
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

/// The bodies named by most open findings.
fn top_bodies(results: &[UnitResult]) -> Vec<BodyTally> {
    // body → (findings, errors, units seen)
    let mut bodies: BTreeMap<Cow<str>, (usize, usize, Vec<usize>)> = BTreeMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            let Some(body) = finding.imposer.as_deref().and_then(body_name) else {
                continue;
            };
            let entry = bodies.entry(body).or_default();
            entry.0 += 1;
            entry.1 += usize::from(finding.severity == Severity::Error);
            if entry.2.last() != Some(&index) {
                entry.2.push(index);
            }
        }
    }
    let mut tallies: Vec<BodyTally> = bodies
        .into_iter()
        .map(|(body, (findings, errors, units))| BodyTally {
            body: body.into_owned(),
            findings,
            errors,
            units: units.len(),
        })
        .collect();
    // Stable sort: ties stay in name order.
    tallies.sort_by_key(|b| std::cmp::Reverse((b.findings, b.errors, b.units)));
    tallies.truncate(TOP_BODIES);
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_words() {
        assert_eq!(period_words("2025-Q2", Lang::Zh), "2025年第二季度");
        assert_eq!(period_words("2025-Q2", Lang::En), "2025 Q2");
        assert_eq!(period_words("2025年上半年", Lang::Zh), "2025年上半年");
        assert_eq!(period_words("2025-Q9", Lang::Zh), "2025-Q9");
    }
}
