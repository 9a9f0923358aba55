//! `jianfu rules` and `jianfu explain RULE-ID`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::IntoDiagnostic;

use crate::report::explain::{
    RuleDoc, first_sentence, render_explain, render_rule_page, render_rules_index,
};

use std::fmt::Write as _;

use super::output::write_stdout;
use super::{Outcome, PolicyOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Human,
    Json,
}

/// Options shared by `rules` and `explain`: which policies and settings are in force.
#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(flatten)]
    pub policy: PolicyOptions,
    #[arg(long, value_enum, default_value_t = DocFormat::Human)]
    pub format: DocFormat,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub policy: PolicyArgs,
    /// Write a Markdown page per rule (Chinese and English) and an index to DIR, as in docs/rules
    #[arg(long, value_name = "DIR")]
    pub docs: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. SIGN-001 (case-insensitive)
    pub rule: String,
    #[command(flatten)]
    pub policy: PolicyArgs,
}

pub fn run_rules(args: RulesArgs) -> miette::Result<Outcome> {
    let policies = args.policy.policy.load(Path::new("."))?;
    let lang = args.policy.policy.lang();
    let rules = &policies.base().rules;
    if let Some(dir) = &args.docs {
        write_rule_docs(dir, rules)?;
        return Ok(Outcome::Clean);
    }
    let mut out = String::new();
    match args.policy.format {
        DocFormat::Json => {
            let docs: Vec<RuleDoc> = rules.iter().map(|r| RuleDoc::new(r, lang)).collect();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&docs).into_diagnostic()?
            );
        }
        DocFormat::Human => {
            let id_width = rules.iter().map(|r| r.header.id.len()).max().unwrap_or(0);
            let name_width = rules.iter().map(|r| r.header.name.len()).max().unwrap_or(0);
            for rule in rules {
                let _ = writeln!(
                    out,
                    "{:id_width$}  {:7}  {:12}  {:name_width$}  {}",
                    rule.header.id,
                    rule.severity.as_str(),
                    rule.header.clearance.as_str(),
                    rule.header.name,
                    first_sentence(rule.docs.what.get(lang)),
                );
            }
            let _ = writeln!(out, "{} rules", rules.len());
        }
    }
    write_stdout(out.as_bytes()).into_diagnostic()?;
    Ok(Outcome::Clean)
}

/// `docs/rules/<ID>.md` for every rule and `docs/rules/README.md`, each written atomically.
fn write_rule_docs(
    dir: &std::path::Path,
    rules: &[std::sync::Arc<crate::policy::Rule>],
) -> miette::Result<()> {
    use miette::WrapErr;
    std::fs::create_dir_all(dir)
        .into_diagnostic()
        .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    let pages = rules
        .iter()
        .map(|rule| (format!("{}.md", rule.header.id), render_rule_page(rule)))
        .chain([("README.md".to_owned(), render_rules_index(rules))]);
    for (name, text) in pages {
        let path = dir.join(name);
        super::write_atomically(&path, text.as_bytes())
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

pub fn run_explain(args: ExplainArgs) -> miette::Result<Outcome> {
    let policies = args.policy.policy.load(Path::new("."))?;
    let lang = args.policy.policy.lang();
    let id = args.rule.to_uppercase();
    let rules = policies.base();
    let Some(rule) = rules.get(&id) else {
        let known: Vec<&str> = rules.rules.iter().map(|r| r.header.id.as_str()).collect();
        let hint = crate::policy::compile::suggest(&id, &known)
            .unwrap_or_else(|| "run `jianfu rules` for the list".to_owned());
        return Err(miette::miette!(help = hint, "no rule `{}`", args.rule));
    };
    let text = match args.policy.format {
        DocFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&RuleDoc::new(rule, lang)).into_diagnostic()?
        ),
        DocFormat::Human => render_explain(rule, lang),
    };
    write_stdout(text.as_bytes()).into_diagnostic()?;
    Ok(Outcome::Clean)
}
