//! The bulletin's prose built from the data: the lead paragraph, the analysis (以上问题反映出…
//! 有的…有的…) and the requirements (一是…二是…). Each sentence names what the results hold —
//! the clearances and bodies with most problems, the units that rebounded, the units whose
//! inventories need correcting — so no two leagues get the same text. The words come from the
//! catalogue.

use super::gather::RunFacts;
use crate::finding::Clearance;
use crate::wording::{Arg, keys};

use super::cases::{Case, CaseContext};
use super::trend::Trend;
use super::{Statistics, Tally, Words};

/// Share of `part` in `whole` as a percentage with one decimal (`30.2`).
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0".to_owned();
    }
    let tenths = (part as u128 * 2000 + whole as u128) / (whole as u128 * 2);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// Sentences one after the other: nothing between them in Chinese, a space in English.
fn sentences(parts: &[String], words: &Words) -> String {
    parts.join(&words.say(&keys::BULLETIN_SENTENCE_GAP, &[]))
}

/// How many villages and communities were checked, in words.
fn units_in_words(run: &RunFacts, words: &Words) -> String {
    let villages = run.villages;
    let communities = run.communities;
    let other = run.units - villages - communities;
    let parts: Vec<String> = [
        (villages, "village"),
        (communities, "community"),
        (other, "other"),
    ]
    .into_iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, kind)| {
        words.say(
            &keys::BULLETIN_UNITS_COUNTED,
            &[("count", count.into()), ("kind", kind.into())],
        )
    })
    .collect();
    if parts.is_empty() {
        return words.say(
            &keys::BULLETIN_UNITS_COUNTED,
            &[("count", 0usize.into()), ("kind", "other".into())],
        );
    }
    words.list(&parts)
}

/// The banners checked, named when few.
fn scope_in_words(statistics: &Statistics, words: &Words) -> String {
    let names: Vec<String> = statistics
        .by_banner
        .iter()
        .map(|b| b.banner.clone())
        .collect();
    match names.len() {
        0 => String::new(),
        1..=5 => words.list(&names),
        n => words.say(&keys::BULLETIN_BANNERS_COUNTED, &[("count", n.into())]),
    }
}

pub(super) fn lead(
    run: &RunFacts,
    statistics: &Statistics,
    cases: &[Case],
    context: &CaseContext,
) -> String {
    let words = &context.words;
    let scope = scope_in_words(statistics, words);
    let not = &statistics.not_problems;
    // Rule hits on the problems: every open finding but those not counted as problems.
    let hits = statistics.findings - not.submission - not.trend - not.config;
    let optional = |key, name: &'static str, value: &str| {
        if value.is_empty() {
            String::new()
        } else {
            words.say(key, &[(name, value.into())])
        }
    };
    let mut text = vec![
        words.say(
            &keys::BULLETIN_LEAD_OPENING,
            &[
                ("issuer", context.issuer.clone().into()),
                (
                    "scope",
                    optional(&keys::BULLETIN_LEAD_SCOPE, "scope", &scope).into(),
                ),
                ("units", units_in_words(run, words).into()),
                (
                    "period",
                    optional(
                        &keys::BULLETIN_LEAD_PERIOD,
                        "period",
                        context.period.as_deref().unwrap_or_default(),
                    )
                    .into(),
                ),
            ],
        ),
    ];
    if statistics.problems == 0 {
        text.push(words.say(&keys::BULLETIN_LEAD_CLEAN, &[]));
    } else {
        text.push(words.say(
            &keys::BULLETIN_LEAD_PROBLEMS,
            &[
                ("clean", statistics.units_clean.into()),
                ("units", statistics.problem_units.into()),
                ("problems", statistics.problems.into()),
                ("hits", hits.into()),
                ("bodies", statistics.bodies.into()),
            ],
        ));
    }
    let aside: Vec<String> = [
        (&keys::BULLETIN_ASIDE_SUBMISSION, not.submission),
        (&keys::BULLETIN_ASIDE_TREND, not.trend),
        (&keys::BULLETIN_ASIDE_CONFIG, not.config),
        (&keys::BULLETIN_ASIDE_WAIVED, statistics.waived),
    ]
    .into_iter()
    .filter(|(_, count)| *count > 0)
    .map(|(key, count)| words.say(key, &[("count", count.into())]))
    .collect();
    if !aside.is_empty() {
        text.push(words.say(
            &keys::BULLETIN_ASIDE,
            &[("list", words.list(&aside).into())],
        ));
    }
    if !cases.is_empty() {
        text.push(words.say(&keys::BULLETIN_LEAD_CASES, &[("count", cases.len().into())]));
    }
    sentences(&text, words)
}

