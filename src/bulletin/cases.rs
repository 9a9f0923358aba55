//! Cases: findings aggregated across units into the bulletin's numbered cases.
//!
//! A finding that names the body that caused it (`imposer`) joins the case of that body and
//! that kind of burden (its clearance): 扎赉特旗公安局's daily form in 12 villages is one case,
//! however many rules the form breaks. A finding that names no body joins the case of its rule.
//! SUBMIT findings are the units' own doing and make no case; waived findings make none either.
//! Cases are ranked by their most serious severity, then by the units affected, then by the
//! findings; the top N are written out with a headline, a narrative built from the inventory
//! items themselves (names, frequencies, dates, deadlines, counts), the basis, and a suggested
//! handling.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::finding::{Clearance, Finding, Lang, RuleHeader, Severity};
use crate::inventory::codes::body_name;
use crate::inventory::vocabulary;
use crate::outcome::UnitResult;
use crate::policy::sources::SourceKind;
use crate::wording::Locale;

use super::items::{item_details, item_name, item_of, item_ref, text_of, words};
use super::{join_list, open_findings, plural};

/// How many units a narrative names before "等N个".
const UNITS_NAMED: usize = 6;
/// How many entries a rule case's narrative lists before stopping.
const ENTRIES_LISTED: usize = 8;

/// What the case texts need beyond the findings.
#[derive(Clone, Debug)]
pub struct CaseContext {
    pub lang: Lang,
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
    /// {地区+单位}{动宾式问题概括}.
    pub headline: String,
    /// The body the case is about; `None` for a case grouped by rule.
    pub body: Option<String>,
    pub clearance: &'static str,
    pub clearance_label: String,
    /// The most serious severity among the case's findings.
    pub severity: &'static str,
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
    /// The suggested handling.
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
    pub details: Vec<String>,
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

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CaseKey<'a> {
    /// The body's name in one spelling ([`body_name`]).
    Body(Cow<'a, str>, Clearance),
    Rule(&'a str),
}

/// The findings of one case before it is written out.
struct Group<'a> {
    key: CaseKey<'a>,
    /// (index into the results, finding), in result order.
    findings: Vec<(usize, &'a Finding)>,
}

impl Group<'_> {
    fn severity(&self) -> Severity {
        self.findings
            .iter()
            .map(|(_, f)| f.severity)
            .max()
            .unwrap_or(Severity::Info)
    }

    /// Distinct units, in result order. Findings are gathered unit by unit, so a unit's
    /// findings are adjacent and one look back finds a repeat (linear, for leagues of 100,000).
    fn units(&self) -> Vec<usize> {
        let mut units: Vec<usize> = Vec::new();
        for (index, _) in &self.findings {
            if units.last() != Some(index) {
                units.push(*index);
            }
        }
        units
    }

    /// What ranks a case: its most serious severity, the units affected, the findings.
    fn rank(&self) -> (Severity, usize, usize) {
        (self.severity(), self.units().len(), self.findings.len())
    }

    fn clearance(&self) -> Clearance {
        match self.key {
            CaseKey::Body(_, clearance) => clearance,
            CaseKey::Rule(_) => self
                .findings
                .first()
                .map_or(Clearance::Support, |(_, f)| f.rule.clearance),
        }
    }
}

/// Aggregate the findings of `results` into cases and write out the `top` most serious.
pub fn build_cases(results: &[UnitResult], top: usize, context: &CaseContext) -> Vec<Case> {
    let mut ranked: Vec<((Severity, usize, usize), Group)> = group_findings(results)
        .into_iter()
        .map(|group| (group.rank(), group))
        .collect();
    ranked.sort_by(|(rank_a, a), (rank_b, b)| rank_b.cmp(rank_a).then_with(|| a.key.cmp(&b.key)));
    ranked
        .iter()
        .take(top)
        .enumerate()
        .map(|(i, (_, group))| write_case(i + 1, group, results, context))
        .collect()
}

fn group_findings(results: &[UnitResult]) -> Vec<Group<'_>> {
    let mut groups: BTreeMap<CaseKey, Vec<(usize, &Finding)>> = BTreeMap::new();
    for (index, result) in results.iter().enumerate() {
        for finding in open_findings(result) {
            let clearance = finding.rule.clearance;
            if clearance == Clearance::Submit {
                continue;
            }
            let body = finding.imposer.as_deref().and_then(body_name);
            let key = match body {
                Some(body) => CaseKey::Body(body, clearance),
                None => CaseKey::Rule(&finding.rule.id),
            };
            groups.entry(key).or_default().push((index, finding));
        }
    }
    groups
        .into_iter()
        .map(|(key, findings)| Group { key, findings })
        .collect()
}

