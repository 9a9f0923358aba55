//! The pipeline driver: discovered units → loaded (in parallel) → evaluated → sorted findings.
//!
//! Units are independent, so they are loaded and evaluated on rayon's pool; results come back in
//! discovery order, so output never depends on scheduling.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::config::{LoadedConfig, UnitFacts};
use crate::policy::{PolicyError, PolicySet};

use crate::discover::{DiscoverError, UnitDir, UnitWalk, discover_units};
use crate::eval::evaluate;
use crate::finding::Finding;
use crate::inventory::codes::{Divisions, unit_code_number};
use crate::inventory::{LoadOptions, LoadedUnit, load_unit};
use crate::load::Limits;
use crate::outcome::UnitResult;
use crate::period::{Detail, PeriodCounts, count_unit};
use crate::policy::RuleSet;
use crate::source::SourceFile;
use crate::wording::{Message, keys};

/// How to run a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub limits: Limits,
    /// Evaluate the policies; `false` only loads and validates (parse-only, for benchmarks).
    pub skip_policies: bool,
    /// The previous period's counts (`--previous`), for TREND-001.
    pub previous: Option<Arc<PeriodCounts>>,
    /// Free each section file's tree once the rules have run
    /// ([`LoadedUnit::drop_section_trees`]): for runs whose reports need only the findings and
    /// `unit.yaml`, not the items (a bulletin, `--with-units` and `--annotate` read them).
    pub drop_items: bool,
}

/// The policies in force: the league's rule set, and one per combination of scoped overrides
/// (一村一策), compiled when first needed and then shared.
pub struct Policies {
    set: PolicySet,
    config: LoadedConfig,
    base: Arc<RuleSet>,
    divisions: Divisions,
    scoped: Mutex<HashMap<Vec<usize>, Arc<RuleSet>>>,
}

impl Policies {
    /// Compile the league's rules, and every override on its own so that a broken override is
    /// an error before any inventory is read.
    pub fn new(set: PolicySet, config: LoadedConfig) -> Result<Policies, PolicyError> {
        config.validate(&set)?;
        let base_settings = config.base_settings();
        let base = Arc::new(set.compile(&base_settings)?);
        let mut scoped = HashMap::new();
        for index in 0..config.config.overrides.len() {
            let settings = config.settings_with_override(index);
            let rules = set.compile_over(&settings, Some((&base, &base_settings)))?;
            scoped.insert(vec![index], Arc::new(rules));
        }
        Ok(Policies {
            set,
            divisions: config.divisions(),
            config,
            base,
            scoped: Mutex::new(scoped),
        })
    }

    /// The league-wide rules (what `rules` and `explain` show).
    pub fn base(&self) -> &Arc<RuleSet> {
        &self.base
    }

    /// Every rule id of the pack, turned off or not.
    pub fn rule_ids(&self) -> Vec<&str> {
        self.set.rule_ids()
    }

    /// The configuration in force.
    pub fn config(&self) -> &LoadedConfig {
        &self.config
    }

    pub fn limits(&self) -> crate::load::Limits {
        self.config.config.limits
    }

    /// The division table with the league's amendments, for SUBMIT-004.
    pub fn divisions(&self) -> &Divisions {
        &self.divisions
    }

    /// The rules for a unit, given what its `unit.yaml` says.
    pub fn for_unit(&self, facts: &UnitFacts) -> Arc<RuleSet> {
        let (applied, settings) = self.config.settings_for(facts);
        if applied.is_empty() {
            return self.base.clone();
        }
        // The cache is locked for this statement only.
        let cached = self.scoped_cache().get(&applied).cloned();
        if let Some(rules) = cached {
            return rules;
        }
        // Compiled with the cache unlocked: the rules compile on the pool, whose threads check
        // other units meanwhile, and one of those may be this thread asking for its own rules.
        // Two threads may compile the same combination; the first to finish is kept.
        // Every override compiled alone in `new`, so a combination compiles too; fall back to
        // the league's rules rather than fail halfway through a run.
        let rules = self
            .set
            .compile_over(&settings, Some((&self.base, &self.config.base_settings())))
            .map(Arc::new)
            .unwrap_or_else(|_| self.base.clone());
        self.scoped_cache().entry(applied).or_insert(rules).clone()
    }

