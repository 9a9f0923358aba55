//! What happens to findings between the engine and the reports, unit by unit:
//! waivers mark the accepted ones, `--write-baseline` records what is open, a baseline drops what
//! was already known, and filters keep what the user asked to see.
//!
//! Filters select what is reported and never what a rule sees: GROUP-001 still counted every
//! group before a `--township` filter hides the units of other townships.

use std::sync::Arc;

use chrono::NaiveDate;

use crate::baseline::{Baseline, BaselineWriter};
use crate::check::unit_facts;
use crate::config::{LoadedConfig, Waiver, code_matches};
use crate::finding::{Clearance, Finding, Severity};
use crate::outcome::UnitResult;
use crate::policy::RuleSet;
use crate::source::{SourceFile, Span};
use crate::wording::{Key, Message, keys};

/// Which findings to report (empty lists select everything).
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub clearances: Vec<Clearance>,
    /// Rule ids or id prefixes (`GROUP-`).
    pub rules: Vec<String>,
    pub severities: Vec<Severity>,
    /// Banner names, or code prefixes (`152223`).
    pub banners: Vec<String>,
    /// Township names, or code prefixes (`152223103`).
    pub townships: Vec<String>,
    /// Unit codes, or prefixes ending in `*`.
    pub units: Vec<String>,
}

/// A `--rule` that names no rule in force.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    pub given: String,
    /// The closest rule id, when one is close enough to be a likely typo.
    pub suggestion: Option<String>,
}

impl Filter {
    /// Check `--rule` values against the rules in force and spell them as ids are spelled:
    /// case is ignored and a value may be a prefix (`group-`, `GROUP-*`, `GROUP`). A value that
    /// starts no rule id is an error, with the closest id when there is one.
    pub fn resolve_rules(&mut self, rule_ids: &[&str]) -> Result<(), UnknownRule> {
        for rule in &mut self.rules {
            let wanted = rule.trim().trim_end_matches('*').to_uppercase();
            if !rule_ids.iter().any(|id| id.starts_with(&wanted)) {
                return Err(UnknownRule {
                    given: rule.clone(),
                    suggestion: closest_rule_id(&wanted, rule_ids),
                });
            }
            *rule = wanted;
        }
        Ok(())
    }

    /// Whether any unit-level filter is set (a unit outside them is not reported at all).
    pub fn selects_units(&self) -> bool {
        !(self.banners.is_empty() && self.townships.is_empty() && self.units.is_empty())
    }

    /// Whether the unit's findings are reported at all.
    pub fn unit_selected(&self, result: &UnitResult) -> bool {
        if !self.selects_units() {
            return true;
        }
        let facts = unit_facts(&result.unit);
        // A code prefix, or a name or part of one (扎赉特 selects 扎赉特旗).
        let place = |wanted: &[String], name: Option<&str>| {
            wanted.is_empty()
                || wanted.iter().any(|w| {
                    let w = w.trim();
                    let by_code = !w.is_empty()
                        && w.chars().all(|c| c.is_ascii_digit())
                        && facts.code.is_some_and(|c| c.starts_with(w));
                    by_code || (!w.is_empty() && name.is_some_and(|n| n.contains(w)))
                })
        };
        // A code, or a prefix of one with or without `*`.
        let unit = |wanted: &String| {
            let prefix = wanted.trim().trim_end_matches('*');
            facts.code.is_some_and(|c| c.starts_with(prefix)) || code_matches(wanted, facts.code)
        };
        place(&self.banners, facts.banner)
            && place(&self.townships, facts.township)
            && (self.units.is_empty() || self.units.iter().any(unit))
    }

    /// Whether a finding of a selected unit is reported.
    pub fn finding_selected(&self, finding: &Finding) -> bool {
        (self.clearances.is_empty() || self.clearances.contains(&finding.rule.clearance))
            && (self.rules.is_empty()
                || self
                    .rules
                    .iter()
                    .any(|r| finding.rule.id.starts_with(r.as_str())))
            && (self.severities.is_empty() || self.severities.contains(&finding.severity))
    }
}

/// The rule id closest to a mistyped one. Ids are compared whole and strictly, so that a
/// different family is never offered for a typo (NOPE-001 is not INSPECT-001).
pub fn closest_rule_id(wanted: &str, rule_ids: &[&str]) -> Option<String> {
    rule_ids
        .iter()
        .map(|id| (strsim::jaro_winkler(wanted, id), *id))
        .filter(|(score, _)| *score >= 0.88)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id.to_owned())
}

