//! The bulletin's prose built from the data: the lead paragraph, the analysis (以上问题反映出…
//! 有的…有的…) and the requirements (一是…二是…). Each sentence names what the results hold —
//! the dominant clearances, the bodies with most findings, the units that rebounded — so no
//! two leagues get the same text.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::finding::{Clearance, Lang, RuleHeader};
use crate::outcome::UnitResult;

use super::cases::{Case, CaseContext};
use super::trend::Trend;
use super::{Statistics, Tally, open_findings, phrases};

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

pub(crate) use crate::finding::plural;

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

pub(super) fn lead(
    results: &[UnitResult],
    statistics: &Statistics,
    issuer: &str,
    period: Option<&str>,
    cases: &[Case],
    lang: Lang,
) -> String {
    let scope = scope_in_words(statistics, lang);
    let units = units_in_words(results, lang);
    let not = &statistics.not_problems;
    // Rule hits on the problems: every open finding but those not counted as problems.
    let hits = statistics.findings - not.submission - not.trend - not.config;
    match lang {
        Lang::Zh => {
            let period = period.unwrap_or_default();
            let mut text = format!(
                "为深入贯彻落实《整治形式主义为基层减负若干规定》，巩固嘎查村社区“六清理两强化”专项行动成果，{issuer}对{scope}{units}{period}报送的减负清单进行了检查。"
            );
            if statistics.problems == 0 {
                text.push_str("各单位均未发现典型问题。");
            } else {
                let clean = match statistics.units_clean {
                    0 => String::new(),
                    n => format!("{n}个单位未发现问题；"),
                };
                text.push_str(&format!(
                    "{clean}{}个单位共存在问题{}个，涉及违反规定{}项次（同一事项违反多项规定的计为一个问题），涉及责任单位{}个。",
                    statistics.problem_units, statistics.problems, hits, statistics.bodies
                ));
            }
            let mut aside = Vec::new();
            if not.submission > 0 {
                aside.push(format!("清单填报不规范{}处", not.submission));
            }
            if not.trend > 0 {
                aside.push(format!("事项数量反弹{}处", not.trend));
            }
            if not.config > 0 {
                aside.push(format!("豁免到期或未用{}处", not.config));
            }
            if statistics.waived > 0 {
                aside.push(format!("经批准豁免{}处", statistics.waived));
            }
            if !aside.is_empty() {
                text.push_str(&format!("另有{}，不计入问题数。", aside.join("、")));
            }
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
                "To carry out the Several Provisions on Rectifying Formalism to Reduce Burdens at the Grassroots and consolidate the “six clearances, two strengthenings” action, {issuer} checked the burden-reduction inventories that {units}{scope} submitted{period}. "
            );
            if statistics.problems == 0 {
                text.push_str("No unit showed a problem of the kind reported here.");
            } else {
                text.push_str(&format!(
                    "{} showed {} breaking rules {} times (an item that breaks several rules counts once), caused by {}.",
                    plural(statistics.problem_units, "unit", "units"),
                    plural(statistics.problems, "problem", "problems"),
                    hits,
                    plural(statistics.bodies, "body", "bodies"),
                ));
            }
            let mut aside = Vec::new();
            if not.submission > 0 {
                aside.push(plural(
                    not.submission,
                    "flaw in filling in the inventory",
                    "flaws in filling in the inventories",
                ));
            }
            if not.trend > 0 {
                aside.push(plural(
                    not.trend,
                    "rebound in the number of items",
                    "rebounds in the number of items",
                ));
            }
            if not.config > 0 {
                aside.push(plural(
                    not.config,
                    "waiver expired or unused",
                    "waivers expired or unused",
                ));
            }
            if statistics.waived > 0 {
                aside.push(format!(
                    "{} waived as approved",
                    plural(statistics.waived, "finding", "findings")
                ));
            }
            if !aside.is_empty() {
                text.push_str(&format!(" Not counted as problems: {}.", aside.join(", ")));
            }
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
fn top_rules(results: &[UnitResult], clearance: Clearance) -> Vec<(Arc<RuleHeader>, usize)> {
    let mut counts: BTreeMap<&str, (&Arc<RuleHeader>, usize)> = BTreeMap::new();
    for result in results {
        for finding in open_findings(result).filter(|f| f.rule.clearance == clearance) {
            counts
                .entry(&finding.rule.id)
                .or_insert((&finding.rule, 0))
                .1 += 1;
        }
    }
    let mut rules: Vec<(Arc<RuleHeader>, usize)> = counts
        .into_values()
        .map(|(rule, n)| (rule.clone(), n))
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
                .filter_map(|(rule, _)| rule.bulletin.as_ref())
                .map(|p| p.problem.get(lang).to_owned())
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

pub(super) fn analysis(
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

pub(super) fn requirements(
    results: &[UnitResult],
    statistics: &Statistics,
    cases: &[Case],
    trend: Option<&Trend>,
    context: &CaseContext,
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
            .filter_map(|(rule, _)| {
                rule.bulletin
                    .as_ref()
                    .map(|p| p.action.get(lang).to_owned())
            })
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
    // Named, so that the banners know whom to remind.
    let broken: Vec<super::cases::CaseUnit> = results
        .iter()
        .filter(|r| open_findings(r).any(|f| f.rule.clearance == Clearance::Submit))
        .map(super::cases::case_unit)
        .collect();
    let broken = super::cases::unit_names(&broken);
    if !broken.is_empty() {
        points.push(match lang {
            Lang::Zh => format!(
                "规范报送。督促{}共{}个清单报送不规范的单位按照清单报送格式补正后重新报送",
                broken.join("、"),
                broken.len()
            ),
            Lang::En => format!(
                "Submit properly: {} must correct and resubmit their incomplete or malformed inventories",
                join_list(&broken, lang)
            ),
        });
    }
    match lang {
        Lang::Zh => {
            let numbered: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, p)| match points.len() {
                    // A single point needs no 一是, only its words after the heading 。
                    1 => p
                        .split_once('。')
                        .map_or(p.clone(), |(_, rest)| rest.to_owned()),
                    _ => format!("{}是{p}", phrases::chinese_number(i + 1)),
                })
                .collect();
            let opening = if statistics.findings == 0 {
                "各旗县市、各部门要继续巩固减负成果。"
            } else {
                "各旗县市、各部门要深刻汲取教训，举一反三、引以为戒。"
            };
            format!("{opening}{}。", numbered.join("。"))
        }
        Lang::En => {
            let numbered: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, p)| match points.len() {
                    1 => format!("{p}."),
                    _ => format!("({}) {p}.", i + 1),
                })
                .collect();
            let opening = if statistics.findings == 0 {
                "Every banner and body must keep the gains."
            } else {
                "Every banner and body must learn from these cases."
            };
            format!("{opening} {}", numbered.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
