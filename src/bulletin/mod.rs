//! The violation-case bulletin (反面典型案例通报): checked results → a [`Bulletin`] (title,
//! lead, numbered cases, analysis, requirements, statistics, and the change since the previous
//! period), rendered as Markdown, a self-contained HTML page or JSON.
//!
//! Every sentence is built from the results, never canned: the cases name the bodies and units
//! the findings name, the analysis the clearances and bodies with most findings. The model is
//! built once and the renderers only lay it out, so the three formats always agree. This module
//! reads checked results; it evaluates nothing and prints nothing.

pub mod cases;
pub mod html;
pub mod markdown;
pub mod phrases;
mod svg;
pub mod trend;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::check::UnitResult;
use crate::finding::{Clearance, Lang, Severity};
use crate::period::PeriodCounts;
use crate::report::Summary;

pub use cases::Case;
pub use trend::Trend;

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
    /// The date the bulletin is issued.
    pub date: NaiveDate,
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
    /// The change since the previous period, with `--previous`.
    pub trend: Option<Trend>,
}

/// Counts over the checked units. Waived findings are counted apart and nowhere else.
#[derive(Clone, Debug, Serialize)]
pub struct Statistics {
    pub units: usize,
    pub units_clean: usize,
    pub findings: usize,
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
    let statistics = statistics(results, lang);
    let period = period_text(results, lang);
    let deadline = options.date + chrono::Days::new(30);
    let context = cases::CaseContext {
        lang,
        period: period.clone(),
        deadline: date_text(deadline, lang),
        issuer: issuer.clone(),
    };
    let cases = cases::build_cases(results, options.top, &context);
    let trend = previous.map(|p| trend::build_trend(results, p, lang));
    let title = title(&issuer, cases.len(), lang);
    let lead = lead(
        results,
        &statistics,
        &issuer,
        period.as_deref(),
        &cases,
        lang,
    );
    let analysis = analysis(results, &statistics, trend.as_ref(), lang);
    let requirements = requirements(results, &statistics, &cases, trend.as_ref(), &context);
    Bulletin {
        version: BULLETIN_FORMAT_VERSION,
        lang: match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        issuer,
        date: options.date.format("%Y-%m-%d").to_string(),
        date_text: date_text(options.date, lang),
        period,
        title,
        lead,
        cases,
        analysis,
        requirements,
        statistics,
        trend,
    }
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
            label: s.label(lang).to_owned(),
            count: summary.count(s),
        })
        .collect();
    let by_clearance = Clearance::ALL
        .iter()
        .filter_map(|&c| {
            let count = summary.by_clearance.get(&c).copied().unwrap_or(0);
            (count > 0).then(|| Tally {
                key: c.as_str(),
                label: c.label(lang).to_owned(),
                count,
            })
        })
        .collect();
    let (by_banner, by_township) = areas(results, lang);
    Statistics {
        units: summary.units,
        units_clean: summary.units_clean,
        findings: summary.findings,
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
        match banners.iter_mut().find(|t| t.banner == banner) {
            Some(tally) => add(tally),
            None => {
                let mut tally = AreaTally {
                    banner: banner.clone(),
                    ..AreaTally::default()
                };
                add(&mut tally);
                banners.push(tally);
            }
        }
        let place = Some(township);
        match townships
            .iter_mut()
            .find(|t| t.banner == banner && t.township == place)
        {
            Some(tally) => add(tally),
            None => {
                let mut tally = AreaTally {
                    banner,
                    township: place,
                    ..AreaTally::default()
                };
                add(&mut tally);
                townships.push(tally);
            }
        }
    }
    (banners, townships)
}

