//! The change since the previous period (`--previous`): items listed per section, league-wide
//! and per banner, as reductions ("压减37.25%"), and the units whose sections grew back.
//!
//! Units are matched by code. Only units present in both periods are compared, and for each of
//! them only the sections readable in both, so a new unit, a unit dropped, or a broken file
//! never shows as a change.

use serde::Serialize;

use crate::wording::keys;

use super::Words;
use crate::inventory::Kind;
use crate::period::{Change, PeriodCounts, PeriodUnit, TREND_SECTIONS, UnitCounts};

/// The comparison with the previous period.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    /// Units in the previous period's tree.
    pub previous_units: usize,
    /// Current units matched by code with a previous one.
    pub matched_units: usize,
    /// Current units with no previous counterpart (new, or without a code).
    pub unmatched_units: usize,
    /// The six sections, league-wide.
    pub league: Vec<SectionChange>,
    pub by_banner: Vec<BannerTrend>,
    /// Units where any section grew, in the order they were found.
    pub rebounds: Vec<Rebound>,
}

/// One section's items in both periods.
#[derive(Clone, Debug, Serialize)]
pub struct SectionChange {
    /// `signage`, `certificates`, …
    pub section: &'static str,
    pub label: String,
    pub previous: u64,
    pub current: u64,
    /// (previous − current) / previous × 100, two decimals; negative for a growth; `null`
    /// when previous is 0.
    pub reduction_percent: Option<f64>,
    /// 压减37.25% / 增加50.00% / 持平 / 新增3项.
    pub text: String,
    /// For a unit's rebound: the items listed now that the previous period did not list, and
    /// the body behind each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub new_items: Vec<NewItem>,
}

/// An item a unit lists that it did not list the period before.
#[derive(Clone, Debug, Serialize)]
pub struct NewItem {
    pub name: String,
    /// The body that imposed it (建群单位, 要求单位 …), when the item names one.
    pub by: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BannerTrend {
    pub banner: String,
    pub sections: Vec<SectionChange>,
}

/// A unit that lists more than before, with the sections that grew.
#[derive(Clone, Debug, Serialize)]
pub struct Rebound {
    pub code: String,
    pub name: String,
    pub banner: Option<String>,
    pub township: Option<String>,
    pub sections: Vec<SectionChange>,
}

/// A section's label in a bulletin.
pub fn section_label(section: Kind, words: &Words) -> String {
    words.say(
        &keys::BULLETIN_SECTION,
        &[("section", section.name().into())],
    )
}

/// The change in words, in the style of bulletins: 压减37.25%, 增加50.00%, 持平, or 新增3项
/// when there was nothing before.
pub fn describe(change: Change, words: &Words) -> String {
    let (direction, percent) = change.direction();
    words.say(
        &keys::BULLETIN_CHANGE,
        &[
            ("direction", direction.into()),
            ("percent", percent.into()),
            ("count", change.current.into()),
        ],
    )
}

fn section_change(section: Kind, previous: u64, current: u64, words: &Words) -> SectionChange {
    let change = Change::new(previous, current);
    SectionChange {
        section: section.name(),
        label: section_label(section, words),
        previous,
        current,
        reduction_percent: change.reduction_percent(),
        text: describe(change, words),
        new_items: Vec::new(),
    }
}

/// Totals per section over pairs of counts.
#[derive(Clone, Copy, Default)]
struct Totals([(u64, u64); 6]);

impl Totals {
    fn add(&mut self, slot: usize, previous: usize, current: usize) {
        self.0[slot].0 += previous as u64;
        self.0[slot].1 += current as u64;
    }

    fn changes(&self, words: &Words) -> Vec<SectionChange> {
        TREND_SECTIONS
            .iter()
            .zip(self.0)
            .map(|(&section, (previous, current))| {
                section_change(section, previous, current, words)
            })
            .collect()
    }
}

/// What `unit` lists in `section` that `before` did not (by name, each name as often as it
/// is listed more than before).
fn new_items(before: &UnitCounts, unit: &UnitCounts, section: Kind) -> Vec<NewItem> {
    let mut earlier: Vec<&str> = before
        .named
        .get(&section)
        .map(|items| items.iter().map(|(name, _)| name.as_str()).collect())
        .unwrap_or_default();
    let mut added = Vec::new();
    for (name, by) in unit.named.get(&section).into_iter().flatten() {
        match earlier.iter().position(|e| e == name) {
            Some(at) => {
                earlier.swap_remove(at);
            }
            None => added.push(NewItem {
                name: name.to_string(),
                by: by.as_deref().map(str::to_owned),
            }),
        }
    }
    added
}

/// The previous period as a bulletin compares with it: every unit's counts, and the item names
/// of a unit read again when it rebounded (the names of every unit are not held: at 100,000
/// units they are most of a bulletin's memory).
#[derive(Clone, Copy)]
pub struct Previous<'p> {
    pub counts: &'p PeriodCounts,
    /// The unit counted again with its items' names.
    pub names: &'p (dyn Fn(&PeriodUnit) -> UnitCounts + Sync),
}

impl Previous<'_> {
    /// The names of `before`'s items, when the unit read again still has the items counted
    /// before (the tree may have changed since): `None` claims no item new.
    fn names_of(&self, before: &PeriodUnit) -> Option<UnitCounts> {
        let again = (self.names)(before);
        before.is_counted_as(&again).then_some(again)
    }
}

