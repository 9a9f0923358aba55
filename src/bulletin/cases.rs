//! Cases: findings aggregated across units into the bulletin's numbered cases.
//!
//! A finding that names the body that caused it (`imposer`) joins that body's case, whatever
//! the clearance: 扎赉特旗公安局's daily form, its work group and its inspection in two villages
//! are one case with three parts, as a bulletin names a body once. A finding that names no body
//! joins the case of its rule. SUBMIT findings are the units' own doing and make no case;
//! waived findings make none either.
//!
//! A problem is an item of a unit however many rules it breaks; a case weighs the sum of its
//! problems' severities (3 for an error, 2 for a warning, 1 for a notice), so a body that burdens
//! many units in many ways ranks above one form in one village. The top N are written out with a
//! headline, a narrative built from the inventory items themselves (names, frequencies, dates,
//! deadlines, counts), the basis, and the handling. Every sentence comes from the catalogue.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::facts::BulletinFinding as Finding;
use super::facts::BulletinUnit;
use crate::finding::{Clearance, RuleHeader, Severity};
use crate::inventory::codes::body_name;
use crate::policy::sources::SourceKind;
use crate::wording::{Arg, keys};

use super::items::{ItemWords, item_name, item_ref, text_of};
use super::{Words, open_findings};

/// How many units a narrative names before "等N个".
const UNITS_NAMED: usize = 6;
/// How many entries a rule case's narrative lists before stopping.
const ENTRIES_LISTED: usize = 8;

/// What the case texts need beyond the findings.
#[derive(Clone, Debug)]
pub struct CaseContext {
    pub words: Words,
    /// The reporting period in words.
    pub period: Option<String>,
    /// The date corrections are due, in words.
    pub deadline: String,
    pub issuer: String,
}

/// One numbered case.
#[derive(Clone, Debug, Serialize)]
pub struct Case {
    /// 1-based rank.
    pub number: usize,
    /// {单位}{动宾式问题概括}.
    pub headline: String,
    /// The body the case is about; `None` for a case grouped by rule.
    pub body: Option<String>,
    /// The clearances the case spans, heaviest first.
    pub clearances: Vec<&'static str>,
    /// The most serious severity among the case's findings.
    pub severity: &'static str,
    /// Distinct problems: items of units, however many rules each breaks.
    pub problems: usize,
    /// The case's weight: its problems' severities summed (error 3, warning 2, notice 1).
    pub weight: usize,
    pub findings: usize,
    /// The units affected, in the order they were found.
    pub units: Vec<CaseUnit>,
    /// The rules broken, most serious first.
    pub rules: Vec<CaseRule>,
    /// The inventory items involved, with what the data says about them.
    pub items: Vec<CaseItem>,
    /// Who did what, when, to whom, with the figures.
    pub narrative: String,
    pub basis: Vec<BasisRef>,
    /// 上述行为违反了…的规定.
    pub violation: String,
    /// What the body is directed to do.
    pub handling: String,
}

/// A unit affected by a case.
#[derive(Clone, Debug, Serialize)]
pub struct CaseUnit {
    pub code: Option<String>,
    pub name: String,
    pub kind: Option<String>,
    pub banner: Option<String>,
    pub township: Option<String>,
}

/// A rule broken in a case.
#[derive(Clone, Debug, Serialize)]
pub struct CaseRule {
    pub id: String,
    pub name: String,
    pub severity: &'static str,
    /// The problem in words.
    pub problem: String,
    pub findings: usize,
    pub units: usize,
}

/// An inventory item of a case (a report, a group, a meeting…), or for a case grouped by rule,
/// one finding's message.
#[derive(Clone, Debug, Serialize)]
pub struct CaseItem {
    /// The section key (`reports`, `groups`, `cadres`…).
    pub section: String,
    pub name: Option<String>,
    /// What the data says about it, in a sentence without the name.
    pub details: String,
    /// The names of the units that list it.
    pub units: Vec<String>,
}

/// A document a case breaks, and the words of it that apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BasisRef {
    /// The source's key in the sources table.
    pub short: String,
    /// The source as cited: 《title》（文号）.
    pub title: String,
    /// Whether it binds (a regulation), rather than reporting practice.
    pub binding: bool,
    /// The words of it the case's rules cite.
    pub quotes: Vec<String>,
}

/// What a case gathers: a body's findings, or those of a rule for findings that name no body.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum CaseKey<'a> {
    /// The body's name in one spelling ([`body_name`]).
    Body(Cow<'a, str>),
    Rule(Cow<'a, str>),
}

impl CaseKey<'_> {
    /// The key holding its own text, to outlive the finding it was taken from.
    pub(super) fn into_owned(self) -> CaseKey<'static> {
        match self {
            CaseKey::Body(body) => CaseKey::Body(Cow::Owned(body.into_owned())),
            CaseKey::Rule(id) => CaseKey::Rule(Cow::Owned(id.into_owned())),
        }
    }

    fn is_rule(&self) -> bool {
        matches!(self, CaseKey::Rule(_))
    }
}

