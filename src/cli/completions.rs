//! `jianfu completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell,
//! generated from the same clap definitions as the parser, so it never lags behind a flag.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;
use miette::IntoDiagnostic;

use super::{Cli, Outcome};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: CompletionsArgs) -> miette::Result<Outcome> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "jianfu", &mut script);
    write_stdout(&script)?;
    Ok(Outcome::Clean)
}

/// Write to stdout; a closed pipe (`jianfu man | head`) is not an error.
pub(super) fn write_stdout(bytes: &[u8]) -> miette::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.into_diagnostic(),
    }
}