/// The bodies named by most open findings.
fn top_bodies(results: &[UnitResult]) -> Vec<BodyTally> {
    // body → (findings, errors, units seen)
    let mut bodies: BTreeMap<&str, (usize, usize, Vec<usize>)> = BTreeMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            let Some(body) = finding.imposer.as_deref().map(str::trim) else {
                continue;
            };
            if body.is_empty() {
                continue;
            }
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
            body: body.to_owned(),
            findings,
            errors,
            units: units.len(),
        })
        .collect();
    // Stable sort: ties stay in name order.
    tallies.sort_by(|a, b| (b.findings, b.errors, b.units).cmp(&(a.findings, a.errors, a.units)));
    tallies.truncate(TOP_BODIES);
    tallies
}

/// `a、b、c` / `a, b and c`.
pub(crate) fn join_list(items: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => items.join("、"),
        Lang::En => match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        },
    }
}

/// Share of `part` in `whole` as a percentage with one decimal (`30.2`).
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0".to_owned();
    }
    let tenths = (part as u128 * 2000 + whole as u128) / (whole as u128 * 2);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// How many villages and communities were checked, in words.
fn units_in_words(results: &[UnitResult], lang: Lang) -> String {
    let kind_count = |kind: &str| {
        results
            .iter()
            .filter(|r| r.unit.unit_text("kind") == Some(kind))
            .count()
    };
    let villages = kind_count("village");
    let communities = kind_count("community");
    let other = results.len() - villages - communities;
    let mut parts = Vec::new();
    match lang {
        Lang::Zh => {
            if villages > 0 {
                parts.push(format!("{villages}个嘎查村"));
            }
            if communities > 0 {
                parts.push(format!("{communities}个社区"));
            }
            if other > 0 {
                parts.push(format!("{other}个其他单位"));
            }
        }
        Lang::En => {
            if villages > 0 {
                parts.push(plural(villages, "village", "villages"));
            }
            if communities > 0 {
                parts.push(plural(communities, "community", "communities"));
            }
            if other > 0 {
                parts.push(plural(other, "other unit", "other units"));
            }
        }
    }
    if parts.is_empty() {
        return match lang {
            Lang::Zh => "0个单位".to_owned(),
            Lang::En => "no unit".to_owned(),
        };
    }
    join_list(&parts, lang)
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The banners checked, named when few.
fn scope_in_words(statistics: &Statistics, lang: Lang) -> String {
    let names: Vec<String> = statistics
        .by_banner
        .iter()
        .map(|b| b.banner.clone())
        .collect();
    match (names.len(), lang) {
        (0, _) => String::new(),
        (1..=5, _) => join_list(&names, lang),
        (n, Lang::Zh) => format!("{n}个旗县市"),
        (n, Lang::En) => format!("{n} banners"),
    }
}

fn lead(
    results: &[UnitResult],
    statistics: &Statistics,
    issuer: &str,
    period: Option<&str>,
    cases: &[Case],
    lang: Lang,
) -> String {
    let scope = scope_in_words(statistics, lang);
    let units = units_in_words(results, lang);
    let count = |key: &str| {
        statistics
            .by_severity
            .iter()
            .find(|t| t.key == key)
            .map_or(0, |t| t.count)
    };
    let (errors, warnings, infos) = (count("error"), count("warning"), count("info"));
    let with_findings = statistics.units - statistics.units_clean;
    match lang {
        Lang::Zh => {
            let period = period.map(|p| format!("{p}")).unwrap_or_default();
            let mut text = format!(
                "为深入贯彻落实中办《整治形式主义为基层减负若干规定》，巩固嘎查村社区“六清理两强化”专项行动成果，{issuer}对{scope}{units}{period}报送的减负清单进行了检查。{}个单位未发现问题；{with_findings}个单位共发现问题{}个，其中错误{errors}个、警告{warnings}个、提示{infos}个",
                statistics.units_clean, statistics.findings
            );
            if statistics.waived > 0 {
                text.push_str(&format!("，另有{}个问题已按规定豁免", statistics.waived));
            }
            text.push('。');
            if !cases.is_empty() {
                text.push_str(&format!("现将{}起典型问题通报如下：", cases.len()));
            }
            text
        }
        Lang::En => {
            let period = period.map(|p| format!(" for {p}")).unwrap_or_default();
            let scope = if scope.is_empty() {
                String::new()
            } else {
                format!(" in {scope}")
            };
            let mut text = format!(
                "To carry out the Several Provisions on Rectifying Formalism to Reduce Burdens at the Grassroots and consolidate the “six clearances, two strengthenings” action, {issuer} checked the burden-reduction inventories that {units}{scope} submitted{period}. {} no problem; {} {} problems: {errors} errors, {warnings} warnings and {infos} notices",
                match statistics.units_clean {
                    1 => "1 unit showed".to_owned(),
                    n => format!("{n} units showed"),
                },
                plural(with_findings, "unit showed", "units showed"),
                statistics.findings,
            );
            if statistics.waived > 0 {
                text.push_str(&format!(
                    ", and {} more were waived as allowed",
                    statistics.waived
                ));
            }
            text.push('.');
            if !cases.is_empty() {
                text.push_str(&format!(
                    " The {} typical {} follow.",
                    cases.len(),
                    if cases.len() == 1 { "case" } else { "cases" }
                ));
            }
            text
        }
    }
}

/// The clearances with most findings, most first (SUBMIT last: it is the units' own doing).
fn dominant_clearances(statistics: &Statistics) -> Vec<&Tally> {
    let mut tallies: Vec<&Tally> = statistics.by_clearance.iter().collect();
    tallies.sort_by_key(|t| {
        (
            t.key == Clearance::Submit.as_str(),
            std::cmp::Reverse(t.count),
        )
    });
    tallies
}

/// The rules with most open findings in one clearance, most first.
fn top_rules(results: &[UnitResult], clearance: Clearance) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for result in results {
        for finding in open_findings(result).filter(|f| f.rule.clearance == clearance) {
            *counts.entry(&finding.rule.id).or_default() += 1;
        }
    }
    let mut rules: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(id, n)| (id.to_owned(), n))
        .collect();
    rules.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    rules
}