    fn scoped_cache(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<usize>, Arc<RuleSet>>> {
        self.scoped.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Find the units under `paths` and check each.
pub fn check_paths(
    paths: &[PathBuf],
    policies: &Policies,
    options: &CheckOptions,
) -> Result<Vec<UnitResult>, DiscoverError> {
    let units = discover_units(paths)?;
    Ok(check_units(&units, policies, options))
}

/// Check `units` and collect every result, in discovery order.
pub fn check_units(
    units: &[UnitDir],
    policies: &Policies,
    options: &CheckOptions,
) -> Vec<UnitResult> {
    let mut results = check_batch(units, policies, options);
    let mut codes = SeenCodes::new(policies);
    for result in &mut results {
        codes.mark(result);
    }
    results
}

/// SUBMIT-008: the unit codes met so far in a run, so that a unit repeating an earlier unit's
/// code is reported. Keyed by the code's number (twelve digits fit a `u64`) and holding the
/// first unit's folder or workbook name rather than its whole path: a province's run keeps
/// 600,000 of them.
struct SeenCodes {
    /// The code's number → where the first unit's name starts in `names`.
    first: CodeIndex,
    names: FirstNames,
    rule: (Arc<crate::finding::RuleHeader>, crate::finding::Severity),
}

/// Code numbers and a `u32` for each. Units come in discovery order, sorted by folder name, and
/// a folder's name starts with its code, so the codes of a run mostly rise: those go on the end
/// of two vectors searched by halves (twelve bytes a code, where a hash map takes seventeen to
/// thirty-four); a code below the last one goes into a map.
#[derive(Default)]
struct CodeIndex {
    rising: Vec<u64>,
    values: Vec<u32>,
    others: HashMap<u64, u32>,
}

impl CodeIndex {
    fn get(&self, code: u64) -> Option<u32> {
        match self.rising.binary_search(&code) {
            Ok(i) => self.values.get(i).copied(),
            Err(_) => self.others.get(&code).copied(),
        }
    }

    /// Add a code not yet in the index.
    fn insert(&mut self, code: u64, value: u32) {
        if self.rising.last().is_none_or(|&last| code > last) {
            self.rising.push(code);
            self.values.push(value);
        } else {
            self.others.insert(code, value);
        }
    }
}

/// The names of the first units with each code, one after another, each ended by a NUL (which
/// no file name holds): one allocation for the run rather than one a unit.
#[derive(Default)]
struct FirstNames {
    names: String,
}

impl FirstNames {
    /// The name kept at `at` for the code `number`.
    fn at(&self, at: u32, number: u64) -> String {
        let rest = self.names.get(at as usize..).unwrap_or_default();
        match rest.strip_prefix('\0') {
            Some(elided) => {
                let after_code = elided.split('\0').next().unwrap_or_default();
                format!("{number:012}-{after_code}")
            }
            None => rest.split('\0').next().unwrap_or_default().to_owned(),
        }
    }

    /// Keep a unit's name (a folder or workbook name, never empty), and say where. Most are
    /// `code-name` (`152223100201-某嘎查`) and the code is the key: such a name is kept
    /// without it, after a NUL, which nearly halves what a national run holds.
    fn keep(&mut self, name: &str, number: u64) -> u32 {
        let at = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        // The prefix is ASCII, so the name goes on at a character boundary after it.
        let kept = if name.as_bytes().starts_with(&code_prefix(number)) {
            self.names.push('\0');
            &name[CODE_PREFIX_LEN..]
        } else {
            name
        };
        self.names.extend(kept.chars().filter(|&c| c != '\0'));
        self.names.push('\0');
        at
    }
}

/// The length of `code-` for a twelve-digit code.
const CODE_PREFIX_LEN: usize = 13;

/// `code-` for the code `number`, as a folder name starts with it, without allocating (one a
/// unit of a national run).
fn code_prefix(number: u64) -> [u8; CODE_PREFIX_LEN] {
    let mut prefix = [b'-'; CODE_PREFIX_LEN];
    let mut rest = number;
    for digit in prefix[..12].iter_mut().rev() {
        *digit = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    prefix
}

impl SeenCodes {
    fn new(policies: &Policies) -> SeenCodes {
        SeenCodes {
            first: CodeIndex::default(),
            names: FirstNames::default(),
            rule: policies.base().submit_rules().duplicate_code,
        }
    }

    /// Remember `result`'s code, or report it on the unit when an earlier unit had it. Codes
    /// that are not twelve digits are SUBMIT-004's and are not compared.
    fn mark(&mut self, result: &mut UnitResult) {
        let unit = &result.unit;
        let Some(code) = unit.code.as_deref() else {
            return;
        };
        let Some(number) = unit_code_number(code) else {
            return;
        };
        let first = match self.first.get(number) {
            None => {
                let name = std::path::Path::new(&unit.dir)
                    .file_name()
                    .map_or_else(|| unit.dir.clone(), |n| n.to_string_lossy().into_owned());
                let at = self.names.keep(&name, number);
                self.first.insert(number, at);
                return;
            }
            Some(at) => self.names.at(at, number),
        };
        let Some((file, node)) = unit
            .file(crate::inventory::Kind::Unit)
            .and_then(|f| Some((f, f.root.as_ref()?.get("code")?)))
        else {
            return;
        };
        let first = crate::source::printable_line(&first).into_owned();
        let message = Message::new(&keys::DUPLICATE_UNIT_CODE)
            .arg("code", code)
            .arg("first", first);
        let mut finding = Finding::new(
            self.rule.0.clone(),
            self.rule.1,
            file.source.clone(),
            node.span,
            "code",
            message,
        );
        finding.unit = unit.code.clone();
        result.findings.push(finding);
        sort_findings(&mut result.findings);
    }
}

/// Check units in parallel; the results come back in the order given.
fn check_batch(batch: &[UnitDir], policies: &Policies, options: &CheckOptions) -> Vec<UnitResult> {
    let submit = policies.base().submit_rules();
    let load_options = LoadOptions {
        rules: &submit,
        limits: options.limits,
        divisions: policies.divisions(),
        tree: None,
    };
    // One unit a task: rayon would otherwise hand each worker a quarter of the batch, and at the
    // end of every batch one worker would wait for the other to finish its quarter.
    batch
        .par_iter()
        .with_max_len(1)
        .map(|dir| check_one(dir, policies, options, &load_options))
        .collect()
}

/// How many units each worker checks before the results are handed on: a batch is this many
/// units a thread. Large enough to keep every core busy (at 8 a thread, two threads waited for
/// each other at the end of every batch: 1 → 2 threads fell from 1.90× to 1.69×), small enough
/// that a batch's trees and findings stay in each core's cache, and that memory does not grow
/// with the league (docs/performance.md, session 20). Was 32 units whatever the threads: one
/// thread took 5–9 % more CPU.
const BATCH_PER_THREAD: usize = 16;

/// Check `units` batch by batch, handing each result to `sink` in discovery order and dropping
/// it afterwards, so a province is checked in the memory of two batches. While the workers check
/// one batch, the sink reports the last and the next is found (`units` is usually a
/// [`UnitWalk`], so checking starts with the first unit found, not after the last); each result
/// is freed as soon as it is reported. Stops at the first error the sink returns (a closed
/// output, say).
pub fn check_units_streaming(
    units: &mut (dyn Iterator<Item = UnitDir> + Send),
    policies: &Policies,
    options: &CheckOptions,
    sink: &mut (dyn FnMut(&mut UnitResult) -> std::io::Result<()> + Send),
) -> std::io::Result<()> {
    rayon::scope(|_| stream_batches(units, policies, options, sink))
}

/// The loop of [`check_units_streaming`], run on a worker of the pool: called from the main
/// thread, each batch's `rayon::join` would wake a worker and then the main thread again.
fn stream_batches(
    units: &mut (dyn Iterator<Item = UnitDir> + Send),
    policies: &Policies,
    options: &CheckOptions,
    sink: &mut (dyn FnMut(&mut UnitResult) -> std::io::Result<()> + Send),
) -> std::io::Result<()> {
    let mut codes = SeenCodes::new(policies);
    let sink = &mut |result: &mut UnitResult| {
        codes.mark(result);
        sink(result)
    };
    let mut batch = next_batch(units);
    let mut ready: Vec<UnitResult> = Vec::new();
    while !batch.is_empty() {
        let (checked, (reported, upcoming)) = rayon::join(
            || check_batch(&batch, policies, options),
            || {
                let reported = report_batch(std::mem::take(&mut ready), sink);
                (reported, next_batch(units))
            },
        );
        reported?;
        ready = checked;
        batch = upcoming;
    }
    report_batch(ready, sink)
}

fn next_batch(units: &mut (dyn Iterator<Item = UnitDir> + Send)) -> Vec<UnitDir> {
    units
        .take(BATCH_PER_THREAD * rayon::current_num_threads())
        .collect()
}

/// Hand a batch to the sink in order, then free it here, on the worker that reported it. (A
/// free spawned on the pool from inside [`stream_batches`] would sit below every later batch's
/// work on this worker's queue and run only at the end of the run, after every result had been
/// kept.)
fn report_batch(
    mut batch: Vec<UnitResult>,
    sink: &mut (dyn FnMut(&mut UnitResult) -> std::io::Result<()> + Send),
) -> std::io::Result<()> {
    batch.iter_mut().try_for_each(&mut *sink)
}

fn check_one(
    dir: &UnitDir,
    policies: &Policies,
    options: &CheckOptions,
    load_options: &LoadOptions,
) -> UnitResult {
    let shown = dir.dir.display().to_string();
    let unit = load_unit(&dir.dir, &shown, &load_options.within(dir.tree.as_deref()));
    check_loaded_unit(unit, policies, options)
}

/// Check units already loaded (from memory: the check desk's uploads) as a run checks units
/// found on disk, repeated codes included; the results come back in the order given.
pub fn check_loaded(
    units: Vec<LoadedUnit>,
    policies: &Policies,
    options: &CheckOptions,
) -> Vec<UnitResult> {
    let mut codes = SeenCodes::new(policies);
    units
        .into_iter()
        .map(|unit| {
            let mut result = check_loaded_unit(unit, policies, options);
            codes.mark(&mut result);
            result
        })
        .collect()
}

/// Run the policies on a loaded unit.
fn check_loaded_unit(
    mut unit: LoadedUnit,
    policies: &Policies,
    options: &CheckOptions,
) -> UnitResult {
    let mut findings = std::mem::take(&mut unit.findings);
    if !options.skip_policies {
        let facts = unit_facts(&unit);
        let rules = policies.for_unit(&facts);
        evaluate(&unit, &rules, &mut findings);
        if let (Some(previous), Some(rule)) = (&options.previous, rules.get("TREND-001")) {
            findings.extend(crate::eval::rebounds(&unit, previous, rule));
        }
    }
    sort_findings(&mut findings);
    warm_positions(&findings);
    if options.drop_items {
        unit.drop_section_trees();
    }
    UnitResult { unit, findings }
}

/// Find the line starts of each file with a finding while its text is still in this worker's
/// cache: every report gives a finding's line and column, and found later, on the thread that
/// reports, the text had to be read from memory again. (Files the loader's fast path read have
/// them already: [`crate::load::load_source`].)
fn warm_positions(findings: &[Finding]) {
    let mut last: Option<&SourceFile> = None;
    for finding in findings {
        let file = finding.file.as_ref();
        if last.is_none_or(|seen| !std::ptr::eq(seen, file)) {
            file.find_line_starts();
            last = Some(file);
        }
    }
}

/// What a unit says about itself, for scoped overrides and filters.
pub fn unit_facts(unit: &LoadedUnit) -> UnitFacts<'_> {
    UnitFacts {
        code: unit.code.as_deref(),
        banner: unit.unit_text("banner"),
        township: unit.unit_text("township"),
        township_category: unit.unit_text("township_category"),
    }
}

/// The one order of findings: by file, position, then rule.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Find, load and count the units under `paths` (a previous period's tree) without evaluating
/// any policy. The units are found and counted a batch at a time, each dropped once counted,
/// and only what the next period is compared with is kept of it ([`PeriodCounts`]: about 70
/// bytes a unit). `policies` supplies only the SUBMIT rules the loader needs; the loader's
/// findings are discarded.
pub fn load_period(
    paths: &[PathBuf],
    policies: &Policies,
    limits: Limits,
) -> Result<PeriodCounts, DiscoverError> {
    let mut walk = UnitWalk::new(paths)?;
    let submit = policies.base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits,
        divisions: policies.divisions(),
        tree: None,
    };
    let count = |dir: &UnitDir| {
        let shown = dir.dir.display().to_string();
        let unit = load_unit(&dir.dir, &shown, &options.within(dir.tree.as_deref()));
        count_unit(&unit, Detail::Counts)
    };
    let batches = std::iter::from_fn(|| {
        let batch: Vec<UnitDir> = walk.by_ref().take(PERIOD_BATCH).collect();
        (!batch.is_empty()).then(|| batch.par_iter().map(count).collect::<Vec<_>>())
    });
    Ok(PeriodCounts::new(batches.flatten()))
}

/// How many units of a previous period are counted in parallel at a time: counting is cheaper
/// than checking, so batches are larger than [`BATCH_PER_THREAD`] to keep both cores busy.
const PERIOD_BATCH: usize = 256;

/// A unit of a period counted again with `detail`, read as a walk of `tree` would read it: a
/// bulletin holds the previous period's counts only, and reads the item names again for the
/// units that rebounded.
pub fn recount_unit(
    dir: &std::path::Path,
    tree: Option<&std::path::Path>,
    policies: &Policies,
    detail: Detail,
) -> crate::period::UnitCounts {
    let submit = policies.base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: policies.limits(),
        divisions: policies.divisions(),
        tree,
    };
    count_unit(
        &load_unit(dir, &dir.display().to_string(), &options),
        detail,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::Kind;
    use crate::source::Span;

    #[test]
    fn the_code_index_finds_codes_given_in_any_order() {
        let mut index = CodeIndex::default();
        // Rising, then a fall (a folder out of order), then rising again past both.
        let codes = [101, 102, 205, 103, 301];
        for (value, code) in codes.iter().enumerate() {
            assert_eq!(index.get(*code), None);
            index.insert(*code, value as u32);
        }
        for (value, code) in codes.iter().enumerate() {
            assert_eq!(index.get(*code), Some(value as u32), "{code}");
        }
        assert_eq!(index.get(104), None);
        assert_eq!(index.others.len(), 1, "only the fall is hashed");
    }

    /// The example league's units and the built-in policies.
    fn example_league() -> (Vec<UnitDir>, Policies) {
        let league = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        let units = discover_units(&[league]).expect("the example league");
        let policies = Policies::new(PolicySet::builtin().expect("builtin"), Default::default())
            .expect("the built-in policies");
        (units, policies)
    }

    /// The example league checked with and without `drop_items`: the same findings at the same
    /// places, and only `unit.yaml`'s tree left when asked; either way the line starts of every
    /// file with a finding are found by the worker.
    #[test]
    fn units_checked_without_their_items_have_the_same_findings() {
        let (units, policies) = example_league();
        let check = |drop_items| {
            let options = CheckOptions {
                drop_items,
                ..CheckOptions::default()
            };
            check_units(&units, &policies, &options)
        };
        let (kept, dropped) = (check(false), check(true));
        let places = |results: &[UnitResult]| -> Vec<(String, String, Span, String)> {
            let findings = results.iter().flat_map(|r| &r.findings);
            let place = |f: &Finding| {
                (
                    f.rule.id.clone(),
                    f.file.path.clone(),
                    f.span,
                    f.path.clone(),
                )
            };
            findings.map(place).collect()
        };
        assert!(places(&kept).len() > 20, "the example league has findings");
        assert_eq!(places(&kept), places(&dropped));
        let trees = |results: &[UnitResult]| -> Vec<Kind> {
            let files = results.iter().flat_map(|r| &r.unit.files);
            files.filter(|f| f.root.is_some()).map(|f| f.kind).collect()
        };
        assert!(trees(&kept).iter().any(|&kind| kind != Kind::Unit));
        assert!(!trees(&dropped).is_empty());
        assert!(trees(&dropped).iter().all(|&kind| kind == Kind::Unit));
        for finding in dropped.iter().flat_map(|r| &r.findings) {
            assert!(finding.file.has_line_starts(), "{}", finding.file.path);
        }
    }

    /// A streamed run holds two batches, not the league: when a batch is reported, every result
    /// of the batches before it has been freed, with one thread or two. (A free spawned on the
    /// pool from inside the streaming loop ran, with one thread, only at the end of the run.)
    #[test]
    fn results_are_freed_once_reported() {
        let (units, policies) = example_league();
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            let kept = pool
                .expect("a pool")
                .install(|| results_kept_too_long(&units, &policies));
            // Each pair: a result still held, and how many had been reported when it was seen.
            assert_eq!(kept, [], "{threads} threads");
        }
    }

    /// Stream the units over and over for five batches, and note each result that was still
    /// held when a later batch was reported.
    fn results_kept_too_long(units: &[UnitDir], policies: &Policies) -> Vec<(usize, usize)> {
        let batch = BATCH_PER_THREAD * rayon::current_num_threads();
        let mut walk = units.iter().cycle().take(5 * batch).cloned();
        let mut reported: Vec<std::sync::Weak<SourceFile>> = Vec::new();
        let mut kept_too_long = Vec::new();
        let options = CheckOptions::default();
        check_units_streaming(&mut walk, policies, &options, &mut |result| {
            let earlier_batches = &reported[..reported.len() / batch * batch];
            if let Some(index) = earlier_batches.iter().position(|f| f.strong_count() > 0) {
                kept_too_long.push((index, reported.len()));
            }
            reported.push(Arc::downgrade(&result.unit.files[0].source));
            Ok(())
        })
        .expect("nothing to write");
        assert_eq!(reported.len(), 5 * batch);
        kept_too_long
    }

    /// A report that read a section after its tree was freed would find no items and say
    /// nothing: in tests that is a panic.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "looked up after the sections' trees were freed")]
    fn a_section_looked_up_after_its_tree_was_freed_fails_in_tests() {
        let (units, policies) = example_league();
        let options = CheckOptions {
            drop_items: true,
            ..CheckOptions::default()
        };
        let results = check_units(&units[..1], &policies, &options);
        assert!(results[0].unit.file(Kind::Unit).is_some());
        let _ = results[0].unit.file(Kind::Signage);
    }

    /// A finding copies its item's name and its message's values out of the tree, which is
    /// freed before the report: those of up to 24 bytes (most) are held without allocating.
    #[test]
    fn short_names_and_values_of_findings_are_held_inline() {
        let (units, policies) = example_league();
        let results = check_units(&units, &policies, &CheckOptions::default());
        let findings: Vec<&Finding> = results.iter().flat_map(|r| &r.findings).collect();
        let items: Vec<_> = findings.iter().filter_map(|f| f.item.as_ref()).collect();
        let texts: Vec<_> = findings
            .iter()
            .flat_map(|f| &f.message.args)
            .filter_map(|(_, arg)| match arg {
                crate::wording::Arg::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        for (what, all) in [("item names", items), ("texts", texts)] {
            let short: Vec<_> = all.iter().filter(|t| t.len() <= 24).collect();
            assert!(
                short.len() >= 10,
                "{what}: {} short of {}",
                short.len(),
                all.len()
            );
            assert!(all.iter().any(|t| !t.is_ascii()));
            for text in short {
                assert!(!text.is_heap_allocated(), "{what}: {text} allocated");
            }
        }
    }

    #[test]
    fn first_names_are_given_back_as_kept_with_or_without_their_code() {
        let mut names = FirstNames::default();
        let kept = [
            ("152223100201-某嘎查", 152223100201),
            ("某社区", 152223100001),
            ("152223100201-", 152223100201),
            ("152223100209-另一个代码", 152223100202),
            ("000000000007-零", 7),
            ("152223100203-名\0中", 152223100203),
        ];
        let at: Vec<u32> = kept.iter().map(|(n, c)| names.keep(n, *c)).collect();
        for ((name, code), at) in kept.iter().zip(at) {
            // A NUL, which ends a kept name, is left out.
            assert_eq!(names.at(at, *code), name.replace('\0', ""));
        }
        let written: usize = kept.iter().map(|(n, _)| n.len() + 1).sum();
        assert!(names.names.len() < written);
    }
}