/// The case a problem finding joins: its body's, or its rule's when it names no body.
pub(super) fn case_key(finding: &Finding) -> CaseKey<'_> {
    case_key_of(finding, finding.imposer.as_deref().and_then(body_name))
}

/// [`case_key`] with the finding's body already in one spelling ([`body_name`]).
pub(super) fn case_key_of<'a>(finding: &'a Finding, body: Option<Cow<'a, str>>) -> CaseKey<'a> {
    match body {
        Some(body) => CaseKey::Body(body),
        None => CaseKey::Rule(Cow::Borrowed(&finding.rule.id)),
    }
}

/// A case's place in the bulletin's order: bodies first (a bulletin names the bodies
/// responsible first; problems no body caused follow), then the heaviest, then the one with
/// most findings, then by key. Everything it compares is the case's own, so the order of a few
/// cases is their order among all.
pub(super) fn rank_order(
    (a, weight_a, findings_a): (&CaseKey, usize, usize),
    (b, weight_b, findings_b): (&CaseKey, usize, usize),
) -> std::cmp::Ordering {
    a.is_rule()
        .cmp(&b.is_rule())
        .then_with(|| weight_b.cmp(&weight_a))
        .then_with(|| findings_b.cmp(&findings_a))
        .then_with(|| a.cmp(b))
}

type Located<'a> = (usize, &'a Finding);

/// The findings of one case before it is written out.
struct Group<'a> {
    key: CaseKey<'a>,
    /// (index into the results, finding), in result order.
    findings: Vec<Located<'a>>,
}

/// What one problem is within its unit: an item (`reports[2]`, no rule), or for a rule about a
/// whole list, that rule on the list. The bulletin's statistics count the same way.
pub(super) type Problem<'a> = (&'a str, &'a str);

pub(super) fn problem_of(finding: &Finding) -> Problem<'_> {
    let path = finding.path.as_str();
    match path.find(']') {
        Some(end) => (&path[..=end], ""),
        None => (path, finding.rule.id.as_str()),
    }
}

/// A problem across units: the unit's index in the results, and the problem in it.
fn problem_key(unit: usize, finding: &Finding) -> (usize, &str, &str) {
    let (item, rule) = problem_of(finding);
    (unit, item, rule)
}

/// The weight of some problems, each given with the severity of one of its findings: a
/// problem weighs as its most serious finding.
pub(super) fn weight_of_problems<K: Ord>(mut problems: Vec<(K, Severity)>) -> usize {
    problems.sort_unstable();
    problems
        .chunk_by(|a, b| a.0 == b.0)
        .map(|findings| severity_weight(findings[findings.len() - 1].1))
        .sum()
}

fn severity_weight(severity: Severity) -> usize {
    match severity {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

fn most_severe<'a>(findings: impl Iterator<Item = &'a Located<'a>>) -> Severity {
    findings
        .map(|(_, f)| f.severity)
        .max()
        .unwrap_or(Severity::Info)
}

/// Distinct units, in result order. Findings are gathered unit by unit, so a unit's findings
/// are adjacent and one look back finds a repeat (linear, for leagues of 100,000).
fn distinct_units<'a>(findings: impl Iterator<Item = &'a Located<'a>>) -> Vec<usize> {
    let mut units: Vec<usize> = Vec::new();
    for (index, _) in findings {
        if units.last() != Some(index) {
            units.push(*index);
        }
    }
    units
}

/// The problems of some findings, each with its most serious severity.
fn problems<'a>(findings: &'a [Located<'a>]) -> HashMap<(usize, &'a str, &'a str), Severity> {
    let mut problems = HashMap::new();
    for (index, finding) in findings {
        let severity = problems
            .entry(problem_key(*index, finding))
            .or_insert(finding.severity);
        *severity = (*severity).max(finding.severity);
    }
    problems
}

fn weight_of(findings: &[Located]) -> usize {
    weight_of_problems(
        findings
            .iter()
            .map(|(index, finding)| (problem_key(*index, finding), finding.severity))
            .collect(),
    )
}

/// Aggregate the findings of `results` into cases and write out the `top` heaviest.
pub fn build_cases(results: &[BulletinUnit], top: usize, context: &CaseContext) -> Vec<Case> {
    let mut ranked: Vec<(usize, Group)> = group_findings(results)
        .into_iter()
        .map(|group| (weight_of(&group.findings), group))
        .collect();
    ranked.sort_by(|(weight_a, a), (weight_b, b)| {
        rank_order(
            (&a.key, *weight_a, a.findings.len()),
            (&b.key, *weight_b, b.findings.len()),
        )
    });
    ranked
        .iter()
        .take(top)
        .enumerate()
        .map(|(i, (weight, group))| write_case(i + 1, *weight, group, results, context))
        .collect()
}

