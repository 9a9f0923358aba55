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

use crate::discover::{DiscoverError, UnitDir, discover_units};
use crate::eval::evaluate;
use crate::finding::{Finding, Lang};
use crate::inventory::{LoadOptions, LoadedUnit, load_unit};
use crate::load::Limits;
use crate::policy::RuleSet;

/// How to run a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    pub lang: Lang,
    pub limits: Limits,
    /// Evaluate the policies; `false` only loads and validates (parse-only, for benchmarks).
    pub skip_policies: bool,
}

/// One unit's outcome.
#[derive(Debug)]
pub struct UnitResult {
    pub unit: LoadedUnit,
    /// SUBMIT and policy findings, sorted by file, position and rule.
    pub findings: Vec<Finding>,
}

/// The policies in force: the league's rule set, and one per combination of scoped overrides
/// (一村一策), compiled when first needed and then shared.
pub struct Policies {
    set: PolicySet,
    config: LoadedConfig,
    base: Arc<RuleSet>,
    scoped: Mutex<HashMap<Vec<usize>, Arc<RuleSet>>>,
}

impl Policies {
    /// Compile the league's rules, and every override on its own so that a broken override is
    /// an error before any inventory is read.
    pub fn new(set: PolicySet, config: LoadedConfig) -> Result<Policies, PolicyError> {
        config.validate(&set.rule_ids())?;
        let base = Arc::new(set.compile(&config.base_settings())?);
        let mut scoped = HashMap::new();
        for index in 0..config.config.overrides.len() {
            let settings = config.settings_with_override(index);
            scoped.insert(vec![index], Arc::new(set.compile(&settings)?));
        }
        Ok(Policies {
            set,
            config,
            base,
            scoped: Mutex::new(scoped),
        })
    }

    /// The league-wide rules (what `rules` and `explain` show).
    pub fn base(&self) -> &Arc<RuleSet> {
        &self.base
    }

    /// The configuration in force.
    pub fn config(&self) -> &LoadedConfig {
        &self.config
    }

    pub fn limits(&self) -> crate::load::Limits {
        self.config.config.limits
    }

    /// The rules for a unit, given what its `unit.yaml` says.
    pub fn for_unit(&self, facts: &UnitFacts) -> Arc<RuleSet> {
        let (applied, settings) = self.config.settings_for(facts);
        if applied.is_empty() {
            return self.base.clone();
        }
        let mut cache = self.scoped.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rules) = cache.get(&applied) {
            return rules.clone();
        }
        // Every override compiled alone in `new`, so a combination compiles too; fall back to
        // the league's rules rather than fail halfway through a run.
        let rules = self
            .set
            .compile(&settings)
            .map(Arc::new)
            .unwrap_or_else(|_| self.base.clone());
        cache.insert(applied, rules.clone());
        rules
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
    let mut results = Vec::with_capacity(units.len());
    let collect = &mut |result| {
        results.push(result);
        Ok(())
    };
    // Collecting cannot fail.
    let _ = check_units_streaming(units, policies, options, collect);
    results
}

/// How many units are checked in parallel before their results are handed on. Large enough to
/// keep every core busy, small enough that memory does not grow with the league.
const BATCH: usize = 256;

/// Check `units` batch by batch, handing each result to `sink` in discovery order and dropping
/// it afterwards, so a province is checked in the memory of one batch. Stops at the first error
/// the sink returns (a closed output, say).
pub fn check_units_streaming(
    units: &[UnitDir],
    policies: &Policies,
    options: &CheckOptions,
    sink: &mut dyn FnMut(UnitResult) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let submit = policies.base().submit_rules();
    let load_options = LoadOptions {
        rules: &submit,
        limits: options.limits,
        lang: options.lang,
    };
    for batch in units.chunks(BATCH) {
        let results: Vec<UnitResult> = batch
            .par_iter()
            .map(|dir| check_one(dir, policies, options, &load_options))
            .collect();
        for result in results {
            sink(result)?;
        }
    }
    Ok(())
}

fn check_one(
    dir: &UnitDir,
    policies: &Policies,
    options: &CheckOptions,
    load_options: &LoadOptions,
) -> UnitResult {
    let shown = dir.dir.display().to_string();
    let mut unit = load_unit(&dir.dir, &shown, load_options);
    let mut findings = std::mem::take(&mut unit.findings);
    if !options.skip_policies {
        let facts = unit_facts(&unit);
        let rules = policies.for_unit(&facts);
        findings.extend(evaluate(&unit, &rules, options.lang));
    }
    sort_findings(&mut findings);
    UnitResult { unit, findings }
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
