//! What a bulletin reads of a checked unit, and nothing more: who the unit is, what it lists
//! per section, what was found, and the items the findings point into.
//!
//! A bulletin is made from these facts whether the units were checked in this run
//! ([`BulletinUnit::of`]) or on other machines and sent up as JSON reports
//! ([`BulletinUnit::from_record`], the `units` of `check --format json --with-units`): the same
//! facts make the same bulletin, which is what lets a league merge the reports of its banners.
//! Keeping facts rather than inventories also means a run never holds a whole league's trees.

use std::collections::BTreeMap;
use std::sync::Arc;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, RuleHeader, Severity};
use crate::inventory::Kind;
use crate::inventory::codes::body_name;
use crate::load::{Entry, Node, Value};
use crate::outcome::UnitResult;
use crate::period::{Detail, ItemName, UnitCounts, count_unit};
use crate::wording::Locale;

use super::items::{item_ref, keep_read_fields, read_fields};

/// One checked unit as a bulletin sees it.
#[derive(Clone, Debug)]
pub struct BulletinUnit {
    /// Its identity from `unit.yaml`, and its items per section with their names.
    pub unit: UnitCounts,
    /// Its findings, waived ones included, in the order `check` reports them.
    pub findings: Vec<BulletinFinding>,
    /// The items findings point into, by section key and index (`reports`, 2), with only
    /// the fields a bulletin reads ([`read_fields`]).
    pub items: BTreeMap<(CompactString, usize), Node>,
}

/// What a bulletin reads of a finding.
#[derive(Clone, Debug)]
pub struct BulletinFinding {
    pub rule: Arc<RuleHeader>,
    pub severity: Severity,
    /// The logical path, `reports[2].frequency` (inline: most paths need no allocation).
    pub path: CompactString,
    pub imposer: Option<CompactString>,
    /// Whether a waiver covers it: waived findings are counted, never shown.
    pub waived: bool,
    /// The finding's message, worded in the bulletin's language when the facts are taken
    /// (a report's messages are in the report's language, which a merged bulletin follows);
    /// empty where the bulletin does not show it ([`BulletinFinding::message_is_read`]).
    pub message: String,
}

impl BulletinFinding {
    fn of(finding: &Finding, locale: &Locale) -> BulletinFinding {
        let read = BulletinFinding::message_is_read(&finding.rule, finding.imposer.as_deref());
        BulletinFinding {
            message: if read {
                locale.finding_message(finding)
            } else {
                String::new()
            },
            rule: finding.rule.clone(),
            severity: finding.severity,
            path: finding.path.as_str().into(),
            imposer: finding.imposer.as_deref().map(Into::into),
            waived: finding.waived.is_some(),
        }
    }
}

impl BulletinFinding {
    /// Whether a bulletin can show the message of a finding of `rule` caused by `imposer`: a
    /// finding with no body is listed by its message in its rule's case, and a rule with no
    /// bulletin phrase of its own is described by one of its messages. Other messages are not
    /// worded: no bulletin shows them.
    pub fn message_is_read(rule: &RuleHeader, imposer: Option<&str>) -> bool {
        rule.bulletin.is_none() || imposer.and_then(body_name).is_none()
    }
}

impl BulletinUnit {
    /// The facts of a unit checked in this run, its messages worded in `locale`.
    pub fn of(result: &UnitResult, locale: &Locale) -> BulletinUnit {
        let items = cited_items(result)
            .map(|(key, index, node)| ((key.into(), index), read_fields(node)))
            .collect();
        BulletinUnit {
            unit: count_unit(&result.unit, Detail::Names),
            findings: result
                .findings
                .iter()
                .map(|f| BulletinFinding::of(f, locale))
                .collect(),
            items,
        }
    }

    /// The item `finding` points into, with its section key.
    pub fn item_of(&self, finding: &BulletinFinding) -> Option<(&str, &Node)> {
        let (key, index) = item_ref(&finding.path)?;
        let (key, node) = self.items.get_key_value(&(key.into(), index))?;
        Some((key.0.as_str(), node))
    }

