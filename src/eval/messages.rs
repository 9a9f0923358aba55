//! Findings in words: an item's title, the message with its placeholders filled, and the help
//! reworded for a workbook (columns and drop-down labels instead of field names and codes).

use super::*;
use crate::finding::{Finding, Lang};
use crate::inventory::LoadedFile;
use crate::inventory::schema::{Shape, ShapeKind};
use crate::inventory::sheet::columns::sheet_help;
use crate::inventory::vocabulary::label;
use crate::load::{Node, Value};
use crate::policy::Rule;
use crate::policy::raw::ParamValue;
use std::borrow::Cow;

pub(super) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// How an item is named in messages: its `name`, else `title`, else `id`.
pub(super) fn item_title(item: &Node) -> String {
    ["name", "title", "id"]
        .iter()
        .find_map(|f| value_of(item, f).and_then(scalar_text))
        .map(Cow::into_owned)
        .unwrap_or_default()
}

/// Builds findings for one rule on one file.
pub(super) struct Emitter<'a> {
    pub(super) rule: &'a Rule,
    pub(super) file: &'a LoadedFile,
    pub(super) section: &'a str,
    pub(super) lang: Lang,
    pub(super) findings: &'a mut Vec<Finding>,
}

impl Emitter<'_> {
    pub(super) fn finding(
        &mut self,
        index: usize,
        item: &Node,
        at: Option<&str>,
        vars: &[(&str, String)],
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
pub(super) struct Words {
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

/// Fill `{name}` placeholders from the aggregate's variables, the item's fields, then the
/// rule's parameters. An unknown placeholder is left as written.
pub(super) fn interpolate(
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

pub(super) fn lookup(
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
