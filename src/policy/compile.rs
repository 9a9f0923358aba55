//! Raw policy rules → compiled [`Rule`]s: parameters resolved, lists turned into sets, regexes
//! and calendars built, every reference checked. Done once per parameter assignment, before any
//! inventory is read; nothing is built per item at evaluation time.

use crate::calendar::{Calendar, expand_dates};
use std::collections::BTreeMap;

use foldhash::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;
use regex_automata::meta::{self, Regex};

use crate::finding::{BulletinPhrase, RuleHeader, Severity, Text, printable_prose};
use crate::inventory::Kind;
use crate::source::printable_line;

use super::raw::{
    Age, GroupByUnit, ListRef, Located, NumberRef, ParamValue, RawCheck, RawCondition, RawParam,
    RawRule, RefTo, RestDays, RuleDocs, Scalar, TextRef,
};
use super::sources::{Citation, Source, basis_line};
use super::{PolicyError, words};
use crate::wording::keys;

/// Sections a check may range over: the seven section files and `unit.yaml`'s lists.
pub const SECTIONS: &[&str] = &[
    "tasks",
    "signs",
    "certificates",
    "groups",
    "reports",
    "meetings",
    "inspections",
    "cadres",
    "grids",
];

/// Largest compiled size of a policy regex, and of its lazy DFA's cache: a hostile pattern
/// (`(a{1000}){1000}`) is a located error, not a slow check or a memory hog. Rust's regex
/// engine has no backtracking, so matching stays linear in the text whatever the pattern.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// Most memory the regular expressions of one compiled rule set may take together: each is
/// capped by [`REGEX_SIZE_LIMIT`], but 2,500 patterns of a megabyte each would take gigabytes.
/// The default pack's two patterns take 28,252 bytes (measured with `memory_usage`).
pub const REGEX_SET_LIMIT: usize = 32 << 20;

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    pub header: Arc<RuleHeader>,
    pub severity: Severity,
    pub docs: RuleDocs,
    /// Parameters with their declaration and the value in force.
    pub params: BTreeMap<String, (RawParam, ParamValue)>,
    /// The placeholders in the message (both languages), which each finding carries values for.
    pub placeholders: Vec<Placeholder>,
    pub imposer: Option<String>,
    pub check: Check,
    /// The policy file the rule came from.
    pub origin: String,
}

#[derive(Debug)]
pub enum Check {
    /// Implemented by the checker (SUBMIT); documentation only.
    Builtin,
    Each {
        section: String,
        filter: Option<Cond>,
        fail: Cond,
        at: Option<String>,
    },
    Count {
        section: String,
        filter: Option<Cond>,
        group_by: Option<(String, GroupByUnit)>,
        max: Num,
        at: Option<String>,
    },
    Duplicates {
        section: String,
        key: Vec<String>,
        normalize: bool,
        at: Option<String>,
    },
    Overlap {
        section: String,
        field: String,
        distinct: String,
        min: Num,
        at: Option<String>,
    },
}

impl Check {
    pub fn section(&self) -> Option<&str> {
        match self {
            Check::Builtin => None,
            Check::Each { section, .. }
            | Check::Count { section, .. }
            | Check::Duplicates { section, .. }
            | Check::Overlap { section, .. } => Some(section),
        }
    }
}

/// A number known at compile time, or read from `unit.yaml` per unit.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Const(f64),
    UnitField(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeUnit {
    Days,
    Months,
}

#[derive(Debug)]
pub enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Present {
        field: String,
        want: bool,
    },
    Equals {
        field: String,
        value: Scalar,
        normalize: bool,
    },
    OneOf {
        field: String,
        values: Vec<Scalar>,
        normalize: bool,
    },
    In {
        field: String,
        set: HashSet<String>,
        normalize: bool,
    },
    Contains {
        field: String,
        keywords: Vec<String>,
        /// The keywords as one automaton: one pass over the text instead of one per keyword.
        matcher: aho_corasick::AhoCorasick,
        normalize: bool,
    },
    ContainsAny {
        field: String,
        values: HashSet<String>,
    },
    Matches {
        field: String,
        regex: Regex,
    },
    StartsWith {
        field: String,
        prefix: Prefix,
        normalize: bool,
    },
    Compare {
        field: String,
        cmp: Cmp,
        value: Num,
    },
    OlderThan {
        field: String,
        amount: Num,
        unit: AgeUnit,
    },
    /// The date against the period's last day: before it, or after it (an event recorded as
    /// done that had not happened when the inventory was due).
    PeriodEnd {
        field: String,
        side: Side,
        want: bool,
    },
    /// A rest day by the calendar, or one of the policy's own extra days off, and not one of
    /// its extra working days.
    RestDay {
        field: String,
        calendar: Arc<Calendar>,
        holidays: HashSet<NaiveDate>,
        workdays: HashSet<NaiveDate>,
    },
}

/// What a text must begin with: a constant, or a field of the unit's `unit.yaml`.
#[derive(Debug)]
pub enum Prefix {
    Const(String),
    UnitField(String),
}

