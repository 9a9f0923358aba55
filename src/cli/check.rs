//! `jianfu check`: lint units and report, streaming results to every requested report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::baseline::Baseline;
use crate::check::load_period;
use crate::check::{CheckOptions, Policies, check_units_streaming};
use crate::discover::{DiscoverProblem, UnitWalk};
use crate::finding::{Clearance, Severity};
use crate::report::concise::ConciseReporter;
use crate::report::github::GithubReporter;
use crate::report::human::{HumanOptions, HumanReporter};
use crate::report::json::JsonReporter;
use crate::report::junit::JunitReporter;
use crate::report::sarif::SarifReporter;
use crate::report::statistics::StatisticsReporter;
use crate::report::{BaselineCounts, Reporter, RunEnd, Summary};
use crate::triage::{Filter, Triage};
use crate::wording::{Arg, Form, Locale, keys};

use super::{fail, fail_with_help};

use super::output::{PendingFile, is_broken_pipe, stdout};
use super::{Outcome, PolicyOptions, today, write_atomically};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// What to check: directories (every directory holding unit.yaml, every .xlsx workbook and
    /// every folder of section CSVs below them is a unit), or a file, which stands for its unit
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Report format: human, concise, json, sarif, junit or github. Repeatable: FORMAT:FILE
    /// writes that report to FILE as well, e.g. `--format human --format sarif:jianfu.sarif`
    #[arg(
        long,
        short = 'f',
        value_name = "FORMAT[:FILE]",
        default_value = "human"
    )]
    pub format: Vec<FormatSpec>,
    /// Write the report given without a file to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Report only findings not recorded in this baseline (see --write-baseline)
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record the open findings of this run as the baseline, in FILE
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// The previous period's tree, for TREND-001 (units matched by code)
    #[arg(long, value_name = "DIR")]
    pub previous: Option<PathBuf>,
    /// Ignore every waiver in jianfu.yaml
    #[arg(long)]
    pub strict: bool,
    /// The as-of date for waivers, YYYY-MM-DD (default: today in China Standard Time, UTC+8)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print findings per rule (count, units affected) instead of the findings
    #[arg(long)]
    pub statistics: bool,
    /// No progress bar
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Worker threads (default: one per core)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only load and validate the inventories, run no policy (to measure the rules' cost)
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Accept a run that finds no unit (exit 0); by default it is an error (exit 2)
    #[arg(long)]
    pub allow_empty: bool,
    /// Write each unit back as a workbook in the template's layout with every finding marked
    /// (filled cell, note, a first sheet 检查结果 linking to each): to PATH when it ends in
    /// .xlsx (one unit), else one workbook per unit into the directory PATH
    #[arg(long, value_name = "PATH")]
    pub annotate: Option<PathBuf>,
    /// With --format json: also write each unit checked (who it is, its items per section, the
    /// items its findings point into), so that `jianfu bulletin --reports` can merge reports
    /// made on several machines
    #[arg(long)]
    pub with_units: bool,
}

/// What to report: shared by `check` and `bulletin`. Filters select what is reported, never
/// what a rule sees.
#[derive(Debug, Default, Args)]
pub struct FilterArgs {
    /// Report only these clearances (repeatable)
    #[arg(long, value_enum, value_name = "CLEARANCE")]
    pub clearance: Vec<Clearance>,
    /// Report only these rules: an id or a prefix such as GROUP-, in any case (repeatable)
    #[arg(long, value_name = "ID")]
    pub rule: Vec<String>,
    /// Report only findings of these severities (repeatable)
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub severity: Vec<Severity>,
    /// Report only units of this banner: its name, part of it (扎赉特) or a code prefix (repeatable)
    #[arg(long, value_name = "NAME|CODE")]
    pub banner: Vec<String>,
    /// Report only units of this township: its name, part of it or a code prefix (repeatable)
    #[arg(long, value_name = "NAME|CODE")]
    pub township: Vec<String>,
    /// Report only this unit: a code, or a code prefix with or without * (repeatable)
    #[arg(long, value_name = "CODE")]
    pub unit: Vec<String>,
}

