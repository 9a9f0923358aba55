//! A bulletin gathered unit by unit, as the units are checked or read from reports.
//!
//! Each unit is counted into the statistics, the trend and the cases' weights as it comes, and
//! its findings that may end up in a case are written to a temporary file ([`Spill`]). When
//! every unit is in, the heaviest cases are known, and only their findings are read back to
//! write them out. So a bulletin holds its counts and the cases it prints, never the whole run:
//! a league of 100,000 units takes little more memory than one of 1,000.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;
use std::sync::Arc;

use super::cases::{
    self, CaseKey, CaseUnit, Problem, case_key_of, problem_of, rank_order, weight_of_problems,
};
use super::facts::{BulletinFinding, BulletinUnit};
use super::spill::Spill;
use super::trend::{Previous, TrendTally};
use super::{
    AreaTally, BULLETIN_FORMAT_VERSION, BodyTally, Bulletin, BulletinOptions, NotProblems,
    Statistics, SubmissionUnit, TOP_BODIES, Tally, Words, banner_of, is_problem, nonblank,
    not_given, official_quotes, open_findings, period_words, prose,
};
use crate::finding::{Clearance, RuleHeader, Severity};
use crate::inventory::codes::body_name;
use crate::report::Summary;
use crate::wording::{Locale, keys};

/// A bulletin in the making: add the units in the order they were found, then
/// [`finish`](Gather::finish) it.
pub struct Gather<'p> {
    words: Words,
    summary: Summary,
    areas: Areas,
    problems: Problems,
    bodies: BTreeMap<String, Caused>,
    periods: BTreeSet<String>,
    villages: usize,
    communities: usize,
    /// Open findings per rule, for each clearance.
    rules: BTreeMap<Clearance, BTreeMap<String, (Arc<RuleHeader>, usize)>>,
    /// The units with findings about their own inventory: the submission annex.
    submission: Vec<(CaseUnit, usize, Vec<String>)>,
    trend: Option<TrendTally<'p>>,
    /// Every case's weight and findings: what ranks it.
    ranks: Ranks,
    spill: Spill,
}

/// The problems of the run, as the statistics count them.
#[derive(Default)]
struct Problems {
    problems: usize,
    units: usize,
    bodies: HashSet<String>,
    by_clearance: BTreeMap<Clearance, usize>,
    not: NotProblems,
}

/// A body's problems, findings and errors, and the units it touched.
#[derive(Default)]
struct Caused {
    problems: usize,
    findings: usize,
    errors: usize,
    units: usize,
}

/// What ranks a case: the severities of its problems summed, and its findings.
#[derive(Default)]
struct Rank {
    weight: usize,
    findings: usize,
}

/// The cases' ranks, bodies' and rules' apart so that a case is looked up by its text.
#[derive(Default)]
struct Ranks {
    bodies: BTreeMap<String, Rank>,
    rules: BTreeMap<String, Rank>,
}

impl Ranks {
    fn of(&mut self, key: &CaseKey) -> &mut Rank {
        let (ranks, text) = match key {
            CaseKey::Body(body) => (&mut self.bodies, body),
            CaseKey::Rule(id) => (&mut self.rules, id),
        };
        if !ranks.contains_key(text.as_ref()) {
            ranks.insert(text.to_string(), Rank::default());
        }
        ranks.get_mut(text.as_ref()).expect("inserted above")
    }

    fn iter(&self) -> impl Iterator<Item = (CaseKey<'_>, &Rank)> {
        let bodies = self
            .bodies
            .iter()
            .map(|(b, r)| (CaseKey::Body(b.into()), r));
        let rules = self
            .rules
            .iter()
            .map(|(id, r)| (CaseKey::Rule(id.into()), r));
        bodies.chain(rules)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.bodies.len() + self.rules.len()
    }
}

/// An open finding of the unit being added, with what the counts ask of it worked out once.
struct Open<'a> {
    finding: &'a BulletinFinding,
    /// The body that caused it, in one spelling.
    body: Option<Cow<'a, str>>,
    problem: Problem<'a>,
}