/// What a rule's references resolve against.
pub struct Scope<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub lists: &'a BTreeMap<String, Vec<String>>,
    pub params: &'a BTreeMap<String, (RawParam, ParamValue)>,
    pub calendar: &'a Arc<Calendar>,
    /// Memory taken so far by the compiled patterns of the rule set being compiled.
    pub regex_memory: &'a std::cell::Cell<usize>,
    /// The sources table, by key.
    pub sources: &'a BTreeMap<String, Arc<Source>>,
}

impl Scope<'_> {
    fn error<T>(&self, at: &Located<T>, message: impl Into<String>) -> PolicyError {
        PolicyError::at(self.file, self.text, at.offset(), at.len(), message)
    }

    fn param(&self, name: &Located<String>) -> Result<&ParamValue, PolicyError> {
        self.params
            .get(name.value())
            .map(|(_, v)| v)
            .ok_or_else(|| {
                let known: Vec<&str> = self.params.keys().map(String::as_str).collect();
                self.error(
                    name,
                    words(
                        &keys::POLICY_UNKNOWN_PARAMETER,
                        &[("name", name.value().as_str().into())],
                    ),
                )
                .with_help(suggest(name.value(), &known))
            })
    }

    fn list(&self, reference: &ListRef) -> Result<Vec<String>, PolicyError> {
        let reference = match reference {
            ListRef::Inline(items) => return Ok(items.clone()),
            ListRef::Ref(reference) => reference,
        };
        match (&reference.param, &reference.list, &reference.unit) {
            (Some(name), None, None) => match self.param(name)? {
                ParamValue::List(items) => Ok(items.clone()),
                ParamValue::Text(text) => Ok(vec![text.clone()]),
                ParamValue::Number(_) => Err(self.error(
                    name,
                    words(
                        &keys::POLICY_PARAMETER_NOT_LIST,
                        &[("name", name.value().as_str().into())],
                    ),
                )),
            },
            (None, Some(name), None) => self.lists.get(name.value()).cloned().ok_or_else(|| {
                let known: Vec<&str> = self.lists.keys().map(String::as_str).collect();
                self.error(
                    name,
                    words(
                        &keys::POLICY_UNKNOWN_LIST,
                        &[("name", name.value().as_str().into())],
                    ),
                )
                .with_help(suggest(name.value(), &known))
            }),
            _ => Err(self.ref_error(reference, &words(&keys::POLICY_LIST_REF, &[]))),
        }
    }

    fn number(&self, reference: &NumberRef) -> Result<Num, PolicyError> {
        let reference = match reference {
            NumberRef::Const(n) => return Ok(Num::Const(*n)),
            NumberRef::Ref(reference) => reference,
        };
        match (&reference.param, &reference.list, &reference.unit) {
            (Some(name), None, None) => match self.param(name)? {
                ParamValue::Number(n) => Ok(Num::Const(*n)),
                _ => Err(self.error(
                    name,
                    words(
                        &keys::POLICY_PARAMETER_NOT_NUMBER,
                        &[("name", name.value().as_str().into())],
                    ),
                )),
            },
            (None, None, Some(field)) => Ok(Num::UnitField(field.value().clone())),
            _ => Err(self.ref_error(reference, &words(&keys::POLICY_NUMBER_REF, &[]))),
        }
    }

    fn prefix(&self, reference: &TextRef, normalize: bool) -> Result<Prefix, PolicyError> {
        let constant = |text: &str| {
            Prefix::Const(if normalize {
                normalized(text).into_owned()
            } else {
                text.to_owned()
            })
        };
        let reference = match reference {
            TextRef::Const(text) => return Ok(constant(text)),
            TextRef::Ref(reference) => reference,
        };
        match (&reference.param, &reference.list, &reference.unit) {
            (Some(name), None, None) => match self.param(name)? {
                ParamValue::Text(text) => Ok(constant(text)),
                _ => Err(self.error(
                    name,
                    words(
                        &keys::POLICY_PARAMETER_NOT_TEXT,
                        &[("name", name.value().as_str().into())],
                    ),
                )),
            },
            (None, None, Some(field)) => Ok(Prefix::UnitField(field.value().clone())),
            _ => Err(self.ref_error(reference, &words(&keys::POLICY_TEXT_REF, &[]))),
        }
    }

    fn ref_error(&self, reference: &RefTo, message: &str) -> PolicyError {
        let at = [&reference.param, &reference.list, &reference.unit]
            .into_iter()
            .flatten()
            .nth(1)
            .or(reference.unit.as_ref())
            .or(reference.list.as_ref())
            .or(reference.param.as_ref());
        match at {
            Some(at) => self.error(at, message),
            None => PolicyError::at(self.file, self.text, 0, 0, message),
        }
    }
}