fn group_findings(results: &[BulletinUnit]) -> Vec<Group<'_>> {
    let mut groups: BTreeMap<CaseKey, Vec<Located>> = BTreeMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result).filter(|f| super::is_problem(f)) {
            groups
                .entry(case_key(finding))
                .or_default()
                .push((index, finding));
        }
    }
    groups
        .into_iter()
        .map(|(key, findings)| Group { key, findings })
        .collect()
}

/// The findings of one clearance within a case: one part of a body's narrative.
struct Part<'a> {
    clearance: Clearance,
    findings: Vec<Located<'a>>,
    weight: usize,
}

/// A case's findings by clearance, heaviest first.
fn parts<'a>(group: &Group<'a>) -> Vec<Part<'a>> {
    let mut by_clearance: BTreeMap<Clearance, Vec<Located>> = BTreeMap::new();
    for located in &group.findings {
        by_clearance
            .entry(located.1.rule.clearance)
            .or_default()
            .push(*located);
    }
    let mut parts: Vec<Part> = by_clearance
        .into_iter()
        .map(|(clearance, findings)| Part {
            clearance,
            weight: weight_of(&findings),
            findings,
        })
        .collect();
    parts.sort_by(|a, b| b.weight.cmp(&a.weight).then(a.clearance.cmp(&b.clearance)));
    parts
}

fn write_case(
    number: usize,
    weight: usize,
    group: &Group,
    results: &[BulletinUnit],
    context: &CaseContext,
) -> Case {
    let words = &context.words;
    let severity = most_severe(group.findings.iter());
    let units: Vec<CaseUnit> = distinct_units(group.findings.iter())
        .iter()
        .map(|&i| case_unit(&results[i]))
        .collect();
    let names = unit_names(&units);
    let rules = case_rules(&group.findings, words);
    let basis = case_basis(group);
    let parts = parts(group);
    let problems = problems(&group.findings).len();
    let (body, items, headline, narrative, handling) = match &group.key {
        CaseKey::Body(body) => {
            let story = BodyStory {
                body,
                severe: severity == Severity::Error,
                units: &units,
                names: &names,
                parts: &parts,
                results,
                words,
            };
            let (headline, narrative, items) = story.write(problems, context);
            let handling = body_handling(body, severity, &group.findings, words);
            (Some(body.to_string()), items, headline, narrative, handling)
        }
        CaseKey::Rule(id) => {
            let items = rule_items(group, results);
            let problem = rules
                .first()
                .map(|r| r.problem.clone())
                .unwrap_or_else(|| id.to_string());
            let headline = rule_headline(&units, &names, &problem, words);
            let narrative = rule_narrative(&units, &names, &problem, &items, context);
            let handling = rule_handling(&units, severity, &group.findings, words);
            (None, items, headline, narrative, handling)
        }
    };
    Case {
        number,
        headline,
        body,
        clearances: parts.iter().map(|p| p.clearance.as_str()).collect(),
        severity: severity.as_str(),
        problems,
        weight,
        findings: group.findings.len(),
        units,
        rules,
        items,
        narrative,
        violation: violation(&basis, words),
        basis,
        handling,
    }
}

pub(crate) fn case_unit(result: &BulletinUnit) -> CaseUnit {
    let unit = &result.unit;
    let text = |field: &str| result.text(field).map(str::to_owned);
    CaseUnit {
        code: unit.code.as_deref().map(str::to_owned),
        name: text("name")
            .or_else(|| text("code"))
            .unwrap_or_else(|| unit.dir.clone()),
        kind: text("kind"),
        banner: text("banner"),
        township: text("township"),
    }
}

/// Units as a narrative names them: township + name, with the banner too when the units span
/// more than one banner.
pub(crate) fn unit_names(units: &[CaseUnit]) -> Vec<String> {
    let first_banner = units.first().and_then(|u| u.banner.as_deref());
    let one_banner = units.iter().all(|u| u.banner.as_deref() == first_banner);
    units
        .iter()
        .map(|u| {
            let banner = if one_banner {
                ""
            } else {
                u.banner.as_deref().unwrap_or_default()
            };
            let township = u.township.as_deref().unwrap_or_default();
            format!("{banner}{township}{}", u.name)
        })
        .collect()
}

