//! Policy unit tests (`jianfu test`), like `opa test` or `cfn-guard test`: each case is a small
//! inventory and the paths where one rule must report — or `[]` where it must stay quiet. Every
//! rule's documented bad example must fire and its good example must not.
//!
//! A case passes when the rule reports exactly the expected paths, in order. Otherwise it lists
//! what was `missing` (expected, not reported) and what was `noisy` (reported, not expected).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::eval::evaluate;
use crate::inventory::{Kind, LoadOptions, unit_from_texts};
use crate::policy::words;
use crate::policy::{PolicyError, Rule, RuleSet};
use crate::wording::keys;

/// The unit every case starts from; a case's `unit:` replaces or adds top-level keys.
pub const DEFAULT_TEST_UNIT: &str = "code: \"152223100201\"\nname: 测试嘎查\nkind: village\nbanner: 扎赉特旗\ntownship: 音德尔镇\nperiod: 2025-Q2\ninstitutions: 4\n";

/// A file of test cases (`tests/*.yaml` beside a policy pack).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    pub cases: Vec<TestCase>,
}

/// One case: the rule under test, the unit's files, and where the rule must report.
#[derive(Clone, Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    /// What the case shows, in Chinese and English (`周六开会会被发现 / a Saturday meeting fires`).
    pub name: String,
    /// The rule under test; other rules' findings are ignored.
    pub rule: String,
    /// `unit.yaml` keys that replace or add to the default test unit's.
    #[serde(default)]
    pub unit: Option<String>,
    /// Section files by kind name (`signage`, `groups`, ...).
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    /// The paths where the rule must report, in file order.
    pub expect: Vec<String>,
}

/// The draft-07 JSON Schema of policy test files (`jianfu schema policy-test`), so that
/// editors complete and check them as they do policies.
pub fn test_file_schema() -> serde_json::Value {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<TestFile>()
        .to_value()
}

/// How one case went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseResult {
    pub name: String,
    pub rule: String,
    /// Expected and not reported.
    pub missing: Vec<String>,
    /// Reported and not expected.
    pub noisy: Vec<String>,
    /// Problems with the case's own inventory (SUBMIT findings, unknown rule or kind).
    pub invalid: Vec<String>,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.noisy.is_empty() && self.invalid.is_empty()
    }
}

/// Parse a test file.
pub fn parse_tests(path: &str, text: &str) -> Result<TestFile, PolicyError> {
    serde_saphyr::from_str(text).map_err(|e| crate::policy::located_yaml_error(path, text, &e))
}

/// The test files in `dir/tests`, sorted, as (path, text). Read like policies: only files
/// that stay inside `dir`.
pub fn read_test_dir(dir: &Path) -> Result<Vec<(String, String)>, PolicyError> {
    let tests = dir.join("tests");
    if !tests.is_dir() {
        return Ok(Vec::new());
    }
    crate::policy::yaml_files_in(&tests)?
        .iter()
        .map(|path| crate::policy::read_policy_file(dir, path))
        .collect()
}

/// Run one case against `rules`.
pub fn run_case(case: &TestCase, rules: &RuleSet) -> CaseResult {
    let mut result = CaseResult {
        name: case.name.clone(),
        rule: case.rule.clone(),
        missing: Vec::new(),
        noisy: Vec::new(),
        invalid: Vec::new(),
    };
    let Some(rule) = rules.get(&case.rule) else {
        result.invalid.push(words(
            &keys::TEST_UNKNOWN_RULE,
            &[("rule", case.rule.as_str().into())],
        ));
        return result;
    };
    let mut files = Vec::new();
    for (name, text) in &case.files {
        match Kind::from_name(name) {
            Some(kind) if kind != Kind::Unit => files.push((kind, text.clone())),
            _ => result.invalid.push(words(
                &keys::TEST_UNKNOWN_FILE_KIND,
                &[("name", name.as_str().into())],
            )),
        }
    }
    let reported = match report_paths(rule, rules, case.unit.as_deref(), files) {
        Ok(paths) => paths,
        Err(problems) => {
            result.invalid.extend(problems);
            return result;
        }
    };
    result.missing = case
        .expect
        .iter()
        .filter(|p| !reported.contains(p))
        .cloned()
        .collect();
    result.noisy = reported
        .iter()
        .filter(|p| !case.expect.contains(p))
        .cloned()
        .collect();
    if result.missing.is_empty() && result.noisy.is_empty() && reported != case.expect {
        result.noisy.push(words(
            &keys::TEST_ORDER,
            &[("paths", reported.join(", ").into())],
        ));
    }
    result
}

