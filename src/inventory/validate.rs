//! Checking a loaded tree against a compiled [`Shape`]: every problem in the file, each at its
//! own value, as [`Violation`]s that become SUBMIT-002 findings.
//!
//! The walk follows the schema, never the data, so its depth is bounded by the format (a few
//! levels), whatever a hostile file nests.

use std::collections::HashSet;

use crate::finding::Lang;
use crate::load::{Node, Value};
use crate::source::Span;

use super::schema::{Shape, ShapeKind};

/// One way in which a file departs from the format.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The logical path, e.g. `signs[2].placement`.
    pub path: String,
    pub span: Span,
    /// The top-level list and index the violation sits in (`("signs", 2)`), so that the
    /// policies can skip exactly the broken items.
    pub item: Option<(String, usize)>,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    MissingField {
        field: String,
    },
    DuplicateKey {
        field: String,
    },
    WrongType {
        expected: &'static str,
        found: &'static str,
        text: Option<String>,
    },
    NotInEnum {
        value: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    BadDate {
        value: String,
    },
    NoMatch {
        value: String,
        pattern: String,
    },
    OutOfRange {
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
    },
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (&self.shortened(), lang) {
            (Problem::UnknownField { field, .. }, Lang::Zh) => format!("未知字段 `{field}`"),
            (Problem::UnknownField { field, .. }, Lang::En) => format!("unknown field `{field}`"),
            (Problem::MissingField { field }, Lang::Zh) => format!("缺少必填字段 `{field}`"),
            (Problem::MissingField { field }, Lang::En) => {
                format!("missing required field `{field}`")
            }
            (Problem::DuplicateKey { field }, Lang::Zh) => format!("字段 `{field}` 重复出现"),
            (Problem::DuplicateKey { field }, Lang::En) => format!("field `{field}` appears twice"),
            (
                Problem::WrongType {
                    expected, found, ..
                },
                Lang::Zh,
            ) => format!(
                "类型错误：应为{}，实为{}",
                type_name_zh(expected),
                type_name_zh(found)
            ),
            (
                Problem::WrongType {
                    expected, found, ..
                },
                Lang::En,
            ) => {
                format!("wrong type: expected {expected}, found {found}")
            }
            (Problem::NotInEnum { value, .. }, Lang::Zh) => format!("`{value}` 不是允许的取值"),
            (Problem::NotInEnum { value, .. }, Lang::En) => {
                format!("`{value}` is not an allowed value")
            }
            (Problem::BadDate { value }, Lang::Zh) => {
                format!("`{value}` 不是有效日期（应为 YYYY-MM-DD）")
            }
            (Problem::BadDate { value }, Lang::En) => {
                format!("`{value}` is not a valid date (YYYY-MM-DD)")
            }
            (Problem::NoMatch { value, pattern }, Lang::Zh) => {
                format!("`{value}` 格式不对（应匹配 {pattern}）")
            }
            (Problem::NoMatch { value, pattern }, Lang::En) => {
                format!("`{value}` has the wrong form (must match {pattern})")
            }
            (Problem::OutOfRange { value, min, max }, Lang::Zh) => {
                format!("{value} 超出范围（{}）", range_text(*min, *max))
            }
            (Problem::OutOfRange { value, min, max }, Lang::En) => {
                format!("{value} is out of range ({})", range_text(*min, *max))
            }
        }
    }

    /// The problem with the quoted text cut to [`QUOTE_CHARS`] characters: a hostile file's
    /// 16 MB value must not become a 16 MB message.
    fn shortened(&self) -> Problem {
        let mut problem = self.clone();
        match &mut problem {
            Problem::UnknownField { field, .. }
            | Problem::MissingField { field }
            | Problem::DuplicateKey { field } => *field = shorten(field),
            Problem::NotInEnum { value, .. }
            | Problem::BadDate { value }
            | Problem::NoMatch { value, .. } => *value = shorten(value),
            Problem::WrongType { .. } | Problem::OutOfRange { .. } => {}
        }
        problem
    }

    /// What to do about it, when there is something more specific than the rule's advice.
    pub fn help(&self, lang: Lang) -> Option<String> {
        match (self, lang) {
            (
                Problem::UnknownField {
                    suggestion: Some(s),
                    ..
                },
                Lang::Zh,
            ) => Some(format!("是否应为 `{s}`？")),
            (
                Problem::UnknownField {
                    suggestion: Some(s),
                    ..
                },
                Lang::En,
            ) => Some(format!("did you mean `{s}`?")),
            (
                Problem::NotInEnum {
                    suggestion: Some(s),
                    allowed,
                    ..
                },
                Lang::Zh,
            ) => Some(format!(
                "是否应为 `{s}`？允许的取值：{}",
                allowed.join(", ")
            )),
            (
                Problem::NotInEnum {
                    suggestion: Some(s),
                    allowed,
                    ..
                },
                Lang::En,
            ) => Some(format!(
                "did you mean `{s}`? allowed values: {}",
                allowed.join(", ")
            )),
            (Problem::NotInEnum { allowed, .. }, Lang::Zh) => {
                Some(format!("允许的取值：{}", allowed.join(", ")))
            }
            (Problem::NotInEnum { allowed, .. }, Lang::En) => {
                Some(format!("allowed values: {}", allowed.join(", ")))
            }
            (
                Problem::WrongType {
                    expected: "integer",
                    text: Some(t),
                    ..
                },
                lang,
            ) if t.chars().all(|c| ('０'..='９').contains(&c)) => Some(match lang {
                Lang::Zh => "请使用半角数字（0-9），而不是全角数字".to_owned(),
                Lang::En => "use half-width digits (0-9), not full-width ones".to_owned(),
            }),
            (
                Problem::WrongType {
                    expected: "integer",
                    text: Some(t),
                    ..
                },
                lang,
            ) if t.parse::<i64>().is_ok() => Some(match lang {
                Lang::Zh => "去掉引号，写成数字".to_owned(),
                Lang::En => "remove the quotes to write a number".to_owned(),
            }),
            (
                Problem::WrongType {
                    expected: "string",
                    found: "integer",
                    ..
                },
                lang,
            ) => Some(match lang {
                Lang::Zh => "用引号把值括起来，如 \"152223100201\"".to_owned(),
                Lang::En => "quote the value, e.g. \"152223100201\"".to_owned(),
            }),
            _ => None,
        }
    }
}