/// `village`, `community` or `other`: what the units are, for 嘎查村 / 社区 / 村（社区）.
fn units_kind(units: &[CaseUnit]) -> &'static str {
    let all = |kind: &str| units.iter().all(|u| u.kind.as_deref() == Some(kind));
    if all("village") {
        "village"
    } else if all("community") {
        "community"
    } else {
        "other"
    }
}

/// The units counted: 12个嘎查村.
fn units_counted(units: &[CaseUnit], words: &Words) -> String {
    words.say(
        &keys::BULLETIN_UNITS_COUNTED,
        &[
            ("count", Arg::from(units.len())),
            ("kind", units_kind(units).into()),
        ],
    )
}

/// The units in a headline: the unit itself when one, else "12个嘎查村".
fn units_short(units: &[CaseUnit], names: &[String], words: &Words) -> String {
    match names {
        [one] => one.clone(),
        _ => units_counted(units, words),
    }
}

/// The units in a narrative: named, and counted when several.
fn units_long(units: &[CaseUnit], names: &[String], words: &Words) -> String {
    if let [one] = names {
        return one.clone();
    }
    let shown: Vec<String> = names.iter().take(UNITS_NAMED).cloned().collect();
    let key = if names.len() > UNITS_NAMED {
        &keys::BULLETIN_UNITS_NAMED_SOME
    } else {
        &keys::BULLETIN_UNITS_NAMED
    };
    words.say(
        key,
        &[
            ("names", words.list(&shown).into()),
            ("counted", units_counted(units, words).into()),
        ],
    )
}

/// A rule's findings within one case.
struct RuleTally<'a> {
    header: &'a Arc<RuleHeader>,
    severity: Severity,
    /// The first finding, whose message stands in for a rule the bulletin has no phrase for.
    first: &'a Finding,
    findings: usize,
    units: Vec<usize>,
}

/// The rules of some findings, most serious first, then by findings, then id.
fn case_rules(findings: &[Located], words: &Words) -> Vec<CaseRule> {
    let mut rules: Vec<RuleTally> = Vec::new();
    for (index, finding) in findings {
        match rules.iter_mut().find(|r| r.header.id == finding.rule.id) {
            Some(rule) => {
                rule.severity = rule.severity.max(finding.severity);
                rule.findings += 1;
                if rule.units.last() != Some(index) {
                    rule.units.push(*index);
                }
            }
            None => rules.push(RuleTally {
                header: &finding.rule,
                severity: finding.severity,
                first: finding,
                findings: 1,
                units: vec![*index],
            }),
        }
    }
    rules.sort_by(|a, b| {
        (b.severity, b.findings)
            .cmp(&(a.severity, a.findings))
            .then_with(|| a.header.id.cmp(&b.header.id))
    });
    let lang = words.locale.lang();
    rules
        .into_iter()
        .map(|rule| CaseRule {
            problem: rule
                .header
                .bulletin
                .as_ref()
                .map(|p| p.problem.get(lang).to_owned())
                .unwrap_or_else(|| without_trailing_aside(&rule.first.message)),
            id: rule.header.id.clone(),
            name: rule.header.name.clone(),
            severity: rule.severity.as_str(),
            findings: rule.findings,
            units: rule.units.len(),
        })
        .collect()
}

/// A message without its closing parenthesised aside (「X」通过微信群收集（要求单位：Y） →
/// 「X」通过微信群收集): the case already names the body.
fn without_trailing_aside(message: &str) -> String {
    let message = message.trim();
    let cut = match message.chars().last() {
        Some('）') => message.rfind('（'),
        Some(')') => message.rfind(" (").or_else(|| message.rfind('(')),
        _ => None,
    };
    match cut {
        Some(at) if at > 0 => message[..at].trim_end().to_owned(),
        _ => message.to_owned(),
    }
}

/// The distinct items of some findings, each with its details and the units listing it.
fn items_of(
    findings: &[Located],
    results: &[BulletinUnit],
    words: &Words,
    said: &[&str],
) -> Vec<CaseItem> {
    let item_words = ItemWords::new(words);
    let mut items: Vec<CaseItem> = Vec::new();
    // Where each (section, name) went in `items`: a body with thousands of items is grouped in
    // one pass, not by searching the list for every finding.
    let mut seen: HashMap<(&str, Option<String>), usize> = HashMap::new();
    for (index, finding) in findings {
        let result = &results[*index];
        let Some((key, node)) = result.item_of(finding) else {
            continue;
        };
        let name = item_name(node);
        let unit = case_unit(result).name;
        match seen.entry((key, name)) {
            Entry::Occupied(at) => {
                let item = &mut items[*at.get()];
                if item.units.last() != Some(&unit) {
                    item.units.push(unit);
                }
            }
            Entry::Vacant(slot) => {
                items.push(CaseItem {
                    section: key.to_owned(),
                    name: slot.key().1.clone(),
                    details: item_words.details(key, node, said),
                    units: vec![unit],
                });
                slot.insert(items.len() - 1);
            }
        }
    }
    items
}