/// Compile one raw rule with the parameter values in force.
pub fn compile_rule(raw: &RawRule, scope: &Scope, severity: Severity) -> Result<Rule, PolicyError> {
    let id = raw.id.value();
    if !is_rule_id(id) {
        return Err(scope.error(
            &raw.id,
            words(&keys::POLICY_BAD_RULE_ID, &[("id", id.as_str().into())]),
        ));
    }
    let check = compile_check(&raw.check, scope, &raw.id)?;
    let citations = compile_citations(raw, scope)?;
    check_placeholders(raw, &check, scope)?;
    if let Some(imposer) = &raw.imposer
        && imposer.is_empty()
    {
        return Err(scope.error(&raw.id, words(&keys::POLICY_IMPOSER_EMPTY, &[])));
    }
    // A policy's prose reaches terminals, annotations and pages as inventory text does: every
    // text is made printable here, once, whatever the policy file holds (`"\e[2J"` is a valid
    // YAML escape).
    let docs = printable_docs(&raw.docs);
    Ok(Rule {
        header: Arc::new(RuleHeader {
            id: id.clone(),
            name: printable_line(&raw.name).into_owned(),
            clearance: raw.clearance,
            basis: printable_line(&basis_line(&citations)).into_owned(),
            citations,
            fix: raw.docs.fix.one_line(),
            message: Some(raw.message.one_line()),
            bulletin: docs.bulletin.clone(),
        }),
        severity,
        docs,
        params: printable_params(scope.params),
        placeholders: message_placeholders(&raw.message, check.section()),
        imposer: raw.imposer.clone(),
        check,
        origin: scope.file.to_owned(),
    })
}

/// A rule's citations, each naming an entry of the sources table and quoting, if it quotes,
/// only words that entry holds: a misremembered quotation is an error at the quotation.
fn compile_citations(raw: &RawRule, scope: &Scope) -> Result<Vec<Citation>, PolicyError> {
    if raw.basis.is_empty() {
        return Err(scope.error(&raw.id, words(&keys::POLICY_BASIS_MISSING, &[])));
    }
    raw.basis
        .iter()
        .map(|cited| {
            let key = cited.source.value();
            let Some(source) = scope.sources.get(key) else {
                let known: Vec<&str> = scope.sources.keys().map(String::as_str).collect();
                return Err(scope
                    .error(
                        &cited.source,
                        words(
                            &keys::POLICY_UNKNOWN_SOURCE,
                            &[("key", key.as_str().into())],
                        ),
                    )
                    .with_help(suggest(key, &known)));
            };
            let quote = match &cited.quote {
                Some(quote) if !source.has_quote(quote.value()) => {
                    return Err(scope
                        .error(
                            quote,
                            words(
                                &keys::POLICY_QUOTE_MISMATCH,
                                &[("key", key.as_str().into())],
                            ),
                        )
                        .with_help(words(&keys::POLICY_QUOTE_MISMATCH_HELP, &[])));
                }
                Some(quote) => Some(quote.value().clone()),
                None => None,
            };
            Ok(Citation {
                key: key.clone(),
                source: source.clone(),
                quote,
            })
        })
        .collect()
}

/// A `{name}` of a rule's message.
#[derive(Clone, Debug, PartialEq)]
pub struct Placeholder {
    pub name: crate::wording::ArgName,
    /// Whether `name` is a field of the section's items that holds codes (`weekly`), which
    /// messages show by their labels: known from the schema when the rule is compiled, not
    /// looked up for each finding.
    pub coded: bool,
}

/// The placeholders of both languages' templates, each once; `section` is the rule's list.
fn message_placeholders(message: &Text, section: Option<&str>) -> Vec<Placeholder> {
    let mut names: Vec<crate::wording::ArgName> = placeholders(&message.zh)
        .chain(placeholders(&message.en))
        .map(crate::wording::ArgName::new)
        .collect();
    names.sort_unstable();
    names.dedup();
    let item = section.and_then(|section| Kind::holding(section).item_shape(section));
    names
        .into_iter()
        .map(|name| Placeholder {
            coded: item.is_some_and(|shape| shape.is_coded(&name)),
            name,
        })
        .collect()
}

/// Every `{name}` in a rule's message must name something its findings will have — a field of
/// the section's items, a parameter of the rule, or a value its kind of check supplies — or a
/// misspelt placeholder (`{nam}`) would print as written in every finding, and `jianfu test`
/// would not notice. The error points at the placeholder in the policy file.
fn check_placeholders(raw: &RawRule, check: &Check, scope: &Scope) -> Result<(), PolicyError> {
    let supplied: &[&str] = match check {
        Check::Builtin => &["detail"],
        Check::Each { .. } => &[],
        Check::Count { .. } => &["count", "limit", "group"],
        Check::Duplicates { .. } => &["other"],
        Check::Overlap { .. } => &["other", "other_by", "overlap"],
    };
    let fields = check.section().map(section_fields).unwrap_or_default();
    let known = |name: &str| {
        supplied.contains(&name)
            || fields.iter().any(|f| f == name)
            || scope.params.contains_key(name)
    };
    for template in [&raw.message.zh, &raw.message.en] {
        for name in placeholders(template) {
            if known(name) {
                continue;
            }
            let written = format!("{{{name}}}");
            let from = raw.id.offset();
            let offset = scope.text[from.min(scope.text.len())..]
                .find(&written)
                .map_or(from, |at| from + at);
            let mut candidates: Vec<&str> = supplied.to_vec();
            candidates.extend(fields.iter().map(String::as_str));
            candidates.extend(scope.params.keys().map(String::as_str));
            return Err(PolicyError::at(
                scope.file,
                scope.text,
                offset,
                written.len(),
                words(
                    &keys::POLICY_UNKNOWN_PLACEHOLDER,
                    &[
                        ("rule", raw.id.value().as_str().into()),
                        ("placeholder", written.as_str().into()),
                    ],
                ),
            )
            .with_help(suggest(name, &candidates)));
        }
    }
    Ok(())
}

