//! Running compiled rules over a loaded unit → findings. Pure: no I/O, no printing.
//!
//! Every check reads the tree [`crate::load`] built, only the items that passed validation, and
//! the per-unit context (`unit.yaml` fields, the period's last day). Messages are filled from the
//! rule's template here, once, in the language asked for.

mod trend;

pub use trend::rebounds;

use foldhash::HashMap;
use std::borrow::Cow;

use chrono::{Datelike, Months, NaiveDate};

use crate::finding::{Finding, Lang};
use crate::inventory::schema::{Shape, ShapeKind};
use crate::inventory::sheet::columns::column_header;
use crate::inventory::validate::parse_date;
use crate::inventory::vocabulary::label;
use crate::inventory::{Kind, LoadedFile, LoadedUnit};
use crate::load::{Node, Value};
use crate::policy::compile::{AgeUnit, Cmp, folded, normalized};
use crate::policy::raw::{GroupByUnit, ParamValue, Scalar};
use crate::policy::{Check, Cond, Num, Rule, RuleSet};

/// What conditions may look at besides the item itself.
struct Context<'a> {
    unit: Option<&'a Node>,
    period_end: Option<NaiveDate>,
}

impl Context<'_> {
    fn number(&self, num: &Num) -> Option<f64> {
        match num {
            Num::Const(n) => Some(*n),
            Num::UnitField(field) => self.unit?.get(field)?.as_f64(),
        }
    }
}

/// Every finding of `rules` on `unit`, in no particular order.
pub fn evaluate(unit: &LoadedUnit, rules: &RuleSet, lang: Lang) -> Vec<Finding> {
    let context = Context {
        unit: unit.unit_node(),
        period_end: unit.period_end(),
    };
    let mut findings = Vec::new();
    for rule in &rules.rules {
        let Some(section) = rule.check.section() else {
            continue;
        };
        let Some(file) = section_file(unit, section) else {
            continue;
        };
        let mut emit = Emitter {
            rule,
            file,
            section,
            lang,
            findings: &mut findings,
        };
        run_check(rule, file, section, &context, &mut emit);
    }
    for finding in &mut findings {
        finding.unit = unit.code.clone();
    }
    findings
}

/// The file holding `section`: `unit.yaml` for `cadres` and `grids`, else the section file.
fn section_file<'a>(unit: &'a LoadedUnit, section: &str) -> Option<&'a LoadedFile> {
    let kind = Kind::SECTIONS
        .into_iter()
        .find(|k| k.section_key() == Some(section))
        .unwrap_or(Kind::Unit);
    unit.file(kind)
}

