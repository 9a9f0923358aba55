//! Rest days by year: the State Council's holiday calendars (放假调休安排), for MEET-004.
//!
//! The General Office of the State Council publishes each autumn the next year's days off and
//! make-up working days (调休上班). jianfu carries the published years in `data/holidays.yaml`
//! (each with its notice), and a league adds a newly published year in `jianfu.yaml`
//! (`calendars:`) the day the notice appears, without a new release. For a year with no
//! calendar only Saturdays and Sundays are rest days, and the run says so once ([`Calendar::
//! years_without_calendar`]) rather than guess or stay silent.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Deserialize;

/// The calendars published when this version was built, with their sources.
const PUBLISHED: &str = include_str!("../data/holidays.yaml");

/// One year's calendar as written in `data/holidays.yaml` or `jianfu.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearCalendar {
    /// The notice that published it: title, number where it has one, and date.
    pub source: String,
    /// Days off: `YYYY-MM-DD`, or an inclusive range `YYYY-MM-DD..YYYY-MM-DD`.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Saturdays and Sundays that are make-up working days (调休上班), `YYYY-MM-DD`.
    #[serde(default)]
    pub workdays: Vec<String>,
}

/// What is wrong with a year's calendar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("`{0}` is not a year")]
    NotAYear(String),
    #[error("the calendar of {0} needs a `source` (the notice's title and date)")]
    NoSource(i32),
    #[error("`{entry}` in the calendar of {year} is not a date or a range of dates of that year")]
    BadDate { year: i32, entry: String },
}

/// One year's days off and make-up working days.
#[derive(Clone, Debug, Default)]
struct Year {
    holidays: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

/// The calendars in force for a run: the published ones with the league's additions.
#[derive(Debug, Default)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
    /// Years asked about that have no calendar, for the run's note.
    uncovered: Mutex<BTreeSet<i32>>,
}

impl Calendar {
    /// The calendars jianfu carries (2024, 2025 and 2026 in this version).
    pub fn published() -> Calendar {
        let raw: BTreeMap<String, YearCalendar> =
            serde_saphyr::from_str(PUBLISHED).unwrap_or_default();
        let mut calendar = Calendar::default();
        // The embedded file is checked by a test; an entry that did not parse is left out.
        for (year, days) in &raw {
            let _ = calendar.add(year, days);
        }
        calendar
    }

