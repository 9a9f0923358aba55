//! `jianfu man`: manual pages in roff, generated from the same clap definitions as the parser.
//! Without `--out`, the main page goes to stdout (`jianfu man | man -l -`); with it, one page
//! per subcommand is written (`jianfu.1`, `jianfu-check.1`, …).

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use miette::{IntoDiagnostic, WrapErr};

use super::output::write_stdout;
use super::{Cli, Outcome};

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page (jianfu.1 and one per subcommand) into DIR instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: ManArgs) -> miette::Result<Outcome> {
    let command = Cli::command();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .and_then(|()| clap_mangen::generate_to(command, &dir))
                .into_diagnostic()
                .wrap_err_with(|| super::cannot_write(&dir))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .into_diagnostic()?;
            write_stdout(&page).into_diagnostic()?;
        }
    }
    Ok(Outcome::Clean)
}