fn clearance_from_key(key: &str) -> Option<Clearance> {
    Clearance::ALL.into_iter().find(|c| c.as_str() == key)
}

/// 有的…: one clause per dominant clearance, naming its most frequent problems.
fn some_clauses(results: &[UnitResult], statistics: &Statistics, lang: Lang) -> Vec<String> {
    dominant_clearances(statistics)
        .into_iter()
        .take(3)
        .filter_map(|tally| {
            let clearance = clearance_from_key(tally.key)?;
            let problems: Vec<String> = top_rules(results, clearance)
                .iter()
                .take(2)
                .filter_map(|(id, _)| phrases::rule_phrase(id))
                .map(|p| p.problem(lang).to_owned())
                .collect();
            let area = phrases::clearance_area(clearance, lang);
            Some(match (lang, problems.is_empty()) {
                (Lang::Zh, true) => format!("有的{area}"),
                (Lang::Zh, false) => format!("有的{area}，{}", problems.join("、")),
                (Lang::En, true) => format!("some {area}"),
                (Lang::En, false) => {
                    format!("some {area} ({})", join_list(&problems, Lang::En))
                }
            })
        })
        .collect()
}

fn analysis(
    results: &[UnitResult],
    statistics: &Statistics,
    trend: Option<&Trend>,
    lang: Lang,
) -> String {
    let rebounds = trend.map_or(0, |t| t.rebounds.len());
    if statistics.findings == 0 {
        let mut text = match lang {
            Lang::Zh => "本次检查未发现向基层转嫁负担的问题，减负成果总体得到巩固。".to_owned(),
            Lang::En => {
                "The check found no burden pushed down to the grassroots: the gains of burden reduction hold."
                    .to_owned()
            }
        };
        text.push_str(&rebound_sentence(rebounds, lang));
        return text;
    }
    let clearances = dominant_clearances(statistics);
    let total = statistics.findings;
    let clearance_words: Vec<String> = clearances
        .iter()
        .take(3)
        .map(|t| match lang {
            Lang::Zh => format!("{}（{}个，占{}%）", t.label, t.count, share(t.count, total)),
            Lang::En => format!("{} ({}, {}%)", t.label, t.count, share(t.count, total)),
        })
        .collect();
    let body_words: Vec<String> = statistics
        .top_bodies
        .iter()
        .take(3)
        .map(|b| match lang {
            Lang::Zh => format!("{}（{}个问题，涉及{}个单位）", b.body, b.findings, b.units),
            Lang::En => format!(
                "{} ({} findings in {})",
                b.body,
                b.findings,
                plural(b.units, "unit", "units")
            ),
        })
        .collect();
    let some = some_clauses(results, statistics, lang);
    let mut text = match lang {
        Lang::Zh => {
            let mut text = "以上问题反映出，一些地方和部门对整治形式主义为基层减负的认识还不到位，向基层转嫁负担的惯性依然存在。".to_owned();
            text.push_str(&format!(
                "从问题类型看，主要集中在{}",
                join_list(&clearance_words, lang)
            ));
            if body_words.is_empty() {
                text.push('。');
            } else {
                text.push_str(&format!(
                    "；从责任主体看，{}涉及问题较多。",
                    join_list(&body_words, lang)
                ));
            }
            if !some.is_empty() {
                text.push_str(&some.join("；"));
                text.push('。');
            }
            text
        }
        Lang::En => {
            let mut text = "These problems show that some places and bodies still do not take burden reduction seriously, and the habit of pushing work down persists.".to_owned();
            text.push_str(&format!(
                " Most problems concern {}",
                join_list(&clearance_words, lang)
            ));
            if body_words.is_empty() {
                text.push('.');
            } else {
                text.push_str(&format!(
                    "; the bodies named most often are {}.",
                    join_list(&body_words, lang)
                ));
            }
            if !some.is_empty() {
                let joined = some.join("; ");
                let mut chars = joined.chars();
                let capitalised: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                text.push_str(&format!(" {capitalised}."));
            }
            text
        }
    };
    text.push_str(&rebound_sentence(rebounds, lang));
    text
}

