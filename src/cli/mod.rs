//! The command line: clap types, one file per subcommand. The only code that prints, reads the
//! environment or picks exit codes.

mod annotate;
pub(crate) use convert::now as now_seconds;
mod bulletin;
mod check;
mod completions;
mod convert;
mod init;
mod ledger;
mod lsp;
mod man;
mod output;
mod rules;
mod schema;
mod serve;
mod template;
mod test;

use clap::{Parser, Subcommand};

use crate::finding::Lang;
use crate::wording::{Arg, Form, Key, Locale, current, keys};

/// jianfu（减负）：基层减负清单检查工具 — checks grassroots burden-reduction inventories
/// against the 六清理两强化 rules, with exact locations and the rule's basis.
#[derive(Debug, Parser)]
#[command(name = "jianfu", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint every unit found under the paths (default: .)
    Check(Box<check::CheckArgs>),
    /// List every rule in force
    Rules(rules::RulesArgs),
    /// Explain a rule: what, why (its basis), how to fix, parameters, examples
    Explain(rules::ExplainArgs),
    /// Print the JSON Schema (draft-07) of an inventory file kind, policy files or jianfu.yaml
    Schema(schema::SchemaArgs),
    /// Run the policies' own test cases (default: the embedded pack's)
    Test(test::TestArgs),
    /// Scaffold a unit: unit.yaml from the flags and the seven section files with empty lists
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions(completions::CompletionsArgs),
    /// Print the manual page in roff, or write one page per subcommand with --out
    Man(man::ManArgs),
    /// Run the language server over stdio: live diagnostics in editors
    Lsp(lsp::LspArgs),
    /// Write the violation-case bulletin (反面典型案例通报) as Markdown, HTML or JSON
    Bulletin(bulletin::BulletinArgs),
    /// Write the rectification ledger (整改台账) as a workbook, CSV or JSON; with --previous,
    /// what became of last period's problems
    Ledger(ledger::LedgerArgs),
    /// Write the official spreadsheet template (清单模板.xlsx)
    Template(template::TemplateArgs),
    /// Convert one unit between YAML, an .xlsx workbook and CSV files
    Convert(convert::ConvertArgs),
    /// Run the check desk: a web page where clerks drop a workbook and see what is wrong
    Serve(serve::ServeArgs),
}

/// The message language: a tag with a catalogue in `locales/` (`zh`, `en`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangArg(String);

impl LangArg {
    /// The parser `--lang` uses: the languages the binary has catalogues for.
    pub fn parser() -> impl clap::builder::TypedValueParser<Value = LangArg> {
        use clap::builder::TypedValueParser as _;
        clap::builder::PossibleValuesParser::new(crate::wording::languages()).map(LangArg)
    }

    pub fn locale(&self) -> Locale {
        Locale::built_in(&self.0).unwrap_or_else(|| Locale::from(Lang::Zh))
    }

    /// The language of texts that exist only in Chinese and English (see [`Locale::lang`]).
    pub fn lang(&self) -> Lang {
        self.locale().lang()
    }
}

/// Which policies and settings are in force, and the message language: the same three options on
/// every command that checks (`check`, `bulletin`, `lsp`, `rules`, `explain`).
#[derive(Debug, clap::Args)]
pub struct PolicyOptions {
    /// Configuration file (default: the nearest jianfu.yaml at or above what is checked)
    #[arg(long, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Add a policy directory (repeatable)
    #[arg(long = "policies", value_name = "DIR")]
    pub policies: Vec<std::path::PathBuf>,
    /// Message language
    #[arg(long, default_value = "zh", value_parser = LangArg::parser())]
    pub lang: LangArg,
}

impl PolicyOptions {
    /// The policies for checking `checked` (whose nearest `jianfu.yaml` applies unless
    /// `--config` names one).
    pub(crate) fn load(&self, checked: &std::path::Path) -> miette::Result<crate::check::Policies> {
        load_policies(self.config.as_deref(), checked, &self.policies)
    }

    pub fn lang(&self) -> Lang {
        self.lang.lang()
    }

    pub fn locale(&self) -> Locale {
        self.lang.locale()
    }
}