fn run_check(rule: &Rule, file: &LoadedFile, section: &str, context: &Context, emit: &mut Emitter) {
    match &rule.check {
        Check::Builtin => {}
        Check::Each {
            filter, fail, at, ..
        } => {
            for (index, item) in file.items(section) {
                if passes(filter.as_ref(), item, context) && holds(fail, item, context) {
                    emit.finding(index, item, at.as_deref(), &[]);
                }
            }
        }
        Check::Count {
            filter,
            group_by,
            max,
            at,
            ..
        } => {
            let Some(limit) = context.number(max) else {
                return;
            };
            run_count(
                file,
                section,
                filter.as_ref(),
                group_by.as_ref(),
                limit,
                at.as_deref(),
                context,
                emit,
            );
        }
        Check::Duplicates {
            key, normalize, at, ..
        } => {
            run_duplicates(file, section, key, *normalize, at.as_deref(), emit);
        }
        Check::Overlap {
            field,
            distinct,
            min,
            at,
            ..
        } => {
            let Some(min) = context.number(min) else {
                return;
            };
            run_overlap(file, section, field, distinct, min, at.as_deref(), emit);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_count(
    file: &LoadedFile,
    section: &str,
    filter: Option<&Cond>,
    group_by: Option<&(String, GroupByUnit)>,
    limit: f64,
    at: Option<&str>,
    context: &Context,
    emit: &mut Emitter,
) {
    // Groups in order of first appearance, so findings come out in file order; found by hash,
    // since a hostile file may hold 150,000 distinct values.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_index: HashMap<Cow<str>, usize> = HashMap::default();
    for (index, item) in file.items(section) {
        if !passes(filter, item, context) {
            continue;
        }
        let group = match group_by {
            None => Cow::Borrowed(""),
            Some((field, by)) => match group_key(item, field, *by) {
                Some(key) => key,
                None => continue,
            },
        };
        match group_index.get(&group).and_then(|&at| groups.get_mut(at)) {
            Some((_, members)) => members.push((index, item)),
            None => {
                group_index.insert(group.clone(), groups.len());
                groups.push((group, vec![(index, item)]));
            }
        }
    }
    for (group, members) in groups {
        if (members.len() as f64) <= limit {
            continue;
        }
        let first_over = limit.max(0.0) as usize;
        let Some(&(index, item)) = members.get(first_over) else {
            continue;
        };
        let vars = [
            ("count", members.len().to_string()),
            ("limit", format_number(limit)),
            ("group", group.into_owned()),
        ];
        emit.finding(index, item, at, &vars);
    }
}

/// A `count … group_by` group: its key and its members (index, item), in file order.
type Group<'a> = (Cow<'a, str>, Vec<(usize, &'a Node)>);

fn group_key<'a>(item: &'a Node, field: &str, by: GroupByUnit) -> Option<Cow<'a, str>> {
    let text = scalar_text(value_of(item, field)?)?;
    match by {
        GroupByUnit::Value => Some(text),
        GroupByUnit::Month => {
            parse_date(&text).map(|d| Cow::Owned(format!("{:04}-{:02}", d.year(), d.month())))
        }
    }
}

fn run_duplicates(
    file: &LoadedFile,
    section: &str,
    key: &[String],
    normalize: bool,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let mut first_seen: HashMap<String, &Node> = HashMap::default();
    // The key of each item is built in one buffer; only a first sighting keeps a copy.
    let mut joined = String::new();
    for (index, item) in file.items(section) {
        if !duplicate_key(item, key, normalize, &mut joined) {
            continue;
        }
        match first_seen.get(joined.as_str()) {
            Some(&first) => {
                let vars = [("other", item_title(first))];
                emit.duplicate(index, item, at, &vars, first);
            }
            None => {
                first_seen.insert(joined.clone(), item);
            }
        }
    }
}

/// The values of `fields` in `item`, joined by U+001F into `out`; false when one is missing.
fn duplicate_key(item: &Node, fields: &[String], normalize: bool, out: &mut String) -> bool {
    out.clear();
    for (i, field) in fields.iter().enumerate() {
        let Some(text) = value_of(item, field).and_then(scalar_text) else {
            return false;
        };
        if i > 0 {
            out.push('\u{1f}');
        }
        if normalize {
            out.push_str(&normalized(&text));
        } else {
            out.push_str(&text);
        }
    }
    true
}

/// Reports each item once, on the earliest earlier item from another owner (`distinct`) whose
/// `field` lists overlap by at least `min` (Jaccard index).
///
/// Comparing every pair is quadratic: 150,000 items would take 10¹⁰ comparisons and could
/// report as many findings. So candidates come from an index of each item's rarest values
/// (prefix filtering, as in the all-pairs similarity join): two lists with a Jaccard index of
/// at least `min` always share one of their first `n - ⌈min·n⌉ + 1` values in a fixed global
/// order, rarest first. Runs of one owner in the index are skipped whole, and the search for an
/// item stops at its first match. A hostile file can still defeat the index (many lists that
/// share rare values yet overlap too little), so the work has a budget; past it the check stops
/// with a finding that says its result is incomplete.
#[allow(clippy::too_many_arguments)]
fn run_overlap(
    file: &LoadedFile,
    section: &str,
    field: &str,
    distinct: &str,
    min: f64,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let items = overlap_items(file, section, field, distinct);
    let search = overlap_partners(&items, min, OVERLAP_WORK_BUDGET);
    for (later, earlier) in search.pairs {
        if let (Some(later), Some(earlier)) = (items.get(later), items.get(earlier)) {
            emit_overlap(later, earlier, at, emit);
        }
    }
    if let Some(work) = search.stopped_after {
        emit_incomplete(file, section, work, emit);
    }
}

/// The result of an overlap search: `(later, earlier)` positions in the item list, and the
/// work done when the budget ran out before the end.
#[derive(Debug, Default, PartialEq)]
struct OverlapSearch {
    pairs: Vec<(usize, usize)>,
    stopped_after: Option<usize>,
}

/// For each item, the earliest earlier item of another owner with a Jaccard index of at least
/// `min`, within `budget` steps.
fn overlap_partners(items: &[OverlapItem], min: f64, budget: usize) -> OverlapSearch {
    let mut search = OverlapSearch::default();
    let Some(first) = items.first() else {
        return search;
    };
    // No overlap reaches above 1; NaN reaches nothing.
    if min.is_nan() || min > 1.0 {
        return search;
    }
    if min <= 0.0 {
        // Every pair of different owners qualifies, shared values or not: the earliest
        // partner is the first item, or else the first item of an owner other than its own.
        let other = items.iter().position(|i| i.owner != first.owner);
        for (pos, item) in items.iter().enumerate().skip(1) {
            let partner = if item.owner != first.owner {
                Some(0)
            } else {
                other.filter(|&o| o < pos)
            };
            if let Some(partner) = partner {
                search.pairs.push((pos, partner));
            }
        }
        return search;
    }
    let index = OverlapIndex::build(items);
    let mut postings: Vec<Vec<Run>> = vec![Vec::new(); index.tokens];
    let mut last_probe = vec![usize::MAX; items.len()];
    let mut work: usize = 0;
    for (pos, item) in index.sets.iter().enumerate() {
        let prefix = item
            .ranks
            .get(..prefix_len(item.ranks.len(), min))
            .unwrap_or(&item.ranks);
        let mut best = usize::MAX;
        'tokens: for &token in prefix {
            let Some(runs) = postings.get(token as usize) else {
                continue;
            };
            for run in runs {
                work += 1;
                if run.members.first().is_none_or(|&m| m as usize >= best) {
                    break;
                }
                if run.owner == item.owner {
                    continue;
                }
                for &member in &run.members {
                    let member = member as usize;
                    if member >= best {
                        continue 'tokens;
                    }
                    let Some(seen) = last_probe.get_mut(member) else {
                        continue;
                    };
                    if *seen == pos {
                        continue;
                    }
                    *seen = pos;
                    let Some(other) = index.sets.get(member) else {
                        continue;
                    };
                    work += 1 + item.ranks.len() + other.ranks.len();
                    if jaccard_at_least(&item.ranks, &other.ranks, min) {
                        best = member;
                        continue 'tokens;
                    }
                }
            }
        }
        if work > budget {
            search.stopped_after = Some(work);
            return search;
        }
        if best != usize::MAX {
            search.pairs.push((pos, best));
        }

        for &token in prefix {
            if let Some(runs) = postings.get_mut(token as usize) {
                match runs.last_mut() {
                    Some(run) if run.owner == item.owner => run.members.push(pos as u32),
                    _ => runs.push(Run {
                        owner: item.owner,
                        members: vec![pos as u32],
                    }),
                }
            }
        }
    }
    search
}

/// Steps of the overlap search allowed per rule and file: a few seconds of work in a release
/// build, and ten thousand times what a real file needs (a unit lists some dozens of reports).
/// 150,000 reports drawing 3 to 6 fields from 30 common ones, the densest realistic shape,
/// take about 830 million steps.
const OVERLAP_WORK_BUDGET: usize = 1_000_000_000;

/// An item taking part in an overlap check.
struct OverlapItem<'a> {
    index: usize,
    node: &'a Node,
    owner: String,
    /// Its values, sorted and without repeats.
    values: Vec<&'a str>,
}

