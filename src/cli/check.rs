//! `jianfu check`: lint units and report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::check::{CheckOptions, check_paths};
use crate::finding::{Lang, Severity};
use crate::report::Summary;
use crate::report::human::{HumanOptions, render_human};
use crate::report::json::render_json;

use super::{LangArg, Outcome, load_policies, write_atomically};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Directories (or a single unit) to check; every directory holding unit.yaml is a unit
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Configuration file (default: the nearest jianfu.yaml at or above the first path)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Add a policy directory (repeatable)
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<PathBuf>,
    /// Message language
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// Exit 1 when a finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Worker threads (default: one per core)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only load and validate the inventories, run no policy (to measure the rules' cost)
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated diagnostics for people
    Human,
    /// The JSON report (see docs/output.md)
    Json,
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
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

pub fn run(args: CheckArgs) -> miette::Result<Outcome> {
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global()
            .into_diagnostic()?;
    }
    let lang = Lang::from(args.lang);
    let first = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let policies = load_policies(args.config.as_deref(), &first, &args.policies)?;
    let options = CheckOptions {
        lang,
        limits: policies.limits(),
        skip_policies: args.parse_only,
    };
    let results = check_paths(&args.paths, &policies, &options).into_diagnostic()?;

    let mut report = Vec::new();
    match args.format {
        Format::Human => {
            let color = args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let options = HumanOptions {
                lang,
                color,
                width: terminal_width(),
            };
            render_human(&results, &options, &mut report).into_diagnostic()?;
        }
        Format::Json => render_json(&results, lang, &mut report).into_diagnostic()?,
    }
    match &args.output {
        Some(path) => write_atomically(path, &report)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?,
        None => write_stdout(&report)?,
    }

    let summary = Summary::of(&results);
    let failed = match (args.fail_on.threshold(), summary.worst()) {
        (Some(threshold), Some(worst)) => worst >= threshold,
        _ => false,
    };
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Write to stdout; a closed pipe (`jianfu check | head`) is not an error.
fn write_stdout(bytes: &[u8]) -> miette::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.into_diagnostic(),
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
