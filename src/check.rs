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

pub fn check_units(
    units: &[UnitDir],
    policies: &Policies,
    options: &CheckOptions,
) -> Vec<UnitResult> {
    let submit = policies.base().submit_rules();
    let load_options = LoadOptions {
        rules: &submit,
        limits: options.limits,
        lang: options.lang,
    };
    units
        .par_iter()
        .map(|dir| {
            let shown = dir.dir.display().to_string();
            let mut unit = load_unit(&dir.dir, &shown, &load_options);
            let mut findings = std::mem::take(&mut unit.findings);
            if !options.skip_policies {
                let facts = UnitFacts {
                    code: unit.code.as_deref(),
                    banner: unit.unit_text("banner"),
                    township: unit.unit_text("township"),
                    township_category: unit.unit_text("township_category"),
                };
                let rules = policies.for_unit(&facts);
                findings.extend(evaluate(&unit, &rules, options.lang));
            }
            sort_findings(&mut findings);
            UnitResult { unit, findings }
        })
        .collect()
}

/// The one order of findings: by file, position, then rule.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}
