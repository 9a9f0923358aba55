//! What the inventory says about the item a finding points into — a report's frequency,
//! channel and deadline, a meeting's date and length, a group's demands — in the bulletin's
//! words, so that a case's narrative carries the data's own figures.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::finding::{Finding, Lang};
use crate::load::Node;
use crate::outcome::UnitResult;

use super::{join_list, plural};
use crate::inventory::vocabulary;

/// The section key and item index a finding's path points into (`reports[0].frequency`).
pub(super) fn item_ref(path: &str) -> Option<(&str, usize)> {
    let (key, rest) = path.split_once('[')?;
    let index = rest.split_once(']')?.0.parse().ok()?;
    Some((key, index))
}

/// The inventory item a finding points into, with its section key.
pub(super) fn item_of<'a>(
    finding: &'a Finding,
    result: &'a UnitResult,
) -> Option<(&'a str, &'a Node)> {
    let (key, index) = item_ref(&finding.path)?;
    let file = result
        .unit
        .files
        .iter()
        .find(|f| Arc::ptr_eq(&f.source, &finding.file))?;
    let node = file.root.as_ref()?.get(key)?.as_seq()?.get(index)?;
    Some((key, node))
}

pub(super) fn item_name(node: &Node) -> Option<String> {
    ["name", "title", "id"]
        .iter()
        .find_map(|field| node.get(field).and_then(Node::as_str))
        .map(str::to_owned)
}

pub(super) fn text_of<'a>(node: &'a Node, field: &str) -> Option<&'a str> {
    node.get(field).and_then(Node::as_str)
}

/// A whole number as digits; other numbers as written.
fn number_of(node: &Node, field: &str) -> Option<String> {
    let value = node.get(field)?.as_f64()?;
    Some(if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    })
}

/// A coded value in words, or as the unit wrote it.
fn word(value: &str, lang: Lang) -> String {
    vocabulary::word(value, lang)
        .map(str::to_owned)
        .unwrap_or_else(|| value.to_owned())
}

/// A list of coded values in words.
pub(super) fn words(node: &Node, field: &str, skip: &[&str], lang: Lang) -> Vec<String> {
    node.get(field)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .filter(|v| !skip.contains(v))
        .map(|v| word(v, lang))
        .collect()
}

/// A date with its weekday, as the bulletin prints it.
fn date_words(text: &str, lang: Lang) -> String {
    let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") else {
        return text.to_owned();
    };
    match lang {
        Lang::Zh => format!(
            "{}（{}）",
            super::date_text(date, lang),
            weekday_zh(date.weekday())
        ),
        Lang::En => date.format("%A %-d %B %Y").to_string(),
    }
}

fn weekday_zh(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "星期一",
        Weekday::Tue => "星期二",
        Weekday::Wed => "星期三",
        Weekday::Thu => "星期四",
        Weekday::Fri => "星期五",
        Weekday::Sat => "星期六",
        Weekday::Sun => "星期日",
    }
}

/// What the data says about an item: frequency, channel, deadline, dates, counts, demands.
pub(super) fn item_details(key: &str, node: &Node, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut details = Vec::new();
    let mut push = |text: String| details.push(text);
    match key {
        "tasks" => {
            if let Some(list) = text_of(node, "list") {
                push(word(list, lang));
            }
        }
        "signs" => {
            let placement = text_of(node, "placement").map(|v| word(v, lang));
            let kind = text_of(node, "type").map(|v| word(v, lang));
            match (placement, kind, zh) {
                (Some(p), Some(k), true) => push(format!("{p}{k}")),
                (Some(p), Some(k), false) => push(format!("{k}, {p}")),
                (Some(one), None, _) | (None, Some(one), _) => push(one),
                (None, None, _) => {}
            }
        }
        "certificates" => {
            if let Some(n) = number_of(node, "issued_count") {
                push(if zh {
                    format!("本期出具{n}份")
                } else {
                    format!("{n} issued this period")
                });
            }
        }
        "groups" => {
            // The platform's label (微信, 钉钉, 其他) as a kind of group: 微信工作群.
            if let Some(platform) = text_of(node, "platform") {
                let platform = word(platform, lang);
                push(if zh {
                    format!("{platform}工作群")
                } else {
                    format!("a {platform} work group")
                });
            }
            if let Some(n) = number_of(node, "members") {
                push(if zh {
                    format!("{n}人")
                } else {
                    format!("{n} members")
                });
            }
            let demands = words(node, "demands", &[], lang);
            if !demands.is_empty() {
                push(if zh {
                    format!("要求{}", demands.join("、"))
                } else {
                    format!("demands {}", join_list(&demands, lang))
                });
            }
            if let Some(end) = text_of(node, "task_end") {
                let end = date_words(end, lang);
                push(if zh {
                    format!("任务已于{end}结束")
                } else {
                    format!("task ended {end}")
                });
            }
        }
        "reports" => {
            if let Some(kind) = text_of(node, "kind") {
                push(word(kind, lang));
            }
            if let Some(frequency) = text_of(node, "frequency") {
                let frequency = word(frequency, lang);
                push(if zh {
                    format!("{frequency}填报")
                } else {
                    format!("filed {frequency}")
                });
            }
            if let Some(channel) = text_of(node, "channel") {
                push(if zh {
                    format!("经{channel}报送")
                } else {
                    format!("through {channel}")
                });
            }
            if let Some(hours) = number_of(node, "deadline_hours") {
                push(if zh {
                    format!("限时{hours}小时")
                } else {
                    format!("{hours} hours to fill")
                });
            }
            let fields = node
                .get("fields")
                .and_then(Node::as_seq)
                .map_or(0, <[Node]>::len);
            if fields > 0 {
                push(if zh {
                    format!("含{fields}项字段")
                } else {
                    plural(fields, "field", "fields")
                });
            }
        }
        "meetings" => {
            if let Some(date) = text_of(node, "date") {
                let date = date_words(date, lang);
                push(if zh {
                    format!("于{date}召开")
                } else {
                    format!("held on {date}")
                });
            }
            if let Some(minutes) = number_of(node, "duration_minutes") {
                push(if zh {
                    format!("会期{minutes}分钟")
                } else {
                    format!("{minutes} minutes")
                });
            }
            if text_of(node, "purpose") == Some("relay") {
                push(word("relay", lang));
            }
            if let Some(chars) = number_of(node, "materials_chars") {
                push(if zh {
                    format!("需准备材料{chars}字")
                } else {
                    format!("{chars} characters of materials")
                });
            }
        }
        "inspections" => {
            if let Some(kind) = text_of(node, "type") {
                push(word(kind, lang));
            }
            if let Some(date) = text_of(node, "date") {
                let date = date_words(date, lang);
                push(if zh {
                    format!("于{date}开展")
                } else {
                    format!("on {date}")
                });
            }
            if let Some(n) = number_of(node, "indicators") {
                push(if zh {
                    format!("考核指标{n}项")
                } else {
                    format!("{n} indicators")
                });
            }
            let demands = words(node, "demands", &[], lang);
            if !demands.is_empty() {
                // 拍照, 临时填表: the labels are what the inspection demands, not things handed in.
                push(if zh {
                    format!("要求{}", demands.join("、"))
                } else {
                    format!("demands {}", join_list(&demands, lang))
                });
            }
        }
        _ => {}
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_paths() {
        assert_eq!(item_ref("reports[12].frequency"), Some(("reports", 12)));
        assert_eq!(item_ref("grids[0]"), Some(("grids", 0)));
        assert_eq!(item_ref("code"), None);
    }
}
