//! `jianfu template --out FILE`: write the official spreadsheet template — every sheet with its
//! Chinese headers, drop-downs, date and text formats, a frozen header row and a notes sheet.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr};

use crate::inventory::sheet::write::{Tables, csv_files, write_xlsx};

use super::{Outcome, write_atomically};

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Where to write the template: a .xlsx file, or a directory for --format csv
    #[arg(
        long,
        short = 'o',
        value_name = "PATH",
        default_value = "清单模板.xlsx"
    )]
    pub out: PathBuf,
    /// Template format
    #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
    pub format: TemplateFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// One Excel workbook
    Xlsx,
    /// A directory of CSV files (UTF-8), one per sheet
    Csv,
}

pub fn run(args: TemplateArgs) -> miette::Result<Outcome> {
    let tables = Tables::template();
    match args.format {
        TemplateFormat::Xlsx => {
            let bytes = write_xlsx(&tables, super::convert::now()).into_diagnostic()?;
            write_atomically(&args.out, &bytes)
                .into_diagnostic()
                .wrap_err_with(|| super::cannot_write(&args.out))?;
        }
        TemplateFormat::Csv => {
            std::fs::create_dir_all(&args.out)
                .into_diagnostic()
                .wrap_err_with(|| super::cannot_create(&args.out))?;
            for (name, bytes) in csv_files(&tables).into_diagnostic()? {
                let path = args.out.join(name);
                write_atomically(&path, &bytes)
                    .into_diagnostic()
                    .wrap_err_with(|| super::cannot_write(&path))?;
            }
        }
    }
    eprintln!("{}", args.out.display());
    Ok(Outcome::Clean)
}