fn rebound_sentence(rebounds: usize, lang: Lang) -> String {
    match (rebounds, lang) {
        (0, _) => String::new(),
        (n, Lang::Zh) => format!("与上期相比，{n}个单位清理过的事项出现反弹。"),
        (n, Lang::En) => format!(
            " Since the previous period, cleared items have come back in {}.",
            plural(n, "unit", "units")
        ),
    }
}

fn requirements(
    results: &[UnitResult],
    statistics: &Statistics,
    cases: &[Case],
    trend: Option<&Trend>,
    context: &cases::CaseContext,
) -> String {
    let lang = context.lang;
    let mut points: Vec<String> = Vec::new();
    let bodies: Vec<String> =
        cases
            .iter()
            .filter_map(|c| c.body.clone())
            .fold(Vec::new(), |mut acc, b| {
                if !acc.contains(&b) {
                    acc.push(b);
                }
                acc
            });
    if !cases.is_empty() {
        let named = if bodies.is_empty() {
            match lang {
                Lang::Zh => "被通报单位所在苏木乡镇（街道）".to_owned(),
                Lang::En => "the townships of the units named".to_owned(),
            }
        } else {
            let shown: Vec<String> = bodies.iter().take(5).cloned().collect();
            match lang {
                Lang::Zh => format!("{}等被通报单位", shown.join("、")),
                Lang::En if bodies.len() > 5 => {
                    format!("{} and the other bodies named", shown.join(", "))
                }
                Lang::En => format!("the bodies named ({})", join_list(&shown, lang)),
            }
        };
        points.push(match lang {
            Lang::Zh => format!(
                "立行立改。{named}要对照通报问题逐项整改，于{}前将整改情况书面报送{}",
                context.deadline, context.issuer
            ),
            Lang::En => format!(
                "Correct at once: {named} must correct each problem and report in writing to {} by {}",
                context.issuer, context.deadline
            ),
        });
    }
    let focus: Vec<&Tally> = dominant_clearances(statistics)
        .into_iter()
        .filter(|t| t.key != Clearance::Submit.as_str())
        .take(2)
        .collect();
    if !focus.is_empty() {
        let labels: Vec<String> = focus.iter().map(|t| t.label.clone()).collect();
        let actions: Vec<String> = focus
            .iter()
            .filter_map(|t| clearance_from_key(t.key))
            .filter_map(|c| top_rules(results, c).first().cloned())
            .filter_map(|(id, _)| phrases::rule_phrase(&id))
            .map(|p| p.action(lang).to_owned())
            .collect();
        points.push(match (lang, actions.is_empty()) {
            (Lang::Zh, true) => format!(
                "聚焦重点。各地各部门要围绕{}开展自查自纠",
                join_list(&labels, lang)
            ),
            (Lang::Zh, false) => format!(
                "聚焦重点。各地各部门要围绕{}开展自查自纠，{}",
                join_list(&labels, lang),
                actions.join("；")
            ),
            (Lang::En, true) => format!(
                "Focus: every place and body reviews its own {}",
                join_list(&labels, lang)
            ),
            (Lang::En, false) => format!(
                "Focus: every place and body reviews its own {}, and must {}",
                join_list(&labels, lang),
                join_list(&actions, lang)
            ),
        });
    }
    let rebounds = trend.map_or(0, |t| t.rebounds.len());
    points.push(match (lang, rebounds) {
        (Lang::Zh, 0) => "巩固成果。要把清单报送和检查作为常态，按期开展检查，防止问题反弹".to_owned(),
        (Lang::Zh, n) => format!(
            "防止反弹。对清理过的事项出现反弹的{n}个单位，所在旗县市要逐一核查原因，限期重新清理"
        ),
        (Lang::En, 0) => {
            "Hold the gains: keep submitting and checking inventories every period so that nothing comes back".to_owned()
        }
        (Lang::En, n) => format!(
            "Stop rebounds: the banners of the {} where cleared items came back must find out why and clear them again",
            plural(n, "unit", "units")
        ),
    });
    let broken = results
        .iter()
        .filter(|r| open_findings(r).any(|f| f.rule.clearance == Clearance::Submit))
        .count();
    if broken > 0 {
        points.push(match lang {
            Lang::Zh => format!(
                "规范报送。督促{broken}个清单报送不规范的单位按照清单报送格式补正后重新报送"
            ),
            Lang::En => format!(
                "Submit properly: the {} whose inventories are incomplete or malformed must correct and resubmit them",
                plural(broken, "unit", "units")
            ),
        });
    }
    match lang {
        Lang::Zh => {
            let numbered: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{}是{p}", phrases::chinese_number(i + 1)))
                .collect();
            format!(
                "各旗县市、各部门要深刻汲取教训，举一反三、引以为戒。{}。",
                numbered.join("。")
            )
        }
        Lang::En => {
            let numbered: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("({}) {p}.", i + 1))
                .collect();
            format!(
                "Every banner and body must learn from these cases. {}",
                numbered.join(" ")
            )
        }
    }
}