/// The clearances with most problems, most first.
fn dominant_clearances(statistics: &Statistics) -> Vec<&Tally> {
    let mut tallies: Vec<&Tally> = statistics.problems_by_clearance.iter().collect();
    tallies.sort_by_key(|t| std::cmp::Reverse(t.count));
    tallies
}

fn clearance_from_key(key: &str) -> Option<Clearance> {
    Clearance::ALL.into_iter().find(|c| c.as_str() == key)
}

/// 有的…: one clause per dominant clearance, naming its most frequent problems.
fn some_clauses(run: &RunFacts, statistics: &Statistics, words: &Words) -> Vec<String> {
    dominant_clearances(statistics)
        .into_iter()
        .take(3)
        .filter_map(|tally| {
            let clearance = clearance_from_key(tally.key)?;
            let problems: Vec<String> = run
                .top_rules(clearance)
                .iter()
                .take(2)
                .filter_map(|(rule, _)| rule.bulletin.as_ref())
                .map(|p| p.problem.get(words.lang()).to_owned())
                .collect();
            let area = ("clearance", Arg::from(clearance.as_str()));
            Some(if problems.is_empty() {
                words.say(&keys::BULLETIN_SOME, &[area])
            } else {
                words.say(
                    &keys::BULLETIN_SOME_PROBLEMS,
                    &[area, ("problems", words.list(&problems).into())],
                )
            })
        })
        .collect()
}

pub(super) fn analysis(
    run: &RunFacts,
    statistics: &Statistics,
    trend: Option<&Trend>,
    words: &Words,
) -> String {
    let rebounds = trend.map_or(0, |t| t.rebounds.len());
    let mut text: Vec<String> = Vec::new();
    if statistics.problems == 0 {
        text.push(words.say(&keys::BULLETIN_ANALYSIS_NONE, &[]));
    } else {
        text.push(words.say(&keys::BULLETIN_ANALYSIS_OPENING, &[]));
        let total = statistics.problems;
        let types: Vec<String> = dominant_clearances(statistics)
            .iter()
            .take(3)
            .map(|t| {
                words.say(
                    &keys::BULLETIN_ANALYSIS_SHARE,
                    &[
                        ("label", t.label.clone().into()),
                        ("count", t.count.into()),
                        ("share", share(t.count, total).into()),
                    ],
                )
            })
            .collect();
        let bodies: Vec<String> = statistics
            .top_bodies
            .iter()
            .take(3)
            .map(|b| {
                words.say(
                    &keys::BULLETIN_ANALYSIS_BODY,
                    &[
                        ("body", b.body.clone().into()),
                        ("problems", b.problems.into()),
                        ("units", b.units.into()),
                    ],
                )
            })
            .collect();
        let types = ("types", Arg::from(words.list(&types)));
        text.push(if bodies.is_empty() {
            words.say(&keys::BULLETIN_ANALYSIS_TYPES, &[types])
        } else {
            words.say(
                &keys::BULLETIN_ANALYSIS_TYPES_BODIES,
                &[types, ("bodies", words.list(&bodies).into())],
            )
        });
        let some = some_clauses(run, statistics, words);
        if !some.is_empty() {
            text.push(capitalised(&words.say(
                &keys::BULLETIN_SENTENCE,
                &[("text", words.separated(&some).into())],
            )));
        }
    }
    if rebounds > 0 {
        text.push(words.say(&keys::BULLETIN_REBOUNDS, &[("count", rebounds.into())]));
    }
    sentences(&text, words)
}

/// A sentence with its first letter upper-case (a no-op for Chinese).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A numbered requirement: its heading (立行立改) and what it asks.
struct Point {
    heading: String,
    text: String,
}

