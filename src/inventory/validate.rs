//! Checking a loaded tree against a compiled [`Shape`]: every problem in the file, each at its
//! own value, as [`Violation`]s that become SUBMIT-002 findings.
//!
//! The walk follows the schema, never the data, so its depth is bounded by the format (a few
//! levels), whatever a hostile file nests.

use std::collections::HashSet;
use std::fmt::Write as _;

use crate::load::{Node, Value, same_text};
use crate::source::Span;

use super::schema::{Shape, ShapeKind};
use crate::wording::{Arg, Message, keys};

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
    pub fn message(&self) -> Message {
        match self.shortened() {
            Problem::UnknownField { field, .. } => {
                Message::new(&keys::UNKNOWN_FIELD).arg("field", field)
            }
            Problem::MissingField { field } => {
                Message::new(&keys::MISSING_FIELD).arg("field", Arg::Field(field))
            }
            Problem::DuplicateKey { field } => {
                Message::new(&keys::DUPLICATE_KEY).arg("field", Arg::Field(field))
            }
            Problem::WrongType {
                expected, found, ..
            } => Message::new(&keys::WRONG_TYPE)
                .arg("expected", expected)
                .arg("found", found),
            Problem::NotInEnum { value, .. } => {
                Message::new(&keys::NOT_IN_ENUM).arg("value", value)
            }
            Problem::BadDate { value } => Message::new(&keys::BAD_DATE).arg("value", value),
            Problem::NoMatch { value, pattern } => Message::new(&keys::NO_MATCH)
                .arg("value", value)
                .arg("pattern", pattern),
            Problem::OutOfRange { value, min, max } => Message::new(&keys::OUT_OF_RANGE)
                .arg("value", value)
                .arg("range", range_text(min, max)),
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
    pub fn help(&self) -> Option<Message> {
        match self {
            Problem::UnknownField {
                suggestion: Some(s),
                ..
            } => Some(
                Message::new(&keys::DID_YOU_MEAN_FIELD).arg("suggestion", Arg::Field(s.clone())),
            ),
            Problem::NotInEnum {
                suggestion: Some(s),
                allowed,
                ..
            } => Some(
                Message::new(&keys::DID_YOU_MEAN_VALUE)
                    .arg("suggestion", Arg::Choices(vec![s.clone()]))
                    .arg("allowed", Arg::Choices(allowed.clone())),
            ),
            Problem::NotInEnum { allowed, .. } => Some(
                Message::new(&keys::ALLOWED_VALUES).arg("allowed", Arg::Choices(allowed.clone())),
            ),
            Problem::WrongType {
                expected: "integer",
                text: Some(t),
                ..
            } if t.chars().all(|c| ('０'..='９').contains(&c)) => {
                Some(Message::new(&keys::HALF_WIDTH_DIGITS_HELP))
            }
            Problem::WrongType {
                expected: "integer",
                text: Some(t),
                ..
            } if t.parse::<i64>().is_ok() => Some(Message::new(&keys::UNQUOTE_NUMBER_HELP)),
            Problem::WrongType {
                expected: "string",
                found: "integer",
                ..
            } => Some(Message::new(&keys::QUOTE_CODE_HELP)),
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
        path: Vec::new(),
    };
    walk.check(root, shape, None);
    walk.violations
}

/// One step of a logical path: a key, or an index into a list.
#[derive(Clone, Copy)]
enum Segment<'n> {
    Key(&'n str),
    Index(usize),
}

/// `signs[2].placement`: the path as users see it. Rendered only for a violation, so that
/// walking a valid file formats and allocates nothing per field.
fn render(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(index) => {
                let _ = write!(out, "[{index}]");
            }
        }
    }
    out
}

struct Walk<'n> {
    violations: Vec<Violation>,
    path: Vec<Segment<'n>>,
}

/// The list item being walked, if any: how many path segments lead to its list, and its index.
type Item = Option<(usize, usize)>;

impl<'n> Walk<'n> {
    fn report(&mut self, span: Span, item: Item, problem: Problem) {
        self.violations.push(Violation {
            path: render(&self.path),
            span,
            item: item.map(|(depth, index)| (render(&self.path[..depth]), index)),
            problem,
        });
    }