    /// A unit read back from a report, with its findings (already matched to rules).
    pub fn from_record(
        record: UnitRecord<ReadItem>,
        findings: Vec<BulletinFinding>,
    ) -> BulletinUnit {
        let mut items = BTreeMap::new();
        let mut named = BTreeMap::new();
        for (section, listed) in record.sections {
            if let Some(kind) = Kind::from_name(&section) {
                items.insert(kind, listed.count);
                named.insert(kind, listed.named);
            }
        }
        let cited = record
            .items
            .into_iter()
            .filter_map(|(path, item)| {
                let (key, index) = item_ref(&path)?;
                Some(((key.into(), index), item.0))
            })
            .collect();
        BulletinUnit {
            unit: UnitCounts {
                code: record.code,
                dir: record.dir,
                name: record.name,
                kind: record.kind,
                banner: record.banner,
                township: record.township,
                period: record.period,
                items,
                named,
            },
            findings,
            items: cited,
        }
    }

    /// `unit.yaml`'s `kind`, `banner`, … as the bulletin names them.
    pub fn text(&self, field: &str) -> Option<&str> {
        let unit = &self.unit;
        match field {
            "code" => unit.code.as_deref(),
            "name" => unit.name.as_deref(),
            "kind" => unit.kind.as_deref(),
            "banner" => unit.banner.as_deref(),
            "township" => unit.township.as_deref(),
            "period" => unit.period.as_deref(),
            _ => None,
        }
    }
}

/// The items a unit's findings point into, each once: section key, index, item.
fn cited_items(result: &UnitResult) -> impl Iterator<Item = (&str, usize, &Node)> {
    let mut seen = std::collections::BTreeSet::new();
    result.findings.iter().filter_map(move |finding| {
        let (key, index) = item_ref(&finding.path)?;
        let node = cited_item(finding, result, key, index)?;
        seen.insert((key, index)).then_some((key, index, node))
    })
}

/// The item at `key[index]` of the file a finding is in.
fn cited_item<'a>(
    finding: &Finding,
    result: &'a UnitResult,
    key: &str,
    index: usize,
) -> Option<&'a Node> {
    let file = result
        .unit
        .files
        .iter()
        .find(|f| Arc::ptr_eq(&f.source, &finding.file))?;
    file.root.as_ref()?.get(key)?.as_seq()?.get(index)
}

/// A unit in a JSON report made with `--with-units`: what a bulletin merged from reports
/// needs of it.
///
/// Its items are written as JSON values (`I` is `serde_json::Value`) and read as a reader
/// needs them: a bulletin as [`ReadItem`]s, a ledger not at all.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnitRecord<I = serde_json::Value> {
    /// The directory, as given on the command line joined with the path inside it.
    pub dir: String,
    pub code: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    pub banner: Option<String>,
    pub township: Option<String>,
    pub period: Option<String>,
    /// Each section that could be read: its items' count, and their names with the body
    /// behind each (what a rebound says was added).
    pub sections: BTreeMap<String, SectionRecord>,
    /// How many of the report's findings, in order, are this unit's.
    pub findings: usize,
    /// The items the unit's findings point into, by path (`reports[2]`), as written.
    pub items: BTreeMap<String, I>,
}

impl UnitRecord {
    /// The record of a unit checked in this run.
    pub fn of(result: &UnitResult) -> UnitRecord {
        let unit = count_unit(&result.unit, Detail::Names);
        let sections = unit
            .items
            .iter()
            .map(|(kind, &count)| {
                let named = unit.named.get(kind).cloned().unwrap_or_default();
                (kind.name().to_owned(), SectionRecord { count, named })
            })
            .collect();
        UnitRecord {
            dir: unit.dir,
            code: unit.code,
            name: unit.name,
            kind: unit.kind,
            banner: unit.banner,
            township: unit.township,
            period: unit.period,
            sections,
            findings: result.findings.len(),
            items: cited_items(result)
                .map(|(key, index, node)| (format!("{key}[{index}]"), node_to_json(node)))
                .collect(),
        }
    }
}