/// How a run ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the threshold (exit 0).
    Clean,
    /// Findings at or above the threshold (exit 1).
    Findings,
}

/// Run the parsed command line. An error means the run could not be done (exit 2).
pub fn run(cli: Cli) -> miette::Result<Outcome> {
    if let Some(lang) = cli.command.lang() {
        crate::wording::set_current(lang.locale());
    }
    match cli.command {
        Command::Check(args) => check::run(*args),
        Command::Rules(args) => rules::run_rules(args),
        Command::Explain(args) => rules::run_explain(args),
        Command::Schema(args) => schema::run(args),
        Command::Test(args) => test::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Lsp(args) => lsp::run(args),
        Command::Bulletin(args) => bulletin::run(args),
        Command::Ledger(args) => ledger::run(args),
        Command::Template(args) => template::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Serve(args) => serve::run(args),
    }
}

/// "Cannot write PATH", in the run's language, for an I/O error's context.
pub(crate) fn cannot_write(path: &std::path::Path) -> String {
    let path = [("path", Arg::text(path.display().to_string()))];
    current().text(&keys::CANNOT_WRITE, &path, Form::Yaml)
}

/// "Cannot create the directory PATH", in the run's language.
pub(crate) fn cannot_create(path: &std::path::Path) -> String {
    let path = [("path", Arg::text(path.display().to_string()))];
    current().text(&keys::CANNOT_CREATE, &path, Form::Yaml)
}

/// A catalogue message without arguments, in the run's language.
pub(crate) fn say(key: &'static Key) -> String {
    current().say(key)
}

/// An error in the run's language, from the catalogue.
pub(crate) fn fail(key: &'static Key, args: &[(&str, Arg)]) -> miette::Report {
    miette::miette!("{}", current().text(key, args, Form::Yaml))
}

/// An error with advice, both from the catalogue.
pub(crate) fn fail_with_help(
    key: &'static Key,
    args: &[(&str, Arg)],
    help: &'static Key,
) -> miette::Report {
    let locale = current();
    let help = locale.say(help);
    miette::miette!(help = help, "{}", locale.text(key, args, Form::Yaml))
}

impl Command {
    /// The `--lang` the command was given, if it takes one: errors are worded in it too.
    fn lang(&self) -> Option<&LangArg> {
        match self {
            Command::Check(args) => Some(&args.policy.lang),
            Command::Rules(args) => Some(&args.policy.policy.lang),
            Command::Explain(args) => Some(&args.policy.policy.lang),
            Command::Lsp(args) => Some(&args.policy.lang),
            Command::Bulletin(args) => Some(&args.policy.lang),
            Command::Ledger(args) => Some(&args.policy.lang),
            Command::Serve(args) => Some(&args.policy.lang),
            Command::Init(args) => Some(&args.lang),
            Command::Convert(args) => Some(&args.lang),
            Command::Test(args) => Some(&args.lang),
            Command::Schema(_)
            | Command::Completions(_)
            | Command::Man(_)
            | Command::Template(_) => None,
        }
    }
}

/// One note on stderr per year whose dates were checked by weekends alone because jianfu has
/// no holiday calendar for it: never silence, never a guess.
pub(crate) fn note_years_without_calendar(policies: &crate::check::Policies) {
    let locale = current();
    for year in policies.config().calendar().years_without_calendar() {
        // The year is a name here, not a count: written as it is, without grouping.
        let year = [("year", Arg::text(year.to_string()))];
        eprintln!(
            "{}",
            locale.text(&keys::NO_CALENDAR_NOTE, &year, Form::Yaml)
        );
    }
}

/// A date given on the command line, written YYYY-MM-DD.
pub(crate) fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        let value = [("value", Arg::text(text))];
        current().text(&keys::BAD_DATE_ARG, &value, Form::Yaml)
    })
}

/// Today in China Standard Time (UTC+8), which decides whether a waiver has expired.
/// `JIANFU_TODAY=YYYY-MM-DD` fixes it, for reproducible runs and tests.
pub(crate) fn today() -> miette::Result<chrono::NaiveDate> {
    if let Ok(text) = std::env::var("JIANFU_TODAY") {
        return chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| fail(&keys::BAD_TODAY, &[("value", Arg::text(text.as_str()))]));
    }
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (seconds + 8 * 3600) / 86_400;
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    Ok(epoch + chrono::Days::new(days))
}

