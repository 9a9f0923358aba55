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

use crate::inventory::codes::unit_code_number;
use crate::inventory::{Kind, LoadedUnit};
use crate::load::Node;

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

/// A unit of a period as the next period is compared with it: its code, where it is (to read
/// it again), its period, and its counts in the six sections. A view into [`PeriodCounts`],
/// which keeps nothing else of a unit: a whole period is held while the next one is checked.
#[derive(Clone, Copy, Debug)]
pub struct PeriodUnit<'p> {
    /// The code the unit was found by.
    pub code: &'p str,
    /// `YYYY-Qn`, as `unit.yaml` says.
    pub period: Option<&'p str>,
    /// The items listed in each of [`TREND_SECTIONS`], in that order; [`NOT_READ`] when the
    /// section could not be read.
    counts: &'p [u32; TREND_SECTIONS.len()],
    dirs: &'p Dirs,
    index: usize,
}

/// A section's count when the section could not be read (it has no count, not zero).
const NOT_READ: u32 = u32::MAX;

impl PeriodUnit<'_> {
    /// The directory as given on the command line joined with the path inside it.
    pub fn dir(&self) -> String {
        self.dirs.get(self.index)
    }

    /// The items listed in `section`, when it is one of [`TREND_SECTIONS`] and could be read.
    pub fn count(&self, section: Kind) -> Option<usize> {
        let at = TREND_SECTIONS.iter().position(|&kind| kind == section)?;
        let count = self.counts[at];
        (count != NOT_READ).then_some(count as usize)
    }

    /// Whether `unit` is this unit with the same counts (read again, its files unchanged).
    pub fn is_counted_as(&self, unit: &UnitCounts) -> bool {
        unit.code.as_deref() == Some(self.code)
            && TREND_SECTIONS
                .iter()
                .all(|&kind| self.count(kind) == unit.count(kind))
    }
}

/// What a period keeps of a unit besides its code and directory (28 bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Kept {
    counts: [u32; TREND_SECTIONS.len()],
    /// Index into [`PeriodCounts::periods`], or `u32::MAX` when `unit.yaml` gives none.
    period: u32,
}

/// The units of a period, in discovery order, with an index by unit code. About 70 bytes a
/// unit: a previous period of 100,000 units is held in 7 MB while the next is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodCounts {
    units: Vec<Kept>,
    dirs: Dirs,
    /// The distinct periods the units give (usually one).
    periods: Vec<CompactString>,
    /// The units with a well-formed code (twelve digits, [`unit_code_number`]), by its number,
    /// each with its index into `units`; sorted once the period is counted.
    numbered: Vec<(u64, u32)>,
    /// The units with any other code, likewise.
    named: Vec<(CompactString, u32)>,
}

impl PeriodCounts {
    /// Keep what the next period is compared with of the counted units, in the order given,
    /// indexed by code. When two units give the same code, the first one found keeps it (the
    /// second is reported by the checker, not guessed at here).
    pub fn new(units: impl IntoIterator<Item = UnitCounts>) -> PeriodCounts {
        let mut period = PeriodCounts::default();
        for unit in units {
            period.push(&unit);
        }
        // Stable sorts: of two units with one code, the first found comes first and stays.
        period.numbered.sort_by_key(|&(number, _)| number);
        period.numbered.dedup_by_key(|&mut (number, _)| number);
        period.named.sort_by(|a, b| a.0.cmp(&b.0));
        period.named.dedup_by(|later, first| later.0 == first.0);
        period
    }

    fn push(&mut self, unit: &UnitCounts) {
        let index = self.units.len() as u32;
        let counts = TREND_SECTIONS.map(|kind| {
            unit.count(kind).map_or(NOT_READ, |count| {
                u32::try_from(count).unwrap_or(NOT_READ - 1)
            })
        });
        let period = unit.period.as_deref().map_or(u32::MAX, |period| {
            match self.periods.iter().position(|known| known == period) {
                Some(at) => at as u32,
                None => {
                    self.periods.push(period.into());
                    (self.periods.len() - 1) as u32
                }
            }
        });
        self.units.push(Kept { counts, period });
        self.dirs.push(&unit.dir);
        if let Some(code) = unit.code.as_deref() {
            match unit_code_number(code) {
                Some(number) => self.numbered.push((number, index)),
                None => self.named.push((code.into(), index)),
            }
        }
    }

