//! The policy language, version 1, as written in YAML: serde structs that reject unknown keys,
//! with their JSON Schema (`jianfu schema policy`). [`super::compile`] turns them into checked,
//! compiled rules; nothing here is evaluated.
//!
//! See `docs/policies.md` for the language reference with examples.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::finding::{Clearance, Severity, Text};

/// A value with the place it was written, so that compile errors point into the policy file.
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct Located<T>(pub serde_saphyr::Spanned<T>);

impl<T> Located<T> {
    pub fn value(&self) -> &T {
        &self.0.value
    }

    /// The byte offset where the value was written, when known.
    pub fn offset(&self) -> usize {
        let span = self.0.referenced.span();
        span.byte_offset().unwrap_or(0) as usize
    }

    /// The byte length of the value as written, when known.
    pub fn len(&self) -> usize {
        let span = self.0.referenced.span();
        span.byte_len().unwrap_or(0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// A policy file: named lists shared by its rules, and the rules.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// Named lists that conditions refer to with `{list: NAME}`.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    /// Documents rules cite, by key (`sources.yaml` of the default pack).
    #[serde(default)]
    pub sources: BTreeMap<String, crate::policy::sources::Source>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
}

/// A rule's citation of an entry of the sources table.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    /// The entry's key in a `sources:` section.
    pub source: Located<String>,
    /// Words quoted from it: must be, word for word, in the entry's `quotes` or `sections`.
    #[serde(default)]
    pub quote: Option<Located<String>>,
}

/// One rule: its metadata, documentation, parameters, message and check.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// `DOMAIN-NNN`, stable and never reused.
    pub id: Located<String>,
    /// kebab-case name.
    pub name: String,
    pub severity: Severity,
    pub clearance: Clearance,
    /// The sources it enforces, each cited by its key in a `sources:` table.
    pub basis: Vec<RawCitation>,
    pub docs: RuleDocs,
    /// Parameters with their defaults; `{param: NAME}` refers to them.
    #[serde(default)]
    pub params: BTreeMap<String, RawParam>,
    /// The finding's message; `{field}` interpolates a field of the item, a parameter, or an
    /// aggregate's `count`, `limit`, `group`, `other`, `overlap`.
    pub message: Text,
    /// The item field that names the body that caused the finding.
    #[serde(default)]
    pub imposer: Option<String>,
    pub check: RawCheck,
}

/// The fixed sections of a rule's documentation (as ruff writes them).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDocs {
    /// What it checks.
    pub what: Text,
    /// Why it matters, quoting the basis.
    pub why: Text,
    /// How to fix a finding.
    pub fix: Text,
    /// A section file on which the rule fires.
    #[serde(default)]
    pub bad: Option<String>,
    /// The same file, fixed: the rule stays quiet.
    #[serde(default)]
    pub good: Option<String>,
    /// How the rule's problem and remedy read in a bulletin (通报).
    #[serde(default)]
    pub bulletin: Option<crate::finding::BulletinPhrase>,
}

/// A parameter: its default and what it means.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParam {
    pub default: ParamValue,
    pub description: Text,
}

/// A parameter's value: a number, a text, or a list of texts.
#[derive(Clone, Debug, PartialEq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ParamValue {
    Number(f64),
    Text(String),
    List(Vec<String>),
}

impl ParamValue {
    /// What kind of value this is, in words for an error message.
    /// `number`, `text` or `list`: what a catalogue words as "a number (e.g. 4)".
    pub fn kind(&self) -> &'static str {
        match self {
            ParamValue::Number(_) => "number",
            ParamValue::Text(_) => "text",
            ParamValue::List(_) => "list",
        }
    }

    pub fn same_kind(&self, other: &ParamValue) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// What a rule checks: exactly one of `each`, `count`, `duplicates`, `overlap` or `builtin`
/// names the kind and the section (`tasks`, `signs`, `certificates`, `groups`, `reports`,
/// `meetings`, `inspections`, or `unit.yaml`'s `cadres` and `grids`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    /// Per item: an item that passes `where` and satisfies `fail` is a finding.
    #[serde(default)]
    pub each: Option<Located<String>>,
    /// Per unit: items passing `where` (per `group_by` group) counted against `max`.
    #[serde(default)]
    pub count: Option<Located<String>>,
    /// Items sharing the same `key` fields (after normalisation when `normalize`).
    #[serde(default)]
    pub duplicates: Option<Located<String>>,
    /// Pairs of items with different `distinct` values whose list `field` overlaps (Jaccard)
    /// by at least `min`.
    #[serde(default)]
    pub overlap: Option<Located<String>>,
    /// A rule implemented by the checker itself (the SUBMIT rules); documentation only.
    #[serde(default)]
    pub builtin: Option<Located<String>>,
    #[serde(default, rename = "where")]
    pub filter: Option<RawCondition>,
    #[serde(default)]
    pub fail: Option<RawCondition>,
    /// The field the finding points at; the whole item when absent or missing.
    #[serde(default)]
    pub at: Option<Located<String>>,
    #[serde(default)]
    pub group_by: Option<GroupBy>,
    #[serde(default)]
    pub max: Option<NumberRef>,
    #[serde(default)]
    pub key: Vec<Located<String>>,
    #[serde(default)]
    pub normalize: bool,
    #[serde(default)]
    pub field: Option<Located<String>>,
    #[serde(default)]
    pub distinct: Option<Located<String>>,
    #[serde(default)]
    pub min: Option<NumberRef>,
}

