//! `jianfu schema <kind>`: print a JSON Schema (draft-07, for yaml-language-server).

use clap::{Args, ValueEnum};
use miette::IntoDiagnostic;

use crate::inventory::Kind;

use super::Outcome;

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema
    #[arg(value_enum)]
    pub kind: SchemaKind,
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
    /// The configuration, jianfu.yaml
    Config,
}

/// The schema of `kind`, as printed.
pub fn schema_json(kind: SchemaKind) -> serde_json::Value {
    match kind {
        SchemaKind::Policy => crate::policy::policy_schema(),
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
    let text = serde_json::to_string_pretty(&schema_json(args.kind)).into_diagnostic()?;
    println!("{text}");
    Ok(Outcome::Clean)
}