impl<'a> Open<'a> {
    fn of(finding: &'a BulletinFinding) -> Open<'a> {
        Open {
            finding,
            body: finding.imposer.as_deref().and_then(body_name),
            problem: problem_of(finding),
        }
    }

    /// The case it joins ([`cases::case_key`]).
    fn case(&self) -> CaseKey<'a> {
        case_key_of(self.finding, self.body.clone())
    }
}

/// How many distinct values a sorted run holds.
fn distinct<T: PartialEq>(sorted: impl Iterator<Item = T>) -> usize {
    let mut count = 0;
    let mut last = None;
    for value in sorted {
        if last.as_ref() != Some(&value) {
            count += 1;
            last = Some(value);
        }
    }
    count
}

/// Tallies per banner and per township, in the order units were found.
#[derive(Default)]
struct Areas {
    banners: Vec<AreaTally>,
    townships: Vec<AreaTally>,
    /// Where each banner and (banner, township) sits in the lists above.
    banner_at: BTreeMap<String, usize>,
    township_at: BTreeMap<(String, String), usize>,
}

/// What the prose needs of the whole run besides the statistics.
pub(super) struct RunFacts {
    pub(super) units: usize,
    pub(super) villages: usize,
    pub(super) communities: usize,
    /// The rules with most open findings in each clearance, most first.
    rules: BTreeMap<Clearance, Vec<(Arc<RuleHeader>, usize)>>,
    /// The units with findings about their own inventory, as a narrative names them.
    pub(super) broken: Vec<String>,
}

impl RunFacts {
    /// The rules with most open findings in one clearance, most first.
    pub(super) fn top_rules(&self, clearance: Clearance) -> &[(Arc<RuleHeader>, usize)] {
        self.rules.get(&clearance).map_or(&[], Vec::as_slice)
    }
}