fn overlap_items<'a>(
    file: &'a LoadedFile,
    section: &'a str,
    field: &str,
    distinct: &str,
) -> Vec<OverlapItem<'a>> {
    file.items(section)
        .filter_map(|(index, node)| {
            let owner = scalar_text(value_of(node, distinct)?)?.into_owned();
            let mut values: Vec<&str> = value_of(node, field)?
                .as_seq()?
                .iter()
                .filter_map(Node::as_str)
                .collect();
            values.sort_unstable();
            values.dedup();
            (!values.is_empty()).then_some(OverlapItem {
                index,
                node,
                owner,
                values,
            })
        })
        .collect()
}

/// The items' value sets with every value replaced by its rank in a global order (rarest
/// first), and owners by small numbers.
struct OverlapIndex {
    sets: Vec<RankedSet>,
    /// How many distinct values there are.
    tokens: usize,
}

struct RankedSet {
    owner: u32,
    /// Ranks, ascending.
    ranks: Vec<u32>,
}

/// A stretch of one owner's items in a value's posting list, in file order.
#[derive(Clone)]
struct Run {
    owner: u32,
    members: Vec<u32>,
}

impl OverlapIndex {
    fn build(items: &[OverlapItem]) -> OverlapIndex {
        let mut frequency: HashMap<&str, u32> = HashMap::default();
        for item in items {
            for value in &item.values {
                *frequency.entry(value).or_default() += 1;
            }
        }
        let mut order: Vec<(&str, u32)> = frequency.into_iter().collect();
        order.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let rank: HashMap<&str, u32> = order
            .iter()
            .enumerate()
            .map(|(r, (value, _))| (*value, r as u32))
            .collect();
        let mut owners: HashMap<&str, u32> = HashMap::default();
        let sets = items
            .iter()
            .map(|item| {
                let next = owners.len() as u32;
                let owner = *owners.entry(item.owner.as_str()).or_insert(next);
                let mut ranks: Vec<u32> = item
                    .values
                    .iter()
                    .filter_map(|v| rank.get(v).copied())
                    .collect();
                ranks.sort_unstable();
                RankedSet { owner, ranks }
            })
            .collect();
        OverlapIndex {
            sets,
            tokens: order.len(),
        }
    }
}

