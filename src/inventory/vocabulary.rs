//! The coded values of the inventory format and their words, defined once: each value's Chinese
//! label — what the template's drop-downs show, what the reader accepts in a cell, what Chinese
//! messages, `init`'s comments and the bulletin write — and its English word.
//!
//! Codes are unique across the format, except `other`, which reads 其他 wherever it appears.
//! A test keeps this table and the schema's enums ([`model`](super::model)) the same.

use crate::finding::Lang;

/// One coded value.
#[derive(Clone, Copy, Debug)]
pub struct Coded {
    pub code: &'static str,
    /// The Chinese label.
    pub zh: &'static str,
    /// The English word.
    pub en: &'static str,
}

const fn coded(code: &'static str, zh: &'static str, en: &'static str) -> Coded {
    Coded { code, zh, en }
}

/// Every coded value, field by field in the format's order.
pub const CODED: &[Coded] = &[
    // unit.yaml kind
    coded("village", "嘎查村", "village"),
    coded("community", "社区", "community"),
    // tasks: list
    coded("duty", "依法履职", "duty by law"),
    coded("assist", "依法协助", "assistance by law"),
    coded("none", "不在清单", "on no list"),
    // signs: placement, type
    coded("exterior", "外挂", "outside"),
    coded("interior", "室内", "inside"),
    coded("plaque", "牌子", "plaque"),
    coded("board", "制度职责上墙", "rules and duties on the wall"),
    coded("notice", "公示", "public notice"),
    coded("warning", "警示", "warning sign"),
    // groups: platform, demands
    coded("wechat", "微信", "WeChat"),
    coded("dingtalk", "钉钉", "DingTalk"),
    coded("qq", "QQ", "QQ"),
    coded("zwwx", "政务微信", "government WeChat"),
    coded("other", "其他", "other"),
    coded("checkin", "打卡接龙", "check-ins"),
    coded("screenshot", "截图", "screenshots"),
    coded("location", "定位", "locations"),
    coded("instant_reply", "即时响应", "instant replies"),
    coded("after_hours", "下班和节假日布置工作", "after-hours work"),
    // reports: kind, frequency
    coded("report", "报表", "report"),
    coded("ledger", "台账", "ledger"),
    coded("archive", "档案", "archive"),
    coded("daily", "每日", "daily"),
    coded("weekly", "每周", "weekly"),
    coded("monthly", "每月", "monthly"),
    coded("quarterly", "每季度", "quarterly"),
    coded("semiannual", "每半年", "every half-year"),
    coded("annual", "每年", "yearly"),
    coded("adhoc", "不定期", "ad hoc"),
    // meetings: level, purpose
    coded("league", "盟级", "league"),
    coded("banner", "旗县级", "banner"),
    coded("township", "苏木乡镇级", "township"),
    coded("work", "工作会议", "work meeting"),
    coded("relay", "传达会议精神", "relaying another meeting"),
    coded("training", "培训", "training"),
    // inspections: type, demands
    coded("supervision", "督查", "supervision"),
    coded("inspection", "检查", "inspection"),
    coded("assessment", "考核", "assessment"),
    coded("evaluation", "评比", "evaluation"),
    coded("trace_materials", "留痕资料", "trace materials"),
    coded("photos", "拍照", "photos"),
    coded("meeting_records", "会议记录", "minutes"),
    coded("study_notes", "学习笔记", "study notes"),
    coded("forms", "临时填表", "ad-hoc forms"),
];

fn find(code: &str) -> Option<&'static Coded> {
    CODED.iter().find(|c| c.code == code)
}

/// The Chinese label of a coded value (`weekly` → 每周).
pub fn label(code: &str) -> Option<&'static str> {
    find(code).map(|c| c.zh)
}

/// A coded value in the words of `lang`.
pub fn word(code: &str, lang: Lang) -> Option<&'static str> {
    find(code).map(|c| match lang {
        Lang::Zh => c.zh,
        Lang::En => c.en,
    })
}

/// The choices of a field as `init`'s comments list them: `exterior 外挂 / interior 室内`.
pub fn choices(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|code| match label(code) {
            Some(zh) => format!("{code} {zh}"),
            None => (*code).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every enum of the schema, each value with its doc comment as the schema carries it.
    fn schema_enums() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for kind in crate::inventory::Kind::ALL {
            collect(&kind.json_schema(), &mut found);
        }
        found
    }

    fn collect(value: &serde_json::Value, found: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                if let (Some(serde_json::Value::String(code)), Some(description)) =
                    (map.get("const"), map.get("description"))
                {
                    found.push((code.clone(), description.as_str().unwrap_or("").to_owned()));
                }
                if let Some(serde_json::Value::Array(values)) = map.get("enum") {
                    for v in values.iter().filter_map(|v| v.as_str()) {
                        found.push((v.to_owned(), String::new()));
                    }
                }
                map.values().for_each(|v| collect(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
            _ => {}
        }
    }

    #[test]
    fn every_code_of_the_schema_has_one_label_and_its_doc_says_it() {
        let enums = schema_enums();
        assert!(enums.len() >= CODED.len(), "{enums:?}");
        let mut disagree = Vec::new();
        for (code, description) in &enums {
            match find(code) {
                None => disagree.push(format!("`{code}` has no words in the vocabulary")),
                Some(coded) if !description.is_empty() && !description.starts_with(coded.zh) => {
                    disagree.push(format!(
                        "the doc of `{code}` says {description:?}, not {}",
                        coded.zh
                    ))
                }
                Some(_) => {}
            }
        }
        assert!(disagree.is_empty(), "{disagree:#?}");
        for coded in CODED {
            assert!(
                enums.iter().any(|(code, _)| code == coded.code),
                "`{}` is in the vocabulary but not in the schema",
                coded.code
            );
        }
    }

    /// Field docs and the format's documentation list codes with their labels, `board
    /// (制度职责上墙)`: each label must be the vocabulary's.
    #[test]
    fn labels_written_beside_codes_are_the_vocabulary_s() {
        let pattern = regex::Regex::new(r"\b([a-z_]+) \(([^()a-zA-Z0-9:]+)[:)]").unwrap();
        let mut texts: Vec<(String, String)> = Vec::new();
        for kind in crate::inventory::Kind::ALL {
            texts.push((kind.name().to_owned(), kind.json_schema().to_string()));
        }
        let doc = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/inventory.md");
        texts.push((doc.to_owned(), std::fs::read_to_string(doc).unwrap()));
        let mut disagree = Vec::new();
        for (source, text) in &texts {
            for found in pattern.captures_iter(text) {
                if let Some(zh) = label(&found[1])
                    && zh != &found[2]
                {
                    disagree.push(format!(
                        "{source}: `{}` ({}), not {zh}",
                        &found[1], &found[2]
                    ));
                }
            }
        }
        assert!(disagree.is_empty(), "{disagree:#?}");
    }

    #[test]
    fn codes_are_defined_once() {
        let mut codes: Vec<&str> = CODED.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CODED.len(), "a code is defined twice");
    }
}