    fn check(&mut self, node: &'n Node, shape: &Shape, item: Item) {
        if matches!(node.value, Value::Null) && shape.nullable {
            return;
        }
        match (&shape.kind, &node.value) {
            (ShapeKind::Any, _) => {}
            (ShapeKind::Object(fields), Value::Map(entries)) => {
                self.check_object(node, fields, entries, item)
            }
            (ShapeKind::Array(items), Value::Seq(nodes)) => {
                let list = self.path.len();
                for (index, child) in nodes.iter().enumerate() {
                    self.path.push(Segment::Index(index));
                    self.check(child, items, item.or(Some((list, index))));
                    self.path.pop();
                }
            }
            (ShapeKind::Str { pattern, date }, Value::Str(text)) => {
                if *date && !is_valid_date(text) {
                    let problem = Problem::BadDate {
                        value: text.to_string(),
                    };
                    self.report(node.span, item, problem);
                } else if let Some(pattern) = pattern
                    && !pattern.is_match(text)
                {
                    let problem = Problem::NoMatch {
                        value: text.to_string(),
                        pattern: pattern.as_str().to_owned(),
                    };
                    self.report(node.span, item, problem);
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
                    self.report(node.span, item, problem);
                }
            }
            (ShapeKind::Bool, Value::Bool(_)) => {}
            (ShapeKind::Enum(allowed), Value::Str(text)) => {
                if !allowed.iter().any(|a| same_text(a, text)) {
                    let problem = Problem::NotInEnum {
                        value: text.to_string(),
                        suggestion: closest(text, allowed.iter().map(String::as_str)),
                        allowed: allowed.clone(),
                    };
                    self.report(node.span, item, problem);
                }
            }
            (kind, _) => {
                let problem = Problem::WrongType {
                    expected: expected_name(kind),
                    found: node.type_name(),
                    text: node.as_str().map(str::to_owned),
                };
                self.report(node.span, item, problem);
            }
        }
    }

