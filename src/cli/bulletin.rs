//! `jianfu bulletin`: check the units as `check` does, then write the violation-case bulletin
//! (反面典型案例通报) as Markdown, HTML or JSON. Exits 0 once the bulletin is written, whatever
//! it reports: a bulletin is a publication, not a gate.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use compact_str::CompactString;
use miette::IntoDiagnostic;

use crate::bulletin::docx::render_docx;
use crate::bulletin::facts::{BulletinFinding, BulletinUnit, ReadItem, UnitRecord};
use crate::bulletin::html::render_html;
use crate::bulletin::markdown::render_markdown;
use crate::bulletin::{BulletinOptions, Gather, Previous};
use crate::check::{CheckOptions, Policies, check_units_streaming, recount_unit};
use crate::discover::UnitWalk;
use crate::period::PeriodUnit;
use crate::report::merge::{
    BulletinReportFinding, ReadReport, ReportError, ReportHead, read_reports,
};
use crate::triage::Triage;
use crate::wording::{Arg, Locale, keys};

use super::check::FilterArgs;
use super::{Outcome, PolicyOptions, deliver, today};

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
    /// Merge JSON reports made elsewhere (`jianfu check --format json --with-units`, one per
    /// banner or CI job) instead of checking a tree: they must come from the same rules,
    /// language and period, and give the bulletin one run over the whole tree would
    #[arg(long, value_name = "REPORT.json", num_args = 1.., conflicts_with = "paths")]
    pub reports: Vec<PathBuf>,
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
    let previous_counts = match &args.previous {
        Some(dir) => Some(super::check::previous_period(dir, &policies)?),
        None => None,
    };
    // The previous tree as its walk saw it (links resolved), to read a unit's names again.
    let previous_tree = args
        .previous
        .as_deref()
        .and_then(|dir| std::fs::canonicalize(dir).ok());
    let names_again = |before: &PeriodUnit| {
        let dir = before.dir();
        let dir = std::path::Path::new(&dir);
        // A unit named by itself (or by one of its files) was its own tree: links never lead
        // out of what the walk allowed.
        let own = std::fs::canonicalize(dir).ok();
        let tree = previous_tree.as_deref().filter(|tree| tree.is_dir());
        recount_unit(
            dir,
            tree.or(own.as_deref()),
            &policies,
            crate::period::Detail::Names,
        )
    };
    let previous = previous_counts.as_ref().map(|counts| Previous {
        counts,
        names: &names_again,
    });
    let (gathered, configuration) = if args.reports.is_empty() {
        gather_tree(&args, &policies, date, &locale, previous)?
    } else {
        if args.filter.is_set() {
            return Err(super::fail(&keys::BULLETIN_REPORTS_NOT_FILTERED, &[]));
        }
        gather_reports(&args.reports, &policies, &locale, previous)?
    };
    let bulletin = gathered
        .finish(&BulletinOptions {
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
        })
        .map_err(scratch_failed)
        .into_diagnostic()?;
    // A Word file is made whole (docx-rs builds it in memory); the others are written as
    // they are rendered.
    let docx = match args.format {
        BulletinFormat::Docx => Some(render_docx(&bulletin).into_diagnostic()?),
        _ => None,
    };
    deliver(args.output.as_deref(), |out| match args.format {
        BulletinFormat::Md => render_markdown(&bulletin, out),
        BulletinFormat::Html => render_html(&bulletin, out),
        BulletinFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &bulletin)?;
            out.write_all(b"\n")
        }
        BulletinFormat::Docx => out.write_all(docx.as_deref().unwrap_or_default()),
    })?;
    Ok(Outcome::Clean)
}

/// Check the units of a tree as `check` does, gathering each unit's facts into the bulletin
/// as it is checked: the bulletin in the making, and how many findings the run itself has
/// (expired and unused waivers).
fn gather_tree<'p>(
    args: &BulletinArgs,
    policies: &Policies,
    date: NaiveDate,
    locale: &Locale,
    previous: Option<Previous<'p>>,
) -> miette::Result<(Gather<'p>, usize)> {
    let options = CheckOptions {
        limits: policies.limits(),
        ..CheckOptions::default()
    };
    // The same waivers and filters as `check`: a waived finding makes no case, and a filtered
    // bulletin covers only the units and findings selected.
    let mut triage =
        Triage::new(policies.config(), false, date).with_filter(args.filter.filter(policies)?);
    let mut walk = UnitWalk::new(&args.paths).into_diagnostic()?;
    let mut found = 0usize;
    let mut checked = walk.by_ref().inspect(|_| found += 1);
    let mut gather = Gather::new(locale.clone(), previous);
    check_units_streaming(&mut checked, policies, &options, &mut |result| {
        if triage.apply(result) {
            gather
                .add(&BulletinUnit::of(result, locale))
                .map_err(scratch_failed)?;
        }
        Ok(())
    })
    .into_diagnostic()?;
    drop(checked);
    // A bulletin of nothing would publish 「各单位均未发现问题」 for units never read.
    if found == 0 {
        return Err(super::check::no_units_found(&args.paths));
    }
    if gather.units() == 0 {
        return Err(super::check::filters_selected_nothing(found));
    }
    super::note_years_without_calendar(policies);
    let configuration = triage
        .finish(policies.config(), policies.base())
        .findings
        .len();
    Ok((gather, configuration))
}

