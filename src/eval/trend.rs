//! TREND-001: a section that lists more items than the same unit did in the previous period.
//! The previous period is counted, never evaluated ([`period`](crate::period)).

use crate::finding::Finding;
use crate::inventory::LoadedUnit;
use crate::period::{Detail, PeriodCounts, TREND_SECTIONS, count_unit};
use crate::policy::Rule;
use crate::source::Span;
use crate::wording::{Message, keys};

/// TREND-001: one finding per section that lists more items than the same unit (by code) did
/// in the previous period, at the section's key, naming both counts.
pub fn rebounds(unit: &LoadedUnit, previous: &PeriodCounts, rule: &Rule) -> Vec<Finding> {
    let Some(before) = unit.code.as_deref().and_then(|code| previous.get(code)) else {
        return Vec::new();
    };
    let now = count_unit(unit, Detail::Counts);
    let mut findings = Vec::new();
    for kind in TREND_SECTIONS {
        let (Some(was), Some(is)) = (before.count(kind), now.count(kind)) else {
            continue;
        };
        let (Some(file), Some(key)) = (unit.file(kind), kind.section_key()) else {
            continue;
        };
        if is <= was {
            continue;
        }
        let span = file
            .root
            .as_ref()
            .and_then(|root| root.entry(key))
            .map_or(Span::new(0, 0), |entry| entry.key.span);
        let period = before.period.unwrap_or("?");
        let message = Message::new(&keys::TREND_REBOUND)
            .arg("section", key)
            .arg("period", period)
            .arg("was", was)
            .arg("is", is);
        let mut finding = Finding::new(
            rule.header.clone(),
            rule.severity,
            file.source.clone(),
            span,
            key,
            message,
        );
        finding.unit = unit.code.clone();
        findings.push(finding);
    }
    findings
}