impl<'p> Gather<'p> {
    /// A bulletin in `locale`, compared with `previous` when given.
    pub fn new(locale: Locale, previous: Option<Previous<'p>>) -> Gather<'p> {
        Gather {
            words: Words::new(locale),
            summary: Summary::default(),
            areas: Areas::default(),
            problems: Problems::default(),
            bodies: BTreeMap::new(),
            periods: BTreeSet::new(),
            villages: 0,
            communities: 0,
            rules: BTreeMap::new(),
            submission: Vec::new(),
            trend: previous.map(TrendTally::new),
            ranks: Ranks::default(),
            spill: Spill::default(),
        }
    }

    /// How many units were added.
    pub fn units(&self) -> usize {
        self.summary.units
    }

    /// Count one unit in; the units must come in the order they were found.
    pub fn add(&mut self, unit: &BulletinUnit) -> io::Result<()> {
        let open: Vec<Open> = open_findings(unit).map(Open::of).collect();
        self.count_findings(unit);
        let problem_count = self.count_problems(&open);
        self.areas.add(unit, &open, problem_count, &self.words);
        self.count_bodies(&open);
        if let Some(period) = unit.text("period")
            && !self.periods.contains(period)
        {
            self.periods.insert(period.to_owned());
        }
        self.villages += usize::from(unit.text("kind") == Some("village"));
        self.communities += usize::from(unit.text("kind") == Some("community"));
        self.note_submission(unit);
        if let Some(trend) = &mut self.trend {
            trend.add(&unit.unit, &self.words);
        }
        let problems: Vec<(&BulletinFinding, CaseKey)> = open
            .iter()
            .filter(|seen| is_problem(seen.finding))
            .map(|seen| (seen.finding, seen.case()))
            .collect();
        self.rank_cases(&problems);
        self.spill.add(unit, &problems)
    }

    /// The counts `check`'s summary gives, and the open findings of each rule.
    fn count_findings(&mut self, unit: &BulletinUnit) {
        let summary = &mut self.summary;
        summary.units += 1;
        let mut open = 0;
        for finding in &unit.findings {
            if finding.waived {
                summary.waived += 1;
                continue;
            }
            open += 1;
            *summary.by_severity.entry(finding.severity).or_default() += 1;
            *summary
                .by_clearance
                .entry(finding.rule.clearance)
                .or_default() += 1;
            let rules = self.rules.entry(finding.rule.clearance).or_default();
            match rules.get_mut(finding.rule.id.as_str()) {
                Some((_, count)) => *count += 1,
                None => {
                    rules.insert(finding.rule.id.clone(), (finding.rule.clone(), 1));
                }
            }
        }
        summary.findings += open;
        if open == 0 {
            summary.units_clean += 1;
        }
    }

    /// A unit's problems, the bodies that caused them, and the findings that are none; gives
    /// how many problems the unit has.
    fn count_problems(&mut self, open: &[Open]) -> usize {
        let counts = &mut self.problems;
        // Each problem with the clearance of its first finding.
        let mut problems: Vec<(Problem, Clearance)> = Vec::new();
        for seen in open {
            match seen.finding.rule.clearance {
                Clearance::Submit => counts.not.submission += 1,
                Clearance::Trend => counts.not.trend += 1,
                Clearance::Config => counts.not.config += 1,
                clearance => {
                    problems.push((seen.problem, clearance));
                    if let Some(body) = &seen.body
                        && !counts.bodies.contains(body.as_ref())
                    {
                        counts.bodies.insert(body.to_string());
                    }
                }
            }
        }
        // Stable: the first finding of each problem stays first.
        problems.sort_by_key(|(problem, _)| *problem);
        problems.dedup_by_key(|(problem, _)| *problem);
        counts.problems += problems.len();
        counts.units += usize::from(!problems.is_empty());
        for (_, clearance) in &problems {
            *counts.by_clearance.entry(*clearance).or_default() += 1;
        }
        problems.len()
    }

    /// What each body named by the unit's open findings caused there.
    fn count_bodies(&mut self, open: &[Open]) {
        let mut named: Vec<(&str, Problem, bool)> = open
            .iter()
            .filter_map(|seen| {
                let body = seen.body.as_deref()?;
                Some((body, seen.problem, seen.finding.severity == Severity::Error))
            })
            .collect();
        named.sort_unstable();
        for by_body in named.chunk_by(|a, b| a.0 == b.0) {
            let body = by_body[0].0;
            let caused = match self.bodies.get_mut(body) {
                Some(caused) => caused,
                None => self.bodies.entry(body.to_owned()).or_default(),
            };
            caused.problems += distinct(by_body.iter().map(|(_, problem, _)| problem));
            caused.findings += by_body.len();
            caused.errors += by_body.iter().filter(|(_, _, error)| *error).count();
            caused.units += 1;
        }
    }

    /// A unit with open findings about its own inventory, for the annex.
    fn note_submission(&mut self, unit: &BulletinUnit) {
        let submit: Vec<&BulletinFinding> = open_findings(unit)
            .filter(|f| f.rule.clearance == Clearance::Submit)
            .collect();
        if submit.is_empty() {
            return;
        }
        let mut rules: Vec<String> = submit.iter().map(|f| f.rule.id.clone()).collect();
        rules.sort_unstable();
        rules.dedup();
        self.submission
            .push((cases::case_unit(unit), submit.len(), rules));
    }

    /// Add the unit's problems to the weights of the cases they join. A problem is a unit's,
    /// so a case's weight is the sum of its weights in each unit.
    fn rank_cases(&mut self, problems: &[(&BulletinFinding, CaseKey)]) {
        let mut joined: Vec<(&CaseKey, Problem, Severity)> = problems
            .iter()
            .map(|(finding, key)| (key, problem_of(finding), finding.severity))
            .collect();
        joined.sort_unstable_by_key(|(key, _, _)| *key);
        for by_case in joined.chunk_by(|a, b| a.0 == b.0) {
            let weight = weight_of_problems(by_case.iter().map(|(_, p, s)| (*p, *s)).collect());
            let rank = self.ranks.of(by_case[0].0);
            rank.weight += weight;
            rank.findings += by_case.len();
        }
    }

    /// The `top` cases a bulletin writes out.
    fn top_cases(&self, top: usize) -> HashSet<CaseKey<'static>> {
        let mut ranked: Vec<(CaseKey, &Rank)> = self.ranks.iter().collect();
        ranked.sort_by(|(a, rank_a), (b, rank_b)| {
            rank_order(
                (a, rank_a.weight, rank_a.findings),
                (b, rank_b.weight, rank_b.findings),
            )
        });
        ranked
            .into_iter()
            .take(top)
            .map(|(key, _)| key.into_owned())
            .collect()
    }