impl FilterArgs {
    /// Whether any filter was given.
    pub fn is_set(&self) -> bool {
        !(self.clearance.is_empty()
            && self.rule.is_empty()
            && self.severity.is_empty()
            && self.banner.is_empty()
            && self.township.is_empty()
            && self.unit.is_empty())
    }

    /// The filter, with `--rule` checked against the rules of `policies` (case ignored,
    /// prefixes allowed); a rule id that names no rule is an error with the closest id.
    pub fn filter(&self, policies: &Policies) -> miette::Result<Filter> {
        let mut filter = Filter {
            clearances: self.clearance.clone(),
            rules: self.rule.clone(),
            severities: self.severity.clone(),
            banners: self.banner.clone(),
            townships: self.township.clone(),
            units: self.unit.clone(),
        };
        if let Err(unknown) = filter.resolve_rules(&policies.rule_ids()) {
            let given = ("rule", Arg::text(unknown.given.as_str()));
            return Err(match &unknown.suggestion {
                Some(id) => fail(
                    &keys::NO_SUCH_RULE_SUGGEST,
                    &[given, ("suggestion", Arg::text(id.as_str()))],
                ),
                None => fail(&keys::NO_SUCH_RULE, &[given]),
            });
        }
        Ok(filter)
    }
}

/// A run that found no unit checked nothing: an error (exit 2), unless `--allow-empty`.
pub(crate) fn no_units_found(paths: &[PathBuf]) -> miette::Report {
    let shown = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    fail_with_help(
        &keys::NO_UNITS_FOUND,
        &[("paths", Arg::text(shown))],
        &keys::NO_UNITS_FOUND_HELP,
    )
}

/// Filters that left no unit to report are an error (exit 2), never a clean run.
pub(crate) fn filters_selected_nothing(found: usize) -> miette::Report {
    fail_with_help(
        &keys::FILTERS_SELECTED_NOTHING,
        &[("count", Arg::from(found))],
        &keys::FILTERS_SELECTED_NOTHING_HELP,
    )
}

/// A report format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated diagnostics for people
    Human,
    /// One line per finding: file:line:col: severity RULE message
    Concise,
    /// The JSON report (see src/report/json.rs)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// JUnit XML, for GitLab and Jenkins
    Junit,
    /// GitHub Actions annotations (workflow commands)
    Github,
}

/// `FORMAT` or `FORMAT:FILE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    pub format: Format,
    pub file: Option<PathBuf>,
}

impl FromStr for FormatSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (name, file) = match text.split_once(':') {
            Some((name, file)) if !file.is_empty() => (name, Some(PathBuf::from(file))),
            Some((name, _)) => (name, None),
            None => (text, None),
        };
        let format = Format::from_str(name, true).map_err(|_| {
            crate::wording::current().text(
                &crate::wording::keys::UNKNOWN_FORMAT,
                &[("name", name.into())],
                crate::wording::Form::Yaml,
            )
        })?;
        Ok(FormatSpec { format, file })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Always exit 0 when the run completes
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Trees with more units than this get a progress bar on a terminal.
const PROGRESS_MIN_UNITS: u64 = 200;