/// How many of a list's first values (rarest first) must be indexed and probed so that no
/// pair with a Jaccard index of at least `min` is missed: `n - ⌈min·n⌉ + 1`. The ceiling is
/// taken a hair low, so that rounding (0.6 × 5 = 3.0000000000000004) can only lengthen the
/// prefix, never cut a needed value.
fn prefix_len(n: usize, min: f64) -> usize {
    let needed = ((min * n as f64) - 1e-9).ceil().max(1.0) as usize;
    n.saturating_sub(needed).saturating_add(1).min(n)
}

/// Whether two ascending rank lists have a Jaccard index of at least `min`, computed as the
/// unindexed check did (shared / union in floating point), so borderline cases agree.
fn jaccard_at_least(a: &[u32], b: &[u32], min: f64) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The size filter: the overlap can be at most the smaller list.
    if (small.len() as f64) < min * large.len() as f64 - 1e-9 {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    jaccard_of_counts(shared, a.len(), b.len()) >= min
}

fn emit_overlap(later: &OverlapItem, earlier: &OverlapItem, at: Option<&str>, emit: &mut Emitter) {
    let shared = later
        .values
        .iter()
        .filter(|v| earlier.values.binary_search(v).is_ok())
        .count();
    let overlap = jaccard_of_counts(shared, later.values.len(), earlier.values.len());
    let vars = [
        ("other", item_title(earlier.node)),
        ("other_by", earlier.owner.clone()),
        ("overlap", format!("{:.0}%", overlap * 100.0)),
    ];
    emit.duplicate(later.index, later.node, at, &vars, earlier.node);
}

/// The finding of an overlap check that ran out of budget on a hostile file.
fn emit_incomplete(file: &LoadedFile, section: &str, work: usize, emit: &mut Emitter) {
    let message = match emit.lang {
        Lang::Zh => {
            format!("{section} 的重合比较在 {work} 步后停止：本文件相似条目过多，结果不完整")
        }
        Lang::En => format!(
            "the overlap check of {section} stopped after {work} steps: too many similar items in this file, so its result is incomplete"
        ),
    };
    let finding = Finding::new(
        emit.rule.header.clone(),
        emit.rule.severity,
        file.source.clone(),
        crate::source::Span::default(),
        section,
        message,
    );
    emit.findings.push(finding);
}

/// |A ∩ B| / |A ∪ B| from the sizes.
fn jaccard_of_counts(shared: usize, a: usize, b: usize) -> f64 {
    let union = (a + b).saturating_sub(shared);
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn passes(filter: Option<&Cond>, item: &Node, context: &Context) -> bool {
    filter.is_none_or(|c| holds(c, item, context))
}

/// The value of `field`, treating an explicit `null` as absent.
fn value_of<'a>(item: &'a Node, field: &str) -> Option<&'a Node> {
    item.get(field).filter(|v| !matches!(v.value, Value::Null))
}

