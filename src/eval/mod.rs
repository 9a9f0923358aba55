//! Running compiled rules over a loaded unit → findings. Pure: no I/O, no printing.
//!
//! Every check reads the tree [`crate::load`] built, only the items that passed validation, and
//! the per-unit context (`unit.yaml` fields, the period's last day). Messages are filled from the
//! rule's template here, once, in the language asked for.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::finding::{Finding, Lang};
use crate::inventory::validate::parse_date;
use crate::inventory::{Kind, LoadedFile, LoadedUnit};
use crate::load::{Node, Value};
use crate::policy::compile::{AgeUnit, Cmp, normalize_text, normalized};
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
    // Groups in order of first appearance, so findings come out in file order.
    let mut groups: Vec<(String, Vec<(usize, &Node)>)> = Vec::new();
    for (index, item) in file.items(section) {
        if !passes(filter, item, context) {
            continue;
        }
        let group = match group_by {
            None => String::new(),
            Some((field, by)) => match group_key(item, field, *by) {
                Some(key) => key,
                None => continue,
            },
        };
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, members)) => members.push((index, item)),
            None => groups.push((group, vec![(index, item)])),
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
            ("group", group),
        ];
        emit.finding(index, item, at, &vars);
    }
}

fn group_key(item: &Node, field: &str, by: GroupByUnit) -> Option<String> {
    let text = scalar_text(value_of(item, field)?)?;
    match by {
        GroupByUnit::Value => Some(text),
        GroupByUnit::Month => {
            parse_date(&text).map(|d| format!("{:04}-{:02}", d.year(), d.month()))
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
    let mut first_seen: HashMap<String, (usize, &Node)> = HashMap::new();
    for (index, item) in file.items(section) {
        let parts: Option<Vec<String>> = key
            .iter()
            .map(|field| {
                let text = scalar_text(value_of(item, field)?)?;
                Some(if normalize {
                    normalize_text(&text)
                } else {
                    text
                })
            })
            .collect();
        let Some(parts) = parts else { continue };
        let joined = parts.join("\u{1f}");
        match first_seen.get(&joined) {
            Some(&(_, first)) => {
                let vars = [("other", item_title(first))];
                emit.duplicate(index, item, at, &vars, first);
            }
            None => {
                first_seen.insert(joined, (index, item));
            }
        }
    }
}

fn run_overlap(
    file: &LoadedFile,
    section: &str,
    field: &str,
    distinct: &str,
    min: f64,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let items: Vec<(usize, &Node, String, Vec<&str>)> = file
        .items(section)
        .filter_map(|(index, item)| {
            let owner = scalar_text(value_of(item, distinct)?)?;
            let mut values: Vec<&str> = value_of(item, field)?
                .as_seq()?
                .iter()
                .filter_map(Node::as_str)
                .collect();
            values.sort_unstable();
            values.dedup();
            (!values.is_empty()).then_some((index, item, owner, values))
        })
        .collect();
    for (later, (index, item, owner, values)) in items.iter().enumerate() {
        for (_, earlier, earlier_owner, earlier_values) in &items[..later] {
            if owner == earlier_owner {
                continue;
            }
            let overlap = jaccard(values, earlier_values);
            if overlap >= min {
                let vars = [
                    ("other", item_title(earlier)),
                    ("other_by", earlier_owner.clone()),
                    ("overlap", format!("{:.0}%", overlap * 100.0)),
                ];
                emit.duplicate(*index, item, at, &vars, earlier);
            }
        }
    }
}

/// |A ∩ B| / |A ∪ B| of two sorted, deduplicated lists.
fn jaccard(a: &[&str], b: &[&str]) -> f64 {
    let shared = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
    let union = a.len() + b.len() - shared;
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
            .is_some_and(|t| regex.is_match(t)),
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
        Cond::RestDay {
            field,
            holidays,
            workdays,
        } => date_of(item, field).is_some_and(|date| {
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            holidays.contains(&date) || (weekend && !workdays.contains(&date))
        }),
    }
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

/// A scalar's text: strings as they are, numbers and booleans as written.
fn scalar_text(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(format_number(*f)),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
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
        let message = interpolate(self.rule.message.get(self.lang), item, vars, self.rule);
        let imposer = self
            .rule
            .imposer
            .as_deref()
            .and_then(|field| value_of(item, field))
            .and_then(scalar_text);
        Finding::new(
            self.rule.header.clone(),
            self.rule.severity,
            self.file.source.clone(),
            span,
            path,
            message,
        )
        .with_imposer(imposer)
        .with_item(Some(item_title(item)))
    }
}

/// Fill `{name}` placeholders from the aggregate's variables, the item's fields, then the
/// rule's parameters. An unknown placeholder is left as written.
fn interpolate(template: &str, item: &Node, vars: &[(&str, String)], rule: &Rule) -> String {
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
        match lookup(name, item, vars, rule) {
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

fn lookup(name: &str, item: &Node, vars: &[(&str, String)], rule: &Rule) -> Option<String> {
    if let Some((_, value)) = vars.iter().find(|(k, _)| *k == name) {
        return Some(value.clone());
    }
    if let Some(node) = value_of(item, name) {
        return match &node.value {
            Value::Seq(items) => Some(
                items
                    .iter()
                    .filter_map(scalar_text)
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            _ => scalar_text(node),
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
    fn jaccard_of_sorted_lists() {
        assert_eq!(jaccard(&["a", "b", "c"], &["b", "c", "d"]), 0.5);
        assert_eq!(jaccard(&["a"], &["b"]), 0.0);
    }

    #[test]
    fn numbers_print_without_needless_decimals() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(0.6), "0.6");
    }
}