    /// The bulletin of the units added.
    pub fn finish(self, options: &BulletinOptions) -> io::Result<Bulletin> {
        let words = self.words.clone();
        let issuer = options
            .issuer
            .clone()
            .filter(|i| !i.trim().is_empty())
            .unwrap_or_else(|| words.say(&keys::BULLETIN_ISSUER_PLACEHOLDER, &[]));
        let mut statistics = self.statistics();
        statistics.findings += options.configuration_findings;
        statistics.not_problems.config += options.configuration_findings;
        let period = self.period_text();
        let context = cases::CaseContext {
            words: words.clone(),
            period: period.clone(),
            deadline: words.date(options.deadline),
            issuer: issuer.clone(),
        };
        let top = self.top_cases(options.top);
        let Gather {
            villages,
            communities,
            rules,
            submission,
            trend,
            spill,
            ..
        } = self;
        let written = spill.read_back(&top)?;
        let mut cases = cases::build_cases(&written, options.top, &context);
        drop(written);
        let trend = trend.map(|t| t.finish(&words));
        let (submission, broken) = submission_annex(submission);
        let run = RunFacts {
            units: statistics.units,
            villages,
            communities,
            rules: rules
                .into_iter()
                .map(|(clearance, counts)| (clearance, most_first(counts)))
                .collect(),
            broken,
        };
        let title = words.say(
            &keys::BULLETIN_TITLE,
            &[
                ("issuer", issuer.clone().into()),
                ("count", cases.len().into()),
            ],
        );
        let mut lead = prose::lead(&run, &statistics, &cases, &context);
        let mut analysis = prose::analysis(&run, &statistics, trend.as_ref(), &words);
        let mut requirements =
            prose::requirements(&run, &statistics, &cases, trend.as_ref(), &context);
        quote_officially(&mut cases);
        for text in [&mut lead, &mut analysis, &mut requirements] {
            *text = official_quotes(text);
        }
        Ok(Bulletin {
            version: BULLETIN_FORMAT_VERSION,
            lang: words.locale.tag().to_owned(),
            issuer,
            issuer_given: options
                .issuer
                .as_deref()
                .is_some_and(|i| !i.trim().is_empty()),
            doc_number: nonblank(&options.doc_number),
            recipients: nonblank(&options.recipients),
            copy_to: nonblank(&options.copy_to),
            date: options.date.format("%Y-%m-%d").to_string(),
            date_text: words.date(options.date),
            period,
            title,
            lead,
            cases,
            analysis,
            requirements,
            submission,
            statistics,
            trend,
        })
    }

    /// The units' reporting periods in words: one period (2025年第二季度), or several listed.
    fn period_text(&self) -> Option<String> {
        if self.periods.is_empty() {
            return None;
        }
        let named: Vec<String> = self
            .periods
            .iter()
            .map(|p| period_words(p, &self.words))
            .collect();
        Some(self.words.list(&named))
    }

