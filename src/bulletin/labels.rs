//! The fixed words of the rendered bulletin — headings and column labels — from the catalogue,
//! shared by the Markdown, HTML and Word renderers so that they always agree.

use crate::wording::{Key, keys};

use super::{Bulletin, Words};

/// The headings the renderers share, in the bulletin's language.
pub(crate) struct Headings {
    pub situation: String,
    pub cases: String,
    pub analysis: String,
    /// 附件说明, the line before the signature.
    pub attachment_note: String,
    /// Printed loudly in place of a missing issuer.
    pub issuer_missing: String,
    pub attachment: String,
    pub overview: String,
    pub by_clearance: String,
    pub by_banner: String,
    pub by_township: String,
    pub bodies: String,
    pub trend: String,
    pub rebounds: String,
    pub basis_rules: String,
    pub submission: String,
    /// The chart of problems per unit by banner.
    pub rate_chart: String,
    /// The chart of reductions by section.
    pub reduction_chart: String,
}

pub(crate) fn headings(words: &Words) -> Headings {
    let say = |key: &Key| words.say(key, &[]);
    Headings {
        situation: say(&keys::BULLETIN_HEADING_SITUATION),
        cases: say(&keys::BULLETIN_HEADING_CASES),
        analysis: say(&keys::BULLETIN_HEADING_REQUIREMENTS),
        attachment_note: say(&keys::BULLETIN_ATTACHMENT_NOTE),
        issuer_missing: say(&keys::BULLETIN_ISSUER_MISSING),
        attachment: say(&keys::BULLETIN_HEADING_ATTACHMENT),
        overview: say(&keys::BULLETIN_HEADING_OVERVIEW),
        by_clearance: say(&keys::BULLETIN_HEADING_BY_CLEARANCE),
        by_banner: say(&keys::BULLETIN_HEADING_BY_BANNER),
        by_township: say(&keys::BULLETIN_HEADING_BY_TOWNSHIP),
        bodies: say(&keys::BULLETIN_HEADING_BODIES),
        trend: say(&keys::BULLETIN_HEADING_TREND),
        rebounds: say(&keys::BULLETIN_HEADING_REBOUNDS),
        basis_rules: say(&keys::BULLETIN_HEADING_RULES),
        submission: say(&keys::BULLETIN_HEADING_SUBMISSION),
        rate_chart: say(&keys::BULLETIN_CHART_RATE),
        reduction_chart: say(&keys::BULLETIN_CHART_REDUCTION),
    }
}

/// Column labels of the statistics tables.
pub(crate) struct Columns {
    pub item: String,
    pub clearance: String,
    pub count: String,
    pub banner: String,
    pub township: String,
    pub units: String,
    pub clean: String,
    /// Distinct problems.
    pub problems: String,
    /// Problems per unit checked.
    pub rate: String,
    /// Rule hits.
    pub hits: String,
    pub body: String,
    pub units_involved: String,
    pub section: String,
    pub previous: String,
    pub current: String,
    pub change: String,
    pub unit: String,
    pub flaws: String,
    pub rules: String,
}

pub(crate) fn columns(words: &Words) -> Columns {
    let say = |key: &Key| words.say(key, &[]);
    Columns {
        item: say(&keys::BULLETIN_COLUMN_ITEM),
        clearance: say(&keys::BULLETIN_COLUMN_CLEARANCE),
        count: say(&keys::BULLETIN_COLUMN_COUNT),
        banner: say(&keys::BULLETIN_COLUMN_BANNER),
        township: say(&keys::BULLETIN_COLUMN_TOWNSHIP),
        units: say(&keys::BULLETIN_COLUMN_UNITS),
        clean: say(&keys::BULLETIN_COLUMN_CLEAN),
        problems: say(&keys::BULLETIN_COLUMN_PROBLEMS),
        rate: say(&keys::BULLETIN_COLUMN_RATE),
        hits: say(&keys::BULLETIN_COLUMN_HITS),
        body: say(&keys::BULLETIN_COLUMN_BODY),
        units_involved: say(&keys::BULLETIN_COLUMN_UNITS_INVOLVED),
        section: say(&keys::BULLETIN_COLUMN_SECTION),
        previous: say(&keys::BULLETIN_COLUMN_PREVIOUS),
        current: say(&keys::BULLETIN_COLUMN_CURRENT),
        change: say(&keys::BULLETIN_COLUMN_CHANGE),
        unit: say(&keys::BULLETIN_COLUMN_UNIT),
        flaws: say(&keys::BULLETIN_COLUMN_FLAWS),
        rules: say(&keys::BULLETIN_COLUMN_RULES),
    }
}

/// The overview rows shared by the renderers: the units, the problems the body counts and how
/// they reconcile with the rule hits `check` reports.
pub(crate) fn overview_rows(bulletin: &Bulletin, words: &Words) -> Vec<(String, usize)> {
    let s = &bulletin.statistics;
    let not = &s.not_problems;
    let hits = s.findings - not.submission - not.trend - not.config;
    [
        (&keys::BULLETIN_OVERVIEW_UNITS, s.units),
        (&keys::BULLETIN_OVERVIEW_CLEAN, s.units_clean),
        (&keys::BULLETIN_OVERVIEW_PROBLEM_UNITS, s.problem_units),
        (&keys::BULLETIN_OVERVIEW_PROBLEMS, s.problems),
        (&keys::BULLETIN_OVERVIEW_HITS, hits),
        (&keys::BULLETIN_OVERVIEW_BODIES, s.bodies),
        (&keys::BULLETIN_OVERVIEW_SUBMISSION, not.submission),
        (&keys::BULLETIN_OVERVIEW_TREND, not.trend),
        (&keys::BULLETIN_OVERVIEW_CONFIG, not.config),
        (&keys::BULLETIN_OVERVIEW_WAIVED, s.waived),
        (&keys::BULLETIN_OVERVIEW_FINDINGS, s.findings),
    ]
    .into_iter()
    .enumerate()
    // The first six rows always; what is not a problem only when there is some.
    .filter(|(i, (_, n))| *i < 6 || *n > 0 || *i == 10)
    .map(|(_, (key, n))| (words.say(key, &[]), n))
    .collect()
}