pub fn run(args: CheckArgs) -> miette::Result<Outcome> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .into_diagnostic()?;
    }
    refuse_outputs_over_inputs(&args)?;
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let policies = args.policy.load(&first)?;
    let mut triage = triage(&args, &policies)?;
    let previous = match &args.previous {
        Some(dir) => Some(std::sync::Arc::new(previous_period(dir, &policies)?)),
        None => None,
    };
    let options = CheckOptions {
        limits: policies.limits(),
        skip_policies: args.parse_only,
        previous,
        // Annotated workbooks and `--with-units` records are made from the items.
        drop_items: !(args.with_units || args.annotate.is_some()),
    };
    let mut walk = UnitWalk::new(&args.paths).into_diagnostic()?;
    let (mut reporters, pending) = open_reports(&args, &policies, &args.policy.locale())?;
    if let Some(path) = &args.annotate {
        let target = super::annotate::AnnotateTarget::of(path);
        let reporter = super::annotate::AnnotateReporter::new(
            target,
            args.policy.locale(),
            super::convert::now(),
        )
        .into_diagnostic()
        .wrap_err_with(|| super::cannot_write(path))?;
        reporters.push(Box::new(reporter));
    }
    let progress = Progress::new(args.quiet);
    let mut found = 0usize;
    let mut units = walk.by_ref().inspect(|_| {
        found += 1;
        progress.found();
    });

    let mut summary = Summary::default();
    let streamed = check_units_streaming(&mut units, &policies, &options, &mut |result| {
        progress.checked();
        if !triage.apply(result) {
            return Ok(());
        }
        summary.add(result);
        reporters.iter_mut().try_for_each(|r| r.unit(result))
    });
    progress.finish();
    drop(units);
    warn_about_unwalked(&walk.into_problems());
    if found == 0 && !args.allow_empty {
        return Err(no_units_found(&args.paths));
    }
    if found > 0 && summary.units == 0 && triage.selects_units() {
        return Err(filters_selected_nothing(found));
    }
    super::note_years_without_calendar(&policies);
    let end = triage.finish(policies.config(), policies.base());
    summary.add_findings(&end.findings);
    summary.baseline = end
        .baseline
        .map(|(absorbed, stale)| BaselineCounts { absorbed, stale });
    let finished = streamed.and_then(|()| {
        let run_end = RunEnd {
            findings: &end.findings,
            summary: &summary,
        };
        reporters.iter_mut().try_for_each(|r| r.finish(&run_end))
    });
    drop(reporters);
    match finished {
        Err(e) if is_broken_pipe(&e) => return Ok(Outcome::Clean),
        other => other
            .into_diagnostic()
            .wrap_err_with(|| super::say(&keys::CANNOT_WRITE_REPORT))?,
    }
    for file in pending {
        let shown = file.target().display().to_string();
        file.commit()
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(std::path::Path::new(&shown)))?;
    }
    if let (Some(path), Some(written)) = (&args.write_baseline, &end.written) {
        write_atomically(path, written.render().as_bytes())
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(path))?;
    }

    // Writing a baseline is the job asked for: done, it succeeds whatever the findings are,
    // so that `set -e` scripts adopting jianfu go on.
    let failed = match (args.fail_on.threshold(), summary.worst()) {
        _ if args.write_baseline.is_some() => false,
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// A report or baseline must never overwrite what is being checked: an output that is one of
/// the inputs, or a unit's file inside them, is refused before anything is read.
fn refuse_outputs_over_inputs(args: &CheckArgs) -> miette::Result<()> {
    let outputs = args
        .format
        .iter()
        .filter_map(|f| f.file.as_deref())
        .chain(args.output.as_deref())
        .chain(args.write_baseline.as_deref())
        .filter(|path| !super::is_stdout(path));
    let inputs: Vec<PathBuf> = args
        .paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    for output in outputs {
        let Some(resolved) = resolved_target(output) else {
            continue;
        };
        let in_a_unit = || {
            resolved.parent().is_some_and(crate::discover::is_unit_dir)
                || crate::discover::is_workbook(&resolved)
        };
        let overwrites = inputs
            .iter()
            .any(|input| resolved == *input || (resolved.starts_with(input) && in_a_unit()));
        if overwrites {
            let output = ("output", Arg::text(output.display().to_string()));
            return Err(fail(&keys::OUTPUT_IS_INPUT, &[output]));
        }
    }
    // An annotated workbook inside a checked directory would be checked next time as a unit.
    if let Some(annotate) = &args.annotate
        && let Some(resolved) = resolved_target(annotate)
        && inputs
            .iter()
            .any(|input| input.is_dir() && resolved.starts_with(input) || resolved == *input)
    {
        let output = ("output", Arg::text(annotate.display().to_string()));
        return Err(fail(&keys::ANNOTATE_INSIDE_INPUT, &[output]));
    }
    Ok(())
}

/// Where a path leads, whether or not the file exists yet (its directory must).
fn resolved_target(path: &std::path::Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
}

/// The previous period's counts for TREND-001. A folder with no unit would turn TREND-001 off
/// without a word, so it is an error.
pub(crate) fn previous_period(
    dir: &std::path::Path,
    policies: &Policies,
) -> miette::Result<crate::period::PeriodCounts> {
    let dir_arg = || ("dir", Arg::text(dir.display().to_string()));
    let counts = load_period(
        std::slice::from_ref(&dir.to_path_buf()),
        policies,
        policies.limits(),
    )
    .into_diagnostic()
    .wrap_err_with(|| {
        crate::wording::current().text(&keys::PREVIOUS_UNREADABLE, &[dir_arg()], Form::Yaml)
    })?;
    if counts.is_empty() {
        return Err(fail(&keys::PREVIOUS_EMPTY, &[dir_arg()]));
    }
    Ok(counts)
}

/// Parts of the tree that could not be searched (a link loop, an unreadable directory) hold no
/// unit jianfu can name, so they are warnings on stderr, not findings; the run goes on.
fn warn_about_unwalked(problems: &[DiscoverProblem]) {
    let locale = crate::wording::current();
    for problem in problems {
        let path = crate::source::printable_line(&problem.path.to_string_lossy()).into_owned();
        let args = [
            ("path", Arg::text(path)),
            ("reason", Arg::text(problem.reason.to_string())),
        ];
        eprintln!("{}", locale.text(&keys::CANNOT_SEARCH, &args, Form::Yaml));
    }
}

/// Waivers, baseline and filters from the arguments and the configuration.
fn triage(args: &CheckArgs, policies: &Policies) -> miette::Result<Triage> {
    let baseline = args
        .baseline
        .as_deref()
        .map(Baseline::load)
        .transpose()
        .into_diagnostic()?;
    let filter = args.filter.filter(policies)?;
    let date = match args.date {
        Some(date) => date,
        None => today()?,
    };
    Ok(Triage::new(policies.config(), args.strict, date)
        .with_baseline(baseline)
        .recording(args.write_baseline.is_some())
        .with_filter(filter))
}

/// Reporters run on whichever thread reports a batch, hence `Send`.
type Reporters = Vec<Box<dyn Reporter + Send>>;

/// One reporter per `--format`; at most one of them writes to stdout (or `--output`).
fn open_reports(
    args: &CheckArgs,
    policies: &Policies,
    locale: &Locale,
) -> miette::Result<(Reporters, Vec<PendingFile>)> {
    let to_stdout: Vec<&FormatSpec> = args
        .format
        .iter()
        .filter(|f| f.file.as_deref().is_none_or(super::is_stdout))
        .collect();
    if to_stdout.len() > 1 {
        let target = args
            .output
            .as_deref()
            .map_or("stdout".to_owned(), |p| p.display().to_string());
        return Err(fail(
            &keys::ONE_REPORT_TO_STDOUT,
            &[("target", Arg::text(target))],
        ));
    }
    let mut reporters: Reporters = Vec::new();
    let mut pending = Vec::new();
    for spec in &args.format {
        let file = spec
            .file
            .as_deref()
            .or(args.output.as_deref())
            .filter(|path| !super::is_stdout(path));
        let (writer, color): (Box<dyn Write + Send>, bool) = match file {
            Some(path) => {
                let (file, writer) = PendingFile::create(path)
                    .into_diagnostic()
                    .wrap_err_with(|| super::cannot_write(path))?;
                pending.push(file);
                (Box::new(writer), false)
            }
            None => (stdout(), color_wanted()),
        };
        reporters.push(reporter(spec.format, args, policies, locale, color, writer));
    }
    // SARIF, JUnit and GitHub annotations have no place for the statistics: they go to stderr
    // rather than nowhere.
    let counted = args
        .format
        .iter()
        .any(|f| matches!(f.format, Format::Human | Format::Concise | Format::Json));
    if args.statistics && !counted {
        let stderr: Box<dyn Write + Send> = Box::new(std::io::BufWriter::new(std::io::stderr()));
        reporters.push(Box::new(StatisticsReporter::new(
            locale.clone(),
            false,
            stderr,
        )));
    }
    Ok((reporters, pending))
}

fn reporter(
    format: Format,
    args: &CheckArgs,
    policies: &Policies,
    locale: &Locale,
    color: bool,
    out: Box<dyn Write + Send>,
) -> Box<dyn Reporter + Send> {
    if args.statistics && matches!(format, Format::Human | Format::Concise | Format::Json) {
        return Box::new(StatisticsReporter::new(
            locale.clone(),
            format == Format::Json,
            out,
        ));
    }
    match format {
        Format::Human => {
            let options = HumanOptions {
                locale: locale.clone(),
                color,
                width: terminal_width(),
            };
            Box::new(HumanReporter::new(&options, out))
        }
        Format::Concise => Box::new(ConciseReporter::new(locale.clone(), out)),
        Format::Json => Box::new(
            JsonReporter::new(locale.clone(), policies.base().digest(), out)
                .with_units(args.with_units),
        ),
        Format::Sarif => Box::new(SarifReporter::new(policies.base(), locale.clone(), out)),
        Format::Junit => Box::new(JunitReporter::new(
            locale.clone(),
            args.fail_on.threshold(),
            out,
        )),
        Format::Github => Box::new(GithubReporter::new(locale.clone(), out)),
    }
}

/// Colour only for a person at a terminal who has not asked for none.
fn color_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A progress bar on stderr for big trees at a terminal; hidden in CI, in pipes and with -q.
/// Units are checked while the tree is still being searched, so the bar's length grows as units
/// are found, and the bar appears once the tree proves big.
struct Progress {
    bar: indicatif::ProgressBar,
    at_terminal: bool,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        let at_terminal =
            !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = indicatif::ProgressBar::hidden();
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} units  {per_sec}  ETA {eta}",
        ) {
            bar.set_style(style);
        }
        Progress { bar, at_terminal }
    }

    /// One more unit found.
    fn found(&self) {
        self.bar.inc_length(1);
        if progress_wanted(self.bar.length().unwrap_or(0), self.at_terminal) && self.bar.is_hidden()
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    /// One more unit checked.
    fn checked(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A bar is worth drawing for a big tree, for a person watching a terminal.
fn progress_wanted(units: u64, at_terminal: bool) -> bool {
    at_terminal && units > PROGRESS_MIN_UNITS
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_with_and_without_a_file() {
        let spec: FormatSpec = "sarif:out/jianfu.sarif".parse().unwrap();
        assert_eq!(spec.format, Format::Sarif);
        assert_eq!(spec.file, Some(PathBuf::from("out/jianfu.sarif")));
        assert_eq!("JSON".parse::<FormatSpec>().unwrap().format, Format::Json);
        assert!("xml".parse::<FormatSpec>().unwrap_err().contains("`xml`"));
    }

    #[test]
    fn progress_shows_only_for_big_trees_at_a_terminal_unless_quiet() {
        assert!(progress_wanted(1_000, true));
        assert!(!progress_wanted(1_000, false));
        assert!(!progress_wanted(50, true));
    }
}
