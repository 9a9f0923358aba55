//! `jianfu rules` and `jianfu explain RULE-ID`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::IntoDiagnostic;

use crate::wording::{Arg, Form, keys};

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
            let count = [("count", Arg::from(rules.len()))];
            let total = crate::wording::current().text(&keys::RULES_COUNT, &count, Form::Yaml);
            let _ = writeln!(out, "{total}");
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
        .wrap_err_with(|| super::cannot_create(dir))?;
    let pages = rules
        .iter()
        .map(|rule| (format!("{}.md", rule.header.id), render_rule_page(rule)))
        .chain([("README.md".to_owned(), render_rules_index(rules))]);
    for (name, text) in pages {
        let path = dir.join(name);
        super::write_atomically(&path, text.as_bytes())
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(&path))?;
    }
    Ok(())
}

pub fn run_explain(args: ExplainArgs) -> miette::Result<Outcome> {
    let lang = args.policy.policy.lang();
    let id = args.rule.trim().to_uppercase();
    let mut policies = args.policy.policy.load(Path::new("."))?;
    // A league's own rule is in the policies its jianfu.yaml names. Without --config, and with
    // no configuration above the working directory that knows the rule, look for the one league
    // configuration below it that does (`jianfu explain XAM-001` from the repository's root).
    if policies.base().get(&id).is_none()
        && args.policy.policy.config.is_none()
        && let Some(found) = league_defining(&id, &args.policy.policy.policies)?
    {
        policies = found;
    }
    let rules = policies.base();
    let Some(rule) = rules.get(&id) else {
        let known = policies.rule_ids();
        let locale = crate::wording::current();
        let hint = match crate::triage::closest_rule_id(&id, &known) {
            Some(close) => {
                let close = [("suggestion", Arg::text(close))];
                locale.text(&keys::DID_YOU_MEAN_RULE, &close, Form::Yaml)
            }
            None => locale.say(&keys::EXPLAIN_NO_RULE_HELP),
        };
        let rule = [("rule", Arg::text(args.rule.as_str()))];
        let message = locale.text(&keys::EXPLAIN_NO_RULE, &rule, Form::Yaml);
        return Err(miette::miette!(help = hint, "{message}"));
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

/// The policies of the one `jianfu.yaml` below the working directory (three levels at most)
/// whose rules include `id`, if exactly one does.
fn league_defining(
    id: &str,
    extra_dirs: &[PathBuf],
) -> miette::Result<Option<crate::check::Policies>> {
    let mut found = None;
    for config in configs_below(Path::new("."), 3) {
        let Ok(policies) = super::load_policies(Some(&config), &config, extra_dirs) else {
            continue;
        };
        if policies.base().get(id).is_some() {
            if found.is_some() {
                return Ok(None);
            }
            found = Some(policies);
        }
    }
    Ok(found)
}

/// `jianfu.yaml` files below `dir`, not in hidden folders or `target/`, sorted.
fn configs_below(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_file() && name == crate::config::CONFIG_FILE {
            found.push(entry.path());
        } else if kind.is_dir() && depth > 0 && !name.starts_with('.') && name != "target" {
            found.extend(configs_below(&entry.path(), depth - 1));
        }
    }
    found
}