    /// The unit with this code, if the period has one.
    pub fn get<'p>(&'p self, code: &'p str) -> Option<PeriodUnit<'p>> {
        let index = match unit_code_number(code) {
            Some(number) => {
                let at = self.numbered.binary_search_by_key(&number, |&(n, _)| n);
                self.numbered[at.ok()?].1
            }
            None => {
                let at = self
                    .named
                    .binary_search_by(|(named, _)| named.as_str().cmp(code));
                self.named[at.ok()?].1
            }
        };
        let kept = &self.units[index as usize];
        Some(PeriodUnit {
            code,
            period: self.periods.get(kept.period as usize).map(|p| p.as_str()),
            counts: &kept.counts,
            dirs: &self.dirs,
            index: index as usize,
        })
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

/// Directory names in the order they were found, each kept as the bytes it does not share with
/// the one before: units are found sorted by path, so a unit's directory usually differs from
/// the last one's in its own folder's name only (front coding).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Dirs {
    /// Each entry: the length shared with the entry before (two bytes), the length of the rest
    /// (four bytes), then the rest; little-endian.
    bytes: Vec<u8>,
    /// Where every `RESTART`th entry starts in `bytes`.
    restarts: Vec<usize>,
    /// How many entries there are.
    len: usize,
    /// The last name pushed, to share a prefix with.
    last: String,
}

impl Dirs {
    /// Every `RESTART`th entry shares nothing, so that reading one back reads at most this many.
    const RESTART: usize = 16;

    fn push(&mut self, dir: &str) {
        let shared = if self.len.is_multiple_of(Dirs::RESTART) {
            self.restarts.push(self.bytes.len());
            0
        } else {
            shared_prefix(&self.last, dir, usize::from(u16::MAX))
        };
        let rest = &dir.as_bytes()[shared..];
        // A directory's name is far shorter than 4 GB; a longer one is cut (at a character).
        let kept = dir.len().min(shared + u32::MAX as usize);
        let rest = &rest[..dir.floor_char_boundary(kept) - shared];
        self.bytes.extend_from_slice(&(shared as u16).to_le_bytes());
        self.bytes
            .extend_from_slice(&(rest.len() as u32).to_le_bytes());
        self.bytes.extend_from_slice(rest);
        self.len += 1;
        self.last.clear();
        self.last.push_str(&dir[..shared + rest.len()]);
    }