/// A rule case's entries: each finding's message, with its item's name.
fn rule_items(group: &Group, results: &[BulletinUnit]) -> Vec<CaseItem> {
    group
        .findings
        .iter()
        .map(|(index, finding)| {
            let result = &results[*index];
            let name = result
                .item_of(finding)
                .and_then(|(_, node)| item_name(node));
            let section = item_ref(&finding.path)
                .map(|(key, _)| key)
                .unwrap_or(&finding.path);
            CaseItem {
                section: section.to_owned(),
                name,
                details: finding.message.clone(),
                units: vec![case_unit(result).name],
            }
        })
        .collect()
}

/// A body's case in words: what it did, part by part (one part per clearance).
struct BodyStory<'a> {
    body: &'a str,
    /// Any error among the findings: 违规.
    severe: bool,
    units: &'a [CaseUnit],
    names: &'a [String],
    parts: &'a [Part<'a>],
    results: &'a [BulletinUnit],
    words: &'a Words,
}

/// One part of a body's story, its items gathered.
struct PartWords<'a> {
    part: &'a Part<'a>,
    items: Vec<CaseItem>,
}

impl BodyStory<'_> {
    /// The headline, the narrative and the items of every part.
    fn write(&self, problems: usize, context: &CaseContext) -> (String, String, Vec<CaseItem>) {
        let words = self.words;
        let parts: Vec<PartWords> = self
            .parts
            .iter()
            .map(|part| {
                // A daily or weekly frequency is said by the deed (每日上报).
                let said: &[&str] = if self.high_frequency_of(&part.findings).is_some() {
                    &["frequency"]
                } else {
                    &[]
                };
                PartWords {
                    part,
                    items: items_of(&part.findings, self.results, words, said),
                }
            })
            .collect();
        let severe = if self.severe { "yes" } else { "no" };
        let short = units_short(self.units, self.names, words);
        let long = units_long(self.units, self.names, words);
        let (headline, narrative) = match parts.as_slice() {
            [only] => {
                let deed = |units: &str| {
                    words.say(
                        &keys::BULLETIN_CASE_DEED,
                        &[
                            ("body", self.body.into()),
                            ("severe", severe.into()),
                            ("deed", self.act(only, Some(units)).into()),
                        ],
                    )
                };
                let text = with_details(deed(&long), &self.part_details(only, true), words);
                let text = format!("{text}{}", self.problems(only));
                let narrative = words.say(
                    &keys::BULLETIN_SENTENCE,
                    &[("text", found(&text, context).into())],
                );
                (deed(&short), narrative)
            }
            several => {
                let burdens: Vec<String> = several
                    .iter()
                    .map(|p| {
                        words.say(
                            &keys::BULLETIN_BURDEN,
                            &[("clearance", p.part.clearance.as_str().into())],
                        )
                    })
                    .collect();
                let opening = |units: &str| {
                    words.say(
                        &keys::BULLETIN_CASE_BURDENS,
                        &[
                            ("body", self.body.into()),
                            ("severe", severe.into()),
                            ("units", units.into()),
                            ("burdens", words.list(&burdens).into()),
                        ],
                    )
                };
                let lead = words.say(
                    &keys::BULLETIN_CASE_PROBLEMS,
                    &[
                        ("text", found(&opening(&long), context).into()),
                        ("count", problems.into()),
                    ],
                );
                let points: Vec<String> = several
                    .iter()
                    .map(|p| {
                        let text =
                            with_details(self.act(p, None), &self.part_details(p, false), words);
                        format!("{text}{}", self.problems(p))
                    })
                    .collect();
                let gap = words.say(&keys::BULLETIN_SENTENCE_GAP, &[]);
                let narrative = format!("{lead}{gap}{}", words.numbered(&points));
                (opening(&short), narrative)
            }
        };
        let items = parts.into_iter().flat_map(|p| p.items).collect();
        (headline, narrative, items)
    }

    /// What the body did in one part, to `units`; without them in a part of a longer story,
    /// whose opening has named them.
    fn act(&self, part: &PartWords, units: Option<&str>) -> String {
        let words = self.words;
        let clearance = part.part.clearance;
        let objects = self.objects(part);
        let demands = self.group_demands(part);
        let mut args: Vec<(&str, Arg)> = vec![("objects", objects.into())];
        if let Some(units) = units {
            args.push(("units", units.into()));
        }
        let key = if let Some(frequency) = self.high_frequency(part) {
            args.push(("frequency", frequency.into()));
            match units {
                Some(_) => &keys::BULLETIN_ACT_REPORTS_OFTEN,
                None => &keys::BULLETIN_DEED_REPORTS_OFTEN,
            }
        } else if clearance == Clearance::Groups && !demands.is_empty() {
            args.push(("demands", words.list(&demands).into()));
            match units {
                Some(_) => &keys::BULLETIN_ACT_GROUPS_DEMANDS,
                None => &keys::BULLETIN_DEED_GROUPS_DEMANDS,
            }
        } else {
            let problem = part
                .part
                .findings
                .first()
                .and_then(|(_, f)| f.rule.bulletin.as_ref())
                .map(|p| p.problem.get(words.locale.lang()).to_owned())
                .unwrap_or_else(|| words.locale.clearance(clearance));
            args.push(("clearance", clearance.as_str().into()));
            args.push(("problem", problem.into()));
            match units {
                Some(_) => &keys::BULLETIN_ACT,
                None => &keys::BULLETIN_DEED,
            }
        };
        words.say(key, &args)
    }

    /// The items as objects: “流动人口日报表”, or “A”等3项报表台账.
    fn objects(&self, part: &PartWords) -> String {
        let words = self.words;
        let names: Vec<&str> = part
            .items
            .iter()
            .filter_map(|i| i.name.as_deref())
            .collect();
        let section = part.part.clearance.as_str();
        match names.as_slice() {
            [] => words.say(&keys::BULLETIN_OBJECTS_NONE, &[("section", section.into())]),
            [one] => crate::wording::quoted(one),
            [first, ..] => words.say(
                &keys::BULLETIN_OBJECTS_SEVERAL,
                &[
                    ("first", crate::wording::quoted(first).into()),
                    ("count", names.len().into()),
                    ("section", section.into()),
                ],
            ),
        }
    }

    /// The items' details: one item's without its name (the deed names it), several with
    /// their names and, when the units are named, the units listing each.
    fn part_details(&self, part: &PartWords, units_named: bool) -> String {
        let words = self.words;
        let entries: Vec<String> = match part.items.as_slice() {
            [one] => vec![one.details.clone()],
            items => items
                .iter()
                .map(|item| {
                    let name = crate::wording::quoted(item.name.as_deref().unwrap_or_default());
                    let text = if item.details.is_empty() {
                        name
                    } else {
                        words.say(
                            &keys::BULLETIN_ITEM,
                            &[
                                ("name", name.into()),
                                ("details", item.details.clone().into()),
                            ],
                        )
                    };
                    if units_named && self.units.len() > 1 {
                        words.say(
                            &keys::BULLETIN_ITEM_IN_UNITS,
                            &[
                                ("text", text.into()),
                                ("units", words.list(&item.units).into()),
                            ],
                        )
                    } else {
                        text
                    }
                })
                .collect(),
        };
        let entries: Vec<String> = entries.into_iter().filter(|e| !e.is_empty()).collect();
        words.separated(&entries)
    }

    /// ，存在…等问题: the part's problems, each counted where it does not touch every unit.
    fn problems(&self, part: &PartWords) -> String {
        let words = self.words;
        let rules = case_rules(&part.part.findings, words);
        let all_units = self.units.len();
        let problems: Vec<String> = rules
            .iter()
            .map(|rule| {
                if all_units > 1 && rule.units < all_units {
                    words.say(
                        &keys::BULLETIN_PROBLEM_IN_UNITS,
                        &[
                            ("problem", rule.problem.clone().into()),
                            ("count", rule.units.into()),
                        ],
                    )
                } else {
                    rule.problem.clone()
                }
            })
            .collect();
        words.say(
            &keys::BULLETIN_PROBLEMS_FOUND,
            &[("problems", words.list(&problems).into())],
        )
    }

    /// The demands of the part's groups in words, after-hours work aside (it is not a demand
    /// made of the units but a time).
    fn group_demands(&self, part: &PartWords) -> Vec<String> {
        let mut demands: Vec<String> = Vec::new();
        for (index, finding) in &part.part.findings {
            if let Some(("groups", node)) = self.results[*index].item_of(finding) {
                for demand in self.words.codes(node, "demands", &["after_hours"]) {
                    if !demands.contains(&demand) {
                        demands.push(demand);
                    }
                }
            }
        }
        demands
    }

    /// The frequency shared by every report of the part, when it is daily or weekly.
    fn high_frequency(&self, part: &PartWords) -> Option<String> {
        self.high_frequency_of(&part.part.findings)
    }

    fn high_frequency_of(&self, findings: &[Located]) -> Option<String> {
        let mut frequencies: Vec<&str> = Vec::new();
        for (index, finding) in findings {
            if let Some(("reports", node)) = self.results[*index].item_of(finding) {
                let frequency = text_of(node, "frequency").unwrap_or_default();
                if !frequencies.contains(&frequency) {
                    frequencies.push(frequency);
                }
            }
        }
        match frequencies.as_slice() {
            [one @ ("daily" | "weekly")] => Some(self.words.code(one)),
            _ => None,
        }
    }
}