/// The names inside `{…}` in a message template, as the evaluator fills them.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
}

/// A rule's documentation with every text made printable (line breaks kept where it has them).
fn printable_docs(docs: &RuleDocs) -> RuleDocs {
    let block = |text: &Option<String>| text.as_deref().map(printable_prose);
    RuleDocs {
        what: docs.what.printable(),
        why: docs.why.printable(),
        fix: docs.fix.printable(),
        bad: block(&docs.bad),
        good: block(&docs.good),
        bulletin: docs.bulletin.as_ref().map(one_line_phrase),
    }
}

/// A bulletin phrase made printable and put on one line, as the bulletin's sentences need it.
fn one_line_phrase(phrase: &BulletinPhrase) -> BulletinPhrase {
    BulletinPhrase {
        problem: phrase.problem.one_line(),
        action: phrase.action.one_line(),
    }
}

/// Parameters with their descriptions and text values made printable.
fn printable_params(
    params: &BTreeMap<String, (RawParam, ParamValue)>,
) -> BTreeMap<String, (RawParam, ParamValue)> {
    let value = |value: &ParamValue| match value {
        ParamValue::Number(n) => ParamValue::Number(*n),
        ParamValue::Text(t) => ParamValue::Text(printable_line(t).into_owned()),
        ParamValue::List(list) => ParamValue::List(
            list.iter()
                .map(|t| printable_line(t).into_owned())
                .collect(),
        ),
    };
    params
        .iter()
        .map(|(name, (declared, current))| {
            let declared = RawParam {
                default: value(&declared.default),
                description: declared.description.printable(),
            };
            (name.clone(), (declared, value(current)))
        })
        .collect()
}

fn is_rule_id(id: &str) -> bool {
    let Some((domain, number)) = id.split_once('-') else {
        return false;
    };
    !domain.is_empty()
        && domain.bytes().all(|b| b.is_ascii_uppercase())
        && number.len() == 3
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// Which side of the period's last day a date is tested for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// The kinds of check a policy may write, each the key that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CheckKind {
    Each,
    Count,
    Duplicates,
    Overlap,
    Builtin,
}

impl CheckKind {
    fn key(self) -> &'static str {
        match self {
            CheckKind::Each => "each",
            CheckKind::Count => "count",
            CheckKind::Duplicates => "duplicates",
            CheckKind::Overlap => "overlap",
            CheckKind::Builtin => "builtin",
        }
    }
}