fn write_case(number: usize, group: &Group, results: &[UnitResult], context: &CaseContext) -> Case {
    let lang = context.lang;
    let clearance = group.clearance();
    let severity = group.severity();
    let unit_indices = group.units();
    let units: Vec<CaseUnit> = unit_indices
        .iter()
        .map(|&i| case_unit(&results[i]))
        .collect();
    let rules = case_rules(group, lang);
    let basis = case_basis(group);
    let names = unit_names(&units);
    let body = match &group.key {
        CaseKey::Body(body, _) => Some(body.to_string()),
        CaseKey::Rule(_) => None,
    };
    let (items, headline, narrative, handling) = match &body {
        Some(body) => {
            let items = body_items(group, results, lang);
            let scene = BodyScene {
                body,
                clearance,
                severe: severity == Severity::Error,
                items: &items,
                results,
                group,
            };
            let headline = scene.sentence(&units_short(&units, &names, lang), lang);
            let narrative = body_narrative(&scene, &units, &names, &rules, context);
            let handling = body_handling(body, severity, group, context);
            (items, headline, narrative, handling)
        }
        None => {
            let items = rule_items(group, results, lang);
            let problem = rules.first().map(|r| r.problem.clone()).unwrap_or_default();
            let headline = rule_headline(&units, &names, &problem, group, lang);
            let narrative = rule_narrative(&units, &names, &problem, &items, context);
            let handling = rule_handling(&units, severity, group, context);
            (items, headline, narrative, handling)
        }
    };
    Case {
        number,
        headline,
        body,
        clearance: clearance.as_str(),
        clearance_label: Locale::from(lang).clearance(clearance),
        severity: severity.as_str(),
        findings: group.findings.len(),
        units,
        rules,
        items,
        narrative,
        violation: violation(&basis, lang),
        basis,
        handling,
    }
}

