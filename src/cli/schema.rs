//! `jianfu schema <kind>`: print a JSON Schema (draft-07, for yaml-language-server).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::inventory::Kind;

use super::{Outcome, write_atomically};

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema
    #[arg(value_enum, required_unless_present = "all", conflicts_with = "all")]
    pub kind: Option<SchemaKind>,
    /// Every schema, each written as `<kind>.schema.json` (the names of the repository's
    /// `schemas/`); needs --out
    #[arg(long, requires = "out")]
    pub all: bool,
    /// Write into DIR (created if needed) instead of printing
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Unit,
    Tasks,
    Signage,
    Certificates,
    Groups,
    Reports,
    Meetings,
    Inspections,
    /// A policy file
    Policy,
    /// A policy's test cases (tests/*.yaml beside a policy pack)
    PolicyTest,
    /// The configuration, jianfu.yaml
    Config,
}

/// The schema of `kind`, as printed.
pub fn schema_json(kind: SchemaKind) -> serde_json::Value {
    match kind {
        SchemaKind::Policy => crate::policy::policy_schema(),
        SchemaKind::PolicyTest => crate::testing::test_file_schema(),
        SchemaKind::Config => crate::config::config_schema(),
        other => {
            let name = other
                .to_possible_value()
                .map(|v| v.get_name().to_owned())
                .unwrap_or_default();
            Kind::from_name(&name)
                .map(Kind::json_schema)
                .unwrap_or_default()
        }
    }
}

pub fn run(args: SchemaArgs) -> miette::Result<Outcome> {
    let kinds = match args.kind {
        Some(kind) => vec![kind],
        None => SchemaKind::value_variants().to_vec(),
    };
    let Some(dir) = &args.out else {
        let mut text = String::new();
        for kind in kinds {
            text.push_str(&schema_text(kind)?);
        }
        super::output::write_stdout(text.as_bytes()).into_diagnostic()?;
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir)
        .into_diagnostic()
        .wrap_err_with(|| super::cannot_create(dir))?;
    for kind in kinds {
        let path = dir.join(schema_file_name(kind));
        write_atomically(&path, schema_text(kind)?.as_bytes())
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(&path))?;
    }
    Ok(Outcome::Clean)
}

/// The file a schema is kept in: `unit.schema.json`, as in the repository's `schemas/` and the
/// `# yaml-language-server: $schema=` lines that point there.
pub fn schema_file_name(kind: SchemaKind) -> String {
    let name = kind
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    format!("{name}.schema.json")
}

/// The schema as printed and written: pretty JSON and a final newline.
fn schema_text(kind: SchemaKind) -> miette::Result<String> {
    let text = serde_json::to_string_pretty(&schema_json(kind)).into_diagnostic()?;
    Ok(format!("{text}\n"))
}