fn compile_check(
    raw: &RawCheck,
    scope: &Scope,
    id: &Located<String>,
) -> Result<Check, PolicyError> {
    let kinds = [
        (CheckKind::Each, &raw.each),
        (CheckKind::Count, &raw.count),
        (CheckKind::Duplicates, &raw.duplicates),
        (CheckKind::Overlap, &raw.overlap),
        (CheckKind::Builtin, &raw.builtin),
    ];
    let chosen: Vec<(CheckKind, &Located<String>)> = kinds
        .iter()
        .filter_map(|(kind, value)| value.as_ref().map(|v| (*kind, v)))
        .collect();
    let (kind, section) = match chosen.as_slice() {
        [one] => *one,
        [] => {
            return Err(scope
                .error(id, words(&keys::POLICY_CHECK_NO_KIND, &[]))
                .with_help(words(&keys::POLICY_CHECK_KINDS_HELP, &[])));
        }
        [_, second, ..] => {
            return Err(scope.error(second.1, words(&keys::POLICY_CHECK_SEVERAL_KINDS, &[])));
        }
    };
    if kind == CheckKind::Builtin {
        return Ok(Check::Builtin);
    }
    if !SECTIONS.contains(&section.value().as_str()) {
        return Err(scope
            .error(
                section,
                words(
                    &keys::POLICY_UNKNOWN_SECTION,
                    &[("section", section.value().as_str().into())],
                ),
            )
            .with_help(suggest(section.value(), SECTIONS)));
    }
    let section_name = section.value().clone();
    check_field_names(raw, &section_fields(&section_name), scope)?;
    let at = raw.at.as_ref().map(|a| a.value().clone());
    let filter = raw
        .filter
        .as_ref()
        .map(|c| compile_condition(c, scope))
        .transpose()?;
    let unexpected = |present: bool, key: &str| -> Result<(), PolicyError> {
        if present {
            Err(scope.error(
                section,
                words(
                    &keys::POLICY_KEY_NOT_FOR_KIND,
                    &[("key", key.into()), ("kind", kind.key().into())],
                ),
            ))
        } else {
            Ok(())
        }
    };
    match kind {
        CheckKind::Each => {
            unexpected(raw.max.is_some(), "max")?;
            unexpected(!raw.key.is_empty(), "key")?;
            let fail = raw
                .fail
                .as_ref()
                .ok_or_else(|| scope.error(section, needs("each", "fail")))?;
            Ok(Check::Each {
                section: section_name,
                filter,
                fail: compile_condition(fail, scope)?,
                at,
            })
        }
        CheckKind::Count => {
            unexpected(raw.fail.is_some(), "fail")?;
            let max = raw
                .max
                .as_ref()
                .ok_or_else(|| scope.error(section, needs("count", "max")))?;
            Ok(Check::Count {
                section: section_name,
                filter,
                group_by: raw
                    .group_by
                    .as_ref()
                    .map(|g| (g.field.value().clone(), g.by.unwrap_or(GroupByUnit::Value))),
                max: scope.number(max)?,
                at,
            })
        }
        CheckKind::Duplicates => {
            unexpected(raw.fail.is_some() || raw.filter.is_some(), "where/fail")?;
            if raw.key.is_empty() {
                return Err(scope.error(section, needs("duplicates", "key")));
            }
            Ok(Check::Duplicates {
                section: section_name,
                key: raw.key.iter().map(|k| k.value().clone()).collect(),
                normalize: raw.normalize,
                at,
            })
        }
        // Answered above, before any section is looked at.
        CheckKind::Builtin => Ok(Check::Builtin),
        CheckKind::Overlap => {
            unexpected(raw.fail.is_some() || raw.filter.is_some(), "where/fail")?;
            let need = |value: &Option<Located<String>>, key: &str| {
                value
                    .as_ref()
                    .map(|v| v.value().clone())
                    .ok_or_else(|| scope.error(section, needs("overlap", key)))
            };
            let min = raw
                .min
                .as_ref()
                .ok_or_else(|| scope.error(section, needs("overlap", "min")))?;
            Ok(Check::Overlap {
                section: section_name,
                field: need(&raw.field, "field")?,
                distinct: need(&raw.distinct, "distinct")?,
                min: scope.number(min)?,
                at,
            })
        }
    }
}