/// `text`, and what the data says of its items when it says anything.
fn with_details(text: String, details: &str, words: &Words) -> String {
    if details.is_empty() {
        return text;
    }
    words.say(
        &keys::BULLETIN_AND_DETAILS,
        &[("text", text.into()), ("details", details.into())],
    )
}

/// 经查，{period}，{what}: the narrative's opening.
fn found(what: &str, context: &CaseContext) -> String {
    let words = &context.words;
    match &context.period {
        Some(period) => words.say(
            &keys::BULLETIN_FOUND_IN,
            &[("period", period.clone().into()), ("text", what.into())],
        ),
        None => words.say(&keys::BULLETIN_FOUND, &[("text", what.into())]),
    }
}

/// {地区}{N个单位}{问题}: the region is the banner, or the first banners when several.
fn rule_headline(units: &[CaseUnit], names: &[String], problem: &str, words: &Words) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let banners: Vec<&str> = units
        .iter()
        .filter_map(|u| u.banner.as_deref())
        .filter(|b| !b.is_empty() && seen.insert(*b))
        .collect();
    let (who, region) = match (names, banners.as_slice()) {
        ([one], banners) => (one.clone(), banners.first().copied().unwrap_or_default()),
        (_, banners) => (
            units_short(units, names, words),
            banners.first().copied().unwrap_or_default(),
        ),
    };
    words.say(
        &keys::BULLETIN_RULE_HEADLINE,
        &[
            ("region", region.into()),
            ("regions", banners.len().into()),
            ("units", who.into()),
            ("problem", problem.into()),
        ],
    )
}

