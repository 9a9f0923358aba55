//! What a period's units listed: the number of items per section of every unit, and the change
//! between two periods ("压减37.25%").
//!
//! Used wherever a period is compared with the one before it (`保持住、不反弹`): the bulletin's
//! reductions and rebounds, and the TREND rule. A previous period is only loaded and counted,
//! never evaluated: its findings are of no interest, only what it listed.
//!
//! Counts are of the items *listed* in a section file, valid or not (an item with a typo is
//! still a plaque on the wall). A section whose file is missing, unreadable or not a list has no
//! count at all, rather than a count of zero, so that a broken file never reads as a reduction.

use std::collections::BTreeMap;

use compact_str::CompactString;

use crate::inventory::{Kind, LoadedUnit};
use crate::load::Node;
use crate::outcome::UnitResult;

/// The six sections whose totals must not grow back (TREND-001, the bulletin's reductions), in
/// the order of 六清理: signs, certificates, groups, reports, meetings, inspections.
pub const TREND_SECTIONS: [Kind; 6] = [
    Kind::Signage,
    Kind::Certificates,
    Kind::Groups,
    Kind::Reports,
    Kind::Meetings,
    Kind::Inspections,
];

/// One unit's identity and its item count per section.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitCounts {
    /// The code from `unit.yaml`: the key that matches a unit across periods.
    pub code: Option<String>,
    /// The directory as given on the command line joined with the path inside it.
    pub dir: String,
    pub name: Option<String>,
    /// `village` or `community`, as `unit.yaml` says.
    pub kind: Option<String>,
    pub banner: Option<String>,
    pub township: Option<String>,
    /// `YYYY-Qn`, as `unit.yaml` says.
    pub period: Option<String>,
    /// Items listed in each of the seven sections; a section is absent when its file is
    /// missing, unreadable, or its top-level key is not a list.
    pub items: BTreeMap<Kind, usize>,
    /// Each section's items by name (`name`, else `title`), with the body that imposed each
    /// when the item names one: what a rebound says was added, and by whom.
    pub named: BTreeMap<Kind, Vec<ItemName>>,
}

impl UnitCounts {
    /// The items listed in `section`, when the section could be read.
    pub fn count(&self, section: Kind) -> Option<usize> {
        self.items.get(&section).copied()
    }
}

/// The counts of every unit of a period, in discovery order, with an index by unit code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodCounts {
    pub units: Vec<UnitCounts>,
    /// Unit code → index into `units`. When two units give the same code, the first one found
    /// keeps it (the second is reported by the checker, not guessed at here).
    by_code: BTreeMap<String, usize>,
}

impl PeriodCounts {
    /// Index counted units by code.
    pub fn new(units: Vec<UnitCounts>) -> PeriodCounts {
        let mut by_code = BTreeMap::new();
        for (index, unit) in units.iter().enumerate() {
            if let Some(code) = &unit.code {
                by_code.entry(code.clone()).or_insert(index);
            }
        }
        PeriodCounts { units, by_code }
    }

    /// The unit with this code, if the period has one.
    pub fn get(&self, code: &str) -> Option<&UnitCounts> {
        self.by_code.get(code).map(|&index| &self.units[index])
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// How much of a unit a count keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detail {
    /// The number of items per section: all TREND-001 compares.
    Counts,
    /// The numbers and the items' names with their bodies: what a bulletin's rebounds list.
    Names,
}

/// Count what one loaded unit lists, keeping the items' names when `detail` asks for them.
pub fn count_unit(unit: &LoadedUnit, detail: Detail) -> UnitCounts {
    let text = |field: &str| unit.unit_text(field).map(str::to_owned);
    let mut items = BTreeMap::new();
    let mut named = BTreeMap::new();
    for kind in Kind::SECTIONS {
        let listed = unit
            .file(kind)
            .and_then(|file| file.root.as_ref())
            .zip(kind.section_key())
            .and_then(|(root, key)| root.get(key))
            .and_then(|list| list.as_seq());
        let Some(list) = listed else { continue };
        items.insert(kind, list.len());
        if detail == Detail::Names {
            named.insert(kind, item_names(list, kind));
        }
    }
    UnitCounts {
        code: unit.code.as_deref().map(str::to_owned),
        dir: unit.dir.clone(),
        name: text("name"),
        kind: text("kind"),
        banner: text("banner"),
        township: text("township"),
        period: text("period"),
        items,
        named,
    }
}

/// An item's name and the body that imposed it, when the item names one. Inline up to 24
/// bytes (eight Chinese characters), as most are: a bulletin holds every unit's.
pub type ItemName = (CompactString, Option<CompactString>);

/// The items of a section's list by name (`name`, else `title`), with the body that imposed
/// each when the item names one.
fn item_names(list: &[Node], kind: Kind) -> Vec<ItemName> {
    fn text<'a>(item: &'a Node, field: &str) -> Option<&'a str> {
        item.get(field).and_then(Node::as_str)
    }
    let mut names: Vec<ItemName> = list
        .iter()
        .filter_map(|item| {
            let name = text(item, "name").or_else(|| text(item, "title"))?;
            let body = kind.imposer_field().and_then(|field| text(item, field));
            Some((name.into(), body.map(Into::into)))
        })
        .collect();
    // Kept to the end of a bulletin's run: no room to grow.
    names.shrink_to_fit();
    names
}