/// Merge JSON reports made elsewhere: check they were made under the rules loaded now, and
/// gather their units with their findings, in the reports' language (their messages are in
/// it, so the bulletin's own words follow them). Gives the bulletin in the making and how many
/// findings the runs themselves have, counted as one run would count them.
fn gather_reports<'p>(
    paths: &[PathBuf],
    policies: &Policies,
    locale: &Locale,
    previous: Option<Previous<'p>>,
) -> miette::Result<(Gather<'p>, usize)> {
    let mut reader = ReportsGathered {
        policies,
        locale,
        previous,
        ours: policies.base().digest(),
        gather: None,
        path: PathBuf::new(),
        run_findings: BTreeSet::new(),
    };
    read_reports(paths, &mut reader).map_err(|e| miette::miette!("{e}"))?;
    match reader.gather {
        Some(gather) if gather.units() > 0 => Ok((gather, reader.run_findings.len())),
        _ => Err(super::check::no_units_found(paths)),
    }
}

/// Reports gathered into a bulletin unit by unit.
struct ReportsGathered<'r, 'p> {
    policies: &'r Policies,
    locale: &'r Locale,
    previous: Option<Previous<'p>>,
    /// The digest of the rules in force here, which every report must have been made with.
    ours: String,
    /// Made with the first report's language.
    gather: Option<Gather<'p>>,
    /// The report being read.
    path: PathBuf,
    /// Findings about the runs themselves, each counted once: every shard that checked a
    /// waiver's units reports it if it expired or waived nothing there. A waiver that names no
    /// unit, used in one shard but not another, counts as unused: a report does not say which
    /// waivers it used.
    run_findings: BTreeSet<(CompactString, CompactString)>,
}

impl ReadReport<BulletinReportFinding> for ReportsGathered<'_, '_> {
    fn head(&mut self, head: &ReportHead, path: &Path) -> Result<(), ReportError> {
        let shown = || Arg::text(path.display().to_string());
        if head.tool.policies != self.ours {
            return Err(refusal(
                &keys::REPORT_OTHER_POLICIES,
                &[
                    ("path", shown()),
                    ("value", head.tool.policies.as_str().into()),
                    ("ours", self.ours.as_str().into()),
                ],
            ));
        }
        let (locale, previous) = (self.locale, self.previous);
        self.gather.get_or_insert_with(|| {
            let lang = Locale::built_in(&head.tool.lang).unwrap_or_else(|| locale.clone());
            Gather::new(lang, previous)
        });
        self.path = path.to_path_buf();
        Ok(())
    }

    fn unit(
        &mut self,
        record: UnitRecord<ReadItem>,
        findings: Vec<BulletinReportFinding>,
    ) -> Result<(), ReportError> {
        let own = findings
            .into_iter()
            .map(|finding| bulletin_finding(finding, self.policies, &self.path))
            .collect::<Result<Vec<_>, _>>()?;
        match self.gather.as_mut() {
            Some(gather) => gather
                .add(&BulletinUnit::from_record(record, own))
                .map_err(|e| ReportError(scratch_failed(e).to_string())),
            None => Ok(()),
        }
    }

    /// What belongs to no unit: the run's own findings (waivers).
    fn finding(&mut self, finding: BulletinReportFinding) -> Result<(), ReportError> {
        self.run_findings
            .insert((finding.rule, finding.fingerprint));
        Ok(())
    }

    fn end(&mut self, has_units: bool, path: &Path) -> Result<(), ReportError> {
        match has_units {
            true => Ok(()),
            false => Err(refusal(
                &keys::REPORT_WITHOUT_UNITS,
                &[("path", Arg::text(path.display().to_string()))],
            )),
        }
    }
}

/// What went wrong with the bulletin's temporary file (the only thing gathering writes), in the
/// run's language, naming the directory it is made in.
fn scratch_failed(error: std::io::Error) -> std::io::Error {
    super::scratch_failed(
        &keys::BULLETIN_SCRATCH_FAILED,
        &std::env::temp_dir(),
        &error,
    )
}

/// Why a report cannot be merged, in the run's language.
fn refusal(key: &'static crate::wording::Key, args: &[(&str, Arg)]) -> ReportError {
    ReportError(crate::wording::current().text(key, args, crate::wording::Form::Yaml))
}

/// A report's finding with its rule as loaded now.
fn bulletin_finding(
    finding: BulletinReportFinding,
    policies: &Policies,
    path: &std::path::Path,
) -> Result<BulletinFinding, ReportError> {
    let Some(rule) = policies.base().header(&finding.rule) else {
        let error = crate::wording::current().text(
            &keys::REPORT_UNKNOWN_RULE,
            &[("rule", finding.rule.as_str().into())],
            crate::wording::Form::Yaml,
        );
        return Err(refusal(
            &keys::REPORT_NOT_A_REPORT,
            &[
                ("path", path.display().to_string().into()),
                ("error", error.into()),
            ],
        ));
    };
    let read = BulletinFinding::message_is_read(&rule, finding.imposer.as_deref());
    Ok(BulletinFinding {
        rule,
        severity: finding.severity,
        path: finding.path,
        imposer: finding.imposer,
        waived: finding.waived.is_some(),
        message: if read { finding.message } else { String::new() },
    })
}
