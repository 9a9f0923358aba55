//! Running compiled rules over a loaded unit → findings. Pure: no I/O, no printing.
//!
//! Every check reads the tree [`crate::load`] built, only the items that passed validation, and
//! the per-unit context (`unit.yaml` fields, the period's last day). Messages are filled from the
//! rule's template here, once, in the language asked for.

mod conditions;
mod messages;
mod overlap;
mod trend;

pub use trend::rebounds;

use conditions::{holds, passes, scalar_text, value_of};
use messages::{Emitter, item_title};
use overlap::run_overlap;

use compact_str::ToCompactString;
use foldhash::HashMap;
use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::finding::Finding;
use crate::inventory::sheet::grid::format_number;
use crate::inventory::validate::{is_plain_day, parse_date};
use crate::inventory::{Kind, LoadedFile, LoadedUnit};
use crate::load::Node;
use crate::policy::compile::normalized;
use crate::policy::raw::GroupByUnit;
use crate::policy::{Check, Cond, Num, Rule, RuleSet};

/// What conditions may look at besides the item itself.
struct Context<'a> {
    unit: Option<&'a Node>,
    period_end: Option<NaiveDate>,
}

impl Context<'_> {
    fn number(&self, num: &Num) -> Option<f64> {
        match num {
            Num::Const(n) => Some(*n),
            Num::UnitField(field) => self.unit?.get(field)?.as_f64(),
        }
    }
}

/// Every finding of `rules` on `unit`, in no particular order, appended to `findings`.
///
/// Appended in place, with room for a finding a rule made first: a finding is 280 bytes, and a
/// list of its own, grown one doubling at a time and then appended to the loader's, copied each
/// finding two or three times (11 M of the 1,301 M instructions of a check of the peers'
/// corpus, 30 findings a unit). Room mostly unused is given back, since a unit's findings may
/// be held until the end of a run (the check desk's upload): a unit with few findings, the
/// usual case, would otherwise hold 12 KB for nothing.
pub fn evaluate(unit: &LoadedUnit, rules: &RuleSet, findings: &mut Vec<Finding>) {
    let context = Context {
        unit: unit.unit_node(),
        period_end: unit.period_end(),
    };
    let first_new = findings.len();
    findings.reserve(rules.rules.len());
    for rule in &rules.rules {
        let Some(section) = rule.check.section() else {
            continue;
        };
        let Some(file) = section_file(unit, section) else {
            continue;
        };
        let mut emit = Emitter {
            rule,
            file,
            section,
            findings,
        };
        run_check(rule, file, section, &context, &mut emit);
    }
    for finding in &mut findings[first_new..] {
        finding.unit = unit.code.clone();
    }
    if findings.capacity() > 2 * findings.len() {
        findings.shrink_to_fit();
    }
}

/// The file holding `section`: `unit.yaml` for `cadres` and `grids`, else the section file.
fn section_file<'a>(unit: &'a LoadedUnit, section: &str) -> Option<&'a LoadedFile> {
    unit.file(Kind::holding(section))
}

