//! REPORT-003's kind of check, `overlap`: items of different owners whose lists overlap by at
//! least a Jaccard index, found through an index of rare values within a work budget.

use super::*;
use crate::finding::Finding;
use crate::inventory::LoadedFile;
use crate::load::Node;
use crate::wording::{Message, keys};
use foldhash::HashMap;

/// Reports each item once, on the earliest earlier item from another owner (`distinct`) whose
/// `field` lists overlap by at least `min` (Jaccard index).
///
/// Comparing every pair is quadratic: 150,000 items would take 10¹⁰ comparisons and could
/// report as many findings. So candidates come from an index of each item's rarest values
/// (prefix filtering, as in the all-pairs similarity join): two lists with a Jaccard index of
/// at least `min` always share one of their first `n - ⌈min·n⌉ + 1` values in a fixed global
/// order, rarest first. Runs of one owner in the index are skipped whole, and the search for an
/// item stops at its first match. A hostile file can still defeat the index (many lists that
/// share rare values yet overlap too little), so the work has a budget; past it the check stops
/// with a finding that says its result is incomplete.
#[allow(clippy::too_many_arguments)]
pub(super) fn run_overlap(
    file: &LoadedFile,
    section: &str,
    field: &str,
    distinct: &str,
    min: f64,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let items = overlap_items(file, section, field, distinct);
    let search = overlap_partners(&items, min, OVERLAP_WORK_BUDGET);
    for (later, earlier) in search.pairs {
        if let (Some(later), Some(earlier)) = (items.get(later), items.get(earlier)) {
            emit_overlap(later, earlier, at, emit);
        }
    }
    if let Some(work) = search.stopped_after {
        emit_incomplete(file, section, work, emit);
    }
}

/// The result of an overlap search: `(later, earlier)` positions in the item list, and the
/// work done when the budget ran out before the end.
#[derive(Debug, Default, PartialEq)]
pub(super) struct OverlapSearch {
    pub(super) pairs: Vec<(usize, usize)>,
    pub(super) stopped_after: Option<usize>,
}

/// For each item, the earliest earlier item of another owner with a Jaccard index of at least
/// `min`, within `budget` steps.
pub(super) fn overlap_partners(items: &[OverlapItem], min: f64, budget: usize) -> OverlapSearch {
    let mut search = OverlapSearch::default();
    let Some(first) = items.first() else {
        return search;
    };
    // No overlap reaches above 1; NaN reaches nothing.
    if min.is_nan() || min > 1.0 {
        return search;
    }
    if min <= 0.0 {
        // Every pair of different owners qualifies, shared values or not: the earliest
        // partner is the first item, or else the first item of an owner other than its own.
        let other = items.iter().position(|i| i.owner != first.owner);
        for (pos, item) in items.iter().enumerate().skip(1) {
            let partner = if item.owner != first.owner {
                Some(0)
            } else {
                other.filter(|&o| o < pos)
            };
            if let Some(partner) = partner {
                search.pairs.push((pos, partner));
            }
        }
        return search;
    }
    let index = OverlapIndex::build(items);
    let mut postings: Vec<Vec<Run>> = vec![Vec::new(); index.tokens];
    let mut last_probe = vec![usize::MAX; items.len()];
    let mut work: usize = 0;
    for (pos, item) in index.sets.iter().enumerate() {
        let prefix = item
            .ranks
            .get(..prefix_len(item.ranks.len(), min))
            .unwrap_or(&item.ranks);
        let mut best = usize::MAX;
        'tokens: for &token in prefix {
            let Some(runs) = postings.get(token as usize) else {
                continue;
            };
            for run in runs {
                work += 1;
                if run.members.first().is_none_or(|&m| m as usize >= best) {
                    break;
                }
                if run.owner == item.owner {
                    continue;
                }
                for &member in &run.members {
                    let member = member as usize;
                    if member >= best {
                        continue 'tokens;
                    }
                    let Some(seen) = last_probe.get_mut(member) else {
                        continue;
                    };
                    if *seen == pos {
                        continue;
                    }
                    *seen = pos;
                    let Some(other) = index.sets.get(member) else {
                        continue;
                    };
                    work += 1 + item.ranks.len() + other.ranks.len();
                    if jaccard_at_least(&item.ranks, &other.ranks, min) {
                        best = member;
                        continue 'tokens;
                    }
                }
            }
        }
        if work > budget {
            search.stopped_after = Some(work);
            return search;
        }
        if best != usize::MAX {
            search.pairs.push((pos, best));
        }

        for &token in prefix {
            if let Some(runs) = postings.get_mut(token as usize) {
                match runs.last_mut() {
                    Some(run) if run.owner == item.owner => run.members.push(pos as u32),
                    _ => runs.push(Run {
                        owner: item.owner,
                        members: vec![pos as u32],
                    }),
                }
            }
        }
    }
    search
}

/// Steps of the overlap search allowed per rule and file: a few seconds of work in a release
/// build, and ten thousand times what a real file needs (a unit lists some dozens of reports).
/// 150,000 reports drawing 3 to 6 fields from 30 common ones, the densest realistic shape,
/// take about 830 million steps.
pub(super) const OVERLAP_WORK_BUDGET: usize = 1_000_000_000;