/// The headings the renderers share, in the bulletin's language.
pub(crate) struct Headings {
    pub cases: &'static str,
    pub analysis: &'static str,
    pub attachment: &'static str,
    pub overview: &'static str,
    pub by_clearance: &'static str,
    pub by_banner: &'static str,
    pub by_township: &'static str,
    pub bodies: &'static str,
    pub trend: &'static str,
    pub rebounds: &'static str,
    pub basis_rules: &'static str,
}

pub(crate) fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings {
            cases: "典型问题",
            analysis: "问题分析和工作要求",
            attachment: "附件：检查情况统计",
            overview: "总体情况",
            by_clearance: "问题按类别",
            by_banner: "问题按旗县市",
            by_township: "问题按苏木乡镇（街道）",
            bodies: "问题较多的责任单位",
            trend: "与上期相比",
            rebounds: "出现反弹的单位",
            basis_rules: "涉及规则",
        },
        Lang::En => Headings {
            cases: "Typical cases",
            analysis: "Analysis and requirements",
            attachment: "Attachment: statistics",
            overview: "Overview",
            by_clearance: "Findings by clearance",
            by_banner: "Findings by banner",
            by_township: "Findings by township",
            bodies: "Bodies named most often",
            trend: "Change since the previous period",
            rebounds: "Units that rebounded",
            basis_rules: "Rules",
        },
    }
}

