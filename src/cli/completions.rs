//! `jianfu completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell,
//! generated from the same clap definitions as the parser, so it never lags behind a flag.

use super::output::write_stdout;

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
    write_stdout(&script).into_diagnostic()?;
    Ok(Outcome::Clean)
}