    fn statistics(&self) -> Statistics {
        let words = &self.words;
        let summary = &self.summary;
        let by_severity = Severity::ALL
            .iter()
            .map(|&s| Tally {
                key: s.as_str(),
                label: words.locale.severity(s),
                count: summary.count(s),
            })
            .collect();
        let by_clearance = Clearance::ALL
            .iter()
            .filter_map(|&c| {
                let count = summary.by_clearance.get(&c).copied().unwrap_or(0);
                (count > 0).then(|| Tally {
                    key: c.as_str(),
                    label: words.locale.clearance(c),
                    count,
                })
            })
            .collect();
        let counts = &self.problems;
        let problems_by_clearance = Clearance::ALL
            .iter()
            .filter_map(|&c| {
                let count = counts.by_clearance.get(&c).copied()?;
                Some(Tally {
                    key: c.as_str(),
                    label: words.locale.clearance(c),
                    count,
                })
            })
            .collect();
        Statistics {
            units: summary.units,
            units_clean: summary.units_clean,
            findings: summary.findings,
            problems: counts.problems,
            problem_units: counts.units,
            bodies: counts.bodies.len(),
            not_problems: counts.not.clone(),
            waived: summary.waived,
            by_severity,
            by_clearance,
            problems_by_clearance,
            by_banner: self.areas.banners.clone(),
            by_township: self.areas.townships.clone(),
            top_bodies: self.top_bodies(),
        }
    }

    /// The bodies that caused most problems.
    fn top_bodies(&self) -> Vec<BodyTally> {
        let mut tallies: Vec<BodyTally> = self
            .bodies
            .iter()
            .map(|(body, caused)| BodyTally {
                body: body.clone(),
                problems: caused.problems,
                findings: caused.findings,
                errors: caused.errors,
                units: caused.units,
            })
            .collect();
        // Stable sort: ties stay in name order.
        tallies.sort_by_key(|b| std::cmp::Reverse((b.problems, b.errors, b.units)));
        tallies.truncate(TOP_BODIES);
        tallies
    }
}

/// An official document quotes with “” (‘’ within): the inventory's 「」 are rewritten.
fn quote_officially(cases: &mut [cases::Case]) {
    for case in cases {
        for text in [
            &mut case.headline,
            &mut case.narrative,
            &mut case.violation,
            &mut case.handling,
        ] {
            *text = official_quotes(text);
        }
    }
}

/// Rules and their counts, most first; ties in the order given (by id).
fn most_first(counts: BTreeMap<String, (Arc<RuleHeader>, usize)>) -> Vec<(Arc<RuleHeader>, usize)> {
    let mut rules: Vec<(Arc<RuleHeader>, usize)> = counts.into_values().collect();
    rules.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    rules
}

/// The annex on submission quality, and the names of its units as a narrative gives them.
fn submission_annex(
    units: Vec<(CaseUnit, usize, Vec<String>)>,
) -> (Vec<SubmissionUnit>, Vec<String>) {
    let case_units: Vec<CaseUnit> = units.iter().map(|(unit, _, _)| unit.clone()).collect();
    let names = cases::unit_names(&case_units);
    let annex = units
        .into_iter()
        .zip(&names)
        .map(|((_, findings, rules), name)| SubmissionUnit {
            unit: name.clone(),
            findings,
            rules,
        })
        .collect();
    (annex, names)
}

impl Areas {
    fn add(&mut self, unit: &BulletinUnit, open: &[Open], problems: usize, words: &Words) {
        let banner = banner_of(unit, words);
        let township = unit
            .text("township")
            .map(str::to_owned)
            .unwrap_or_else(|| not_given(words));
        let findings = open.len();
        let errors = open
            .iter()
            .filter(|seen| seen.finding.severity == Severity::Error)
            .count();
        let add = |tally: &mut AreaTally| {
            tally.units += 1;
            tally.units_clean += usize::from(findings == 0);
            tally.problems += problems;
            tally.findings += findings;
            tally.errors += errors;
        };
        let slot = match self.banner_at.get(&banner) {
            Some(&slot) => slot,
            None => {
                self.banners.push(AreaTally {
                    banner: banner.clone(),
                    ..AreaTally::default()
                });
                self.banner_at
                    .insert(banner.clone(), self.banners.len() - 1);
                self.banners.len() - 1
            }
        };
        add(&mut self.banners[slot]);
        let place = (banner, township);
        let slot = match self.township_at.get(&place) {
            Some(&slot) => slot,
            None => {
                self.townships.push(AreaTally {
                    banner: place.0.clone(),
                    township: Some(place.1.clone()),
                    ..AreaTally::default()
                });
                self.township_at.insert(place, self.townships.len() - 1);
                self.townships.len() - 1
            }
        };
        add(&mut self.townships[slot]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, check_units_streaming};
    use crate::discover::UnitWalk;

    /// The example league's units, checked, as a bulletin in `lang` sees them.
    fn example_units(lang: &str) -> Vec<BulletinUnit> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
        let policies = crate::cli::load_policies(None, &root, &[]).unwrap();
        let locale = Locale::built_in(lang).unwrap();
        let options = CheckOptions {
            limits: policies.limits(),
            ..CheckOptions::default()
        };
        let mut walk = UnitWalk::new(&[root]).unwrap();
        let mut units = Vec::new();
        check_units_streaming(&mut walk, &policies, &options, &mut |result| {
            units.push(BulletinUnit::of(result, &locale));
            Ok(())
        })
        .unwrap();
        units
    }

