//! What the inventory says about the item a finding points into — a report's frequency,
//! channel and deadline, a meeting's date and length, a group's demands — in the bulletin's
//! words, so that a case's narrative carries the data's own figures.

use chrono::NaiveDate;

use crate::load::{Entry, Node, Value};
use crate::wording::{Arg, Key, keys};

use super::Words;

/// The section key and item index a finding's path points into (`reports[0].frequency`).
pub(super) fn item_ref(path: &str) -> Option<(&str, usize)> {
    let (key, rest) = path.split_once('[')?;
    let index = rest.split_once(']')?.0.parse().ok()?;
    Some((key, index))
}

/// The fields of an item a bulletin reads: its name ([`item_name`]), what
/// [`ItemWords::details`] says of it, and the demands and frequencies a case compares. A unit's
/// facts keep only these ([`read_fields`]): the items of every finding that may make a case are
/// written to the bulletin's temporary file, and an item's other fields (its remarks, its legal
/// basis, its source) are most of it.
const READ_FIELDS: &[&str] = &[
    "name",
    "title",
    "id",
    "list",
    "placement",
    "type",
    "issued_count",
    "platform",
    "members",
    "demands",
    "task_end",
    "frequency",
    "fields",
    "channel",
    "deadline_hours",
    "date",
    "duration_minutes",
    "purpose",
    "materials_chars",
    "indicators",
];

/// Whether a bulletin reads a mapping entry of an item.
fn is_read(entry: &Entry) -> bool {
    entry.key.as_str().is_some_and(|k| READ_FIELDS.contains(&k))
}

/// An item with only the fields a bulletin reads; anything but a mapping as it is.
pub(super) fn read_fields(node: &Node) -> Node {
    let Value::Map(entries) = &node.value else {
        return node.clone();
    };
    let kept: Vec<Entry> = entries.iter().filter(|e| is_read(e)).cloned().collect();
    Node {
        span: node.span,
        value: Value::Map(kept),
    }
}

/// [`read_fields`] of an item already owned (one read from a report), without copying.
pub(super) fn keep_read_fields(mut node: Node) -> Node {
    if let Value::Map(entries) = &mut node.value {
        entries.retain(is_read);
        // A report is read whole before its units are gathered: no room to grow.
        entries.shrink_to_fit();
    }
    node
}

/// A field of an item, for the bulletin's words. Every field the bulletin reads goes through
/// here, so that a test run catches one missing from [`READ_FIELDS`] (a unit's facts would
/// not keep it) whatever the data holds.
pub(super) fn read_field<'a>(node: &'a Node, field: &str) -> Option<&'a Node> {
    debug_assert!(
        READ_FIELDS.contains(&field),
        "the bulletin reads `{field}`: add it to READ_FIELDS"
    );
    node.get(field)
}

pub(super) fn item_name(node: &Node) -> Option<String> {
    ["name", "title", "id"]
        .iter()
        .find_map(|field| text_of(node, field))
        .map(str::to_owned)
}

pub(super) fn text_of<'a>(node: &'a Node, field: &str) -> Option<&'a str> {
    read_field(node, field).and_then(Node::as_str)
}

/// A whole number as a number (catalogues choose plural forms on it); others as written.
fn number_of(node: &Node, field: &str) -> Option<Arg> {
    let value = read_field(node, field)?.as_f64()?;
    Some(if value.fract() == 0.0 && value.abs() < 1e15 {
        Arg::Number(value as i64)
    } else {
        Arg::text(value.to_string())
    })
}

/// What the data says about an item, in the catalogue's clauses: frequency, channel, deadline,
/// dates, counts, demands.
pub(super) struct ItemWords<'a> {
    words: &'a Words,
    /// Between clauses: ，/ ", ".
    comma: String,
}