/// An item taking part in an overlap check.
pub(super) struct OverlapItem<'a> {
    pub(super) index: usize,
    pub(super) node: &'a Node,
    pub(super) owner: String,
    /// Its values, sorted and without repeats.
    pub(super) values: Vec<&'a str>,
}

pub(super) fn overlap_items<'a>(
    file: &'a LoadedFile,
    section: &'a str,
    field: &str,
    distinct: &str,
) -> Vec<OverlapItem<'a>> {
    file.items(section)
        .filter_map(|(index, node)| {
            let owner = scalar_text(value_of(node, distinct)?)?.into_owned();
            let mut values: Vec<&str> = value_of(node, field)?
                .as_seq()?
                .iter()
                .filter_map(Node::as_str)
                .collect();
            values.sort_unstable();
            values.dedup();
            (!values.is_empty()).then_some(OverlapItem {
                index,
                node,
                owner,
                values,
            })
        })
        .collect()
}

/// The items' value sets with every value replaced by its rank in a global order (rarest
/// first), and owners by small numbers.
pub(super) struct OverlapIndex {
    pub(super) sets: Vec<RankedSet>,
    /// How many distinct values there are.
    pub(super) tokens: usize,
}

pub(super) struct RankedSet {
    pub(super) owner: u32,
    /// Ranks, ascending.
    pub(super) ranks: Vec<u32>,
}

/// A stretch of one owner's items in a value's posting list, in file order.
#[derive(Clone)]
pub(super) struct Run {
    pub(super) owner: u32,
    pub(super) members: Vec<u32>,
}

impl OverlapIndex {
    fn build(items: &[OverlapItem]) -> OverlapIndex {
        let mut frequency: HashMap<&str, u32> = HashMap::default();
        for item in items {
            for value in &item.values {
                *frequency.entry(value).or_default() += 1;
            }
        }
        let mut order: Vec<(&str, u32)> = frequency.into_iter().collect();
        order.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let rank: HashMap<&str, u32> = order
            .iter()
            .enumerate()
            .map(|(r, (value, _))| (*value, r as u32))
            .collect();
        let mut owners: HashMap<&str, u32> = HashMap::default();
        let sets = items
            .iter()
            .map(|item| {
                let next = owners.len() as u32;
                let owner = *owners.entry(item.owner.as_str()).or_insert(next);
                let mut ranks: Vec<u32> = item
                    .values
                    .iter()
                    .filter_map(|v| rank.get(v).copied())
                    .collect();
                ranks.sort_unstable();
                RankedSet { owner, ranks }
            })
            .collect();
        OverlapIndex {
            sets,
            tokens: order.len(),
        }
    }
}

/// How many of a list's first values (rarest first) must be indexed and probed so that no
/// pair with a Jaccard index of at least `min` is missed: `n - ⌈min·n⌉ + 1`. The ceiling is
/// taken a hair low, so that rounding (0.6 × 5 = 3.0000000000000004) can only lengthen the
/// prefix, never cut a needed value.
pub(super) fn prefix_len(n: usize, min: f64) -> usize {
    let needed = ((min * n as f64) - 1e-9).ceil().max(1.0) as usize;
    n.saturating_sub(needed).saturating_add(1).min(n)
}

/// Whether two ascending rank lists have a Jaccard index of at least `min`, computed as the
/// unindexed check did (shared / union in floating point), so borderline cases agree.
pub(super) fn jaccard_at_least(a: &[u32], b: &[u32], min: f64) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // The size filter: the overlap can be at most the smaller list.
    if (small.len() as f64) < min * large.len() as f64 - 1e-9 {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    jaccard_of_counts(shared, a.len(), b.len()) >= min
}

pub(super) fn emit_overlap(
    later: &OverlapItem,
    earlier: &OverlapItem,
    at: Option<&str>,
    emit: &mut Emitter,
) {
    let shared = later
        .values
        .iter()
        .filter(|v| earlier.values.binary_search(v).is_ok())
        .count();
    let overlap = jaccard_of_counts(shared, later.values.len(), earlier.values.len());
    let vars = [
        ("other", item_title(earlier.node)),
        ("other_by", earlier.owner.as_str().into()),
        (
            "overlap",
            compact_str::format_compact!("{:.0}%", overlap * 100.0),
        ),
    ];
    emit.duplicate(later.index, later.node, at, &vars, earlier.node);
}

/// The finding of an overlap check that ran out of budget on a hostile file.
pub(super) fn emit_incomplete(file: &LoadedFile, section: &str, work: usize, emit: &mut Emitter) {
    let message = Message::new(&keys::OVERLAP_INCOMPLETE)
        .arg("section", section)
        .arg("work", work);
    let finding = Finding::new(
        emit.rule.header.clone(),
        emit.rule.severity,
        file.source.clone(),
        crate::source::Span::default(),
        section,
        message,
    );
    emit.findings.push(finding);
}

/// |A ∩ B| / |A ∪ B| from the sizes.
pub(super) fn jaccard_of_counts(shared: usize, a: usize, b: usize) -> f64 {
    let union = (a + b).saturating_sub(shared);
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}