/// Grouping for `count`: by a field's value, or by the calendar month of a date field.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupBy {
    pub field: Located<String>,
    #[serde(default)]
    pub by: Option<GroupByUnit>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupByUnit {
    Value,
    Month,
}

/// A number: a constant, `{param: NAME}`, or `{unit: FIELD}` (a field of `unit.yaml`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum NumberRef {
    Const(f64),
    Ref(Box<RefTo>),
}

/// A text: written out, `{param: NAME}`, or `{unit: FIELD}` (a field of `unit.yaml`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum TextRef {
    Const(String),
    Ref(Box<RefTo>),
}

/// A list of texts: written out, `{param: NAME}`, or `{list: NAME}`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ListRef {
    Inline(Vec<String>),
    Ref(Box<RefTo>),
}

/// A reference to a parameter, a named list or a `unit.yaml` field; exactly one key.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefTo {
    #[serde(default)]
    pub param: Option<Located<String>>,
    #[serde(default)]
    pub list: Option<Located<String>>,
    #[serde(default)]
    pub unit: Option<Located<String>>,
}

/// A condition on one item. Either a combinator (`all`, `any`, `not`) or `field` with exactly
/// one operator.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default)]
    pub all: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub any: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub not: Option<Box<RawCondition>>,
    /// The item field the operator applies to.
    #[serde(default)]
    pub field: Option<Located<String>>,
    /// Compare texts after dropping spaces and punctuation (全角 and 半角).
    #[serde(default)]
    pub normalize: bool,
    /// Something is written in the field when `true` (not absent, null, blank, or a word that only
    /// says there is nothing: 无, 暂无, N/A, `/` …); nothing is written when `false`.
    #[serde(default)]
    pub present: Option<bool>,
    /// Equal to this text, number or boolean.
    #[serde(default)]
    pub equals: Option<Scalar>,
    /// Equal to one of these.
    #[serde(default)]
    pub one_of: Option<Vec<Scalar>>,
    /// The text is one of the list's entries.
    #[serde(default, rename = "in")]
    pub in_list: Option<ListRef>,
    /// The text contains one of the list's entries as a keyword.
    #[serde(default)]
    pub contains: Option<ListRef>,
    /// The list field holds at least one of these values.
    #[serde(default)]
    pub contains_any: Option<ListRef>,
    /// The text matches this regular expression (Rust regex syntax).
    #[serde(default)]
    pub matches: Option<Located<String>>,
    /// The text begins with this text, or with the unit's own field (`{unit: township}`: a
    /// body of the unit's township, 音德尔镇党委 for 音德尔镇).
    #[serde(default)]
    pub starts_with: Option<TextRef>,
    #[serde(default)]
    pub gt: Option<NumberRef>,
    #[serde(default)]
    pub ge: Option<NumberRef>,
    #[serde(default)]
    pub lt: Option<NumberRef>,
    #[serde(default)]
    pub le: Option<NumberRef>,
    /// The date is more than this long before the period's last day.
    #[serde(default)]
    pub older_than: Option<Age>,
    /// The date is before the period's last day (`true`) or not (`false`).
    #[serde(default)]
    pub before_period_end: Option<bool>,
    /// The date is after the period's last day (`true`: a date that had not come when the
    /// inventory was due) or not (`false`).
    #[serde(default)]
    pub after_period_end: Option<bool>,
    /// The date is a rest day by the State Council's calendar of its year (a Saturday or Sunday
    /// that is not a make-up working day, or a day off), or one of `holidays`, and not one of
    /// `workdays`.
    #[serde(default)]
    pub rest_day: Option<RestDays>,
}

/// A literal to compare with.
#[derive(Clone, Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Number(f64),
    Text(String),
}

/// A length of time: exactly one of `days` or `months`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Age {
    #[serde(default)]
    pub days: Option<NumberRef>,
    #[serde(default)]
    pub months: Option<NumberRef>,
}

/// `rest_day`: the State Council's calendar of each year (`data/holidays.yaml` and `calendars:`
/// in `jianfu.yaml`), with optional extra days as `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RestDays {
    /// Days off besides the State Council's calendar (a league's own).
    #[serde(default)]
    pub holidays: Option<ListRef>,
    /// Working days besides the calendar's make-up days.
    #[serde(default)]
    pub workdays: Option<ListRef>,
}