/// The fields an item of `section` may have, from the inventory model.
fn section_fields(section: &str) -> Vec<String> {
    use crate::inventory::schema::{Shape, ShapeKind};
    let item_shape = |list: &Shape| match &list.kind {
        ShapeKind::Array(item) => match &item.kind {
            ShapeKind::Object(fields) => fields.iter().map(|f| f.name.clone()).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    Kind::holding(section)
        .shape()
        .field(section)
        .map(|f| item_shape(&f.shape))
        .unwrap_or_default()
}

/// Every field a check names must exist in its section, so that a misspelt field is an error
/// rather than a rule that silently never fires.
fn check_field_names(raw: &RawCheck, fields: &[String], scope: &Scope) -> Result<(), PolicyError> {
    let mut named: Vec<&Located<String>> = Vec::new();
    named.extend(raw.at.iter());
    named.extend(raw.key.iter());
    named.extend(raw.field.iter());
    named.extend(raw.distinct.iter());
    named.extend(raw.group_by.iter().map(|g| &g.field));
    let mut pending: Vec<&RawCondition> = raw.filter.iter().chain(raw.fail.iter()).collect();
    while let Some(condition) = pending.pop() {
        named.extend(condition.field.iter());
        pending.extend(condition.all.iter().flatten());
        pending.extend(condition.any.iter().flatten());
        pending.extend(condition.not.as_deref());
    }
    for name in named {
        if !fields.iter().any(|f| f == name.value()) {
            let known: Vec<&str> = fields.iter().map(String::as_str).collect();
            return Err(scope
                .error(
                    name,
                    words(
                        &keys::POLICY_NO_FIELD,
                        &[("name", name.value().as_str().into())],
                    ),
                )
                .with_help(suggest(name.value(), &known)));
        }
    }
    Ok(())
}

fn compile_condition(raw: &RawCondition, scope: &Scope) -> Result<Cond, PolicyError> {
    if let Some(all) = &raw.all {
        return Ok(Cond::All(compile_all(all, scope)?));
    }
    if let Some(any) = &raw.any {
        return Ok(Cond::Any(compile_all(any, scope)?));
    }
    if let Some(not) = &raw.not {
        return Ok(Cond::Not(Box::new(compile_condition(not, scope)?)));
    }
    let Some(field_at) = &raw.field else {
        return Err(PolicyError::at(
            scope.file,
            scope.text,
            0,
            0,
            words(&keys::POLICY_CONDITION_EMPTY, &[]),
        ));
    };
    let field = field_at.value().clone();
    let normalize = raw.normalize;
    let mut operators: Vec<Cond> = Vec::new();
    if let Some(want) = raw.present {
        operators.push(Cond::Present {
            field: field.clone(),
            want,
        });
    }
    if let Some(value) = &raw.equals {
        let value = normalize_scalar(value, normalize);
        operators.push(Cond::Equals {
            field: field.clone(),
            value,
            normalize,
        });
    }
    if let Some(values) = &raw.one_of {
        let values = values
            .iter()
            .map(|v| normalize_scalar(v, normalize))
            .collect();
        operators.push(Cond::OneOf {
            field: field.clone(),
            values,
            normalize,
        });
    }
    if let Some(list) = &raw.in_list {
        let set = scope
            .list(list)?
            .iter()
            .map(|s| maybe_normalize(s, normalize))
            .collect();
        operators.push(Cond::In {
            field: field.clone(),
            set,
            normalize,
        });
    }
    if let Some(list) = &raw.contains {
        let keywords = scope
            .list(list)?
            .iter()
            .map(|s| maybe_normalize(s, normalize))
            .filter(|s| !s.is_empty())
            .collect::<Vec<String>>();
        // A contiguous NFA, not the DFA the default builder picks for few patterns: names are
        // short, so matching costs the same, and building a DFA over Chinese keywords (three
        // bytes a character) costs more than checking a whole unit.
        let matcher = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&keywords)
            .map_err(|e| {
                scope.error(
                    field_at,
                    words(
                        &keys::POLICY_KEYWORDS_TOO_LARGE,
                        &[("error", e.to_string().into())],
                    ),
                )
            })?;
        operators.push(Cond::Contains {
            field: field.clone(),
            keywords,
            matcher,
            normalize,
        });
    }
    if let Some(list) = &raw.contains_any {
        let values = scope.list(list)?.into_iter().collect();
        operators.push(Cond::ContainsAny {
            field: field.clone(),
            values,
        });
    }
    if let Some(prefix) = &raw.starts_with {
        operators.push(Cond::StartsWith {
            field: field.clone(),
            prefix: scope.prefix(prefix, normalize)?,
            normalize,
        });
    }
    if let Some(pattern) = &raw.matches {
        let regex = compile_regex(pattern, scope)?;
        operators.push(Cond::Matches {
            field: field.clone(),
            regex,
        });
    }
    for (cmp, value) in [
        (Cmp::Gt, &raw.gt),
        (Cmp::Ge, &raw.ge),
        (Cmp::Lt, &raw.lt),
        (Cmp::Le, &raw.le),
    ] {
        if let Some(value) = value {
            operators.push(Cond::Compare {
                field: field.clone(),
                cmp,
                value: scope.number(value)?,
            });
        }
    }
    if let Some(age) = &raw.older_than {
        operators.push(compile_age(&field, age, scope, field_at)?);
    }
    for (side, want) in [
        (Side::Before, raw.before_period_end),
        (Side::After, raw.after_period_end),
    ] {
        if let Some(want) = want {
            operators.push(Cond::PeriodEnd {
                field: field.clone(),
                side,
                want,
            });
        }
    }
    if let Some(days) = &raw.rest_day {
        operators.push(compile_rest_day(&field, days, scope, field_at)?);
    }
    match operators.len() {
        1 => Ok(operators.remove(0)),
        0 => Err(scope
            .error(
                field_at,
                words(&keys::POLICY_NO_OPERATOR, &[("field", field.into())]),
            )
            .with_help(words(&keys::POLICY_NO_OPERATOR_HELP, &[]))),
        _ => Err(scope
            .error(
                field_at,
                words(&keys::POLICY_SEVERAL_OPERATORS, &[("field", field.into())]),
            )
            .with_help(words(&keys::POLICY_SEVERAL_OPERATORS_HELP, &[]))),
    }
}

fn compile_all(conditions: &[RawCondition], scope: &Scope) -> Result<Vec<Cond>, PolicyError> {
    conditions
        .iter()
        .map(|c| compile_condition(c, scope))
        .collect()
}

fn compile_age(
    field: &str,
    age: &Age,
    scope: &Scope,
    at: &Located<String>,
) -> Result<Cond, PolicyError> {
    let (amount, unit) = match (&age.days, &age.months) {
        (Some(days), None) => (scope.number(days)?, AgeUnit::Days),
        (None, Some(months)) => (scope.number(months)?, AgeUnit::Months),
        _ => return Err(scope.error(at, words(&keys::POLICY_OLDER_THAN_ONE, &[]))),
    };
    Ok(Cond::OlderThan {
        field: field.to_owned(),
        amount,
        unit,
    })
}

fn compile_rest_day(
    field: &str,
    days: &RestDays,
    scope: &Scope,
    at: &Located<String>,
) -> Result<Cond, PolicyError> {
    let dates = |list: &Option<ListRef>| -> Result<HashSet<NaiveDate>, PolicyError> {
        let mut set = HashSet::default();
        let Some(list) = list else {
            return Ok(set);
        };
        for entry in scope.list(list)? {
            let expanded = expand_dates(&entry).ok_or_else(|| {
                scope.error(
                    at,
                    words(
                        &keys::POLICY_NOT_A_DATE,
                        &[("entry", entry.as_str().into())],
                    ),
                )
            })?;
            set.extend(expanded);
        }
        Ok(set)
    };
    Ok(Cond::RestDay {
        field: field.to_owned(),
        calendar: scope.calendar.clone(),
        holidays: dates(&days.holidays)?,
        workdays: dates(&days.workdays)?,
    })
}

fn normalize_scalar(value: &Scalar, normalize: bool) -> Scalar {
    match value {
        Scalar::Text(text) if normalize => Scalar::Text(normalize_text(text)),
        other => other.clone(),
    }
}

/// Compile a policy's pattern within [`REGEX_SIZE_LIMIT`], and charge what it takes to the
/// rule set's [`REGEX_SET_LIMIT`]. The regex crate's own engine (`regex_automata::meta`, what
/// `regex::Regex` wraps) is used directly because it reports the memory a pattern takes.
fn compile_regex(pattern: &Located<String>, scope: &Scope) -> Result<Regex, PolicyError> {
    let config = meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .onepass_size_limit(Some(REGEX_SIZE_LIMIT))
        .dfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(REGEX_SIZE_LIMIT);
    let regex = meta::Builder::new()
        .configure(config)
        .build(pattern.value())
        .map_err(|e| {
            let message = match (e.size_limit(), e.syntax_error()) {
                (Some(limit), _) => {
                    words(&keys::POLICY_REGEX_TOO_LARGE, &[("limit", limit.into())])
                }
                (None, Some(syntax)) => words(
                    &keys::POLICY_REGEX_INVALID,
                    &[("error", syntax.to_string().into())],
                ),
                (None, None) => words(
                    &keys::POLICY_REGEX_INVALID,
                    &[("error", e.to_string().into())],
                ),
            };
            scope.error(pattern, message)
        })?;
    let used = scope
        .regex_memory
        .get()
        .saturating_add(regex.memory_usage());
    if used > REGEX_SET_LIMIT {
        return Err(scope
            .error(
                pattern,
                words(
                    &keys::POLICY_REGEX_SET_TOO_LARGE,
                    &[("limit", REGEX_SET_LIMIT.into()), ("used", used.into())],
                ),
            )
            .with_help(words(&keys::POLICY_REGEX_SET_TOO_LARGE_HELP, &[])));
    }
    scope.regex_memory.set(used);
    Ok(regex)
}

fn maybe_normalize(text: &str, normalize: bool) -> String {
    if normalize {
        normalize_text(text)
    } else {
        text.to_owned()
    }
}

/// Drop spaces and punctuation (ASCII and CJK, full- and half-width) and fold full-width
/// letters and digits to half-width, so that `中共 巴彦淖尔嘎查“支部”` and `中共巴彦淖尔嘎查支部`
/// compare equal.
pub fn normalize_text(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize_text`] without allocating when nothing changes, as for most names: evaluation
/// normalises a field of every item for several rules.
///
/// Invisible characters (zero-width spaces and joiners, word joiners, byte-order marks, soft
/// hyphens, direction marks) are dropped and compatibility forms folded by NFKC (a Kangxi
/// radical ⽣ is 生, a full-width Ａ is A), so that a keyword cannot be dodged by text that
/// looks the same; findings still point at the text as written.
pub fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    // Letters, digits and the common Han block never change: decided without the tables.
    if text.chars().all(is_kept) {
        return std::borrow::Cow::Borrowed(text);
    }
    let changes = |c: char| is_dropped(c) || fold_full_width(c) != c;
    if !text.chars().any(changes) && nfkc_unchanged(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    normalized_by_nfkc(text).into()
}

/// [`normalized`] the long way, which gives the same for every text: characters
/// [`is_dropped`] left out, before and after NFKC, and full-width forms folded.
fn normalized_by_nfkc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.chars()
        .filter(|&c| !is_dropped(c))
        .nfkc()
        .filter(|&c| !is_dropped(c))
        .map(fold_full_width)
        .collect()
}

/// Letters, digits and the common Han block: never changed by NFKC, alone or beside each
/// other.
fn is_kept(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What [`normalized`] leaves out: spaces, punctuation and invisible characters.
fn is_dropped(c: char) -> bool {
    c.is_whitespace() || is_punctuation(c) || is_invisible(c)
}

/// Whether NFKC leaves `text` as it is: the standard's quick check, and when it cannot tell
/// (a combining mark, a vowel jamo), the text normalised. Characters are not enough one by
/// one: `a` and a combining acute accent are each unchanged, together they become `á`.
fn nfkc_unchanged(text: &str) -> bool {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => text.chars().nfkc().eq(text.chars()),
    }
}

/// The text a regular expression sees besides the text as written: invisible characters dropped
/// and compatibility forms folded by NFKC, as for keywords, but spaces and punctuation kept,
/// since a pattern may spell them out (`^\d{4}-\d{2}$`). Borrowed when nothing changes, as for almost every value.
pub fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    // ASCII and the common Han block never change under NFKC, alone or beside each other.
    let plain = |c: char| c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c);
    if text.chars().all(plain) || (!text.chars().any(is_invisible) && nfkc_unchanged(text)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .filter(|c| !is_invisible(*c))
        .nfkc()
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .into()
}

/// Characters that show nothing: format controls a name can carry without looking different.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFFB | 0x1D173..=0x1D17A | 0xE0000..=0xE0FFF)
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c as u32,
            0x00B7 | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F | 0xFE10..=0xFE1F
            | 0xFE30..=0xFE4F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65)
}

fn fold_full_width(c: char) -> char {
    match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// "did you mean `x`?" for the closest known name.
/// "the `count` check needs `max`".
fn needs(kind: &str, key: &str) -> String {
    words(
        &keys::POLICY_CHECK_NEEDS,
        &[("kind", kind.into()), ("key", key.into())],
    )
}

pub fn suggest(word: &str, known: &[&str]) -> Option<String> {
    crate::inventory::validate::closest(word, known.iter().copied())
        .map(|s| words(&keys::POLICY_DID_YOU_MEAN, &[("suggestion", s.into())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_for_patterns_drops_invisibles_and_keeps_punctuation() {
        assert_eq!(folded("中\u{200B}共\u{2060}支部"), "中共支部");
        assert_eq!(folded("⽀部"), "支部");
        assert_eq!(folded("ＺＴ－２０２５"), "ZT-2025");
        assert_eq!(folded("2025-05 甲乙"), "2025-05 甲乙");
        assert!(matches!(
            folded("中共巴彦淖尔嘎查支部委员会"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// The short way of [`normalized`] and [`folded`] gives what the long way gives: texts of
    /// kept, dropped and other characters (full-width, compatibility forms, combining marks,
    /// conjoining jamo) in every order. A letter and a combining accent are each unchanged by
    /// NFKC, but not together: character by character, `a` + U+0301 was left as it was.
    #[test]
    fn normalisation_by_its_short_way_is_the_long_way() {
        use unicode_normalization::UnicodeNormalization;
        let folded_long_way = |text: &str| -> String {
            let visible = |c: &char| !is_invisible(*c);
            text.chars()
                .filter(visible)
                .nfkc()
                .filter(visible)
                .collect()
        };
        let pieces = [
            "居住", "证明", "a", "Z", "0", " ", "（", "）", "·", "、", "-", "\u{200b}", "\u{feff}",
            "Ａ", "０", "\u{2f63}", "\u{301}", "é", "ﬁ", "㈱", "\u{3000}", "⑴", "\u{1100}",
            "\u{1161}", "",
        ];
        let mut shortened = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}");
                    let short = normalized(&text);
                    shortened += usize::from(matches!(short, std::borrow::Cow::Borrowed(_)));
                    assert_eq!(short, normalized_by_nfkc(&text), "{text:?}");
                    assert_eq!(folded(&text), folded_long_way(&text), "{text:?}");
                }
            }
        }
        assert!(shortened > 500, "{shortened}");
    }

    #[test]
    fn normalisation_drops_spaces_and_punctuation_and_folds_width() {
        assert_eq!(
            normalize_text("中共 巴彦淖尔嘎查“支部”委员会"),
            "中共巴彦淖尔嘎查支部委员会"
        );
        assert_eq!(
            normalize_text("新时代·文明实践站（一）"),
            "新时代文明实践站一"
        );
        assert_eq!(normalize_text("Ｇ０１"), "G01");
        // Invisible characters and compatibility forms cannot hide a keyword.
        assert_eq!(
            normalize_text("亲\u{200b}属\u{2060}关系\u{feff}证明"),
            "亲属关系证明"
        );
        assert_eq!(normalize_text("\u{2f63}育状况证明"), "生育状况证明");
        assert_eq!(normalize_text("ＡＢ\u{00ad}Ｃ"), "ABC");
        assert!(matches!(
            normalized("居住证明"),
            std::borrow::Cow::Borrowed("居住证明")
        ));
    }

    /// A placeholder naming a coded field of the rule's list is marked, whatever the language
    /// it appears in; another field, a parameter or a list without the field is not.
    #[test]
    fn placeholders_know_whether_they_name_coded_fields() {
        let message = Text {
            zh: "{placement}的{name}超过{max}".into(),
            en: "{frequency} {name}".into(),
        };
        // The coded placeholders, of all four (each once, in order of name).
        let coded = |section| -> Vec<String> {
            let all = message_placeholders(&message, section);
            let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, ["frequency", "max", "name", "placement"]);
            let coded = all.iter().filter(|p| p.coded);
            coded.map(|p| p.name.to_string()).collect()
        };
        assert_eq!(coded(Some("signs")), ["placement"]);
        assert_eq!(coded(Some("reports")), ["frequency"]);
        assert!(coded(None).is_empty());
    }

    #[test]
    fn date_ranges_expand_inclusively() {
        let days = expand_dates("2025-05-01..2025-05-05").unwrap();
        assert_eq!(days.len(), 5);
        assert!(expand_dates("2025-05-05..2025-05-01").is_none());
        assert!(expand_dates("五一").is_none());
    }

    #[test]
    fn rule_ids_have_a_domain_and_three_digits() {
        assert!(is_rule_id("SIGN-001"));
        assert!(!is_rule_id("sign-001"));
        assert!(!is_rule_id("SIGN-1"));
    }
}
