//! Findings as data: an item's title, and the values for the placeholders of the rule's message,
//! which the report words (`crate::wording`).

use super::*;
use crate::finding::Finding;
use crate::inventory::LoadedFile;
use crate::load::{Node, Value, same_text};
use crate::policy::Rule;
use crate::policy::compile::Placeholder;
use crate::policy::raw::ParamValue;
use crate::wording::{Arg, ArgName, Message, keys};
use compact_str::CompactString;
use std::borrow::Cow;

/// How an item is named in messages: its `name`, else `title`, else `id`.
pub(super) fn item_title(item: &Node) -> CompactString {
    ["name", "title", "id"]
        .iter()
        .find_map(|f| value_of(item, f).and_then(scalar_text))
        .map(CompactString::from)
        .unwrap_or_default()
}

/// Builds findings for one rule on one file.
pub(super) struct Emitter<'a> {
    pub(super) rule: &'a Rule,
    pub(super) file: &'a LoadedFile,
    pub(super) section: &'a str,
    pub(super) findings: &'a mut Vec<Finding>,
}

impl Emitter<'_> {
    pub(super) fn finding(
        &mut self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, CompactString)],
    ) {
        let finding = self.build(index, item, at, vars);
        self.findings.push(finding);
    }

    /// A finding on a later item that repeats an earlier one, with a label on the earlier.
    pub(super) fn duplicate(
        &mut self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, CompactString)],
        first: &Node,
    ) {
        let finding = self
            .build(index, item, at, vars)
            .with_label(first.span, Message::new(&keys::FIRST_LISTED));
        self.findings.push(finding);
    }

    fn build(
        &self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, CompactString)],
    ) -> Finding {
        let target = at.and_then(|field| item.get(field).map(|node| (field, node)));
        let (span, path) = match target {
            Some((field, node)) => (node.span, item_path(self.section, index, Some(field))),
            None => (item.span, item_path(self.section, index, None)),
        };
        let args = rule_args(self.rule, item, vars);
        let imposer = self
            .rule
            .imposer
            .as_deref()
            .and_then(|field| value_of(item, field))
            .and_then(scalar_text)
            .map(Cow::into_owned);
        Finding::new(
            self.rule.header.clone(),
            self.rule.severity,
            self.file.source.clone(),
            span,
            path,
            Message::rule(args),
        )
        .with_imposer(imposer)
        .with_item(Some(item_title(item)))
    }
}

/// `section[index]` or `section[index].field`: one finding's path, built without `format!`.
fn item_path(section: &str, index: usize, field: Option<&str>) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(index);
    let field_len = field.map_or(0, |f| f.len() + 1);
    let mut path = String::with_capacity(section.len() + digits.len() + 2 + field_len);
    path.push_str(section);
    path.push('[');
    path.push_str(digits);
    path.push(']');
    if let Some(field) = field {
        path.push('.');
        path.push_str(field);
    }
    path
}

/// The values for the rule's `{name}` placeholders, from the aggregate's variables, the item's
/// fields, then the rule's parameters. A placeholder with no value gets none, and is shown as
/// written.
pub(super) fn rule_args(
    rule: &Rule,
    item: &Node,
    vars: &[(&str, CompactString)],
) -> Vec<(ArgName, Arg)> {
    rule.placeholders
        .iter()
        .filter_map(|placeholder| {
            let arg = lookup(placeholder, item, vars, rule)?;
            Some((placeholder.name.clone(), arg))
        })
        .collect()
}

fn lookup(
    placeholder: &Placeholder,
    item: &Node,
    vars: &[(&str, CompactString)],
    rule: &Rule,
) -> Option<Arg> {
    let (name, coded) = (placeholder.name.as_str(), placeholder.coded);
    if let Some((_, value)) = vars.iter().find(|(k, _)| same_text(k, name)) {
        return Some(Arg::Text(value.clone()));
    }
    if let Some(node) = value_of(item, name) {
        if !coded && !matches!(node.value, Value::Seq(_)) {
            return Some(Arg::text(scalar_text(node)?));
        }
        let texts: Vec<String> = match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| scalar_text(n).map(Cow::into_owned))
                .collect(),
            _ => vec![scalar_text(node)?.into_owned()],
        };
        return Some(if coded {
            Arg::Codes(texts)
        } else {
            Arg::text(texts.join("、"))
        });
    }
    match rule.params.get(name).map(|(_, v)| v)? {
        ParamValue::Number(n) => Some(Arg::text(format_number(*n))),
        ParamValue::Text(t) => Some(Arg::text(t.as_str())),
        ParamValue::List(l) => Some(Arg::text(l.join("、"))),
    }
}