/// One section of a [`UnitRecord`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SectionRecord {
    pub count: usize,
    pub named: Vec<ItemName>,
}

/// An item as JSON: mappings keep their order, keys that are not text are written as text.
fn node_to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as Json;
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.to_string()),
        Value::Seq(items) => Json::Array(items.iter().map(node_to_json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|e| (key_text(&e.key), node_to_json(&e.value)))
                .collect(),
        ),
    }
}

fn key_text(key: &Node) -> String {
    match &key.value {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// An item of a report's unit record as a bulletin reads it: from JSON straight into a tree
/// with only the fields a bulletin reads ([`read_fields`]), with no JSON value in between (a
/// league's report holds hundreds of thousands of items). It has no place in a file, so its
/// spans are empty.
#[derive(Clone, Debug)]
pub struct ReadItem(pub Node);

impl<'de> Deserialize<'de> for ReadItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ReadItem, D::Error> {
        let item = deserializer.deserialize_any(JsonNode)?;
        Ok(ReadItem(keep_read_fields(item)))
    }
}

/// Any JSON value as a tree: a whole number that fits `i64` as an integer, other numbers as
/// floating point, keys as text.
struct JsonNode;

/// A tree read by [`JsonNode`], as an element or a mapping's value.
struct AnyNode(Node);

impl<'de> Deserialize<'de> for AnyNode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AnyNode, D::Error> {
        deserializer.deserialize_any(JsonNode).map(AnyNode)
    }
}

fn unplaced(value: Value) -> Node {
    Node {
        span: Default::default(),
        value,
    }
}

impl<'de> serde::de::Visitor<'de> for JsonNode {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(unplaced(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(unplaced(Value::Null))
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<Node, D::Error> {
        inner.deserialize_any(JsonNode)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(unplaced(Value::Bool(b)))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Node, E> {
        Ok(unplaced(Value::Int(i)))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Node, E> {
        Ok(unplaced(
            i64::try_from(u).map_or(Value::Float(u as f64), Value::Int),
        ))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Node, E> {
        Ok(unplaced(Value::Float(f)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(unplaced(Value::Str(s.into())))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(AnyNode(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(unplaced(Value::Seq(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, AnyNode(value))) = map.next_entry::<String, AnyNode>()? {
            let key = unplaced(Value::Str(key.into()));
            entries.push(Entry { key, value });
        }
        Ok(unplaced(Value::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_item_is_read_with_only_the_fields_a_bulletin_reads() {
        let json = r#"{"name": "甲台账", "remark": "不读", "fields": ["户主", "人口"],
            "deadline_hours": 24, "members": 1.5, "issued_count": 18446744073709551615,
            "demands": [{"x": null}, true]}"#;
        let ReadItem(item) = serde_json::from_str(json).unwrap();
        assert_eq!(item.get("name").and_then(Node::as_str), Some("甲台账"));
        assert!(
            item.get("remark").is_none(),
            "a field no bulletin reads is dropped"
        );
        let fields = item.get("fields").and_then(Node::as_seq).unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!(item.get("deadline_hours").unwrap().value, Value::Int(24));
        assert_eq!(item.get("members").unwrap().value, Value::Float(1.5));
        // Beyond i64: a float, as a JSON value's `as_i64` would have it.
        let big = &item.get("issued_count").unwrap().value;
        assert_eq!(*big, Value::Float(18446744073709551615.0));
        let demands = item.get("demands").and_then(Node::as_seq).unwrap();
        assert_eq!(demands[1].value, Value::Bool(true));
        assert_eq!(demands[0].get("x").unwrap().value, Value::Null);
    }
}