    /// The `index`th name, rebuilt from the last entry that shares nothing.
    fn get(&self, index: usize) -> String {
        let mut dir = String::new();
        let mut at = self.restarts[index / Dirs::RESTART];
        for _ in 0..=index % Dirs::RESTART {
            let shared = u16::from_le_bytes([self.bytes[at], self.bytes[at + 1]]);
            let rest = u32::from_le_bytes([
                self.bytes[at + 2],
                self.bytes[at + 3],
                self.bytes[at + 4],
                self.bytes[at + 5],
            ]) as usize;
            at += 6;
            dir.truncate(usize::from(shared));
            // Pushed from a `&str` and cut at character boundaries.
            dir.push_str(&String::from_utf8_lossy(&self.bytes[at..at + rest]));
            at += rest;
        }
        dir
    }
}

/// The length of the longest common prefix of `a` and `b`, at most `limit`, ending at a
/// character boundary.
fn shared_prefix(a: &str, b: &str, limit: usize) -> usize {
    let shared = a
        .bytes()
        .zip(b.bytes())
        .take(limit)
        .take_while(|(x, y)| x == y)
        .count();
    b.floor_char_boundary(shared)
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

    fn counted(code: Option<&str>, dir: &str, groups: usize) -> UnitCounts {
        UnitCounts {
            code: code.map(str::to_owned),
            dir: dir.to_owned(),
            period: Some("2025-Q1".to_owned()),
            items: BTreeMap::from([(Kind::Groups, groups), (Kind::Tasks, 9)]),
            ..UnitCounts::default()
        }
    }

    /// A period finds its units by code, the first found keeping a code two units give; it
    /// keeps the six sections' counts, not the others.
    #[test]
    fn a_period_finds_units_by_code_first_found_first() {
        let period = PeriodCounts::new(vec![
            counted(Some("152222"), "b", 2),
            counted(None, "no-code", 7),
            counted(Some("152201"), "a", 1),
            counted(Some("152222"), "b-again", 5),
            counted(Some("152223"), "c", 3),
        ]);
        assert_eq!(period.len(), 5);
        let found = |code: &str| period.get(code).map(|u| (u.dir(), u.count(Kind::Groups)));
        let at = |dir: &str, count| Some((dir.to_owned(), Some(count)));
        assert_eq!(found("152201"), at("a", 1));
        assert_eq!(found("152222"), at("b", 2));
        assert_eq!(found("152223"), at("c", 3));
        assert_eq!(found("152224"), None);
        assert_eq!(found(""), None);
        let unit = period.get("152201").unwrap();
        assert_eq!(unit.period, Some("2025-Q1"));
        assert_eq!(
            unit.count(Kind::Signage),
            None,
            "a section not read has no count"
        );
        assert_eq!(unit.count(Kind::Tasks), None, "tasks are no trend section");
        assert!(unit.is_counted_as(&counted(Some("152201"), "elsewhere", 1)));
        assert_eq!(unit.code, "152201");
        assert!(!unit.is_counted_as(&counted(Some("152201"), "a", 2)));
        assert!(!unit.is_counted_as(&counted(Some("152202"), "a", 1)));
    }

    /// Well-formed codes are kept as numbers, leading zeros and all; any other code (short,
    /// long, not digits) is found as text, apart from a number with the same digits.
    #[test]
    fn every_code_is_found_as_given() {
        let codes = [
            "152223100201",
            "000000000007",
            "7",
            "0007",
            "00000000007",
            "1522231002010",
            "甲7",
            "7 ",
        ];
        let period = PeriodCounts::new(
            codes
                .iter()
                .enumerate()
                .map(|(at, code)| counted(Some(code), &format!("d{at}"), at)),
        );
        for (at, code) in codes.iter().enumerate() {
            let unit = period.get(code).unwrap();
            assert_eq!((unit.code, unit.dir()), (*code, format!("d{at}")));
            assert_eq!(unit.count(Kind::Groups), Some(at));
        }
        for absent in ["07", "000000000070", "", "152223100202", "甲"] {
            assert!(period.get(absent).is_none(), "{absent}");
        }
        assert_eq!(period.numbered.len(), 2);
        assert_eq!(period.named.len(), 6);
    }

    /// Directories come back as they were kept, whatever they share with the one before:
    /// Chinese names that differ inside a character's bytes, more entries than a restart
    /// holds, a shared prefix longer than two bytes can count, an empty name.
    #[test]
    fn directories_come_back_as_they_were() {
        let long = format!("a{}", "长".repeat(30_000));
        let mut dirs: Vec<String> = (0..40)
            .map(|i| format!("旗/苏木/{}嘎查{i}", ["甲", "乙"][i % 2]))
            .collect();
        // 中 is E4 B8 AD and 丫 is E4 B8 AB: two bytes shared, no character.
        dirs.extend(["a/中".to_owned(), "a/丫".to_owned()]);
        dirs.extend([
            format!("{long}/x"),
            format!("{long}/y"),
            String::new(),
            "z".into(),
        ]);
        let mut kept = Dirs::default();
        for dir in &dirs {
            kept.push(dir);
        }
        for (index, dir) in dirs.iter().enumerate() {
            assert_eq!(kept.get(index), *dir, "entry {index}");
        }
        let whole: usize = dirs.iter().map(String::len).sum();
        assert!(
            kept.bytes.len() < whole * 2 / 3,
            "{} of {whole}",
            kept.bytes.len()
        );
    }

    /// A period keeps a section it could not read apart from an empty one, and names each
    /// period once however many units give it.
    #[test]
    fn counts_and_periods_are_kept_compactly() {
        let mut a = counted(Some("1"), "a", 0);
        a.items.insert(Kind::Signage, usize::MAX);
        let mut b = counted(Some("2"), "b", 3);
        b.period = Some("2025-Q2".to_owned());
        let c = UnitCounts {
            period: None,
            ..counted(Some("3"), "c", 1)
        };
        let period = PeriodCounts::new([a, b, c, counted(Some("4"), "d", 1)]);
        let one = period.get("1").unwrap();
        assert_eq!(one.count(Kind::Groups), Some(0), "zero is a count");
        assert_eq!(one.count(Kind::Certificates), None, "not read is none");
        assert_eq!(one.count(Kind::Signage), Some(u32::MAX as usize - 1));
        let periods: Vec<_> = ["1", "2", "3", "4"]
            .map(|code| period.get(code).unwrap().period)
            .into();
        assert_eq!(
            periods,
            [Some("2025-Q1"), Some("2025-Q2"), None, Some("2025-Q1")]
        );
        assert_eq!(period.periods.len(), 2);
        assert!(std::mem::size_of::<Kept>() <= 28);
    }

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