    fn check_object(
        &mut self,
        node: &Node,
        fields: &[super::schema::Field],
        entries: &'n [crate::load::Entry],
        item: Item,
    ) {
        // The fields met so far, one bit each: duplicate and missing keys are then found without
        // comparing every pair of keys (a schema has far fewer than 64 fields). Other keys are
        // hashed: a hostile mapping with 150,000 unknown keys must not cost 10¹⁰ comparisons.
        let bits = fields.len() <= 64;
        let mut seen: u64 = 0;
        let mut others: HashSet<&str> = HashSet::new();
        for entry in entries {
            let name = entry.key.as_str().unwrap_or_default();
            self.path.push(Segment::Key(name));
            let known = entry
                .key
                .as_str()
                .and_then(|key| fields.iter().position(|f| same_text(&f.name, key)));
            let duplicate = match known {
                Some(i) if bits => seen & (1 << i) != 0,
                // Only text keys can repeat a field; any other key is an unknown field anyway.
                _ => entry.key.as_str().is_some_and(|key| !others.insert(key)),
            };
            if duplicate {
                let problem = Problem::DuplicateKey {
                    field: name.to_owned(),
                };
                self.report(entry.key.span, item, problem);
            } else if let Some(i) = known {
                seen |= 1u64.checked_shl(i as u32).unwrap_or(0);
                let field = &fields[i];
                if entry.value.is_unfilled() {
                    // `placement:` with no value, `name: ""` or an empty spreadsheet cell is a
                    // missing value, reported at the empty value rather than as a null or a
                    // text of the wrong type; where the field may be left empty, it is.
                    if !field.shape.nullable {
                        let problem = Problem::MissingField {
                            field: name.to_owned(),
                        };
                        self.report(entry.value.span, item, problem);
                    }
                } else {
                    self.check(&entry.value, &field.shape, item);
                }
            } else {
                let problem = Problem::UnknownField {
                    field: name.to_owned(),
                    suggestion: closest(name, fields.iter().map(|f| f.name.as_str())),
                };
                self.report(entry.key.span, item, problem);
            }
            self.path.pop();
        }
        for (i, field) in fields.iter().enumerate().filter(|(_, f)| f.required) {
            let present = if bits {
                seen & (1 << i) != 0
            } else {
                entries.iter().any(|e| e.key.as_str() == Some(&field.name))
            };
            if !present {
                let problem = Problem::MissingField {
                    field: field.name.clone(),
                };
                self.report(node.span, item, problem);
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
    text.len() == 10 && parse_date(text).is_some()
}

/// The day `text` names, read as chrono's `%Y-%m-%d` reads it. Dates are parsed for several
/// rules on every item, so the usual `2025-05-10` form is read digit by digit, and only other
/// forms go through chrono's format parser.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    if is_plain_day(text) {
        let b = text.as_bytes();
        let number = |r: std::ops::Range<usize>| {
            b[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
        };
        return chrono::NaiveDate::from_ymd_opt(number(0..4) as i32, number(5..7), number(8..10));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Whether `text` is a day written `YYYY-MM-DD` with nothing else: ten bytes, digits but the two
/// dashes. Such a date is read without chrono, and names its month in its first seven bytes.
pub fn is_plain_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, &b)| match at {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
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
    fn an_empty_required_value_is_a_missing_field_at_the_value() {
        let text = "signs:\n  - {name: 甲, placement: null, type: plaque, issued_by: 乙, approval_ref: null}\n";
        let v = violations(Kind::Signage, text);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].path, "signs[0].placement");
        assert_eq!(
            v[0].problem,
            Problem::MissingField {
                field: "placement".into()
            }
        );
        assert_eq!(&text[v[0].span.range()], "null");
    }

    /// Text left empty, or only blanks, is a value not filled in, as a spreadsheet's empty cell
    /// is: missing where the field is required, accepted where it may be left empty.
    #[test]
    fn a_blank_text_is_a_missing_value_where_one_is_required() {
        let text = "certificates:\n  - {name: \"\u{3000} \", requested_by: \"\", basis: '  ', issued_count: 1}\n";
        let v = violations(Kind::Certificates, text);
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].path, "certificates[0].name");
        assert_eq!(
            v[0].problem,
            Problem::MissingField {
                field: "name".into()
            }
        );
        assert_eq!(&text[v[0].span.range()], "\"\u{3000} \"");
    }

    #[test]
    fn each_repeated_key_and_each_missing_field_is_reported() {
        let text = "certificates:\n  - name: 甲\n    name: 乙\n    issued_count: 1\n    issued_count: 2\n    issued_count: 3\n  - basis: 法\n";
        let v = violations(Kind::Certificates, text);
        let found: Vec<(&str, &Problem)> =
            v.iter().map(|v| (v.path.as_str(), &v.problem)).collect();
        let dup = |f: &str| Problem::DuplicateKey { field: f.into() };
        let missing = |f: &str| Problem::MissingField { field: f.into() };
        assert_eq!(
            found,
            [
                ("certificates[0].name", &dup("name")),
                ("certificates[0].issued_count", &dup("issued_count")),
                ("certificates[0].issued_count", &dup("issued_count")),
                ("certificates[1]", &missing("name")),
                ("certificates[1]", &missing("issued_count")),
            ]
        );
        // The repeat is pointed at, not the first occurrence.
        assert_eq!(&text[v[0].span.range()], "name");
        assert!(v[0].span.start as usize > text.find("name").unwrap_or(0));
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2025-05-10",
            "2025-02-29",
            "2024-02-29",
            "2025-13-01",
            "2025-00-10",
            "0000-01-01",
            "2025-5-10",
            "2025-05-1",
            "+2025-05-10",
            " 2025-05-10",
            "2025-05-10 ",
            "2025/05/10",
            "２０２５-05-10",
            "2025-05-1a",
            "9999-12-31",
            "",
        ] {
            assert_eq!(
                parse_date(text),
                chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn messages_quote_at_most_80_characters_of_a_value() {
        let long = "外".repeat(100_000);
        let problem = Problem::NotInEnum {
            value: long,
            allowed: vec!["exterior".into()],
            suggestion: None,
        };
        let locale = crate::wording::Locale::from(crate::finding::Lang::En);
        let message = locale.message(&problem.message(), None, crate::wording::Form::Yaml);
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
