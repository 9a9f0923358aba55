//! `jianfu test [POLICY_DIR...]`: run the policies' own test cases and documented examples.

use std::fmt::Write as _;

use std::path::PathBuf;

use clap::Args;
use miette::IntoDiagnostic;

use crate::check::Policies;
use crate::config::{LoadedConfig, find_config, load_config};
use crate::policy::{PolicySet, words};
use crate::testing::{CaseResult, example_results, parse_tests, read_test_dir, run_case};
use crate::wording::{Arg, keys};

use super::{LangArg, Outcome};

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Policy directories whose `tests/` to run (default: the embedded default pack)
    pub dirs: Vec<PathBuf>,
    /// Configuration file (default: the nearest jianfu.yaml at or above the first directory),
    /// whose parameters and policy directories the rules are compiled with, as `check` does
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Fail when a directory has no test case
    #[arg(long)]
    pub strict: bool,
    /// Language of the report: zh (default), en, or any other catalogue in locales/
    #[arg(long, default_value = "zh", value_parser = LangArg::parser())]
    pub lang: LangArg,
}

pub fn run(args: TestArgs) -> miette::Result<Outcome> {
    let start = args
        .dirs
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match &args.config {
        Some(path) => load_config(path)?,
        None => match find_config(&start) {
            Some(path) => load_config(&path)?,
            None => LoadedConfig::default(),
        },
    };
    let mut set = PolicySet::builtin()?;
    let mut test_files: Vec<(String, String)> = Vec::new();
    if args.dirs.is_empty() {
        test_files.extend(
            crate::policy::DEFAULT_TESTS
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string())),
        );
    }
    super::add_policy_dirs_once(&mut set, config.policy_dirs().iter().chain(&args.dirs))?;
    let mut without_tests = Vec::new();
    for dir in &args.dirs {
        let files = read_test_dir(dir)?;
        if files.is_empty() {
            without_tests.push(dir.display().to_string());
        }
        test_files.extend(files);
    }
    let policies = Policies::new(set, config)?;
    let rules = policies.base();

    let mut results: Vec<CaseResult> = Vec::new();
    let mut out = String::new();
    for (path, text) in &test_files {
        let file = parse_tests(path, text)?;
        let _ = writeln!(out, "{path}");
        for case in &file.cases {
            let result = run_case(case, rules);
            print_result(&mut out, &result);
            results.push(result);
        }
    }
    let tests_default_pack =
        args.dirs.is_empty() || args.dirs.iter().any(|d| super::is_default_pack(d));
    let under_test = |origin: &str| {
        (tests_default_pack && crate::policy::is_default_origin(origin))
            || args
                .dirs
                .iter()
                .any(|d| origin.starts_with(&d.display().to_string()))
    };
    let _ = writeln!(out, "{}", words(&keys::TEST_RULE_EXAMPLES, &[]));
    for rule in rules.rules.iter().filter(|r| under_test(&r.origin)) {
        for result in example_results(rule, rules) {
            print_result(&mut out, &result);
            results.push(result);
        }
    }
    for dir in &without_tests {
        let _ = writeln!(
            out,
            "{}",
            words(&keys::TEST_NO_CASES, &[("dir", dir.as_str().into())])
        );
    }
    let failed = results.iter().filter(|r| !r.passed()).count();
    let summary = words(
        &keys::TEST_SUMMARY,
        &[
            ("passed", (results.len() - failed).into()),
            ("failed", failed.into()),
        ],
    );
    let _ = writeln!(out, "{summary}");
    super::output::write_stdout(out.as_bytes()).into_diagnostic()?;
    Ok(
        if failed == 0 && (without_tests.is_empty() || !args.strict) {
            Outcome::Clean
        } else {
            Outcome::Findings
        },
    )
}

fn print_result(out: &mut String, result: &CaseResult) {
    let case = [
        ("rule", Arg::from(result.rule.as_str())),
        ("name", result.name.as_str().into()),
    ];
    if result.passed() {
        let _ = writeln!(out, "  {}", words(&keys::TEST_OK, &case));
        return;
    }
    let _ = writeln!(out, "  {}", words(&keys::TEST_FAIL, &case));
    for (key, items) in [
        (&keys::TEST_MISSING, &result.missing),
        (&keys::TEST_NOISY, &result.noisy),
        (&keys::TEST_INVALID, &result.invalid),
    ] {
        for item in items {
            let _ = writeln!(
                out,
                "        {}",
                words(key, &[("what", item.as_str().into())])
            );
        }
    }
}