fn run_check(rule: &Rule, file: &LoadedFile, section: &str, context: &Context, emit: &mut Emitter) {
    match &rule.check {
        Check::Builtin => {}
        Check::Each {
            filter, fail, at, ..
        } => {
            for (index, item) in file.items(section) {
                if passes(filter.as_ref(), item, context) && holds(fail, item, context) {
                    emit.finding(index, item, at.as_deref(), &[]);
                }
            }
        }
        Check::Count {
            filter,
            group_by,
            max,
            at,
            ..
        } => {
            let Some(limit) = context.number(max) else {
                return;
            };
            run_count(
                file,
                section,
                filter.as_ref(),
                group_by.as_ref(),
                limit,
                at.as_deref(),
                context,
                emit,
            );
        }
        Check::Duplicates {
            key, normalize, at, ..
        } => {
            run_duplicates(file, section, key, *normalize, at.as_deref(), emit);
        }
        Check::Overlap {
            field,
            distinct,
            min,
            at,
            ..
        } => {
            let Some(min) = context.number(min) else {
                return;
            };
            run_overlap(file, section, field, distinct, min, at.as_deref(), emit);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_count(
    file: &LoadedFile,
    section: &str,
    filter: Option<&Cond>,
    group_by: Option<&(String, GroupByUnit)>,
    limit: f64,
    at: Option<&str>,
    context: &Context,
    emit: &mut Emitter,
) {
    // Groups in order of first appearance, so findings come out in file order; found by hash,
    // since a hostile file may hold 150,000 distinct values.
    let mut groups: Vec<Group> = Vec::new();
    let items = file.items(section);
    let mut group_index: HashMap<Cow<str>, usize> = sized_for(&items);
    for (index, item) in items {
        if !passes(filter, item, context) {
            continue;
        }
        let group = match group_by {
            None => Cow::Borrowed(""),
            Some((field, by)) => match group_key(item, field, *by) {
                Some(key) => key,
                None => continue,
            },
        };
        match group_index.get(&group).and_then(|&at| groups.get_mut(at)) {
            Some((_, members)) => members.push((index, item)),
            None => {
                group_index.insert(group.clone(), groups.len());
                groups.push((group, vec![(index, item)]));
            }
        }
    }
    for (group, members) in groups {
        if (members.len() as f64) <= limit {
            continue;
        }
        let first_over = limit.max(0.0) as usize;
        let Some(&(index, item)) = members.get(first_over) else {
            continue;
        };
        let vars = [
            ("count", members.len().to_compact_string()),
            ("limit", format_number(limit).into()),
            ("group", group.into()),
        ];
        emit.finding(index, item, at, &vars);
    }
}

/// A `count … group_by` group: its key and its members (index, item), in file order.
type Group<'a> = (Cow<'a, str>, Vec<(usize, &'a Node)>);

fn group_key<'a>(item: &'a Node, field: &str, by: GroupByUnit) -> Option<Cow<'a, str>> {
    let text = scalar_text(value_of(item, field)?)?;
    match by {
        GroupByUnit::Value => Some(text),
        GroupByUnit::Month => {
            let day = parse_date(&text)?;
            Some(match text {
                // The usual form names its month in its first seven bytes, as the key would.
                Cow::Borrowed(text) if is_plain_day(text) => Cow::Borrowed(&text[..7]),
                _ => Cow::Owned(format!("{:04}-{:02}", day.year(), day.month())),
            })
        }
    }
}

fn run_duplicates(
    file: &LoadedFile,
    section: &str,
    key: &[String],
    normalize: bool,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let items = file.items(section);
    let mut first_seen: HashMap<String, &Node> = sized_for(&items);
    // The key of each item is built in one buffer; only a first sighting keeps a copy.
    let mut joined = String::new();
    for (index, item) in items {
        if !duplicate_key(item, key, normalize, &mut joined) {
            continue;
        }
        match first_seen.get(joined.as_str()) {
            Some(&first) => {
                let vars = [("other", item_title(first))];
                emit.duplicate(index, item, at, &vars, first);
            }
            None => {
                first_seen.insert(joined.clone(), item);
            }
        }
    }
}

/// A map with room for a key per item of `items`, so that it is not grown (and every key
/// hashed again) a few times over for each rule on each file.
fn sized_for<K, V>(items: &impl Iterator) -> HashMap<K, V> {
    let most = items.size_hint().1.unwrap_or(0);
    HashMap::with_capacity_and_hasher(most, Default::default())
}

/// The values of `fields` in `item`, joined by U+001F into `out`; false when one is missing.
fn duplicate_key(item: &Node, fields: &[String], normalize: bool, out: &mut String) -> bool {
    out.clear();
    for (i, field) in fields.iter().enumerate() {
        let Some(text) = value_of(item, field).and_then(scalar_text) else {
            return false;
        };
        if i > 0 {
            out.push('\u{1f}');
        }
        if normalize {
            out.push_str(&normalized(&text));
        } else {
            out.push_str(&text);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Value;
    use conditions::pattern_matches;
    use overlap::{
        OVERLAP_WORK_BUDGET, OverlapItem, jaccard_at_least, jaccard_of_counts, overlap_partners,
        prefix_len,
    };

    /// What a form's blank is filled with when there is nothing to write says nothing; a text
    /// that only starts or ends like it, or says more, is written.
    #[test]
    fn words_for_nothing_say_nothing() {
        let none = [
            "无",
            "无。",
            " 暂无 ",
            "没有",
            "不详",
            "N/A",
            "n/a",
            "NONE",
            "null",
            "/",
            "-",
            "——",
            "……",
            "（无）",
            "ＮＡ",
        ];
        for text in none {
            assert!(conditions::says_none(text), "{text:?}");
        }
        let written = [
            "无犯罪记录证明",
            "扎赉特旗公安局",
            "无需",
            "-1",
            "《居住证暂行条例》第九条",
            "NAB",
            "Nonee",
            "a",
        ];
        for text in written {
            assert!(!conditions::says_none(text), "{text:?}");
        }
        // Past the length where the words for nothing stop, text is not looked at.
        assert!(!conditions::says_none(&"/".repeat(25)));
    }

    /// A month's key is the same borrowed from a date in the usual form as formatted from any
    /// other form chrono reads.
    #[test]
    fn a_months_key_is_its_dates_first_seven_bytes_or_formatted() {
        let node = |text: &str| Node {
            span: crate::source::Span::default(),
            value: Value::Map(vec![crate::load::Entry {
                key: Node {
                    span: crate::source::Span::default(),
                    value: Value::Str("day".into()),
                },
                value: Node {
                    span: crate::source::Span::default(),
                    value: Value::Str(text.into()),
                },
            }]),
        };
        for (text, key, borrowed) in [
            ("2025-05-10", Some("2025-05"), true),
            ("0999-12-31", Some("0999-12"), true),
            ("2025-5-10", Some("2025-05"), false),
            ("+2025-05-10", Some("2025-05"), false),
            ("+202-05-10", Some("0202-05"), false),
            ("2025-13-10", None, false),
            ("2025-05-1x", None, false),
        ] {
            let item = node(text);
            let got = group_key(&item, "day", GroupByUnit::Month);
            assert_eq!(got.as_deref(), key, "{text}");
            assert_eq!(matches!(got, Some(Cow::Borrowed(_))), borrowed, "{text}");
        }
    }

    #[test]
    fn jaccard_of_sorted_lists() {
        assert!(jaccard_at_least(&[1, 2, 3], &[2, 3, 4], 0.5));
        assert!(!jaccard_at_least(&[1, 2, 3], &[2, 3, 4], 0.51));
        assert!(!jaccard_at_least(&[1], &[2], 0.01));
        // 3 shared of 5: exactly 0.6, which the size filter must not cut.
        assert!(jaccard_at_least(&[1, 2, 3, 4], &[1, 2, 3, 5], 0.6));
    }

    /// The pairs the unindexed check finds: for each item, the earliest earlier item of
    /// another owner whose Jaccard index reaches `min`.
    fn brute_force(items: &[OverlapItem], min: f64) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (later, item) in items.iter().enumerate() {
            let partner = items[..later].iter().position(|earlier| {
                if earlier.owner == item.owner {
                    return false;
                }
                let shared = item
                    .values
                    .iter()
                    .filter(|v| earlier.values.binary_search(v).is_ok())
                    .count();
                jaccard_of_counts(shared, item.values.len(), earlier.values.len()) >= min
            });
            if let Some(earlier) = partner {
                pairs.push((later, earlier));
            }
        }
        pairs
    }

    #[test]
    fn indexed_overlap_search_agrees_with_comparing_every_pair() {
        const WORDS: &[&str] = &[
            "姓名",
            "身份证号",
            "电话",
            "住址",
            "户籍",
            "人口",
            "收入",
            "健康",
        ];
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        // A small deterministic generator: no dependency, same cases on every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for case in 0..400 {
            let count = 1 + next(12) as usize;
            let items: Vec<OverlapItem> = (0..count)
                .map(|index| {
                    let mut values: Vec<&str> = (0..1 + next(5))
                        .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                        .collect();
                    values.sort_unstable();
                    values.dedup();
                    OverlapItem {
                        index,
                        node: &node,
                        owner: format!("单位{}", next(3)),
                        values,
                    }
                })
                .collect();
            for min in [
                0.0,
                0.2,
                0.34,
                0.5,
                0.6,
                2.0 / 3.0,
                0.75,
                1.0,
                1.5,
                f64::NAN,
            ] {
                let search = overlap_partners(&items, min, usize::MAX);
                assert_eq!(search.stopped_after, None);
                assert_eq!(
                    search.pairs,
                    brute_force(&items, min),
                    "case {case}, min {min}"
                );
            }
        }
    }

    #[test]
    fn overlap_search_stops_at_its_budget() {
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        // One owner, the same values: every item is a candidate of every later one.
        let items: Vec<OverlapItem> = (0..2_000)
            .map(|index| OverlapItem {
                index,
                node: &node,
                owner: if index % 2 == 0 {
                    "甲".into()
                } else {
                    "乙".into()
                },
                values: vec!["a", "b", "c"],
            })
            .collect();
        let all = overlap_partners(&items, 0.6, usize::MAX);
        assert_eq!(all.pairs.len(), 1_999);
        assert_eq!(all.pairs[0], (1, 0));
        assert_eq!(all.pairs[1], (2, 1));
        let stopped = overlap_partners(&items, 0.6, 100);
        assert!(stopped.stopped_after.is_some_and(|w| w > 100));
        assert!(stopped.pairs.len() < 100);
    }

    #[test]
    fn overlap_search_on_150_000_items_stays_within_budget() {
        const WORDS: &[&str] = &[
            "姓名",
            "身份证号",
            "联系电话",
            "现住址",
            "户籍地",
            "家庭人口",
            "出生日期",
            "性别",
            "民族",
            "文化程度",
            "就业状况",
            "收入",
            "参保状态",
            "健康状况",
            "慢病情况",
            "残疾等级",
            "低保类型",
            "房屋状况",
            "土地面积",
            "牲畜数量",
            "车辆",
            "子女",
            "婚姻状况",
            "政治面貌",
            "外出务工地",
            "返乡时间",
            "疫苗接种",
            "学籍",
            "工作单位",
            "宗教信仰",
        ];
        let node = Node {
            span: crate::source::Span::default(),
            value: Value::Null,
        };
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        let owners: Vec<String> = (0..30).map(|i| format!("第{i}局")).collect();
        let item = |index: usize, owner: &str, mut values: Vec<&'static str>| {
            values.sort_unstable();
            values.dedup();
            OverlapItem {
                index,
                node: &node,
                owner: owner.to_owned(),
                values,
            }
        };
        // The dense random shape costs about 830 million steps at 150,000 items: half a minute
        // unoptimised, so a debug build checks a fifth of it (a release build all of it).
        let random_items = if cfg!(debug_assertions) {
            30_000
        } else {
            150_000
        };
        let random: Vec<OverlapItem> = (0..random_items)
            .map(|i| {
                let values = (0..3 + next(4))
                    .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                    .collect();
                item(i, &owners[next(30) as usize], values)
            })
            .collect();
        let equal: Vec<OverlapItem> = (0..150_000)
            .map(|i| item(i, &owners[i % 30], vec!["姓名", "身份证号", "现住址"]))
            .collect();
        let one_owner: Vec<OverlapItem> = (0..150_000)
            .map(|i| item(i, "公安局", vec!["姓名", "身份证号", "现住址"]))
            .collect();
        for (shape, items) in [
            ("random", &random),
            ("equal", &equal),
            ("one owner", &one_owner),
        ] {
            let search = overlap_partners(items, 0.6, OVERLAP_WORK_BUDGET);
            assert_eq!(search.stopped_after, None, "{shape}");
            assert!(search.pairs.len() < items.len(), "{shape}");
            if shape == "one owner" {
                assert!(search.pairs.is_empty());
            } else {
                assert!(
                    search.pairs.len() > 1_000,
                    "{shape}: {}",
                    search.pairs.len()
                );
            }
        }
    }

    #[test]
    fn prefix_is_long_enough_despite_rounding() {
        // 0.6 × 5 is 3.0000000000000004 in floating point: 3 shared values suffice, so the
        // prefix must be 5 - 3 + 1 = 3.
        assert_eq!(prefix_len(5, 0.6), 3);
        assert_eq!(prefix_len(4, 0.6), 2);
        assert_eq!(prefix_len(1, 0.6), 1);
        assert_eq!(prefix_len(3, 1.0), 1);
        assert_eq!(prefix_len(3, 0.01), 3);
    }

    /// `matches` cannot be dodged by invisible characters or compatibility forms inside a
    /// word, and still matches full-width punctuation a pattern spells out.
    #[test]
    fn patterns_see_through_invisible_characters_and_compatibility_forms() {
        let regex = regex_automata::meta::Regex::new("收入证明").unwrap();
        assert!(pattern_matches(&regex, "收入证明"));
        assert!(pattern_matches(&regex, "收\u{200B}入\u{2060}证明"));
        assert!(pattern_matches(&regex, "收\u{2F0A}证明")); // ⼊, the Kangxi radical
        assert!(!pattern_matches(&regex, "居住证明"));
        let comma = regex_automata::meta::Regex::new("^甲，乙$").unwrap();
        assert!(pattern_matches(&comma, "甲，乙"));
        let committee = regex_automata::meta::Regex::new("(村民委员会|居民委员会)$").unwrap();
        assert!(pattern_matches(
            &committee,
            "红胜家园社区居民委\u{FEFF}员会"
        ));
    }

    /// The room made for a finding a rule is given back when most of it went unused, whether a
    /// unit has one finding or forty: a unit's findings may be held until the end of a run.
    #[test]
    fn room_for_findings_is_given_back_when_mostly_unused() {
        use crate::inventory::unit::{LoadOptions, unit_from_texts};
        use crate::policy::{PolicySet, RuleSettings};
        let rules = PolicySet::builtin()
            .and_then(|set| set.compile(&RuleSettings::default()))
            .expect("the built-in pack compiles");
        let submit = rules.submit_rules();
        let options = LoadOptions {
            rules: &submit,
            limits: crate::load::Limits::default(),
            divisions: &crate::inventory::codes::NATIONAL,
            tree: None,
        };
        let group = |i: usize| {
            format!(
                "  - {{name: 工作群{i}, platform: wechat, created_by: 音德尔镇党委, purpose: 通知, \
                 approved: false, members: 150, created: 2024-01-05, last_active: 2025-06-20, \
                 demands: []}}\n"
            )
        };
        for groups in [1, 40] {
            let text = format!("groups:\n{}", (0..groups).map(group).collect::<String>());
            let unit = unit_from_texts("unit", &[(Kind::Groups, text)], &options);
            let mut findings = Vec::new();
            evaluate(&unit, &rules, &mut findings);
            assert!(findings.len() >= groups, "{groups}: {}", findings.len());
            assert!(
                findings.capacity() <= 2 * findings.len(),
                "{groups} groups: room for {} kept for {} findings",
                findings.capacity(),
                findings.len()
            );
        }
    }
}