pub(crate) fn case_unit(result: &UnitResult) -> CaseUnit {
    let unit = &result.unit;
    let text = |field: &str| unit.unit_text(field).map(str::to_owned);
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

/// 嘎查村 / 社区 / 村（社区）, by the units' kinds.
fn unit_noun(units: &[CaseUnit], lang: Lang) -> (&'static str, &'static str) {
    let all = |kind: &str| units.iter().all(|u| u.kind.as_deref() == Some(kind));
    match lang {
        Lang::Zh if all("village") => ("嘎查村", "嘎查村"),
        Lang::Zh if all("community") => ("社区", "社区"),
        Lang::Zh => ("村（社区）", "村（社区）"),
        Lang::En if all("village") => ("village", "villages"),
        Lang::En if all("community") => ("community", "communities"),
        Lang::En => ("unit", "units"),
    }
}

/// The units in a headline: the unit itself when one, else "12个嘎查村".
fn units_short(units: &[CaseUnit], names: &[String], lang: Lang) -> String {
    if let [_] = units {
        return names.first().cloned().unwrap_or_default();
    }
    let (one, many) = unit_noun(units, lang);
    match lang {
        Lang::Zh => format!("{}个{many}", units.len()),
        Lang::En => plural(units.len(), one, many),
    }
}

/// The units in a narrative: named, and counted when several.
fn units_long(units: &[CaseUnit], names: &[String], lang: Lang) -> String {
    if let [_] = units {
        return names.first().cloned().unwrap_or_default();
    }
    let shown: Vec<String> = names.iter().take(UNITS_NAMED).cloned().collect();
    let (one, many) = unit_noun(units, lang);
    match lang {
        Lang::Zh if names.len() > UNITS_NAMED => {
            format!("{}等{}个{many}", shown.join("、"), units.len())
        }
        Lang::Zh => format!("{}{}个{many}", shown.join("、"), units.len()),
        Lang::En if names.len() > UNITS_NAMED => format!(
            "{} ({}, …)",
            plural(units.len(), one, many),
            shown.join(", ")
        ),
        Lang::En => format!("{} ({})", plural(units.len(), one, many), shown.join(", ")),
    }
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

/// The rules of a case, most serious first, then by findings, then id.
fn case_rules(group: &Group, lang: Lang) -> Vec<CaseRule> {
    let mut rules: Vec<RuleTally> = Vec::new();
    for (index, finding) in &group.findings {
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
    rules
        .into_iter()
        .map(|rule| CaseRule {
            problem: rule
                .header
                .bulletin
                .as_ref()
                .map(|p| p.problem.get(lang).to_owned())
                .unwrap_or_else(|| {
                    without_trailing_aside(&Locale::from(lang).finding_message(rule.first))
                }),
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

/// The distinct items of a body's case, each with its details and the units listing it.
fn body_items(group: &Group, results: &[UnitResult], lang: Lang) -> Vec<CaseItem> {
    let mut items: Vec<CaseItem> = Vec::new();
    // Where each (section, name) went in `items`: a body with thousands of items is grouped in
    // one pass, not by searching the list for every finding.
    let mut seen: HashMap<(&str, Option<String>), usize> = HashMap::new();
    for (index, finding) in &group.findings {
        let result = &results[*index];
        let Some((key, node)) = item_of(finding, result) else {
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
                    details: item_details(key, node, lang),
                    units: vec![unit],
                });
                slot.insert(items.len() - 1);
            }
        }
    }
    items
}

/// A rule case's entries: each finding's message, with its item's name.
fn rule_items(group: &Group, results: &[UnitResult], lang: Lang) -> Vec<CaseItem> {
    let locale = Locale::from(lang);
    group
        .findings
        .iter()
        .map(|(index, finding)| {
            let result = &results[*index];
            let name = item_of(finding, result).and_then(|(_, node)| item_name(node));
            let section = item_ref(&finding.path)
                .map(|(key, _)| key)
                .unwrap_or(&finding.path);
            CaseItem {
                section: section.to_owned(),
                name,
                details: vec![locale.finding_message(finding)],
                units: vec![case_unit(result).name],
            }
        })
        .collect()
}

/// The pieces of a body's case that its headline and narrative are made of.
struct BodyScene<'a> {
    body: &'a str,
    clearance: Clearance,
    /// Any error among the findings: 违规.
    severe: bool,
    items: &'a [CaseItem],
    results: &'a [UnitResult],
    group: &'a Group<'a>,
}

impl BodyScene<'_> {
    /// The items as objects: 「流动人口日报表」, or 「A」等3项报表台账.
    fn objects(&self, lang: Lang) -> String {
        let names: Vec<&str> = self
            .items
            .iter()
            .filter_map(|i| i.name.as_deref())
            .collect();
        let (noun_zh, one_en, many_en) = match self.clearance {
            Clearance::Tasks => ("项工作事务", "affair", "affairs"),
            Clearance::Signage => ("块牌子", "sign", "signs"),
            Clearance::Certificates => ("项证明", "certificate", "certificates"),
            Clearance::Groups => ("个工作群", "group", "groups"),
            Clearance::Reports => ("项报表台账", "report", "reports"),
            Clearance::Meetings => ("场会议", "meeting", "meetings"),
            Clearance::Inspections => ("项督查检查", "inspection", "inspections"),
            _ => ("项事项", "item", "items"),
        };
        match (names.as_slice(), lang) {
            ([], Lang::Zh) => format!(
                "相关{}",
                noun_zh.trim_start_matches(['项', '块', '个', '场'])
            ),
            ([], Lang::En) => many_en.to_owned(),
            ([one], Lang::Zh) => format!("「{one}」"),
            ([one], Lang::En) => format!("“{one}”"),
            ([first, ..], Lang::Zh) => format!("「{first}」等{}{noun_zh}", names.len()),
            ([first, ..], Lang::En) => {
                let others = names.len() - 1;
                format!(
                    "“{first}” and {}",
                    plural(
                        others,
                        &format!("other {one_en}"),
                        &format!("other {many_en}")
                    )
                )
            }
        }
    }

    /// The demands of the case's groups in words, after-hours work aside (it is not a demand
    /// made of the units but a time).
    fn group_demands(&self, lang: Lang) -> Vec<String> {
        let mut demands: Vec<String> = Vec::new();
        for (index, finding) in &self.group.findings {
            if let Some(("groups", node)) = item_of(finding, &self.results[*index]) {
                for demand in words(node, "demands", &["after_hours"], lang) {
                    if !demands.contains(&demand) {
                        demands.push(demand);
                    }
                }
            }
        }
        demands
    }

    /// The frequency shared by every report of the case, when it is daily or weekly.
    fn high_frequency(&self, lang: Lang) -> Option<String> {
        let mut frequencies: Vec<&str> = Vec::new();
        for (index, finding) in &self.group.findings {
            if let Some(("reports", node)) = item_of(finding, &self.results[*index]) {
                let frequency = text_of(node, "frequency").unwrap_or_default();
                if !frequencies.contains(&frequency) {
                    frequencies.push(frequency);
                }
            }
        }
        match frequencies.as_slice() {
            [one @ ("daily" | "weekly")] => vocabulary::word(one, lang).map(str::to_owned),
            _ => None,
        }
    }

    /// {body}{违规}{verb}{units}{objects}: the headline, or with the units named, the
    /// narrative's first sentence.
    fn sentence(&self, units: &str, lang: Lang) -> String {
        let body = self.body;
        let objects = self.objects(lang);
        let v = if self.severe && lang == Lang::Zh {
            "违规"
        } else {
            ""
        };
        match (self.clearance, lang) {
            (Clearance::Tasks, Lang::Zh) => format!("{body}{v}向{units}派交{objects}"),
            (Clearance::Tasks, Lang::En) => format!("{body} handed {objects} down to {units}"),
            (Clearance::Signage, Lang::Zh) => format!("{body}{v}要求{units}悬挂{objects}"),
            (Clearance::Signage, Lang::En) => format!("{body} had {units} put up {objects}"),
            (Clearance::Certificates, Lang::Zh) => format!("{body}{v}要求{units}出具{objects}"),
            (Clearance::Certificates, Lang::En) => format!("{body} had {units} issue {objects}"),
            (Clearance::Groups, _) => {
                let demands = self.group_demands(lang);
                match (demands.is_empty(), lang) {
                    (false, Lang::Zh) => {
                        format!("{body}{v}通过{objects}要求{units}{}", demands.join("、"))
                    }
                    (false, Lang::En) => format!(
                        "{body} demanded {} of {units} in {objects}",
                        join_list(&demands, lang)
                    ),
                    (true, Lang::Zh) => format!("{body}{v}将{units}拉入{objects}"),
                    (true, Lang::En) => format!("{body} put {units} into {objects}"),
                }
            }
            (Clearance::Reports, _) => match (self.high_frequency(lang), lang) {
                (Some(frequency), Lang::Zh) => {
                    format!("{body}{v}要求{units}{frequency}上报{objects}")
                }
                (None, Lang::Zh) => format!("{body}{v}要求{units}填报{objects}"),
                (Some(frequency), Lang::En) => {
                    format!("{body} required {units} to file {objects} {frequency}")
                }
                (None, Lang::En) => format!("{body} required {units} to file {objects}"),
            },
            (Clearance::Meetings, Lang::Zh) => format!("{body}{v}召集{units}参加{objects}"),
            (Clearance::Meetings, Lang::En) => format!("{body} called {units} to {objects}"),
            (Clearance::Inspections, Lang::Zh) => format!("{body}{v}对{units}开展{objects}"),
            (Clearance::Inspections, Lang::En) => {
                format!("{body} subjected {units} to {objects}")
            }
            (_, Lang::Zh) => format!("{body}{v}在{units}{}", self.first_problem(lang)),
            (_, Lang::En) => format!("{body} {} in {units}", self.first_problem(lang)),
        }
    }

    fn first_problem(&self, lang: Lang) -> String {
        self.group
            .findings
            .first()
            .and_then(|(_, f)| f.rule.bulletin.as_ref())
            .map(|p| p.problem.get(lang).to_owned())
            .unwrap_or_else(|| Locale::from(lang).clearance(self.clearance))
    }
}

/// Counted problems: 要求高频次填报（2个单位）.
fn problems_counted(rules: &[CaseRule], several_units: bool, lang: Lang) -> Vec<String> {
    rules
        .iter()
        .map(|rule| match (several_units, lang) {
            (true, Lang::Zh) => format!("{}（{}个单位）", rule.problem, rule.units),
            (true, Lang::En) => {
                format!("{} ({})", rule.problem, plural(rule.units, "unit", "units"))
            }
            (false, _) => rule.problem.clone(),
        })
        .collect()
}

fn body_narrative(
    scene: &BodyScene,
    units: &[CaseUnit],
    names: &[String],
    rules: &[CaseRule],
    context: &CaseContext,
) -> String {
    let lang = context.lang;
    let opening = scene.sentence(&units_long(units, names, lang), lang);
    let several_items = scene.items.len() > 1;
    let items: Vec<String> = scene
        .items
        .iter()
        .map(|item| {
            let name = item.name.as_deref().unwrap_or_default();
            let mut text = match (lang, item.details.is_empty()) {
                (Lang::Zh, false) => format!("「{name}」为{}", item.details.join("，")),
                (Lang::Zh, true) => format!("「{name}」"),
                (Lang::En, false) => format!("“{name}”: {}", item.details.join(", ")),
                (Lang::En, true) => format!("“{name}”"),
            };
            if several_items && units.len() > 1 {
                match lang {
                    Lang::Zh => text.push_str(&format!("，涉及{}", item.units.join("、"))),
                    Lang::En => text.push_str(&format!(" (in {})", item.units.join(", "))),
                }
            }
            text
        })
        .collect();
    let problems = problems_counted(rules, units.len() > 1, lang);
    match lang {
        Lang::Zh => {
            let period = context
                .period
                .as_deref()
                .map(|p| format!("{p}，"))
                .unwrap_or_default();
            let mut text = format!("经查，{period}{opening}。");
            if !items.is_empty() {
                text.push_str(&format!("其中，{}。", items.join("；")));
            }
            text.push_str(&format!("存在{}等问题。", problems.join("、")));
            text
        }
        Lang::En => {
            let period = context
                .period
                .as_deref()
                .map(|p| format!("In {p}, "))
                .unwrap_or_default();
            let mut text = format!("{period}{opening}.");
            if !items.is_empty() {
                text.push_str(&format!(" {}.", items.join("; ")));
            }
            text.push_str(&format!(
                " The check found that the body {}.",
                join_list(&problems, lang)
            ));
            text
        }
    }
}

/// {地区}{N个单位}{问题}: the region is the banner, or the first banners when several.
fn rule_headline(
    units: &[CaseUnit],
    names: &[String],
    problem: &str,
    group: &Group,
    lang: Lang,
) -> String {
    let problem = if problem.is_empty() {
        match &group.key {
            CaseKey::Rule(id) => (*id).to_owned(),
            CaseKey::Body(body, _) => body.to_string(),
        }
    } else {
        problem.to_owned()
    };
    let mut seen = std::collections::BTreeSet::new();
    let banners: Vec<&str> = units
        .iter()
        .filter_map(|u| u.banner.as_deref())
        .filter(|b| !b.is_empty() && seen.insert(*b))
        .collect();
    if let [_] = units {
        let banner = banners.first().copied().unwrap_or_default();
        let name = names.first().cloned().unwrap_or_default();
        return match lang {
            Lang::Zh => format!("{banner}{name}{problem}"),
            Lang::En => format!("{name} ({banner}) {problem}"),
        };
    }
    let counted = units_short(units, names, lang);
    match (banners.as_slice(), lang) {
        ([], Lang::Zh) => format!("{counted}{problem}"),
        ([one], Lang::Zh) => format!("{one}{counted}{problem}"),
        ([first, ..], Lang::Zh) => {
            format!("{first}等{}个旗县市的{counted}{problem}", banners.len())
        }
        ([], Lang::En) => format!("{counted}: {problem}"),
        ([one], Lang::En) => format!("{counted} of {one}: {problem}"),
        (more, Lang::En) => format!("{counted} in {} banners: {problem}", more.len()),
    }
}

fn rule_narrative(
    units: &[CaseUnit],
    names: &[String],
    problem: &str,
    items: &[CaseItem],
    context: &CaseContext,
) -> String {
    let lang = context.lang;
    let who = units_long(units, names, lang);
    let mut entries: Vec<String> = Vec::new();
    for item in items.iter().take(ENTRIES_LISTED) {
        let unit = item.units.first().cloned().unwrap_or_default();
        let message = item.details.join(" ");
        entries.push(match lang {
            Lang::Zh => format!("{unit}：{message}"),
            Lang::En => format!("{unit}: {message}"),
        });
    }
    let more = items.len().saturating_sub(ENTRIES_LISTED);
    match lang {
        Lang::Zh => {
            let period = context
                .period
                .as_deref()
                .map(|p| format!("{p}，"))
                .unwrap_or_default();
            let mut text = format!(
                "经查，{period}{who}{problem}。具体为：{}",
                entries.join("；")
            );
            if more > 0 {
                text.push_str(&format!("；另有{more}处同类问题"));
            }
            text.push('。');
            text
        }
        Lang::En => {
            let period = context
                .period
                .as_deref()
                .map(|p| format!("In {p}, "))
                .unwrap_or_default();
            let mut text = format!(
                "{period}{who}: {problem}. In detail: {}",
                entries.join("; ")
            );
            if more > 0 {
                text.push_str(&format!("; and {more} more of the same"));
            }
            text.push('.');
            text
        }
    }
}

/// What must be done about the rules of a case: the bulletin's phrase, or the rule's own fix
/// with its field names taken out.
fn actions(group: &Group, lang: Lang) -> Vec<String> {
    let mut actions: Vec<String> = Vec::new();
    for (_, finding) in &group.findings {
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

fn body_handling(body: &str, severity: Severity, group: &Group, context: &CaseContext) -> String {
    let lang = context.lang;
    let actions = actions(group, lang);
    let deadline = &context.deadline;
    let issuer = &context.issuer;
    match (severity, lang) {
        (Severity::Error, Lang::Zh) => format!(
            "责成{body}立即停止相关做法，限期整改：{}。整改情况于{deadline}前书面报送{issuer}。",
            actions.join("；")
        ),
        (Severity::Warning, Lang::Zh) => format!(
            "责成{body}限期整改：{}。整改情况于{deadline}前书面报送{issuer}。",
            actions.join("；")
        ),
        (Severity::Info, Lang::Zh) => {
            format!("请{body}在今后工作中改进：{}。", actions.join("；"))
        }
        (Severity::Error, Lang::En) => format!(
            "{body} is directed to stop at once and to {}, and to report the correction in writing to {issuer} by {deadline}.",
            actions.join("; ")
        ),
        (Severity::Warning, Lang::En) => format!(
            "{body} is directed to {}, and to report the correction in writing to {issuer} by {deadline}.",
            actions.join("; ")
        ),
        (Severity::Info, Lang::En) => {
            format!("{body} should from now on {}.", actions.join("; "))
        }
    }
}

fn rule_handling(
    units: &[CaseUnit],
    severity: Severity,
    group: &Group,
    context: &CaseContext,
) -> String {
    let lang = context.lang;
    let actions = actions(group, lang);
    let mut seen = std::collections::BTreeSet::new();
    let townships: Vec<String> = units
        .iter()
        .filter_map(|u| u.township.clone())
        .filter(|t| seen.insert(t.clone()))
        .collect();
    let deadline = &context.deadline;
    let issuer = &context.issuer;
    let who = if townships.is_empty() {
        match lang {
            Lang::Zh => "所在苏木乡镇（街道）".to_owned(),
            Lang::En => "the townships concerned".to_owned(),
        }
    } else {
        join_list(&townships, lang)
    };
    match (severity, lang) {
        (Severity::Info, Lang::Zh) => format!(
            "建议{who}指导相关单位在今后工作中改进：{}。",
            actions.join("；")
        ),
        (_, Lang::Zh) => format!(
            "建议{who}督促相关单位限期整改：{}。整改情况于{deadline}前报送{issuer}。",
            actions.join("；")
        ),
        (Severity::Info, Lang::En) => format!(
            "{who} should guide the units to {} from now on.",
            actions.join("; ")
        ),
        (_, Lang::En) => format!(
            "{who} should see that the units {}, and report the correction to {issuer} by {deadline}.",
            actions.join("; ")
        ),
    }
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

fn violation(basis: &[BasisRef], lang: Lang) -> String {
    let part = |b: &BasisRef| {
        let quotes: Vec<String> = b.quotes.iter().map(|q| crate::wording::quoted(q)).collect();
        match (quotes.is_empty(), lang) {
            (true, _) => b.title.clone(),
            (false, Lang::Zh) => format!("{}中{}", b.title, quotes.join("、")),
            (false, Lang::En) => format!("{} ({})", b.title, quotes.join(", ")),
        }
    };
    let binding: Vec<String> = basis.iter().filter(|b| b.binding).map(part).collect();
    let reported: Vec<String> = basis.iter().filter(|b| !b.binding).map(part).collect();
    let mut out = String::new();
    if !binding.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("上述行为违反了{}的规定。", binding.join("、")),
            Lang::En => format!("This breaches {}.", join_list(&binding, lang)),
        });
    }
    if !reported.is_empty() {
        let also = !binding.is_empty();
        out.push_str(&match (lang, also) {
            (Lang::Zh, true) => format!("也与{}所述的减负做法不符。", reported.join("、")),
            (Lang::Zh, false) => format!("上述行为与{}所述的减负做法不符。", reported.join("、")),
            (Lang::En, true) => format!(
                " It also runs against the practice described in {}.",
                join_list(&reported, lang)
            ),
            (Lang::En, false) => format!(
                "This runs against the practice described in {}.",
                join_list(&reported, lang)
            ),
        });
    }
    out.trim().to_owned()
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
}
