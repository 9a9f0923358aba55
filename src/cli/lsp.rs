//! `jianfu lsp`: the language server over stdio (see [`crate::lsp`]). This file only picks the
//! policies for each unit, as `jianfu check` would, and wires stdin, stdout and stderr.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use clap::Args;
use miette::IntoDiagnostic;

use crate::check::Policies;
use crate::config::find_config;

use super::{Outcome, PolicyOptions, load_policies};

#[derive(Debug, Args)]
pub struct LspArgs {
    #[command(flatten)]
    pub policy: PolicyOptions,
    /// Accepted for editors that always pass it: the server speaks over stdio only
    #[arg(long, hide = true)]
    pub stdio: bool,
}

/// The configuration a unit's policies come from, and when it was last written: a
/// `jianfu.yaml` saved while the server runs is read again.
type CacheKey = (Option<PathBuf>, Option<SystemTime>);

pub fn run(args: LspArgs) -> miette::Result<Outcome> {
    let mut cache: HashMap<CacheKey, Arc<Policies>> = HashMap::new();
    let mut loader = |unit_dir: &Path| -> Result<Arc<Policies>, String> {
        let config = args.policy.config.clone().or_else(|| find_config(unit_dir));
        let written = config
            .as_ref()
            .and_then(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
        let key = (config, written);
        if let Some(policies) = cache.get(&key) {
            return Ok(policies.clone());
        }
        let policies = load_policies(key.0.as_deref(), unit_dir, &args.policy.policies)
            .map(Arc::new)
            .map_err(|report| describe(&report))?;
        cache.insert(key, policies.clone());
        Ok(policies)
    };
    let clean = crate::lsp::serve(
        std::io::stdin().lock(),
        std::io::stdout().lock(),
        std::io::stderr(),
        &mut loader,
        args.policy.locale(),
    )
    .into_diagnostic()?;
    // The protocol's exit codes: 0 after `shutdown` then `exit`, 1 otherwise.
    Ok(if clean {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// An error and its causes on one line each, for an editor's message box.
fn describe(report: &miette::Report) -> String {
    report
        .chain()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