fn holds(cond: &Cond, item: &Node, context: &Context) -> bool {
    match cond {
        Cond::All(all) => all.iter().all(|c| holds(c, item, context)),
        Cond::Any(any) => any.iter().any(|c| holds(c, item, context)),
        Cond::Not(inner) => !holds(inner, item, context),
        Cond::Present { field, want } => value_of(item, field).is_some() == *want,
        Cond::Equals {
            field,
            value,
            normalize,
        } => value_of(item, field).is_some_and(|v| scalar_equals(v, value, *normalize)),
        Cond::OneOf {
            field,
            values,
            normalize,
        } => value_of(item, field).is_some_and(|v| {
            values
                .iter()
                .any(|value| scalar_equals(v, value, *normalize))
        }),
        Cond::In {
            field,
            set,
            normalize,
        } => text_of(item, field, *normalize).is_some_and(|t| set.contains(t.as_ref())),
        Cond::Contains {
            field,
            matcher,
            normalize,
            ..
        } => text_of(item, field, *normalize).is_some_and(|t| matcher.is_match(t.as_ref())),
        Cond::ContainsAny { field, values } => value_of(item, field)
            .and_then(Node::as_seq)
            .is_some_and(|list| {
                list.iter()
                    .filter_map(Node::as_str)
                    .any(|v| values.contains(v))
            }),
        Cond::Matches { field, regex } => value_of(item, field)
            .and_then(Node::as_str)
            .is_some_and(|t| pattern_matches(regex, t)),
        Cond::Compare { field, cmp, value } => {
            let (Some(left), Some(right)) = (
                value_of(item, field).and_then(Node::as_f64),
                context.number(value),
            ) else {
                return false;
            };
            match cmp {
                Cmp::Gt => left > right,
                Cmp::Ge => left >= right,
                Cmp::Lt => left < right,
                Cmp::Le => left <= right,
            }
        }
        Cond::OlderThan {
            field,
            amount,
            unit,
        } => {
            let (Some(date), Some(end), Some(amount)) = (
                date_of(item, field),
                context.period_end,
                context.number(amount),
            ) else {
                return false;
            };
            match unit {
                AgeUnit::Days => (end - date).num_days() as f64 > amount,
                AgeUnit::Months => end
                    .checked_sub_months(Months::new(amount.max(0.0) as u32))
                    .is_some_and(|limit| date < limit),
            }
        }
        Cond::BeforePeriodEnd { field, want } => {
            let (Some(date), Some(end)) = (date_of(item, field), context.period_end) else {
                return false;
            };
            (date < end) == *want
        }
        Cond::AfterPeriodEnd { field, want } => {
            let (Some(date), Some(end)) = (date_of(item, field), context.period_end) else {
                return false;
            };
            (date > end) == *want
        }
        Cond::RestDay {
            field,
            calendar,
            holidays,
            workdays,
        } => date_of(item, field).is_some_and(|date| {
            !workdays.contains(&date) && (holidays.contains(&date) || calendar.is_rest_day(date))
        }),
    }
}

/// A pattern matches the text as written or as [`folded`]: zero-width characters or Kangxi
/// radicals inside a word cannot dodge it, and a pattern that spells out full-width punctuation
/// (`甲，乙`) still matches the text as typed.
fn pattern_matches(regex: &regex_automata::meta::Regex, text: &str) -> bool {
    regex.is_match(text) || matches!(folded(text), Cow::Owned(f) if regex.is_match(&f))
}

fn text_of<'a>(item: &'a Node, field: &str, normalize: bool) -> Option<Cow<'a, str>> {
    let text = value_of(item, field)?.as_str()?;
    Some(if normalize {
        normalized(text)
    } else {
        Cow::Borrowed(text)
    })
}

fn date_of(item: &Node, field: &str) -> Option<NaiveDate> {
    parse_date(value_of(item, field)?.as_str()?)
}

fn scalar_equals(node: &Node, value: &Scalar, normalize: bool) -> bool {
    match (value, &node.value) {
        (Scalar::Text(want), Value::Str(have)) => {
            if normalize {
                normalized(have) == want.as_str()
            } else {
                have.as_str() == want
            }
        }
        (Scalar::Number(want), _) => node.as_f64() == Some(*want),
        (Scalar::Bool(want), Value::Bool(have)) => want == have,
        _ => false,
    }
}

/// A scalar's text: strings as they are (borrowed), numbers and booleans as written.
fn scalar_text(node: &Node) -> Option<Cow<'_, str>> {
    Some(Cow::Owned(match &node.value {
        Value::Str(s) => return Some(Cow::Borrowed(s.as_str())),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_number(*f),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    }))
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// How an item is named in messages: its `name`, else `title`, else `id`.
fn item_title(item: &Node) -> String {
    ["name", "title", "id"]
        .iter()
        .find_map(|f| value_of(item, f).and_then(scalar_text))
        .map(Cow::into_owned)
        .unwrap_or_default()
}

/// Builds findings for one rule on one file.
struct Emitter<'a> {
    rule: &'a Rule,
    file: &'a LoadedFile,
    section: &'a str,
    lang: Lang,
    findings: &'a mut Vec<Finding>,
}