/// Column labels of the statistics tables.
pub(crate) struct Columns {
    pub item: &'static str,
    pub clearance: &'static str,
    pub count: &'static str,
    pub banner: &'static str,
    pub township: &'static str,
    pub units: &'static str,
    pub clean: &'static str,
    pub findings: &'static str,
    pub errors: &'static str,
    pub body: &'static str,
    pub section: &'static str,
    pub previous: &'static str,
    pub current: &'static str,
    pub change: &'static str,
    pub unit: &'static str,
}

pub(crate) fn columns(lang: Lang) -> Columns {
    match lang {
        Lang::Zh => Columns {
            item: "项目",
            clearance: "类别",
            count: "数量",
            banner: "旗县市",
            township: "苏木乡镇（街道）",
            units: "检查单位",
            clean: "无问题单位",
            findings: "问题",
            errors: "其中错误",
            body: "责任单位",
            section: "清理事项",
            previous: "上期",
            current: "本期",
            change: "变化",
            unit: "单位",
        },
        Lang::En => Columns {
            item: "Item",
            clearance: "Clearance",
            count: "Count",
            banner: "Banner",
            township: "Township",
            units: "Units",
            clean: "Clean",
            findings: "Findings",
            errors: "Errors",
            body: "Body",
            section: "Section",
            previous: "Previous",
            current: "Current",
            change: "Change",
            unit: "Unit",
        },
    }
}

/// The overview rows shared by the Markdown and HTML statistics.
pub(crate) fn overview_rows(bulletin: &Bulletin, lang: Lang) -> Vec<(String, usize)> {
    let s = &bulletin.statistics;
    let mut rows = match lang {
        Lang::Zh => vec![
            ("检查单位".to_owned(), s.units),
            ("无问题单位".to_owned(), s.units_clean),
            ("发现问题".to_owned(), s.findings),
        ],
        Lang::En => vec![
            ("Units checked".to_owned(), s.units),
            ("Clean units".to_owned(), s.units_clean),
            ("Findings".to_owned(), s.findings),
        ],
    };
    for tally in &s.by_severity {
        rows.push((format!("  {}", tally.label), tally.count));
    }
    if s.waived > 0 {
        rows.push((
            match lang {
                Lang::Zh => "已豁免".to_owned(),
                Lang::En => "Waived".to_owned(),
            },
            s.waived,
        ));
    }
    rows
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

    #[test]
    fn shares_round_to_one_decimal() {
        assert_eq!(share(29, 96), "30.2");
        assert_eq!(share(1, 3), "33.3");
        assert_eq!(share(2, 3), "66.7");
        assert_eq!(share(0, 0), "0");
    }

    #[test]
    fn lists_join_in_each_language() {
        let items = vec!["a".to_owned(), "b".to_owned(), "c".to_owned()];
        assert_eq!(join_list(&items, Lang::Zh), "a、b、c");
        assert_eq!(join_list(&items, Lang::En), "a, b and c");
    }
}