/// The cases implied by a rule's documentation: its bad example fires, its good one does not.
pub fn example_results(rule: &Rule, rules: &RuleSet) -> Vec<CaseResult> {
    let Some(kind) = rule.check.section().and_then(section_kind) else {
        return Vec::new();
    };
    let mut results = Vec::new();
    for (label, example, must_fire) in [
        ("bad", &rule.docs.bad, true),
        ("good", &rule.docs.good, false),
    ] {
        let Some(text) = example else { continue };
        let mut result = CaseResult {
            name: words(&keys::TEST_DOCS_EXAMPLE, &[("example", label.into())]),
            rule: rule.header.id.clone(),
            missing: Vec::new(),
            noisy: Vec::new(),
            invalid: Vec::new(),
        };
        // Examples of unit.yaml lists (cadres, grids) are unit.yaml fields.
        let (unit, files) = if kind == Kind::Unit {
            (Some(text.as_str()), Vec::new())
        } else {
            (None, vec![(kind, text.clone())])
        };
        match report_paths(rule, rules, unit, files) {
            Ok(paths) if must_fire && paths.is_empty() => {
                result.missing.push(words(&keys::TEST_A_FINDING, &[]))
            }
            Ok(paths) if !must_fire => result.noisy = paths,
            Ok(_) => {}
            Err(problems) => result.invalid = problems,
        }
        results.push(result);
    }
    results
}

fn section_kind(section: &str) -> Option<Kind> {
    match section {
        "cadres" | "grids" => Some(Kind::Unit),
        other => Kind::SECTIONS
            .into_iter()
            .find(|k| k.section_key() == Some(other)),
    }
}

/// The paths where `rule` reports on the unit made of `files` (other sections empty).
fn report_paths(
    rule: &Rule,
    rules: &RuleSet,
    unit_overrides: Option<&str>,
    files: Vec<(Kind, String)>,
) -> Result<Vec<String>, Vec<String>> {
    let mut texts = vec![(
        Kind::Unit,
        merge_unit(DEFAULT_TEST_UNIT, unit_overrides.unwrap_or("")),
    )];
    for kind in Kind::SECTIONS {
        let text = files
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| format!("{}: []\n", kind.section_key().unwrap_or_default()));
        texts.push((kind, text));
    }
    let submit = rules.submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Default::default(),
        divisions: &crate::inventory::codes::NATIONAL,
        tree: None,
    };
    let unit = unit_from_texts("case", &texts, &options);
    if !unit.findings.is_empty() {
        return Err(unit
            .findings
            .iter()
            .map(|f| {
                words(
                    &keys::TEST_INVALID_INPUT,
                    &[
                        ("file", f.file.path.as_str().into()),
                        ("path", f.path.as_str().into()),
                        (
                            "message",
                            crate::wording::current().finding_message(f).into(),
                        ),
                    ],
                )
            })
            .collect());
    }
    let only_this = RuleSet {
        rules: rules.get(&rule.header.id).cloned().into_iter().collect(),
    };
    let mut findings = Vec::new();
    evaluate(&unit, &only_this, &mut findings);
    crate::check::sort_findings(&mut findings);
    Ok(findings.into_iter().map(|f| f.path).collect())
}

/// The default unit with the top-level keys of `overrides` replaced or added.
fn merge_unit(base: &str, overrides: &str) -> String {
    let keys: Vec<&str> = overrides
        .lines()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect();
    let mut merged: String = base
        .lines()
        .filter(|l| {
            !l.split_once(':')
                .is_some_and(|(k, _)| keys.contains(&k.trim()))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    merged.push_str(overrides);
    if !merged.ends_with('\n') {
        merged.push('\n');
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_overrides_replace_and_add_keys() {
        let merged = merge_unit(
            DEFAULT_TEST_UNIT,
            "institutions: 2\ngrids:\n  - id: G01\n    workers: 0\n",
        );
        assert!(merged.contains("institutions: 2\n"));
        assert!(!merged.contains("institutions: 4"));
        assert!(merged.contains("  - id: G01"));
        assert!(merged.contains("period: 2025-Q2"));
    }
}