impl Emitter<'_> {
    fn finding(&mut self, index: usize, item: &Node, at: Option<&str>, vars: &[(&str, String)]) {
        let finding = self.build(index, item, at, vars);
        self.findings.push(finding);
    }

    /// A finding on a later item that repeats an earlier one, with a label on the earlier.
    fn duplicate(
        &mut self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, String)],
        first: &Node,
    ) {
        let label = match self.lang {
            Lang::Zh => "首次出现于此",
            Lang::En => "first listed here",
        };
        let finding = self
            .build(index, item, at, vars)
            .with_label(first.span, label);
        self.findings.push(finding);
    }

    fn build(
        &self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, String)],
    ) -> Finding {
        let target = at.and_then(|field| item.get(field).map(|node| (field, node)));
        let (span, path) = match target {
            Some((field, node)) => (node.span, format!("{}[{index}].{field}", self.section)),
            None => (item.span, format!("{}[{index}]", self.section)),
        };
        let words = Words {
            lang: self.lang,
            item_shape: self.file.kind.item_shape(self.section),
            sheet: self.file.source.is_sheet(),
        };
        let message = interpolate(
            self.rule.message.get(self.lang),
            item,
            vars,
            self.rule,
            &words,
        );
        let imposer = self
            .rule
            .imposer
            .as_deref()
            .and_then(|field| value_of(item, field))
            .and_then(scalar_text)
            .map(Cow::into_owned);
        let fix = self.rule.docs.fix.get(self.lang);
        let help = if words.sheet {
            sheet_help(fix, self.file.kind, self.section, self.lang)
        } else {
            None
        };
        Finding::new(
            self.rule.header.clone(),
            self.rule.severity,
            self.file.source.clone(),
            span,
            path,
            message,
        )
        .with_help(help)
        .with_imposer(imposer)
        .with_item(Some(item_title(item)))
    }
}

/// How a message shows the values of the item it is about.
struct Words {
    lang: Lang,
    /// The schema of one item of the section, to tell fields of fixed codes from free text.
    item_shape: Option<&'static Shape>,
    /// Whether the unit came from a spreadsheet, whose cells show only the Chinese labels.
    sheet: bool,
}

impl Words {
    /// Whether `field` holds codes from a fixed list (`weekly`, `checkin`), or a list of them.
    fn is_coded(&self, field: &str) -> bool {
        let Some(field) = self.item_shape.and_then(|s| s.field(field)) else {
            return false;
        };
        match &field.shape.kind {
            ShapeKind::Enum(_) => true,
            ShapeKind::Array(item) => matches!(item.kind, ShapeKind::Enum(_)),
            _ => false,
        }
    }

    /// A code as a Chinese message shows it: its label as the spreadsheet's drop-downs write
    /// it, and for a YAML file the code itself after it, which is what the file says
    /// (每周（weekly）). English messages show the code.
    fn coded_value(&self, code: &str) -> String {
        match (self.lang, label(code)) {
            (Lang::Zh, Some(label)) if self.sheet => label.to_owned(),
            (Lang::Zh, Some(label)) => format!("{label}（{code}）"),
            _ => code.to_owned(),
        }
    }
}