fn rule_narrative(
    units: &[CaseUnit],
    names: &[String],
    problem: &str,
    items: &[CaseItem],
    context: &CaseContext,
) -> String {
    let words = &context.words;
    let entries: Vec<String> = items
        .iter()
        .take(ENTRIES_LISTED)
        .map(|item| {
            words.say(
                &keys::BULLETIN_RULE_ENTRY,
                &[
                    (
                        "unit",
                        item.units.first().cloned().unwrap_or_default().into(),
                    ),
                    ("message", item.details.clone().into()),
                ],
            )
        })
        .collect();
    let what = words.say(
        &keys::BULLETIN_RULE_NARRATIVE,
        &[
            ("units", units_long(units, names, words).into()),
            ("problem", problem.into()),
            ("entries", words.separated(&entries).into()),
            ("more", items.len().saturating_sub(ENTRIES_LISTED).into()),
        ],
    );
    found(&what, context)
}

/// What must be done about the rules of some findings: the bulletin's phrase, or the rule's
/// own fix with its field names taken out.
fn actions(findings: &[Located], words: &Words) -> Vec<String> {
    let lang = words.locale.lang();
    let mut actions: Vec<String> = Vec::new();
    for (_, finding) in findings {
        let action = finding
            .rule
            .bulletin
            .as_ref()
            .map(|p| p.action.get(lang).to_owned())
            .unwrap_or_else(|| plain_fix(finding.rule.fix.get(lang)));
        if !action.is_empty() && !actions.contains(&action) {
            actions.push(action);
        }
    }
    actions
}

/// A rule's fix text without `code` spans, parenthesised field names and the closing stop.
fn plain_fix(fix: &str) -> String {
    let mut text = String::new();
    let mut rest = fix;
    while let Some(start) = rest.find(['（', '(']) {
        let open = rest[start..].chars().next().unwrap_or('(');
        let close = if open == '（' { '）' } else { ')' };
        let Some(len) = rest[start..].find(close) else {
            break;
        };
        let inside = &rest[start..start + len];
        text.push_str(&rest[..start]);
        if !inside.contains('`') {
            text.push_str(&rest[start..start + len + close.len_utf8()]);
        }
        rest = &rest[start + len + close.len_utf8()..];
    }
    text.push_str(rest);
    let text = text.replace('`', "");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .trim_start_matches('请')
        .trim_end_matches(['。', '.'])
        .trim();
    // An English fix is a sentence; in a list of actions it starts lower-case.
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_uppercase() => {
            first.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => text.to_owned(),
    }
}

/// 责成{body}…: what the body must do. The deadline is said once, in the requirements.
fn body_handling(body: &str, severity: Severity, findings: &[Located], words: &Words) -> String {
    words.say(
        &keys::BULLETIN_BODY_HANDLING,
        &[
            ("body", body.into()),
            ("severity", severity.as_str().into()),
            ("actions", words.separated(&actions(findings, words)).into()),
        ],
    )
}