/// How many characters of a value a message quotes.
const QUOTE_CHARS: usize = 80;

/// `text`, or its first [`QUOTE_CHARS`] characters and an ellipsis.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

fn type_name_zh(name: &str) -> &'static str {
    match name {
        "null" => "空值",
        "boolean" => "布尔值（true/false）",
        "integer" => "整数",
        "number" => "数字",
        "string" => "文本",
        "sequence" => "列表",
        "mapping" => "映射（键: 值）",
        "date" => "日期（YYYY-MM-DD）",
        _ => "其他",
    }
}

fn range_text(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!(">= {min}"),
        (None, Some(max)) => format!("<= {max}"),
        (None, None) => String::new(),
    }
}

/// Every violation of `shape` in `root`.
pub fn validate(root: &Node, shape: &Shape) -> Vec<Violation> {
    let mut walk = Walk {
        violations: Vec::new(),
    };
    walk.check(root, shape, &mut String::new(), None);
    walk.violations
}

struct Walk {
    violations: Vec<Violation>,
}

impl Walk {
    fn report(&mut self, path: &str, span: Span, item: &Option<(String, usize)>, problem: Problem) {
        self.violations.push(Violation {
            path: path.to_owned(),
            span,
            item: item.clone(),
            problem,
        });
    }

    fn check(
        &mut self,
        node: &Node,
        shape: &Shape,
        path: &mut String,
        item: Option<(String, usize)>,
    ) {
        if matches!(node.value, Value::Null) && shape.nullable {
            return;
        }
        match (&shape.kind, &node.value) {
            (ShapeKind::Any, _) => {}
            (ShapeKind::Object(fields), Value::Map(entries)) => {
                self.check_object(node, fields, entries, path, item)
            }
            (ShapeKind::Array(items), Value::Seq(nodes)) => {
                for (index, child) in nodes.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{index}]"));
                    let child_item = item
                        .clone()
                        .or_else(|| Some((path[..len].to_owned(), index)));
                    self.check(child, items, path, child_item);
                    path.truncate(len);
                }
            }
            (ShapeKind::Str { pattern, date }, Value::Str(text)) => {
                if *date && !is_valid_date(text) {
                    let problem = Problem::BadDate {
                        value: text.to_string(),
                    };
                    self.report(path, node.span, &item, problem);
                } else if let Some(pattern) = pattern
                    && !pattern.is_match(text)
                {
                    let problem = Problem::NoMatch {
                        value: text.to_string(),
                        pattern: pattern.as_str().to_owned(),
                    };
                    self.report(path, node.span, &item, problem);
                }
            }
            (ShapeKind::Int { min, max }, Value::Int(value)) => {
                let below = min.is_some_and(|m| *value < m);
                let above = max.is_some_and(|m| *value > m);
                if below || above {
                    let problem = Problem::OutOfRange {
                        value: *value,
                        min: *min,
                        max: *max,
                    };
                    self.report(path, node.span, &item, problem);
                }
            }
            (ShapeKind::Bool, Value::Bool(_)) => {}
            (ShapeKind::Enum(allowed), Value::Str(text)) => {
                if !allowed.iter().any(|a| a == text.as_ref()) {
                    let problem = Problem::NotInEnum {
                        value: text.to_string(),
                        suggestion: closest(text, allowed.iter().map(String::as_str)),
                        allowed: allowed.clone(),
                    };
                    self.report(path, node.span, &item, problem);
                }
            }
            (kind, _) => {
                let problem = Problem::WrongType {
                    expected: expected_name(kind),
                    found: node.type_name(),
                    text: node.as_str().map(str::to_owned),
                };
                self.report(path, node.span, &item, problem);
            }
        }
    }

    fn check_object(
        &mut self,
        node: &Node,
        fields: &[super::schema::Field],
        entries: &[crate::load::Entry],
        path: &mut String,
        item: Option<(String, usize)>,
    ) {
        // Keys seen so far, hashed: a hostile mapping with 150,000 keys must not cost 10¹⁰
        // comparisons. Only text keys can be fields; any other key is an unknown field anyway.
        let mut seen: HashSet<&str> = HashSet::with_capacity(entries.len().min(64));
        for entry in entries {
            let name = entry.key.as_str().unwrap_or_default();
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(name);
            let repeated = entry.key.as_str().is_some_and(|key| !seen.insert(key));
            if repeated {
                let problem = Problem::DuplicateKey {
                    field: name.to_owned(),
                };
                self.report(path, entry.key.span, &item, problem);
            } else if let Some(field) = fields.iter().find(|f| f.name == name) {
                self.check(&entry.value, &field.shape, path, item.clone());
            } else {
                let problem = Problem::UnknownField {
                    field: name.to_owned(),
                    suggestion: closest(name, fields.iter().map(|f| f.name.as_str())),
                };
                self.report(path, entry.key.span, &item, problem);
            }
            path.truncate(len);
        }
        for field in fields.iter().filter(|f| f.required) {
            if !seen.contains(field.name.as_str()) {
                let problem = Problem::MissingField {
                    field: field.name.clone(),
                };
                self.report(path, node.span, &item, problem);
            }
        }
    }
}