/// A rule's help worded for a spreadsheet unit, or `None` when it needs no change: a field the
/// help names in backticks (`created_by`) becomes the column its user sees (「建群单位」列), and
/// in Chinese a code (`checkin`) becomes its drop-down label.
fn sheet_help(help: &str, kind: Kind, section: &str, lang: Lang) -> Option<String> {
    let mut out = String::with_capacity(help.len() + 16);
    let mut rest = help;
    let mut changed = false;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        let word = &after[..close];
        let quoted = &rest[open..open + close + 2];
        out.push_str(&rest[..open]);
        let shown = match (column_header(kind, Some(section), word), lang) {
            (Some(header), Lang::Zh) => Some(format!("「{header}」列")),
            (Some(header), Lang::En) => Some(format!("the column 「{header}」")),
            (None, Lang::Zh) => label(word).map(|l| format!("“{l}”")),
            (None, Lang::En) => None,
        };
        rest = &after[close + 1..];
        match shown {
            Some(shown) => {
                // Chinese sets code apart with spaces (填入 `plan_ref`), but not its brackets.
                if lang == Lang::Zh {
                    if out.ends_with(' ') {
                        out.pop();
                    }
                    rest = rest.strip_prefix(' ').unwrap_or(rest);
                }
                out.push_str(&shown);
                changed = true;
            }
            None => out.push_str(quoted),
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Fill `{name}` placeholders from the aggregate's variables, the item's fields, then the
/// rule's parameters. An unknown placeholder is left as written.
fn interpolate(
    template: &str,
    item: &Node,
    vars: &[(&str, String)],
    rule: &Rule,
    words: &Words,
) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match lookup(name, item, vars, rule, words) {
            Some(value) => out.push_str(&value),
            None => {
                out.push('{');
                out.push_str(name);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn lookup(
    name: &str,
    item: &Node,
    vars: &[(&str, String)],
    rule: &Rule,
    words: &Words,
) -> Option<String> {
    if let Some((_, value)) = vars.iter().find(|(k, _)| *k == name) {
        return Some(value.clone());
    }
    if let Some(node) = value_of(item, name) {
        let coded = words.is_coded(name);
        let shown = |node: &Node| {
            let text = scalar_text(node)?;
            Some(if coded {
                words.coded_value(&text)
            } else {
                text.into_owned()
            })
        };
        return match &node.value {
            Value::Seq(items) => Some(
                items
                    .iter()
                    .filter_map(shown)
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            _ => shown(node),
        };
    }
    match rule.params.get(name).map(|(_, v)| v)? {
        ParamValue::Number(n) => Some(format_number(*n)),
        ParamValue::Text(t) => Some(t.clone()),
        ParamValue::List(l) => Some(l.join("、")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_for_a_workbook_names_columns_and_labels() {
        let zh = "由建群单位（`created_by`）取消 `checkin` 要求；清单中将 `demands` 改为实际仍有的要求，并更新 `holidays` 参数。";
        assert_eq!(
            sheet_help(zh, Kind::Groups, "groups", Lang::Zh).as_deref(),
            Some(
                "由建群单位（「建群单位」列）取消“打卡接龙”要求；清单中将「对基层的要求」列改为实际仍有的要求，并更新 `holidays` 参数。"
            )
        );
        let en = "ask (`created_by`) to drop `checkin`";
        assert_eq!(
            sheet_help(en, Kind::Groups, "groups", Lang::En).as_deref(),
            Some("ask (the column 「建群单位」) to drop `checkin`")
        );
        // Nothing to change (a parameter, a snippet, an unclosed quote): no new help.
        assert_eq!(
            sheet_help("更新 `holidays` 参数", Kind::Meetings, "meetings", Lang::Zh),
            None
        );
        assert_eq!(
            sheet_help("改为 `type: notice", Kind::Signage, "signs", Lang::Zh),
            None
        );
    }

    #[test]
    fn jaccard_of_sorted_lists() {
        assert!(jaccard_at_least(&[1, 2, 3], &[2, 3, 4], 0.5));
        assert!(!jaccard_at_least(&[1, 2, 3], &[2, 3, 4], 0.51));
        assert!(!jaccard_at_least(&[1], &[2], 0.01));
        // 3 shared of 5: exactly 0.6, which the size filter must not cut.
        assert!(jaccard_at_least(&[1, 2, 3, 4], &[1, 2, 3, 5], 0.6));
    }

    /// The pairs the unindexed check finds: for each item, the earliest earlier item of
    /// another owner whose Jaccard index reaches `min`.
    fn brute_force(items: &[OverlapItem], min: f64) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (later, item) in items.iter().enumerate() {
            let partner = items[..later].iter().position(|earlier| {
                if earlier.owner == item.owner {
                    return false;
                }
                let shared = item
                    .values
                    .iter()
                    .filter(|v| earlier.values.binary_search(v).is_ok())
                    .count();
                jaccard_of_counts(shared, item.values.len(), earlier.values.len()) >= min
            });
            if let Some(earlier) = partner {
                pairs.push((later, earlier));
            }
        }
        pairs
    }

    #[test]
    fn indexed_overlap_search_agrees_with_comparing_every_pair() {
        const WORDS: &[&str] = &[
            "姓名",
            "身份证号",
            "电话",
            "住址",
            "户籍",
            "人口",
            "收入",
            "健康",
        ];
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        // A small deterministic generator: no dependency, same cases on every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for case in 0..400 {
            let count = 1 + next(12) as usize;
            let items: Vec<OverlapItem> = (0..count)
                .map(|index| {
                    let mut values: Vec<&str> = (0..1 + next(5))
                        .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                        .collect();
                    values.sort_unstable();
                    values.dedup();
                    OverlapItem {
                        index,
                        node: &node,
                        owner: format!("单位{}", next(3)),
                        values,
                    }
                })
                .collect();
            for min in [
                0.0,
                0.2,
                0.34,
                0.5,
                0.6,
                2.0 / 3.0,
                0.75,
                1.0,
                1.5,
                f64::NAN,
            ] {
                let search = overlap_partners(&items, min, usize::MAX);
                assert_eq!(search.stopped_after, None);
                assert_eq!(
                    search.pairs,
                    brute_force(&items, min),
                    "case {case}, min {min}"
                );
            }
        }
    }

    #[test]
    fn overlap_search_stops_at_its_budget() {
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        // One owner, the same values: every item is a candidate of every later one.
        let items: Vec<OverlapItem> = (0..2_000)
            .map(|index| OverlapItem {
                index,
                node: &node,
                owner: if index % 2 == 0 {
                    "甲".into()
                } else {
                    "乙".into()
                },
                values: vec!["a", "b", "c"],
            })
            .collect();
        let all = overlap_partners(&items, 0.6, usize::MAX);
        assert_eq!(all.pairs.len(), 1_999);
        assert_eq!(all.pairs[0], (1, 0));
        assert_eq!(all.pairs[1], (2, 1));
        let stopped = overlap_partners(&items, 0.6, 100);
        assert!(stopped.stopped_after.is_some_and(|w| w > 100));
        assert!(stopped.pairs.len() < 100);
    }

    #[test]
    fn overlap_search_on_150_000_items_stays_within_budget() {
        const WORDS: &[&str] = &[
            "姓名",
            "身份证号",
            "联系电话",
            "现住址",
            "户籍地",
            "家庭人口",
            "出生日期",
            "性别",
            "民族",
            "文化程度",
            "就业状况",
            "收入",
            "参保状态",
            "健康状况",
            "慢病情况",
            "残疾等级",
            "低保类型",
            "房屋状况",
            "土地面积",
            "牲畜数量",
            "车辆",
            "子女",
            "婚姻状况",
            "政治面貌",
            "外出务工地",
            "返乡时间",
            "疫苗接种",
            "学籍",
            "工作单位",
            "宗教信仰",
        ];
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        let owners: Vec<String> = (0..30).map(|i| format!("第{i}局")).collect();
        let item = |index: usize, owner: &str, mut values: Vec<&'static str>| {
            values.sort_unstable();
            values.dedup();
            OverlapItem {
                index,
                node: &node,
                owner: owner.to_owned(),
                values,
            }
        };
        // The dense random shape costs about 830 million steps at 150,000 items: half a minute
        // unoptimised, so a debug build checks a fifth of it (a release build all of it).
        let random_items = if cfg!(debug_assertions) {
            30_000
        } else {
            150_000
        };
        let random: Vec<OverlapItem> = (0..random_items)
            .map(|i| {
                let values = (0..3 + next(4))
                    .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                    .collect();
                item(i, &owners[next(30) as usize], values)
            })
            .collect();
        let equal: Vec<OverlapItem> = (0..150_000)
            .map(|i| item(i, &owners[i % 30], vec!["姓名", "身份证号", "现住址"]))
            .collect();
        let one_owner: Vec<OverlapItem> = (0..150_000)
            .map(|i| item(i, "公安局", vec!["姓名", "身份证号", "现住址"]))
            .collect();
        for (shape, items) in [
            ("random", &random),
            ("equal", &equal),
            ("one owner", &one_owner),
        ] {
            let search = overlap_partners(items, 0.6, OVERLAP_WORK_BUDGET);
            assert_eq!(search.stopped_after, None, "{shape}");
            assert!(search.pairs.len() < items.len(), "{shape}");
            if shape == "one owner" {
                assert!(search.pairs.is_empty());
            } else {
                assert!(
                    search.pairs.len() > 1_000,
                    "{shape}: {}",
                    search.pairs.len()
                );
            }
        }
    }

    #[test]
    fn prefix_is_long_enough_despite_rounding() {
        // 0.6 × 5 is 3.0000000000000004 in floating point: 3 shared values suffice, so the
        // prefix must be 5 - 3 + 1 = 3.
        assert_eq!(prefix_len(5, 0.6), 3);
        assert_eq!(prefix_len(4, 0.6), 2);
        assert_eq!(prefix_len(1, 0.6), 1);
        assert_eq!(prefix_len(3, 1.0), 1);
        assert_eq!(prefix_len(3, 0.01), 3);
    }

    /// `matches` cannot be dodged by invisible characters or compatibility forms inside a
    /// word, and still matches full-width punctuation a pattern spells out.
    #[test]
    fn patterns_see_through_invisible_characters_and_compatibility_forms() {
        let regex = regex_automata::meta::Regex::new("收入证明").unwrap();
        assert!(pattern_matches(&regex, "收入证明"));
        assert!(pattern_matches(&regex, "收\u{200B}入\u{2060}证明"));
        assert!(pattern_matches(&regex, "收\u{2F0A}证明")); // ⼊, the Kangxi radical
        assert!(!pattern_matches(&regex, "居住证明"));
        let comma = regex_automata::meta::Regex::new("^甲，乙$").unwrap();
        assert!(pattern_matches(&comma, "甲，乙"));
        let committee = regex_automata::meta::Regex::new("(村民委员会|居民委员会)$").unwrap();
        assert!(pattern_matches(
            &committee,
            "红胜家园社区居民委\u{FEFF}员会"
        ));
    }

    #[test]
    fn numbers_print_without_needless_decimals() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(0.6), "0.6");
    }
}
