//! `jianfu convert UNIT --to yaml|xlsx|csv OUT`: move one unit between its YAML, workbook and
//! CSV forms, loss-free for every field of format v1.
//!
//! The input is loaded exactly as `jianfu check` loads it (any of the three forms), so the same
//! quirks are handled and the same SUBMIT findings reported (on stderr). Output is written even
//! when the input has findings (exit 1), so that a clerk can fix the converted file; but a
//! value the target cannot hold (a field no column names) stops the conversion (exit 2) rather
//! than be dropped.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::finding::Severity;
use crate::inventory::emit::emit_yaml;
use crate::inventory::sheet::write::{Tables, csv_files, write_xlsx};
use crate::inventory::{LoadOptions, LoadedUnit, load_unit};

use super::{LangArg, Outcome, load_policies, write_atomically};
use crate::wording::{Arg, Locale, keys};

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The unit: a directory with unit.yaml, an .xlsx workbook, or a directory of CSV files
    pub input: PathBuf,
    /// The form to write
    #[arg(long, value_enum)]
    pub to: Target,
    /// Where to write: a directory for yaml and csv, a file for xlsx
    pub output: PathBuf,
    /// Overwrite files that already exist (a YAML file's comments are then lost)
    #[arg(long)]
    pub force: bool,
    /// Message language
    #[arg(long, default_value = "zh", value_parser = LangArg::parser())]
    pub lang: LangArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// unit.yaml and the seven section files
    Yaml,
    /// One Excel workbook in the official template's layout
    Xlsx,
    /// One CSV file (UTF-8) per sheet
    Csv,
}

pub fn run(args: ConvertArgs) -> miette::Result<Outcome> {
    if std::fs::metadata(&args.input).is_err() {
        let path = ("path", Arg::text(args.input.display().to_string()));
        return Err(super::fail(&keys::PATH_MISSING, &[path]));
    }
    let policies = load_policies(None, &args.input, &[])?;
    let submit = policies.base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: policies.limits(),
        divisions: policies.divisions(),
        tree: None,
    };
    let shown = args.input.display().to_string();
    let unit = load_unit(&args.input, &shown, &options);
    if unit.unit_node().is_none() {
        report_findings(&unit, &args.lang.locale());
        let unit = ("unit", Arg::text(shown));
        return Err(super::fail(&keys::CONVERT_NO_UNIT_INFO, &[unit]));
    }
    refuse_to_overwrite(&unit, &args)?;
    match args.to {
        Target::Yaml => write_yaml(&unit, &args.output)?,
        Target::Xlsx => {
            let tables = lossless_tables(&unit)?;
            let bytes = write_xlsx(&tables, now()).into_diagnostic()?;
            write_file(&args.output, &bytes)?;
        }
        Target::Csv => {
            let tables = lossless_tables(&unit)?;
            create_dir(&args.output)?;
            for (name, bytes) in csv_files(&tables).into_diagnostic()? {
                write_file(&args.output.join(name), &bytes)?;
            }
        }
    }
    report_findings(&unit, &args.lang.locale());
    let failed = unit.findings.iter().any(|f| f.severity == Severity::Error);
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// The files a conversion would write.
fn targets(unit: &LoadedUnit, args: &ConvertArgs) -> Vec<PathBuf> {
    match args.to {
        Target::Yaml => unit
            .files
            .iter()
            .filter(|f| f.root.is_some())
            .map(|f| args.output.join(f.kind.file_name()))
            .collect(),
        Target::Xlsx => vec![args.output.clone()],
        Target::Csv => crate::inventory::sheet::columns::SHEETS
            .iter()
            .map(|spec| args.output.join(format!("{}.csv", spec.name)))
            .collect(),
    }
}

/// Existing files are overwritten only with `--force`, and the message says what would be
/// lost: the file itself, and a YAML file's comments, which canonical YAML does not keep.
fn refuse_to_overwrite(unit: &LoadedUnit, args: &ConvertArgs) -> miette::Result<()> {
    let existing: Vec<PathBuf> = targets(unit, args)
        .into_iter()
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if existing.is_empty() {
        return Ok(());
    }
    let with_comments = existing.iter().any(|path| {
        std::fs::read_to_string(path)
            .is_ok_and(|text| text.lines().any(|l| l.trim_start().starts_with('#')))
    });
    let list = existing
        .iter()
        .map(|p| format!("  {}", p.display()))
        .collect::<Vec<_>>()
        .join("\n");
    if args.force {
        if with_comments {
            eprintln!("{}", super::say(&keys::COMMENTS_LOST));
        }
        return Ok(());
    }
    let key = if with_comments {
        &keys::FILES_EXIST_WITH_COMMENTS
    } else {
        &keys::FILES_EXIST
    };
    Err(super::fail(key, &[("list", Arg::text(list))]))
}

/// Every file that parsed, in canonical YAML; a section that was not submitted stays absent.
fn write_yaml(unit: &LoadedUnit, dir: &Path) -> miette::Result<()> {
    create_dir(dir)?;
    for file in &unit.files {
        let Some(root) = &file.root else {
            continue;
        };
        let text = emit_yaml(file.kind, root);
        write_file(&dir.join(file.kind.file_name()), text.as_bytes())?;
    }
    Ok(())
}

fn lossless_tables(unit: &LoadedUnit) -> miette::Result<Tables> {
    let tables = Tables::from_unit(unit);
    if tables.losses.is_empty() {
        return Ok(tables);
    }
    for loss in &tables.losses {
        eprintln!("  {loss}");
    }
    Err(super::fail(
        &keys::CONVERT_LOSSES,
        &[
            ("count", Arg::from(tables.losses.len())),
            ("unit", Arg::text(unit.dir.as_str())),
        ],
    ))
}

/// The unit's SUBMIT findings, one line each, on stderr.
fn report_findings(unit: &LoadedUnit, locale: &Locale) {
    for finding in &unit.findings {
        let place = match finding.cell() {
            Some(cell) => format!("{} {}", finding.file.path, cell.address()),
            None => {
                let at = finding.region().start;
                format!("{}:{}:{}", finding.file.path, at.line, at.column)
            }
        };
        eprintln!(
            "{} {} {place}: {}",
            finding.severity,
            finding.rule.id,
            locale.finding_message(finding)
        );
    }
}

/// The creation time written into workbooks: `SOURCE_DATE_EPOCH` when set (reproducible
/// output), else the clock.
pub(crate) fn now() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        })
}

fn create_dir(dir: &Path) -> miette::Result<()> {
    std::fs::create_dir_all(dir)
        .into_diagnostic()
        .wrap_err_with(|| super::cannot_create(dir))
}

fn write_file(path: &Path, bytes: &[u8]) -> miette::Result<()> {
    write_atomically(path, bytes)
        .into_diagnostic()
        .wrap_err_with(|| super::cannot_write(path))
}