/// A waiver from `jianfu.yaml`, with how often it applied.
#[derive(Debug)]
struct ActiveWaiver {
    /// Its place in `waivers:`.
    index: usize,
    waiver: Waiver,
    expiry: NaiveDate,
    used: usize,
}

impl ActiveWaiver {
    fn applies_to(&self, finding: &Finding, today: NaiveDate) -> bool {
        let rule = self.waiver.rule.value();
        let rule_matches = match rule.strip_suffix('*') {
            Some(prefix) => finding.rule.id.starts_with(prefix),
            None => finding.rule.id == *rule,
        };
        today <= self.expiry
            && rule_matches
            && code_matches(self.waiver.unit.value(), finding.unit.as_deref())
            && self.waiver.path.as_deref().is_none_or(|p| {
                path_within(&finding.path, p) || path_within(&finding.stable_path(), p)
            })
    }

    /// The waiver as the WAIVER findings name it.
    fn described(&self, key: &'static Key) -> Message {
        let w = &self.waiver;
        let path = w
            .path
            .as_deref()
            .map(|p| format!(" {p}"))
            .unwrap_or_default();
        Message::new(key)
            .arg("rule", w.rule.value().as_str())
            .arg("unit", format!("{}{path}", w.unit.value()))
            .arg("approver", w.approver.as_str())
            .arg("reason", w.reason.as_str())
    }
}

/// Whether `path` is `prefix` or lies below it (`signs[2].name` is within `signs[2]`).
fn path_within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// How a run treats findings after evaluation; see the module documentation.
#[derive(Debug)]
pub struct Triage {
    waivers: Vec<ActiveWaiver>,
    today: NaiveDate,
    baseline: Option<Baseline>,
    writer: Option<BaselineWriter>,
    pub filter: Filter,
    /// The codes of the units checked, so that a waiver for units outside the run is not called
    /// unused.
    checked: Vec<Arc<str>>,
}

/// What the triage learned over a run, once every unit has passed.
#[derive(Debug, Default)]
pub struct TriageEnd {
    /// Findings about the configuration: expired and unused waivers.
    pub findings: Vec<Finding>,
    /// Findings the baseline absorbed, and recorded findings that no longer occur.
    pub baseline: Option<(usize, usize)>,
    /// The baseline to write, with `--write-baseline`.
    pub written: Option<BaselineWriter>,
}

impl Triage {
    /// `strict` ignores every waiver; `today` decides which have expired.
    pub fn new(config: &LoadedConfig, strict: bool, today: NaiveDate) -> Triage {
        let waivers = if strict {
            Vec::new()
        } else {
            config
                .config
                .waivers
                .iter()
                .enumerate()
                .filter_map(|(index, w)| {
                    Some(ActiveWaiver {
                        index,
                        expiry: w.expiry()?,
                        waiver: w.clone(),
                        used: 0,
                    })
                })
                .collect()
        };
        Triage {
            waivers,
            today,
            baseline: None,
            writer: None,
            filter: Filter::default(),
            checked: Vec::new(),
        }
    }

    pub fn with_baseline(mut self, baseline: Option<Baseline>) -> Triage {
        self.baseline = baseline;
        self
    }

    /// Record every open finding for `--write-baseline`.
    pub fn recording(mut self, record: bool) -> Triage {
        self.writer = record.then(BaselineWriter::default);
        self
    }

    pub fn with_filter(mut self, filter: Filter) -> Triage {
        self.filter = filter;
        self
    }

    /// Waive, record, drop what the baseline knows, then keep what the filters select.
    /// Returns whether the unit itself is selected: one outside `--banner`, `--township` or
    /// `--unit` is neither reported nor counted.
    /// Whether `--banner`, `--township` or `--unit` narrows the units reported.
    pub fn selects_units(&self) -> bool {
        self.filter.selects_units()
    }

    pub fn apply(&mut self, result: &mut UnitResult) -> bool {
        // Only needed to judge waivers unused; a province without waivers keeps no list.
        if let (false, Some(code)) = (self.waivers.is_empty(), &result.unit.code) {
            self.checked.push(code.clone());
        }
        for finding in &mut result.findings {
            self.waive(finding);
            if let (Some(writer), None) = (&mut self.writer, &finding.waived) {
                writer.record(finding);
            }
        }
        if let Some(baseline) = &mut self.baseline {
            result
                .findings
                .retain(|f| f.waived.is_some() || !baseline.absorbs(f));
        }
        if !self.filter.unit_selected(result) {
            result.findings.clear();
            return false;
        }
        let filter = &self.filter;
        result.findings.retain(|f| filter.finding_selected(f));
        true
    }

