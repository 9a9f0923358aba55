//! Loaded trees → canonical YAML texts, for `jianfu convert --to yaml`.
//!
//! Canonical: block style, fields in the model's order, lists of scalars in flow style
//! (`fields: [姓名, 身份证号]`), strings plain where the loader reads them back as the same
//! string and double-quoted otherwise (`code: "152223100201"`), null fields left out (an empty
//! optional field and an absent one mean the same). Loading the output gives back the same
//! values; emitting that again gives the same text.

use crate::load::{Limits, Node, Value, load_yaml};

use super::schema::{Kind, Shape, ShapeKind};

/// The canonical text of one file of `kind` whose tree is `root`.
pub fn emit_yaml(kind: Kind, root: &Node) -> String {
    let mut out = String::new();
    match (&root.value, kind.section_key()) {
        (Value::Map(_), _) => emit_mapping(&mut out, root, Some(kind.shape()), "", false),
        _ => {
            out.push_str(&scalar(root, false));
            out.push('\n');
        }
    }
    out
}

/// A block mapping at `indent`, fields in schema order, then any others as they came. With
/// `first_inline`, the first key continues the current line (a list item's `- `).
fn emit_mapping(
    out: &mut String,
    node: &Node,
    shape: Option<&Shape>,
    indent: &str,
    first_inline: bool,
) {
    let Some(entries) = node.as_map() else {
        return;
    };
    let mut ordered: Vec<&crate::load::Entry> = Vec::with_capacity(entries.len());
    if let Some(ShapeKind::Object(fields)) = shape.map(|s| &s.kind) {
        for field in fields {
            ordered.extend(entries.iter().find(|e| e.key.as_str() == Some(&field.name)));
        }
    }
    for entry in entries {
        if !ordered.iter().any(|e| std::ptr::eq(*e, entry)) {
            ordered.push(entry);
        }
    }
    let mut first = true;
    for entry in ordered {
        if is_null(&entry.value) {
            continue;
        }
        if !(first && first_inline) {
            out.push_str(indent);
        }
        first = false;
        let key = scalar(&entry.key, false);
        let field_shape = entry
            .key
            .as_str()
            .and_then(|k| shape.and_then(|s| s.field(k)))
            .map(|f| &f.shape);
        out.push_str(&key);
        out.push(':');
        emit_value(out, &entry.value, field_shape, indent);
    }
}

/// The value after `key:`: inline for scalars and lists of scalars, on the next lines for lists
/// of mappings and nested mappings.
fn emit_value(out: &mut String, value: &Node, shape: Option<&Shape>, indent: &str) {
    match &value.value {
        Value::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Value::Seq(items) if items.iter().all(is_scalar) => {
            let texts: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
            out.push_str(&format!(" [{}]\n", texts.join(", ")));
        }
        Value::Seq(items) => {
            out.push('\n');
            let item_shape = match shape.map(|s| &s.kind) {
                Some(ShapeKind::Array(item)) => Some(&**item),
                _ => None,
            };
            let inner = format!("{indent}    ");
            for item in items {
                out.push_str(indent);
                out.push_str("  - ");
                match &item.value {
                    Value::Map(entries) if entries.iter().any(|e| !is_null(&e.value)) => {
                        emit_mapping(out, item, item_shape, &inner, true)
                    }
                    _ => {
                        out.push_str(&flow(item));
                        out.push('\n');
                    }
                }
            }
        }
        Value::Map(entries) if entries.iter().any(|e| !is_null(&e.value)) => {
            out.push('\n');
            emit_mapping(out, value, shape, &format!("{indent}  "), false);
        }
        _ => {
            out.push(' ');
            out.push_str(&flow(value));
            out.push('\n');
        }
    }
}

fn is_null(node: &Node) -> bool {
    matches!(node.value, Value::Null)
}

fn is_scalar(node: &Node) -> bool {
    !matches!(node.value, Value::Seq(_) | Value::Map(_))
}

/// Any value on one line: scalars as scalars, collections in flow style.
fn flow(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) => {
            let texts: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", texts.join(", "))
        }
        Value::Map(entries) => {
            let texts: Vec<String> = entries
                .iter()
                .map(|e| format!("{}: {}", scalar(&e.key, true), flow(&e.value)))
                .collect();
            format!("{{{}}}", texts.join(", "))
        }
        _ => scalar(node, true),
    }
}

/// One scalar; `in_flow` when it sits inside `[...]` or `{...}`.
fn scalar(node: &Node, in_flow: bool) -> String {
    match &node.value {
        Value::Null => "~".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 => format!("{f:.1}"),
        Value::Float(f) if f.is_nan() => ".nan".to_owned(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.to_owned(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => string(s, in_flow),
        Value::Seq(_) | Value::Map(_) => flow(node),
    }
}

/// A string plain when that reads back as the same string, else double-quoted.
pub fn string(text: &str, in_flow: bool) -> String {
    if plain_is_safe(text, in_flow) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

fn plain_is_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text
        || text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| c.is_control())
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || (in_flow && text.contains([',', '[', ']', '{', '}']))
    {
        return false;
    }
    // Words other YAML readers take for booleans or nulls stay quoted, for their sake.
    let lower = text.to_ascii_lowercase();
    if [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]
    .contains(&lower.as_str())
    {
        return false;
    }
    let probe = if in_flow {
        format!("[{text}]")
    } else {
        format!("k: {text}")
    };
    let Ok(root) = load_yaml(&probe, &Limits::default()) else {
        return false;
    };
    let value = if in_flow {
        root.as_seq().and_then(|s| s.first())
    } else {
        root.get("k")
    };
    value.and_then(Node::as_str) == Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emit(kind: Kind, text: &str) -> String {
        emit_yaml(kind, &load_yaml(text, &Limits::default()).unwrap())
    }

    #[test]
    fn canonical_form_orders_fields_and_quotes_only_when_needed() {
        let text = "signs:\n- {type: plaque, name: \"卫生室\", placement: interior, issued_by: 'x: y', approval_ref: ~}\n";
        assert_eq!(
            emit(Kind::Signage, text),
            "signs:\n  - name: 卫生室\n    placement: interior\n    type: plaque\n    issued_by: \"x: y\"\n"
        );
        let unit = "name: 甲\ncode: \"152223100201\"\nperiod: 2025-Q2\ninstitutions: 4\ncadres: [{name: 乙, role: 书记, last_health_check: 2024-06-12}]\n";
        assert_eq!(
            emit(Kind::Unit, unit),
            "code: \"152223100201\"\nname: 甲\nperiod: 2025-Q2\ninstitutions: 4\ncadres:\n  - name: 乙\n    role: 书记\n    last_health_check: 2024-06-12\n"
        );
    }

    #[test]
    fn lists_of_scalars_stay_inline_and_empty_lists_stay_empty() {
        let text = "reports:\n  - name: 表\n    fields: [姓名, \"a,b\", 'yes']\n    demands: []\n";
        let out = emit(Kind::Reports, text);
        assert!(
            out.contains("    fields: [姓名, \"a,b\", \"yes\"]\n"),
            "{out}"
        );
        assert!(out.contains("    demands: []\n"), "{out}");
        assert_eq!(emit(Kind::Tasks, "tasks: []\n"), "tasks: []\n");
    }

    #[test]
    fn emitting_twice_gives_the_same_text() {
        let text = "groups:\n  - name: 群\n    platform: wechat\n    approved: true\n    members: 58\n    created: 2024-01-05\n    demands: [checkin]\n    ratio: 0.5\n";
        let once = emit(Kind::Groups, text);
        assert_eq!(emit(Kind::Groups, &once), once);
    }
}