fn rule_handling(
    units: &[CaseUnit],
    severity: Severity,
    findings: &[Located],
    words: &Words,
) -> String {
    let mut seen = std::collections::BTreeSet::new();
    let townships: Vec<String> = units
        .iter()
        .filter_map(|u| u.township.clone())
        .filter(|t| seen.insert(t.clone()))
        .collect();
    let townships = if townships.is_empty() {
        words.say(&keys::BULLETIN_TOWNSHIPS_CONCERNED, &[])
    } else {
        words.list(&townships)
    };
    words.say(
        &keys::BULLETIN_RULE_HANDLING,
        &[
            ("townships", townships.into()),
            ("severity", severity.as_str().into()),
            ("actions", words.separated(&actions(findings, words)).into()),
        ],
    )
}

/// The documents of the case's rules, each once, with every quote that applies to it.
fn case_basis(group: &Group) -> Vec<BasisRef> {
    let mut refs: Vec<BasisRef> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (_, finding) in &group.findings {
        if seen.contains(&finding.rule.id.as_str()) {
            continue;
        }
        seen.push(&finding.rule.id);
        for citation in &finding.rule.citations {
            let quote = citation.quote.clone();
            match refs.iter_mut().find(|r| r.short == citation.key) {
                Some(known) => {
                    if let Some(quote) = quote
                        && !known.quotes.contains(&quote)
                    {
                        known.quotes.push(quote);
                    }
                }
                None => refs.push(BasisRef {
                    short: citation.key.clone(),
                    title: citation.source.short(),
                    binding: citation.source.kind == SourceKind::Regulation,
                    quotes: quote.into_iter().collect(),
                }),
            }
        }
    }
    refs
}

/// 上述行为违反了…的规定。也与…所述的减负做法不符。
fn violation(basis: &[BasisRef], words: &Words) -> String {
    let part = |b: &BasisRef| {
        let quotes: Vec<String> = b.quotes.iter().map(|q| crate::wording::quoted(q)).collect();
        if quotes.is_empty() {
            b.title.clone()
        } else {
            words.say(
                &keys::BULLETIN_SOURCE_QUOTED,
                &[
                    ("source", b.title.clone().into()),
                    ("quotes", words.list(&quotes).into()),
                ],
            )
        }
    };
    let binding: Vec<String> = basis.iter().filter(|b| b.binding).map(part).collect();
    let reported: Vec<String> = basis.iter().filter(|b| !b.binding).map(part).collect();
    let binding = ("binding", Arg::from(words.list(&binding)));
    let practice = ("practice", Arg::from(words.list(&reported)));
    match (
        basis.iter().any(|b| b.binding),
        basis.iter().any(|b| !b.binding),
    ) {
        (true, true) => words.say(&keys::BULLETIN_VIOLATION_BOTH, &[binding, practice]),
        (true, false) => words.say(&keys::BULLETIN_VIOLATION, &[binding]),
        (false, true) => words.say(&keys::BULLETIN_VIOLATION_PRACTICE, &[practice]),
        (false, false) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_lose_field_names() {
        assert_eq!(
            plain_fix("请要求单位（`requested_by`）改由一表通采集。"),
            "要求单位改由一表通采集"
        );
        assert_eq!(plain_fix("保留（说明）文字。"), "保留（说明）文字");
        assert_eq!(plain_fix("Ask (`by`) them."), "ask them");
    }

    #[test]
    fn asides_are_dropped_from_messages() {
        assert_eq!(
            without_trailing_aside("「流动人口日报表」通过微信群收集（要求单位：扎赉特旗公安局）"),
            "「流动人口日报表」通过微信群收集"
        );
        assert_eq!(
            without_trailing_aside("“x” is collected through WeChat (requested by y)"),
            "“x” is collected through WeChat"
        );
        assert_eq!(without_trailing_aside("（全部）"), "（全部）");
    }

    #[test]
    fn severities_weigh_three_two_one() {
        let weights: Vec<usize> = Severity::ALL.iter().map(|&s| severity_weight(s)).collect();
        assert_eq!(weights, [3, 2, 1]);
    }

    /// A problem weighs as its most serious finding, whatever order its findings come in, and
    /// distinct problems add up.
    #[test]
    fn a_problem_weighs_as_its_most_serious_finding() {
        use Severity::{Error, Info, Warning};
        let weight = |problems: &[(&str, Severity)]| weight_of_problems(problems.to_vec());
        assert_eq!(weight(&[("a", Warning), ("a", Error), ("a", Info)]), 3);
        assert_eq!(weight(&[("a", Info), ("b", Warning), ("a", Warning)]), 4);
        assert_eq!(weight(&[("a", Info), ("b", Info), ("c", Info)]), 3);
        assert_eq!(weight(&[]), 0);
    }
}