impl<'a> ItemWords<'a> {
    pub(super) fn new(words: &'a Words) -> ItemWords<'a> {
        ItemWords {
            words,
            comma: words.say(&keys::BULLETIN_CLAUSE_COMMA, &[]),
        }
    }

    fn clause(&self, key: &Key, name: &'static str, value: impl Into<Arg>) -> String {
        self.words.say(key, &[(name, value.into())])
    }

    /// The item's details in one clause list (每日填报，共6项内容，经微信群报送), without its
    /// name; empty when the data says nothing worth saying.
    ///
    /// `said` names what the deed before has said already (the frequency of 每日上报), which
    /// is not said twice.
    pub(super) fn details(&self, key: &str, node: &Node, said: &[&str]) -> String {
        let words = self.words;
        let text = |field: &str| text_of(node, field);
        let number = |field: &str| number_of(node, field);
        let date = |field: &str| {
            let value = text_of(node, field)?;
            Some(match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(date) => words.date_with_weekday(date),
                Err(_) => value.to_owned(),
            })
        };
        let mut clauses: Vec<String> = Vec::new();
        let mut push = |clause: Option<String>| clauses.extend(clause);
        match key {
            "tasks" => {
                push(
                    text("list")
                        .map(|v| self.clause(&keys::BULLETIN_ITEM_IS, "what", words.code(v))),
                );
            }
            "signs" => {
                let placement = text("placement").map(|v| words.code(v));
                let kind = text("type").map(|v| words.code(v));
                push(match (placement, kind) {
                    (Some(placement), Some(kind)) => Some(words.say(
                        &keys::BULLETIN_ITEM_SIGN,
                        &[("placement", placement.into()), ("kind", kind.into())],
                    )),
                    (Some(one), None) | (None, Some(one)) => {
                        Some(self.clause(&keys::BULLETIN_ITEM_IS, "what", one))
                    }
                    (None, None) => None,
                });
            }
            "certificates" => {
                push(
                    number("issued_count")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_ISSUED, "count", n)),
                );
            }
            "groups" => {
                push(
                    text("platform").map(|v| {
                        self.clause(&keys::BULLETIN_ITEM_GROUP, "platform", words.code(v))
                    }),
                );
                push(
                    number("members")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_MEMBERS, "count", n)),
                );
                // What a group demands is said by the deed (通过…要求打卡接龙); after-hours
                // work is a time, said here.
                let demands = words.codes(node, "demands", &["after_hours"]);
                if words.codes(node, "demands", &[]).len() > demands.len() {
                    push(Some(words.say(&keys::BULLETIN_ITEM_AFTER_HOURS, &[])));
                }
                push(
                    date("task_end")
                        .map(|d| self.clause(&keys::BULLETIN_ITEM_TASK_ENDED, "date", d)),
                );
            }
            "reports" => {
                push(
                    text("frequency")
                        .filter(|_| !said.contains(&"frequency"))
                        .map(|v| {
                            self.clause(&keys::BULLETIN_ITEM_FREQUENCY, "frequency", words.code(v))
                        }),
                );
                let fields = read_field(node, "fields")
                    .and_then(Node::as_seq)
                    .map_or(0, <[Node]>::len);
                if fields > 0 {
                    push(Some(self.clause(
                        &keys::BULLETIN_ITEM_FIELDS,
                        "count",
                        fields,
                    )));
                }
                push(
                    text("channel")
                        .map(|v| self.clause(&keys::BULLETIN_ITEM_CHANNEL, "channel", v)),
                );
                push(
                    number("deadline_hours")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_HOURS, "hours", n)),
                );
            }
            "meetings" => {
                push(date("date").map(|d| self.clause(&keys::BULLETIN_ITEM_HELD, "date", d)));
                push(
                    number("duration_minutes")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_MINUTES, "minutes", n)),
                );
                if text("purpose") == Some("relay") {
                    push(Some(words.say(&keys::BULLETIN_ITEM_RELAY, &[])));
                }
                push(
                    number("materials_chars")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_MATERIALS, "count", n)),
                );
            }
            "inspections" => {
                push(date("date").map(|d| self.clause(&keys::BULLETIN_ITEM_CONDUCTED, "date", d)));
                push(
                    number("indicators")
                        .map(|n| self.clause(&keys::BULLETIN_ITEM_INDICATORS, "count", n)),
                );
                let demands = words.codes(node, "demands", &[]);
                if !demands.is_empty() {
                    // 拍照, 临时填表: what the inspection demands, not things handed in.
                    push(Some(self.clause(
                        &keys::BULLETIN_ITEM_DEMANDS,
                        "demands",
                        words.list(&demands),
                    )));
                }
            }
            _ => {}
        }
        clauses.join(&self.comma)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every YAML file under `dir`, recursively.
    fn yaml_files(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
    }

    #[test]
    fn an_item_with_only_the_fields_read_says_the_same() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        let (mut compared, mut pruned) = (0, 0);
        for lang in ["zh", "en"] {
            let words = Words::new(crate::wording::Locale::built_in(lang).unwrap());
            let item_words = ItemWords::new(&words);
            for file in &files {
                let text = std::fs::read_to_string(file).unwrap();
                let Ok(tree) = crate::load::load_yaml(&text, &Default::default()) else {
                    continue;
                };
                let Value::Map(sections) = &tree.value else {
                    continue;
                };
                for section in sections {
                    let (Some(key), Some(items)) = (section.key.as_str(), section.value.as_seq())
                    else {
                        continue;
                    };
                    for item in items {
                        let kept = read_fields(item);
                        assert_eq!(item_name(&kept), item_name(item));
                        for said in [&[][..], &["frequency"][..]] {
                            assert_eq!(
                                item_words.details(key, &kept, said),
                                item_words.details(key, item, said),
                                "{key} in {}",
                                file.display()
                            );
                        }
                        compared += 1;
                        pruned += usize::from(kept != *item);
                    }
                }
            }
        }
        // Not vacuous: many items, and most of them lose fields.
        assert!(compared > 200, "{compared} items compared");
        assert!(pruned * 2 > compared, "{pruned} of {compared} items pruned");
    }

    #[test]
    fn item_paths() {
        assert_eq!(item_ref("reports[12].frequency"), Some(("reports", 12)));
        assert_eq!(item_ref("grids[0]"), Some(("grids", 0)));
        assert_eq!(item_ref("code"), None);
    }
}