    fn options(top: usize) -> BulletinOptions {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 7, 2).unwrap();
        BulletinOptions {
            issuer: Some("X".to_owned()),
            doc_number: None,
            recipients: None,
            copy_to: None,
            date,
            deadline: date,
            configuration_findings: 0,
            top,
        }
    }

    fn gathered<'p>(units: &[BulletinUnit], lang: &str) -> Gather<'p> {
        let mut gather = Gather::new(Locale::built_in(lang).unwrap(), None);
        for unit in units {
            gather.add(unit).unwrap();
        }
        gather
    }

    fn context(lang: &str, period: Option<String>) -> cases::CaseContext {
        let words = Words::new(Locale::built_in(lang).unwrap());
        cases::CaseContext {
            deadline: words.date(options(1).deadline),
            words,
            period,
            issuer: "X".to_owned(),
        }
    }

    /// Every case's weight and findings, gathered unit by unit, are what the case says when
    /// it is written from all its findings at once.
    #[test]
    fn weights_gathered_unit_by_unit_are_the_cases_weights() {
        let units = example_units("zh");
        let mut gather = gathered(&units, "zh");
        let all = cases::build_cases(&units, usize::MAX, &context("zh", None));
        // Enough cases that ranking them is tested, bodies' and rules' both.
        assert!(all.len() > 10, "{}", all.len());
        assert!(all.iter().any(|c| c.body.is_none()));
        assert_eq!(gather.ranks.len(), all.len());
        for case in &all {
            let key = match &case.body {
                Some(body) => CaseKey::Body(Cow::Borrowed(body.as_str())),
                None => CaseKey::Rule(Cow::Borrowed(case.rules[0].id.as_str())),
            };
            let rank = gather.ranks.of(&key);
            assert_eq!((rank.weight, rank.findings), (case.weight, case.findings));
        }
    }

    /// The cases written from the findings read back are those of every unit held at once.
    #[test]
    fn cases_read_back_are_the_cases_of_every_unit() {
        for lang in ["zh", "en"] {
            let units = example_units(lang);
            for top in [1, 2, 3, 5, 10, 1000] {
                let bulletin = gathered(&units, lang).finish(&options(top)).unwrap();
                let mut held =
                    cases::build_cases(&units, top, &context(lang, bulletin.period.clone()));
                quote_officially(&mut held);
                assert_eq!(bulletin.cases.len(), held.len());
                assert_eq!(
                    serde_json::to_value(&bulletin.cases).unwrap(),
                    serde_json::to_value(&held).unwrap(),
                    "{lang}, top {top}"
                );
            }
        }
    }

    /// A clean run writes no temporary file and makes a bulletin with no cases.
    #[test]
    fn units_without_problems_make_no_cases() {
        let units: Vec<BulletinUnit> = example_units("zh")
            .into_iter()
            .map(|mut unit| {
                unit.findings.clear();
                unit
            })
            .collect();
        let gather = gathered(&units, "zh");
        assert!(gather.spill.is_empty());
        let bulletin = gather.finish(&options(10)).unwrap();
        assert!(bulletin.cases.is_empty());
        assert_eq!(bulletin.statistics.units, units.len());
        assert_eq!(bulletin.statistics.units_clean, units.len());
    }
}