pub(super) fn requirements(
    run: &RunFacts,
    statistics: &Statistics,
    cases: &[Case],
    trend: Option<&Trend>,
    context: &CaseContext,
) -> String {
    let words = &context.words;
    let point = |heading: &crate::wording::Key, text: String| Point {
        heading: words.say(heading, &[]),
        text,
    };
    let mut points: Vec<Point> = Vec::new();
    let mut bodies: Vec<String> = Vec::new();
    for body in cases.iter().filter_map(|c| c.body.clone()) {
        if !bodies.contains(&body) {
            bodies.push(body);
        }
    }
    if !cases.is_empty() {
        let named = if bodies.is_empty() {
            words.say(&keys::BULLETIN_NAMED_TOWNSHIPS, &[])
        } else {
            let shown: Vec<String> = bodies.iter().take(5).cloned().collect();
            words.say(
                &keys::BULLETIN_NAMED_BODIES,
                &[("bodies", words.list(&shown).into())],
            )
        };
        points.push(point(
            &keys::BULLETIN_REQUIRE_CORRECT_HEADING,
            words.say(
                &keys::BULLETIN_REQUIRE_CORRECT,
                &[
                    ("named", named.into()),
                    ("deadline", context.deadline.clone().into()),
                    ("issuer", context.issuer.clone().into()),
                ],
            ),
        ));
    }
    let focus: Vec<&Tally> = dominant_clearances(statistics)
        .into_iter()
        .take(2)
        .collect();
    if !focus.is_empty() {
        let labels: Vec<String> = focus.iter().map(|t| t.label.clone()).collect();
        let actions: Vec<String> = focus
            .iter()
            .filter_map(|t| clearance_from_key(t.key))
            .filter_map(|c| run.top_rules(c).first().cloned())
            .filter_map(|(rule, _)| {
                rule.bulletin
                    .as_ref()
                    .map(|p| p.action.get(words.lang()).to_owned())
            })
            .collect();
        let areas = ("areas", Arg::from(words.list(&labels)));
        let text = if actions.is_empty() {
            words.say(&keys::BULLETIN_REQUIRE_FOCUS, &[areas])
        } else {
            words.say(
                &keys::BULLETIN_REQUIRE_FOCUS_ACTIONS,
                &[areas, ("actions", words.separated(&actions).into())],
            )
        };
        points.push(point(&keys::BULLETIN_REQUIRE_FOCUS_HEADING, text));
    }
    points.push(match trend.map_or(0, |t| t.rebounds.len()) {
        0 => point(
            &keys::BULLETIN_REQUIRE_HOLD_HEADING,
            words.say(&keys::BULLETIN_REQUIRE_HOLD, &[]),
        ),
        n => point(
            &keys::BULLETIN_REQUIRE_REBOUNDS_HEADING,
            words.say(&keys::BULLETIN_REQUIRE_REBOUNDS, &[("count", n.into())]),
        ),
    });
    // Named, so that the banners know whom to remind.
    let broken = &run.broken;
    if !broken.is_empty() {
        points.push(point(
            &keys::BULLETIN_REQUIRE_SUBMIT_HEADING,
            words.say(
                &keys::BULLETIN_REQUIRE_SUBMIT,
                &[
                    ("units", words.list(broken).into()),
                    ("count", broken.len().into()),
                ],
            ),
        ));
    }
    let opening = if statistics.problems == 0 {
        words.say(&keys::BULLETIN_REQUIRE_OPENING_CLEAN, &[])
    } else {
        words.say(&keys::BULLETIN_REQUIRE_OPENING, &[])
    };
    let mut text = vec![opening];
    match points.as_slice() {
        // A single point needs no 一是 and no heading.
        [only] => text.push(words.say(
            &keys::BULLETIN_SENTENCE,
            &[("text", only.text.clone().into())],
        )),
        points => text.extend(points.iter().enumerate().map(|(i, p)| {
            words.say(
                &keys::BULLETIN_REQUIREMENT,
                &[
                    ("number", (i + 1).into()),
                    ("heading", p.heading.clone().into()),
                    ("text", p.text.clone().into()),
                ],
            )
        })),
    }
    sentences(&text, words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Lang;
    use crate::wording::Locale;

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
        let zh = Words::new(Locale::from(Lang::Zh));
        let en = Words::new(Locale::from(Lang::En));
        assert_eq!(zh.list(&items), "a、b、c");
        assert_eq!(en.list(&items), "a, b and c");
        assert_eq!(zh.numbered(&items[..2]), "一是a；二是b。");
        assert_eq!(en.numbered(&items[..2]), "(1) a; (2) b.");
    }
}