fn expected_name(kind: &ShapeKind) -> &'static str {
    match kind {
        ShapeKind::Object(_) => "mapping",
        ShapeKind::Array(_) => "sequence",
        ShapeKind::Str { date: true, .. } => "date",
        ShapeKind::Str { .. } | ShapeKind::Enum(_) => "string",
        ShapeKind::Int { .. } => "integer",
        ShapeKind::Bool => "boolean",
        ShapeKind::Any => "any",
    }
}

/// A real calendar day written `YYYY-MM-DD`.
pub fn is_valid_date(text: &str) -> bool {
    text.len() == 10 && chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::schema::Kind;
    use crate::load::{Limits, load_yaml};

    fn violations(kind: Kind, text: &str) -> Vec<Violation> {
        let node = load_yaml(text, &Limits::default()).expect("yaml");
        validate(&node, kind.shape())
    }

    #[test]
    fn unknown_field_suggests_the_closest() {
        let v = violations(
            Kind::Signage,
            "signs:\n  - {name: 甲, placment: exterior, type: plaque, issued_by: 乙}\n",
        );
        assert_eq!(v.len(), 2, "{v:?}");
        assert_eq!(v[0].path, "signs[0].placment");
        assert_eq!(
            v[0].problem,
            Problem::UnknownField {
                field: "placment".into(),
                suggestion: Some("placement".into())
            }
        );
        assert_eq!(v[0].item, Some(("signs".into(), 0)));
        assert_eq!(
            v[1].problem,
            Problem::MissingField {
                field: "placement".into()
            }
        );
    }

    #[test]
    fn enum_date_type_and_range_problems_each_reported() {
        let text = "groups:\n  - name: 群\n    platform: wechta\n    created_by: 镇\n    purpose: 通知\n    approved: NO\n    members: -1\n    created: 2025-02-30\n    last_active: 2025-06-01\n    demands: []\n";
        let v = violations(Kind::Groups, text);
        let paths: Vec<&str> = v.iter().map(|v| v.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "groups[0].platform",
                "groups[0].approved",
                "groups[0].members",
                "groups[0].created"
            ]
        );
        assert!(
            matches!(&v[0].problem, Problem::NotInEnum { suggestion: Some(s), .. } if s == "wechat")
        );
        assert!(matches!(
            &v[1].problem,
            Problem::WrongType {
                expected: "boolean",
                found: "string",
                ..
            }
        ));
        assert!(matches!(
            &v[2].problem,
            Problem::OutOfRange { value: -1, .. }
        ));
        assert!(matches!(&v[3].problem, Problem::BadDate { .. }));
    }

    #[test]
    fn messages_quote_at_most_80_characters_of_a_value() {
        let long = "外".repeat(100_000);
        let problem = Problem::NotInEnum {
            value: long,
            allowed: vec!["exterior".into()],
            suggestion: None,
        };
        let message = problem.message(Lang::En);
        assert!(message.chars().count() < 120, "{}", message.len());
        assert!(message.contains(&format!("`{}…`", "外".repeat(80))));
    }

    #[test]
    fn valid_file_has_no_violations() {
        let text = "certificates:\n  - name: 居住证明\n    basis: 《居住证暂行条例》第九条\n    issued_count: 14\n";
        assert!(violations(Kind::Certificates, text).is_empty());
    }

    #[test]
    fn empty_file_misses_its_section_key() {
        let v = violations(Kind::Tasks, "");
        assert!(matches!(
            &v[0].problem,
            Problem::WrongType {
                expected: "mapping",
                found: "null",
                ..
            }
        ));
    }
}