    fn waive(&mut self, finding: &mut Finding) {
        let today = self.today;
        if let Some(waiver) = self
            .waivers
            .iter_mut()
            .find(|w| w.applies_to(finding, today))
        {
            waiver.used += 1;
            finding.waived = Some(Box::new(crate::finding::Waived {
                reason: waiver.waiver.reason.clone(),
                approver: waiver.waiver.approver.clone(),
                expires: waiver.waiver.expires.0.clone(),
            }));
        }
    }

    /// Report the waivers that expired or waived nothing, against the rules' headers in `rules`.
    pub fn finish(self, config: &LoadedConfig, rules: &RuleSet) -> TriageEnd {
        let mut findings = Vec::new();
        if !self.waivers.is_empty() {
            let file = SourceFile::new(config.shown(), config.text());
            for waiver in &self.waivers {
                let targets_a_checked_unit = self
                    .checked
                    .iter()
                    .any(|code| code_matches(waiver.waiver.unit.value(), Some(code)));
                // Both waiver findings are about the units checked: checking one unit never
                // reports another unit's expired or unused waiver.
                if !targets_a_checked_unit {
                    continue;
                }
                if let Some(finding) = waiver_finding(waiver, self.today, &file, rules) {
                    findings.push(finding);
                }
            }
        }
        // The configuration belongs to no unit: a run narrowed to some units leaves it out.
        let filter = &self.filter;
        findings.retain(|f| !filter.selects_units() && filter.finding_selected(f));
        TriageEnd {
            findings,
            baseline: self.baseline.map(|b| (b.matched, b.stale())),
            written: self.writer,
        }
    }
}

/// WAIVER-001 for an expired waiver, WAIVER-002 for one that waived nothing.
fn waiver_finding(
    waiver: &ActiveWaiver,
    today: NaiveDate,
    file: &Arc<SourceFile>,
    rules: &RuleSet,
) -> Option<Finding> {
    let expired = today > waiver.expiry;
    let (id, message) = match (expired, waiver.used) {
        (true, _) => (
            "WAIVER-001",
            waiver
                .described(&keys::WAIVER_EXPIRED)
                .arg("expiry", waiver.expiry.to_string()),
        ),
        (false, 0) => ("WAIVER-002", waiver.described(&keys::WAIVER_UNUSED)),
        (false, _) => return None,
    };
    let rule = rules.get(id)?;
    let start = waiver.waiver.rule.offset();
    let span = Span::new(start, start + waiver.waiver.rule.len());
    Some(Finding::new(
        rule.header.clone(),
        rule.severity,
        file.clone(),
        span,
        format!("waivers[{}]", waiver.index),
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_covers_itself_and_what_lies_below() {
        assert!(path_within("signs[2].name", "signs[2]"));
        assert!(path_within("signs[2]", "signs[2]"));
        assert!(!path_within("signs[20]", "signs[2]"));
        assert!(path_within("signs[村史馆].name", "signs[村史馆]"));
    }

    #[test]
    fn rule_filters_ignore_case_take_prefixes_and_suggest_only_close_ids() {
        let ids = ["GROUP-001", "GROUP-002", "INSPECT-001", "SIGN-001"];
        let resolve = |given: &str| {
            let mut filter = Filter {
                rules: vec![given.to_owned()],
                ..Filter::default()
            };
            filter.resolve_rules(&ids).map(|()| filter.rules[0].clone())
        };
        assert_eq!(resolve("group-001"), Ok("GROUP-001".into()));
        assert_eq!(resolve("GROUP-*"), Ok("GROUP-".into()));
        assert_eq!(resolve("sign"), Ok("SIGN".into()));
        assert_eq!(
            resolve("GRUOP-001"),
            Err(UnknownRule {
                given: "GRUOP-001".into(),
                suggestion: Some("GROUP-001".into())
            })
        );
        assert_eq!(
            resolve("NOPE-001"),
            Err(UnknownRule {
                given: "NOPE-001".into(),
                suggestion: None
            })
        );
    }
}
