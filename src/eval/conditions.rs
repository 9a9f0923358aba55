//! Conditions on one item: the operators of the policy language (`present`, `equals`, `in`,
//! `contains`, `matches`, comparisons, dates, rest days) and the values they read.

use super::*;
use crate::inventory::validate::parse_date;
use crate::load::{Node, Value};
use crate::policy::Cond;
use crate::policy::compile::{AgeUnit, Cmp, Prefix, Side, folded, normalized};
use crate::policy::raw::Scalar;
use chrono::{Months, NaiveDate};
use std::borrow::Cow;

pub(super) fn passes(filter: Option<&Cond>, item: &Node, context: &Context) -> bool {
    filter.is_none_or(|c| holds(c, item, context))
}

/// The value of `field`, treating a value left unfilled (`null`, `""`, only blanks) as absent.
pub(super) fn value_of<'a>(item: &'a Node, field: &str) -> Option<&'a Node> {
    item.get(field).filter(|v| !v.is_unfilled())
}

/// The value of `field` when something is written there: filled in ([`value_of`]), and not a
/// word that only says there is nothing ([`says_none`]). What `present` asks: a certificate
/// whose `basis` is 无 or `/` names no basis.
fn written<'a>(item: &'a Node, field: &str) -> Option<&'a Node> {
    value_of(item, field).filter(|v| !v.as_str().is_some_and(says_none))
}

/// The words a form's blank is filled with when there is nothing to write: 无, 暂无, 没有, 不详,
/// N/A, none, null, or punctuation alone (`/`, `-`, `——`, `……`), as [`normalized`] leaves them
/// (blanks and punctuation dropped, so 无。 and `N/A` are 无 and NA), in any case.
pub(super) fn says_none(text: &str) -> bool {
    const NONE: [&str; 8] = ["", "无", "暂无", "没有", "不详", "na", "none", "null"];
    // Nearly every text has a character none of those words has, most often its first (扎 of
    // 扎赉特旗, the 2 of a date) or the next (居 of 《居住证暂行条例》), and is told apart
    // without being normalised; and each of the words is short.
    let foreign = |c: char| match c {
        '无' | '暂' | '没' | '有' | '不' | '详' => false,
        '\u{4e00}'..='\u{9fff}' | '0'..='9' => true,
        'a'..='z' | 'A'..='Z' => {
            !matches!(c.to_ascii_lowercase(), 'n' | 'a' | 'o' | 'e' | 'u' | 'l')
        }
        _ => false,
    };
    text.len() <= 24 && !text.chars().any(foreign) && {
        let bare = normalized(text);
        NONE.iter().any(|none| bare.eq_ignore_ascii_case(none))
    }
}

pub(super) fn holds(cond: &Cond, item: &Node, context: &Context) -> bool {
    match cond {
        Cond::All(all) => all.iter().all(|c| holds(c, item, context)),
        Cond::Any(any) => any.iter().any(|c| holds(c, item, context)),
        Cond::Not(inner) => !holds(inner, item, context),
        Cond::Present { field, want } => written(item, field).is_some() == *want,
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
        Cond::StartsWith {
            field,
            prefix,
            normalize,
        } => {
            let Some(text) = text_of(item, field, *normalize) else {
                return false;
            };
            let prefix: Cow<str> = match prefix {
                Prefix::Const(prefix) => Cow::Borrowed(prefix),
                Prefix::UnitField(name) => {
                    let Some(value) = context
                        .unit
                        .and_then(|u| value_of(u, name))
                        .and_then(Node::as_str)
                    else {
                        return false;
                    };
                    if *normalize {
                        normalized(value)
                    } else {
                        Cow::Borrowed(value)
                    }
                }
            };
            // An empty prefix would match every text: an empty field matches none.
            !prefix.is_empty() && text.starts_with(prefix.as_ref())
        }
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
        Cond::PeriodEnd { field, side, want } => {
            let (Some(date), Some(end)) = (date_of(item, field), context.period_end) else {
                return false;
            };
            let on_side = match side {
                Side::Before => date < end,
                Side::After => date > end,
            };
            on_side == *want
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
pub(super) fn pattern_matches(regex: &regex_automata::meta::Regex, text: &str) -> bool {
    regex.is_match(text) || matches!(folded(text), Cow::Owned(f) if regex.is_match(&f))
}

pub(super) fn text_of<'a>(item: &'a Node, field: &str, normalize: bool) -> Option<Cow<'a, str>> {
    let text = value_of(item, field)?.as_str()?;
    Some(if normalize {
        normalized(text)
    } else {
        Cow::Borrowed(text)
    })
}

pub(super) fn date_of(item: &Node, field: &str) -> Option<NaiveDate> {
    parse_date(value_of(item, field)?.as_str()?)
}

pub(super) fn scalar_equals(node: &Node, value: &Scalar, normalize: bool) -> bool {
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
pub(super) fn scalar_text(node: &Node) -> Option<Cow<'_, str>> {
    Some(Cow::Owned(match &node.value {
        Value::Str(s) => return Some(Cow::Borrowed(s.as_str())),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format_number(*f),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    }))
}
