//! `jianfu ledger`: check the units as `check` does, then write the rectification ledger
//! (整改台账) as a workbook, CSV or JSON; with `--previous`, last period's JSON ledger, each
//! problem's fate since. Exits 0 once the ledger is written, whatever it lists.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use miette::IntoDiagnostic;

use crate::check::{CheckOptions, check_units_streaming};
use crate::discover::UnitWalk;
use crate::ledger::xlsx::{Rows, ledger_xlsx};
use crate::ledger::{
    Facts, LedgerOptions, build_ledger, facts_from_reports, read_ledger, write_csv,
};
use crate::triage::Triage;
use crate::wording::keys;

use super::{Outcome, PolicyOptions, deliver, today};

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Directories (or a single unit) to check
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Build the ledger from JSON reports (`jianfu check --format json`) made elsewhere — one
    /// per banner, or per CI job — instead of checking: they must come from the same jianfu,
    /// rules, language and period
    #[arg(long, value_name = "REPORT", num_args = 1.., conflicts_with = "paths")]
    pub reports: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = LedgerFormat::Xlsx)]
    pub format: LedgerFormat,
    /// Write the ledger to FILE (atomically) instead of stdout; required for xlsx
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Last period's ledger, as written by `jianfu ledger --format json`: each problem is
    /// matched to it (已整改, 未整改, 新发现, 反弹)
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// The as-of date, YYYY-MM-DD: waivers expire and days overdue are counted to it
    /// (default: today in China Standard Time, UTC+8)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub date: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    /// A workbook laid out and set up for printing as offices keep the ledger
    Xlsx,
    /// The rows as CSV (UTF-8 with a BOM)
    Csv,
    /// The ledger's data, and next period's --previous
    Json,
}

pub fn run(args: LedgerArgs) -> miette::Result<Outcome> {
    let mut locale = args.policy.locale();
    if args.format == LedgerFormat::Xlsx && args.output.is_none() {
        return Err(super::fail(&keys::LEDGER_NEEDS_OUTPUT, &[]));
    }
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let policies = args.policy.load(&first)?;
    let previous = match &args.previous {
        Some(path) => Some(read_ledger(path).map_err(|e| miette::miette!("{e}"))?),
        None => None,
    };
    let date = match args.date {
        Some(date) => date,
        None => today()?,
    };
    let facts = if args.reports.is_empty() {
        let options = CheckOptions {
            limits: policies.limits(),
            // A ledger's entries are made from the findings and `unit.yaml`, not the items.
            drop_items: true,
            ..CheckOptions::default()
        };
        let mut triage = Triage::new(policies.config(), false, date);
        // Units are checked batch by batch and only their facts kept: a province's inventories
        // are never all in memory at once.
        let mut walk = UnitWalk::new(&args.paths).into_diagnostic()?;
        let mut found = 0usize;
        let mut units = walk.by_ref().inspect(|_| found += 1);
        let mut facts = Facts::default();
        check_units_streaming(&mut units, &policies, &options, &mut |result| {
            if triage.apply(result) {
                facts.add(result, &locale);
            }
            Ok(())
        })
        .into_diagnostic()?;
        drop(units);
        if found == 0 {
            return Err(super::check::no_units_found(&args.paths));
        }
        super::note_years_without_calendar(&policies);
        facts
    } else {
        let (facts, lang) =
            facts_from_reports(&args.reports).map_err(|e| miette::miette!("{e}"))?;
        // The messages are in the reports' language: the ledger's own words follow them.
        if let Some(reported) = crate::wording::Locale::built_in(&lang) {
            locale = reported;
        }
        facts
    };
    let calendar = policies.config().calendar();
    let ledger = build_ledger(
        facts,
        &LedgerOptions {
            locale: locale.clone(),
            date,
            settings: policies.config().config.ledger,
            calendar: &calendar,
            previous: previous.as_ref(),
        },
    );
    // A workbook is made before it is written (its entries' rows through a temporary file);
    // CSV and JSON are written as they are laid out: a province's ledger is large.
    let workbook = match args.format {
        LedgerFormat::Xlsx => Some(
            ledger_xlsx(&ledger, &locale, super::convert::now(), Rows::Spilled)
                .map_err(scratch_failed)
                .into_diagnostic()?,
        ),
        _ => None,
    };
    deliver(args.output.as_deref(), |out| match args.format {
        LedgerFormat::Xlsx => out.write_all(workbook.as_deref().unwrap_or_default()),
        LedgerFormat::Csv => write_csv(&ledger, &locale, out),
        LedgerFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &ledger)?;
            out.write_all(b"\n")
        }
    })?;
    Ok(Outcome::Clean)
}

/// A workbook that could not be made; its temporary file's trouble said in the run's language
/// with the way out.
fn scratch_failed(error: rust_xlsxwriter::XlsxError) -> std::io::Error {
    match error {
        rust_xlsxwriter::XlsxError::TempFileError(dir, error) => {
            super::scratch_failed(&keys::LEDGER_SCRATCH_FAILED, &dir, &error)
        }
        other => std::io::Error::other(other.to_string()),
    }
}