    /// The published calendars, parsed once per process and shared.
    pub fn shared_published() -> std::sync::Arc<Calendar> {
        static SHARED: std::sync::OnceLock<std::sync::Arc<Calendar>> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| std::sync::Arc::new(Calendar::published()))
            .clone()
    }

    /// The published calendars with `added` laid over them (a year in both is replaced).
    pub fn with(added: &BTreeMap<String, YearCalendar>) -> Result<Calendar, CalendarError> {
        let mut calendar = Calendar::published();
        for (year, days) in added {
            calendar.add(year, days)?;
        }
        Ok(calendar)
    }

    fn add(&mut self, year: &str, days: &YearCalendar) -> Result<(), CalendarError> {
        let year: i32 = year
            .trim()
            .parse()
            .ok()
            .filter(|y| (1949..=9999).contains(y))
            .ok_or_else(|| CalendarError::NotAYear(year.to_owned()))?;
        if days.source.trim().is_empty() {
            return Err(CalendarError::NoSource(year));
        }
        let of_year = |entries: &[String]| -> Result<HashSet<NaiveDate>, CalendarError> {
            let mut set = HashSet::new();
            for entry in entries {
                let dates = expand_dates(entry)
                    .filter(|dates| dates.iter().all(|d| d.year() == year))
                    .ok_or_else(|| CalendarError::BadDate {
                        year,
                        entry: entry.clone(),
                    })?;
                set.extend(dates);
            }
            Ok(set)
        };
        let entry = Year {
            holidays: of_year(&days.holidays)?,
            workdays: of_year(&days.workdays)?,
        };
        self.years.insert(year, entry);
        Ok(())
    }

    /// Whether `date` is a rest day: a day off of its year's calendar, or a Saturday or Sunday
    /// that is not a make-up working day. A year with no calendar is remembered for the run's
    /// note, and only its weekends count.
    /// `days` after `date`, moved on to the next working day when it falls on a weekend or a
    /// holiday (a make-up working day counts as working): a deadline as offices set one.
    pub fn working_day_after(&self, date: NaiveDate, days: u32) -> NaiveDate {
        let mut deadline = date + chrono::Days::new(u64::from(days));
        // A holiday lasts at most a few weeks; the bound keeps a broken calendar from looping.
        for _ in 0..60 {
            if !self.is_rest_day(deadline) {
                break;
            }
            deadline = deadline + chrono::Days::new(1);
        }
        deadline
    }

    pub fn is_rest_day(&self, date: NaiveDate) -> bool {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        match self.years.get(&date.year()) {
            Some(year) => {
                year.holidays.contains(&date) || (weekend && !year.workdays.contains(&date))
            }
            None => {
                self.uncovered
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(date.year());
                weekend
            }
        }
    }

    /// The years with a calendar.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// Years whose dates were checked by weekends alone in this run, in order.
    pub fn years_without_calendar(&self) -> Vec<i32> {
        let uncovered = self.uncovered.lock().unwrap_or_else(|e| e.into_inner());
        uncovered.iter().copied().collect()
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DD..YYYY-MM-DD` (inclusive, at most a year) → the days.
pub fn expand_dates(entry: &str) -> Option<Vec<NaiveDate>> {
    let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    let (from, to) = match entry.split_once("..") {
        Some((a, b)) => (parse(a)?, parse(b)?),
        None => (parse(entry)?, parse(entry)?),
    };
    if to < from || (to - from).num_days() > 366 {
        return None;
    }
    Some(from.iter_days().take_while(|d| *d <= to).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_published_file_parses_whole() {
        let raw: BTreeMap<String, YearCalendar> = serde_saphyr::from_str(PUBLISHED).unwrap();
        let mut calendar = Calendar::default();
        for (year, days) in &raw {
            calendar.add(year, days).unwrap();
        }
        assert_eq!(calendar.years(), [2024, 2025, 2026]);
        assert!(raw.values().all(|y| y.source.contains("国务院办公厅")));
    }

    #[test]
    fn each_year_knows_its_holidays_and_make_up_days() {
        let calendar = Calendar::published();
        // 2024: 春节 2024-02-10..17; 2024-02-04 (Sunday) and 2024-02-18 (Sunday) are worked.
        assert!(calendar.is_rest_day(day("2024-02-15")));
        assert!(!calendar.is_rest_day(day("2024-02-04")));
        assert!(!calendar.is_rest_day(day("2024-02-18")));
        assert!(
            calendar.is_rest_day(day("2024-02-24")),
            "an ordinary Saturday"
        );
        // 2025: 2025-04-27 is a Sunday worked; 2025-05-02 a Friday off.
        assert!(!calendar.is_rest_day(day("2025-04-27")));
        assert!(calendar.is_rest_day(day("2025-05-02")));
        assert!(!calendar.is_rest_day(day("2025-05-12")));
        // 2026: 中秋节 2026-09-25 is a Friday off; 2026-09-20 a Sunday worked.
        assert!(calendar.is_rest_day(day("2026-09-25")));
        assert!(!calendar.is_rest_day(day("2026-09-20")));
        assert!(
            !calendar.is_rest_day(day("2026-10-10")),
            "a Saturday worked"
        );
        assert_eq!(calendar.years_without_calendar(), Vec::<i32>::new());
    }

    #[test]
    fn a_year_without_calendar_counts_weekends_and_is_remembered() {
        let calendar = Calendar::published();
        assert!(!calendar.is_rest_day(day("2027-10-01")), "a Friday");
        assert!(calendar.is_rest_day(day("2027-10-02")), "a Saturday");
        assert!(!calendar.is_rest_day(day("2023-10-02")), "a Monday");
        assert_eq!(calendar.years_without_calendar(), [2023, 2027]);
    }

    #[test]
    fn a_league_adds_next_years_calendar() {
        let added: BTreeMap<String, YearCalendar> = serde_saphyr::from_str(
            "2027:\n  source: 示例通知\n  holidays: [2027-10-01..2027-10-07]\n  workdays: [2027-09-26]\n",
        )
        .unwrap();
        let calendar = Calendar::with(&added).unwrap();
        assert!(calendar.is_rest_day(day("2027-10-01")));
        assert!(!calendar.is_rest_day(day("2027-09-26")));
        assert_eq!(calendar.years_without_calendar(), Vec::<i32>::new());
    }

    #[test]
    fn a_bad_calendar_says_what_is_wrong() {
        let parse = |text: &str| {
            let added: BTreeMap<String, YearCalendar> = serde_saphyr::from_str(text).unwrap();
            Calendar::with(&added).err()
        };
        assert_eq!(
            parse("2027:\n  source: \"\"\n"),
            Some(CalendarError::NoSource(2027))
        );
        assert_eq!(
            parse("2027:\n  source: 通知\n  holidays: [2028-01-01]\n"),
            Some(CalendarError::BadDate {
                year: 2027,
                entry: "2028-01-01".into()
            })
        );
        assert_eq!(
            parse("next:\n  source: 通知\n"),
            Some(CalendarError::NotAYear("next".into()))
        );
    }
}
