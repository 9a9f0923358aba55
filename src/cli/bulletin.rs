//! `jianfu bulletin`: check the units as `check` does, then write the violation-case bulletin
//! (反面典型案例通报) as Markdown, HTML or JSON. Exits 0 once the bulletin is written, whatever
//! it reports: a bulletin is a publication, not a gate.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::bulletin::docx::render_docx;
use crate::bulletin::html::render_html;
use crate::bulletin::markdown::render_markdown;
use crate::bulletin::{BulletinOptions, build_bulletin};
use crate::check::{CheckOptions, check_paths};
use crate::triage::Triage;

use super::check::FilterArgs;
use super::output::write_stdout;
use super::{Outcome, PolicyOptions, today, write_atomically};

#[derive(Debug, Args)]
pub struct BulletinArgs {
    /// Directories (or a single unit) to check; every directory holding unit.yaml is a unit
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = BulletinFormat::Md)]
    pub format: BulletinFormat,
    /// Write the bulletin to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The previous period's tree: adds the reductions per section and the units that rebounded
    #[arg(long, value_name = "DIR")]
    pub previous: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// The issuing body (发布机构), e.g. 共青团兴安盟委员会 (default: a placeholder)
    #[arg(long, value_name = "TEXT")]
    pub issuer: Option<String>,
    /// The document number (发文字号), e.g. 兴减负通〔2025〕3号
    #[arg(long, value_name = "TEXT")]
    pub doc_number: Option<String>,
    /// The bodies the bulletin is addressed to (主送), e.g. 各旗县市减负办，盟直各部门
    #[arg(long, value_name = "TEXT")]
    pub recipients: Option<String>,
    /// The bodies it is copied to (抄送)
    #[arg(long = "cc", value_name = "TEXT")]
    pub copy_to: Option<String>,
    /// Date of issue, YYYY-MM-DD, and the as-of date of the whole run: waivers expire, and the
    /// rectification deadline runs, from it (default: today in China Standard Time, UTC+8)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub date: Option<NaiveDate>,
    /// Days from the date of issue to the rectification deadline; a deadline on a rest day or
    /// holiday moves to the next working day
    #[arg(long, value_name = "DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..=366))]
    pub deadline_days: u32,
    /// How many cases to write out, most serious first
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub top: u32,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BulletinFormat {
    /// Markdown, for pasting into documents
    Md,
    /// One self-contained, printable HTML page with charts
    Html,
    /// The bulletin's data, for other tools
    Json,
    /// A Word file laid out as an official document (GB/T 9704); needs --output
    Docx,
}

pub fn run(args: BulletinArgs) -> miette::Result<Outcome> {
    let locale = args.policy.locale();
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let policies = args.policy.load(&first)?;
    let options = CheckOptions {
        limits: policies.limits(),
        ..CheckOptions::default()
    };
    // The same waivers and filters as `check`: a waived finding makes no case, and a filtered
    // bulletin covers only the units and findings selected.
    // A Word file is not for a terminal.
    if args.format == BulletinFormat::Docx && args.output.is_none() {
        return Err(super::fail(&crate::wording::keys::DOCX_NEEDS_OUTPUT, &[]));
    }
    if args.issuer.as_deref().is_none_or(|i| i.trim().is_empty()) {
        eprintln!("{}", super::say(&crate::wording::keys::ISSUER_MISSING));
    }
    let date = match args.date {
        Some(date) => date,
        None => today()?,
    };
    let mut triage =
        Triage::new(policies.config(), false, date).with_filter(args.filter.filter(&policies)?);
    let mut results = check_paths(&args.paths, &policies, &options).into_diagnostic()?;
    // A bulletin of nothing would publish 「各单位均未发现问题」 for units never read.
    if results.is_empty() {
        return Err(super::check::no_units_found(&args.paths));
    }
    let found = results.len();
    results.retain_mut(|result| triage.apply(result));
    if results.is_empty() {
        return Err(super::check::filters_selected_nothing(found));
    }
    super::note_years_without_calendar(&policies);
    let previous = match &args.previous {
        Some(dir) => Some(super::check::previous_period(
            dir,
            &policies,
            crate::period::Detail::Names,
        )?),
        None => None,
    };
    // Expired and unused waivers are findings of the run, as `check` reports them.
    let configuration = triage
        .finish(policies.config(), policies.base())
        .findings
        .len();
    let bulletin = build_bulletin(
        &results,
        previous.as_ref(),
        &BulletinOptions {
            locale,
            issuer: args.issuer.clone(),
            doc_number: args.doc_number.clone(),
            recipients: args.recipients.clone(),
            copy_to: args.copy_to.clone(),
            date,
            configuration_findings: configuration,
            deadline: policies
                .config()
                .calendar()
                .working_day_after(date, args.deadline_days),
            top: args.top as usize,
        },
    );
    let mut out = Vec::new();
    match args.format {
        BulletinFormat::Md => render_markdown(&bulletin, &mut out).into_diagnostic()?,
        BulletinFormat::Html => render_html(&bulletin, &mut out).into_diagnostic()?,
        BulletinFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &bulletin).into_diagnostic()?;
            out.push(b'\n');
        }
        BulletinFormat::Docx => out = render_docx(&bulletin).into_diagnostic()?,
    }
    match &args.output {
        Some(path) => write_atomically(path, &out)
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(path))?,
        None => write_stdout(&out).into_diagnostic()?,
    }
    Ok(Outcome::Clean)
}