/// Write `bytes` to `path` as [`write_output`] does; `-` is standard output.
pub(crate) fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    write_output(Some(path), |out| out.write_all(bytes))
}

/// Write what `render` writes to `path` as [`output::PendingFile`] does (atomically for a
/// regular file, directly to a pipe or device, never through a link), or to standard output
/// when no path or `-` is given, as it is written: a bulletin or a ledger of a whole province
/// is not held in memory before it is written. A reader that closes the pipe early ends the
/// writing quietly.
pub(crate) fn write_output(
    path: Option<&std::path::Path>,
    render: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    match path.filter(|path| !is_stdout(path)) {
        Some(path) => {
            let (pending, mut writer) = output::PendingFile::create(path)?;
            render(&mut writer)?;
            writer.flush()?;
            drop(writer);
            pending.commit()
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            match render(&mut stdout).and_then(|()| stdout.flush()) {
                Err(e) if output::is_broken_pipe(&e) => Ok(()),
                other => other,
            }
        }
    }
}

/// [`write_output`], a failure naming the file it was to go to.
pub(crate) fn deliver(
    path: Option<&std::path::Path>,
    render: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> miette::Result<()> {
    use miette::{IntoDiagnostic, WrapErr};
    let written = write_output(path, render);
    match path.filter(|path| !is_stdout(path)) {
        Some(path) => written
            .into_diagnostic()
            .wrap_err_with(|| cannot_write(path)),
        None => written.into_diagnostic(),
    }
}

/// A temporary file that could not be made, written or read in `dir`, worded by `key` (which
/// takes `dir` and `error`) in the run's language with the way out (TMPDIR).
pub(crate) fn scratch_failed(
    key: &'static Key,
    dir: &std::path::Path,
    error: &dyn std::fmt::Display,
) -> std::io::Error {
    std::io::Error::other(current().text(
        key,
        &[
            ("dir", dir.display().to_string().into()),
            ("error", error.to_string().into()),
        ],
        Form::Yaml,
    ))
}

/// `-`, which means standard output wherever a file is named.
pub(crate) fn is_stdout(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// The policies for a run: the embedded pack, the configuration's directories, then
/// `--policies` directories, compiled with the configuration's settings.
pub(crate) fn load_policies(
    config: Option<&std::path::Path>,
    checked: &std::path::Path,
    extra_dirs: &[std::path::PathBuf],
) -> miette::Result<crate::check::Policies> {
    use crate::config::{LoadedConfig, find_config, load_config};
    let config = match config {
        Some(path) => load_config(path)?,
        None => match find_config(checked) {
            Some(path) => load_config(&path)?,
            None => LoadedConfig::default(),
        },
    };
    let mut set = crate::policy::PolicySet::builtin()?;
    add_policy_dirs_once(&mut set, config.policy_dirs().iter().chain(extra_dirs))?;
    Ok(crate::check::Policies::new(set, config)?)
}

/// `policies/` of this repository is the embedded pack: it is never loaded a second time.
pub(crate) fn is_default_pack(dir: &std::path::Path) -> bool {
    let Ok(dir) = std::fs::canonicalize(dir) else {
        return false;
    };
    std::fs::canonicalize(concat!(env!("CARGO_MANIFEST_DIR"), "/policies"))
        .is_ok_and(|pack| pack == dir)
}

/// Add policy directories to `set`, each folder once however often it is named (in
/// `jianfu.yaml` and by `--policies`, as docs/policies.md shows), and never the embedded
/// default pack's own folder: a folder named twice is one folder, not duplicate rules.
pub(crate) fn add_policy_dirs_once<'a>(
    set: &mut crate::policy::PolicySet,
    dirs: impl IntoIterator<Item = &'a std::path::PathBuf>,
) -> Result<(), crate::policy::PolicyError> {
    let mut loaded: Vec<std::path::PathBuf> = Vec::new();
    for dir in dirs {
        let identity = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
        if !loaded.contains(&identity) && !is_default_pack(dir) {
            set.add_dir(dir)?;
            loaded.push(identity);
        }
    }
    Ok(())
}