/// Count the units of a checked run (the current period).
pub fn count_results(results: &[UnitResult], detail: Detail) -> PeriodCounts {
    PeriodCounts::new(
        results
            .iter()
            .map(|r| count_unit(&r.unit, detail))
            .collect(),
    )
}

/// A count in two periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub previous: u64,
    pub current: u64,
}

impl Change {
    pub fn new(previous: u64, current: u64) -> Change {
        Change { previous, current }
    }

    /// (previous − current) / previous × 100 in hundredths of a percent, rounded half away
    /// from zero: positive is a reduction, negative a growth; `None` when previous is 0 (no
    /// percentage exists). Integer arithmetic, so 51 → 32 is exactly 3725 (37.25%), never
    /// 37.249999.
    pub fn reduction_hundredths(self) -> Option<i64> {
        if self.previous == 0 {
            return None;
        }
        let previous = i128::from(self.previous);
        let diff = previous - i128::from(self.current);
        let scaled = diff * 10_000;
        let rounded = (scaled.abs() * 2 + previous) / (previous * 2);
        let signed = if scaled < 0 { -rounded } else { rounded };
        i64::try_from(signed).ok()
    }

    /// The reduction in percent, for charts and JSON (`37.25`); negative for a growth.
    pub fn reduction_percent(self) -> Option<f64> {
        self.reduction_hundredths().map(|h| h as f64 / 100.0)
    }

    /// The change as the bulletin words it: its direction (`down`, `up`, `new`, `same`), the
    /// percentage as `37.25`, and the count.
    pub fn direction(self) -> (&'static str, String) {
        match self.reduction_hundredths() {
            Some(0) => ("same", String::new()),
            Some(h) if h > 0 => ("down", percent_text(h)),
            Some(h) => ("up", percent_text(-h)),
            None if self.current == 0 => ("same", String::new()),
            None => ("new", String::new()),
        }
    }

    /// True when the count grew (a rebound).
    pub fn grew(self) -> bool {
        self.current > self.previous
    }
}

/// Hundredths of a percent as `37.25`.
fn percent_text(hundredths: i64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reductions_match_hand_computed_values() {
        // (51 − 32) / 51 = 37.2549…%
        let direction = |previous, current| {
            let (direction, percent) = Change::new(previous, current).direction();
            format!("{direction} {percent}")
        };
        assert_eq!(direction(51, 32), "down 37.25");
        // 2/3 = 66.666…% rounds up; 1/8 = 12.5% exactly
        assert_eq!(direction(3, 1), "down 66.67");
        assert_eq!(direction(8, 7), "down 12.50");
        assert_eq!(direction(4, 0), "down 100.00");
        assert_eq!(direction(2, 3), "up 50.00");
        assert_eq!(direction(3, 4), "up 33.33");
        assert_eq!(direction(7, 7), "same ");
        assert_eq!(direction(0, 0), "same ");
        assert_eq!(direction(0, 2), "new ");
        assert_eq!(Change::new(51, 32).reduction_percent(), Some(37.25));
        assert_eq!(Change::new(0, 2).reduction_percent(), None);
    }

    #[test]
    fn halves_round_away_from_zero() {
        // 1/16 = 6.25% exactly; 1/200 = 0.5% exactly; 1/400 = 0.25%; 1/80000 = 0.00125% → 0.00
        assert_eq!(Change::new(16, 15).reduction_hundredths(), Some(625));
        assert_eq!(Change::new(400, 399).reduction_hundredths(), Some(25));
        assert_eq!(Change::new(80_000, 79_999).reduction_hundredths(), Some(0));
        // 1/30000 = 0.00333…% → 0; 1/20000 = 0.005% → 0.01 (half rounds up)
        assert_eq!(Change::new(20_000, 19_999).reduction_hundredths(), Some(1));
        assert_eq!(Change::new(20_000, 20_001).reduction_hundredths(), Some(-1));
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let change = Change::new(u64::MAX, 0);
        assert_eq!(change.reduction_hundredths(), Some(10_000));
        assert!(
            Change::new(1, u64::MAX)
                .reduction_hundredths()
                .is_none_or(|h| h < 0)
        );
    }
}