/// The comparison with the previous period, gathered unit by unit as the units are checked:
/// only the totals and the rebounds are kept, never the units.
pub(super) struct TrendTally<'p> {
    previous: Previous<'p>,
    league: Totals,
    banners: Vec<(String, Totals)>,
    rebounds: Vec<Rebound>,
    matched: usize,
    units: usize,
}

impl<'p> TrendTally<'p> {
    pub(super) fn new(previous: Previous<'p>) -> TrendTally<'p> {
        TrendTally {
            previous,
            league: Totals::default(),
            banners: Vec::new(),
            rebounds: Vec::new(),
            matched: 0,
            units: 0,
        }
    }

    /// Compare one checked unit with its counterpart of the previous period, if it has one.
    pub(super) fn add(&mut self, unit: &UnitCounts, words: &Words) {
        self.units += 1;
        let previous = self.previous;
        let Some(before) = unit
            .code
            .as_deref()
            .and_then(|code| previous.counts.get(code))
        else {
            return;
        };
        self.matched += 1;
        let banner = unit
            .banner
            .clone()
            .unwrap_or_else(|| super::not_given(words));
        let slot = match self.banners.iter().position(|(b, _)| *b == banner) {
            Some(slot) => slot,
            None => {
                self.banners.push((banner, Totals::default()));
                self.banners.len() - 1
            }
        };
        let mut grew = Vec::new();
        // Read once, for the first section that grew.
        let mut named: Option<Option<UnitCounts>> = None;
        for (index, &section) in TREND_SECTIONS.iter().enumerate() {
            let (Some(was), Some(now)) = (before.count(section), unit.count(section)) else {
                continue;
            };
            self.league.add(index, was, now);
            self.banners[slot].1.add(index, was, now);
            if now > was {
                let mut change = section_change(section, was as u64, now as u64, words);
                let named = named.get_or_insert_with(|| previous.names_of(&before));
                if let Some(named) = named {
                    change.new_items = new_items(named, unit, section);
                }
                grew.push(change);
            }
        }
        if !grew.is_empty() {
            self.rebounds.push(Rebound {
                code: unit.code.clone().unwrap_or_default(),
                name: unit.name.clone().unwrap_or_else(|| unit.dir.clone()),
                banner: unit.banner.clone(),
                township: unit.township.clone(),
                sections: grew,
            });
        }
    }

    pub(super) fn finish(self, words: &Words) -> Trend {
        let TrendTally {
            previous,
            league,
            banners,
            rebounds,
            matched,
            units,
        } = self;
        Trend {
            previous_units: previous.counts.len(),
            matched_units: matched,
            unmatched_units: units - matched,
            league: league.changes(words),
            by_banner: banners
                .into_iter()
                .map(|(banner, totals)| BannerTrend {
                    banner,
                    sections: totals.changes(words),
                })
                .collect(),
            rebounds,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::Locale;
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn unit(code: &str, groups: &[&str]) -> UnitCounts {
        UnitCounts {
            code: Some(code.to_owned()),
            dir: format!("tree/{code}"),
            name: Some(format!("村{code}")),
            kind: Some("village".to_owned()),
            banner: Some("扎赉特旗".to_owned()),
            township: None,
            period: None,
            items: BTreeMap::from([(Kind::Groups, groups.len())]),
            named: BTreeMap::new(),
        }
    }

    fn named(mut counts: UnitCounts, groups: &[&str]) -> UnitCounts {
        let names = groups.iter().map(|g| ((*g).into(), None)).collect();
        counts.named = BTreeMap::from([(Kind::Groups, names)]);
        counts
    }

    /// Only a unit that rebounded has its previous names read again, and its new items are
    /// those the previous names lack; a unit read again with other counts than before (its
    /// files changed meanwhile) claims no item new rather than every item.
    #[test]
    fn names_are_read_again_for_rebounds_only() {
        let words = Words::new(Locale::built_in("zh").unwrap());
        let previous = PeriodCounts::new(vec![
            unit("1", &["甲群"]),
            unit("2", &["甲群", "乙群"]),
            unit("3", &["甲群"]),
        ]);
        let reads = AtomicUsize::new(0);
        let names = |before: &PeriodUnit| {
            reads.fetch_add(1, Ordering::Relaxed);
            match before.code {
                // Unit 3's files changed since its counts were taken.
                "3" => named(unit("3", &["甲群", "丙群"]), &["甲群", "丙群"]),
                code => named(unit(code, &["甲群"]), &["甲群"]),
            }
        };
        let mut tally = TrendTally::new(Previous {
            counts: &previous,
            names: &names,
        });
        tally.add(
            &named(unit("1", &["甲群", "新群"]), &["甲群", "新群"]),
            &words,
        );
        tally.add(&named(unit("2", &["甲群"]), &["甲群"]), &words);
        tally.add(
            &named(unit("3", &["甲群", "丁群"]), &["甲群", "丁群"]),
            &words,
        );
        let trend = tally.finish(&words);
        assert_eq!(reads.load(Ordering::Relaxed), 2, "units 1 and 3 rebounded");
        assert_eq!(trend.rebounds.len(), 2);
        let new: Vec<&str> = trend.rebounds[0].sections[0]
            .new_items
            .iter()
            .map(|item| item.name.as_str())
            .collect();
        assert_eq!(new, ["新群"]);
        assert!(trend.rebounds[1].sections[0].new_items.is_empty());
        assert_eq!(trend.matched_units, 3);
    }
}
