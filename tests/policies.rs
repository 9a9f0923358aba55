//! Policies as a user meets them: `jianfu test`, `rules`, `explain`, broken policies with
//! located errors (exit 2), configuration and user rules that behave like built-in ones.

mod common;

use std::path::Path;

use common::{jianfu, stdout, write_unit};

const LEAGUE_RULE: &str = r#"rules:
  - id: XAM-002
    name: big-group
    severity: warning
    clearance: groups
    basis: [{source: xingan-report, quote: 整合建立一体化简便高效的微信工作群}]
    docs:
      what: {zh: 成员过多的群, en: groups with too many members}
      why: {zh: 群大难管, en: big groups are noisy}
      fix: {zh: 拆分或精简, en: split or trim it}
    params:
      max_members:
        default: 100
        description: {zh: 成员上限, en: most members}
    message: {zh: "「{name}」有 {members} 人", en: "“{name}” has {members} members"}
    imposer: created_by
    check:
      each: groups
      fail: {field: members, gt: {param: max_members}}
      at: members
"#;

const GROUPS: &str = "groups:\n  - {name: 全镇工作群, platform: wechat, created_by: 音德尔镇党委, purpose: 通知, approved: true, members: 150, created: 2024-01-05, last_active: 2025-06-20, demands: []}\n";

fn policy_dir(root: &Path, rule: &str, tests: Option<&str>) -> std::path::PathBuf {
    let dir = root.join("league");
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("groups.yaml"), rule).unwrap();
    if let Some(tests) = tests {
        std::fs::write(dir.join("tests/groups.yaml"), tests).unwrap();
    }
    dir
}

#[test]
fn the_default_pack_passes_its_own_tests() {
    let output = jianfu(Path::new(".")).arg("test").output().unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let last = text.lines().last().unwrap();
    assert!(last.ends_with(" 项通过，0 项未通过"), "{last}");
    let passed: usize = last.split_whitespace().next().unwrap().parse().unwrap();
    assert!(passed >= 100, "only {passed} cases");
}

#[test]
fn a_wrong_expectation_fails_the_policy_tests() {
    let tmp = tempfile::tempdir().unwrap();
    let wrong = "cases:\n  - name: expects the wrong path\n    rule: XAM-002\n    files:\n      groups: |\n        groups:\n          - {name: 群, platform: wechat, created_by: 镇, purpose: 通知, approved: true, members: 150, created: 2024-01-05, last_active: 2025-06-20, demands: []}\n    expect: [\"groups[1].members\"]\n";
    let dir = policy_dir(tmp.path(), LEAGUE_RULE, Some(wrong));
    let output = jianfu(tmp.path()).arg("test").arg(&dir).output().unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("缺少：groups[1].members"), "{text}");
    assert!(text.contains("多出：groups[0].members"), "{text}");
    assert!(text.trim_end().ends_with("1 项未通过"), "{text}");
    // The same in English.
    let output = jianfu(tmp.path())
        .args(["test", "--lang", "en"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(text.contains("missing: groups[1].members"), "{text}");
    assert!(text.contains("noisy:   groups[0].members"), "{text}");
    assert!(text.trim_end().ends_with("1 failed"), "{text}");
}

#[test]
fn a_user_rule_behaves_like_a_built_in_one() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_dir(tmp.path(), LEAGUE_RULE, None);
    write_unit(
        tmp.path(),
        "units/甲",
        &[("groups.yaml", Some(GROUPS.as_bytes()))],
    );
    let policies = dir.to_str().unwrap();
    let (report, _) = common::check_json(tmp.path(), &["units", "--policies", policies]);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "XAM-002")
        .expect("the user rule fires");
    assert_eq!(finding["path"], "groups[0].members");
    assert_eq!(finding["imposer"], "音德尔镇党委");
    assert_eq!(finding["message"], "「全镇工作群」有 150 人");

    let explain = jianfu(tmp.path())
        .args(["explain", "xam-002", "--policies", policies])
        .output()
        .unwrap();
    assert!(
        stdout(&explain).contains("`max_members` = 100"),
        "{}",
        stdout(&explain)
    );

    // Configuration reaches user rules too: raise the limit above 150 and it goes quiet.
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "params:\n  XAM-002: {max_members: 200}\n",
    )
    .unwrap();
    let (report, _) = common::check_json(tmp.path(), &["units", "--policies", policies]);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["rule"] != "XAM-002")
    );
}

/// Forty units, each under an override of its own besides the league-wide one: forty
/// combinations, each compiled when its unit is checked, while the other units are checked on
/// the same threads (a combination was compiled with the cache locked, and compiling on the
/// pool could bring the same thread back to the lock). Each unit gets its own severity.
#[test]
fn combinations_of_overrides_compiled_during_a_run_apply_to_their_own_units() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = "signs:\n  - {name: 综治中心职责, placement: interior, type: board, issued_by: 镇综治中心, approval_ref: A-1}\n";
    let mut config = String::from(
        "overrides:\n  - scope: {unit: \"152223100*\"}\n    reason: 全镇\n    rules:\n      SIGN-004: \"off\"\n",
    );
    let mut expected = Vec::new();
    for i in 0..40 {
        let code = format!("1522231002{i:02}");
        let unit = common::UNIT.replace("152223100201", &code);
        write_unit(
            tmp.path(),
            &format!("units/{i:02}"),
            &[
                ("signage.yaml", Some(bad.as_bytes())),
                ("unit.yaml", Some(unit.as_bytes())),
            ],
        );
        let severity = if i % 2 == 0 { "error" } else { "info" };
        config.push_str(&format!(
            "  - scope: {{unit: \"{code}\"}}\n    reason: 一村一策\n    rules:\n      SIGN-004: \"{severity}\"\n"
        ));
        expected.push((code, severity.to_owned()));
    }
    std::fs::write(tmp.path().join("jianfu.yaml"), config).unwrap();
    let (report, _) = common::check_json(tmp.path(), &["units"]);
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SIGN-004")
        .map(|f| {
            let unit = f["unit"].as_str().unwrap().to_owned();
            (unit, f["severity"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn scoped_overrides_apply_only_to_their_scope() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = "signs:\n  - {name: 综治中心职责, placement: interior, type: board, issued_by: 镇综治中心, approval_ref: A-1}\n";
    write_unit(
        tmp.path(),
        "units/甲",
        &[("signage.yaml", Some(bad.as_bytes()))],
    );
    let other = common::UNIT
        .replace("音德尔镇", "胡尔勒镇")
        .replace("152223100201", "152223103201");
    write_unit(
        tmp.path(),
        "units/乙",
        &[
            ("signage.yaml", Some(bad.as_bytes())),
            ("unit.yaml", Some(other.as_bytes())),
        ],
    );
    std::fs::write(
        tmp.path().join("jianfu.yaml"),
        "overrides:\n  - scope: {township: 音德尔镇}\n    reason: 试点镇\n    rules:\n      SIGN-004: \"off\"\n",
    )
    .unwrap();
    let (report, _) = common::check_json(tmp.path(), &["units"]);
    let units: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "SIGN-004")
        .map(|f| f["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["152223103201"]);
}

fn broken_policy_error(rule: &str) -> String {
    broken_policy_error_in(rule, "zh")
}

/// [`broken_policy_error`] worded in `lang`.
fn broken_policy_error_in(rule: &str, lang: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_dir(tmp.path(), rule, None);
    write_unit(tmp.path(), "units/甲", &[]);
    let output = jianfu(tmp.path())
        .args(["check", "units", "--lang", lang, "--policies"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stdout(&output));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_invalid_regex_is_located() {
    let err = broken_policy_error(&LEAGUE_RULE.replace(
        "{field: members, gt: {param: max_members}}",
        "{field: name, matches: \"(unclosed\"}",
    ));
    assert!(err.contains("正则表达式无效"), "{err}");
    assert!(err.contains("groups.yaml:19:"), "{err}");
}

/// `count` copies of the league's rule (ids XAM-100…), each failing on a name matching
/// `pattern`; the rules compile in parallel, and what they are checked against is their order.
fn rules_matching(count: usize, pattern: &str) -> String {
    let rule = LEAGUE_RULE.strip_prefix("rules:\n").unwrap().replace(
        "{field: members, gt: {param: max_members}}",
        &format!("{{field: name, matches: '{pattern}'}}"),
    );
    let rules: String = (0..count)
        .map(|i| rule.replace("XAM-002", &format!("XAM-{}", 100 + i)))
        .collect();
    format!("rules:\n{rules}")
}

/// The line (1-based) of the `matches:` of the `index`th rule of [`rules_matching`].
fn matches_line(rules: &str, index: usize) -> usize {
    let mut lines = rules
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("matches:"));
    lines.nth(index).unwrap().0 + 1
}

#[test]
fn of_two_broken_rules_the_first_in_the_file_is_reported() {
    let mut rules = rules_matching(12, "\\w+");
    for index in [3, 9] {
        let line = matches_line(&rules, index);
        let mut lines: Vec<String> = rules.lines().map(str::to_owned).collect();
        lines[line - 1] = lines[line - 1].replace("\\w+", "(unclosed");
        rules = lines.join("\n") + "\n";
    }
    let err = broken_policy_error(&rules);
    assert!(err.contains("正则表达式无效"), "{err}");
    let first = format!("groups.yaml:{}:", matches_line(&rules, 3));
    assert!(err.contains(&first), "{first} in {err}");
}

/// Each `\w{20}` takes about 1.1 MB compiled (within the limits on one pattern), a thirtieth
/// of the set's 32 MB: twenty are checked, forty are refused at a rule whose pattern is over no
/// limit alone (the sum is), counted in the files' order.
#[test]
fn patterns_over_the_sets_memory_limit_together_are_refused_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_dir(tmp.path(), &rules_matching(20, "\\w{20}"), None);
    write_unit(tmp.path(), "units/甲", &[]);
    let output = jianfu(tmp.path())
        .args(["check", "units", "--policies"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    let rules = rules_matching(40, "\\w{20}");
    let err = broken_policy_error(&rules);
    assert!(
        err.contains("合计超过") && err.contains("33554432"),
        "{err}"
    );
    let crossing = (0..40)
        .find(|&i| err.contains(&format!("groups.yaml:{}:", matches_line(&rules, i))))
        .unwrap_or_else(|| panic!("no rule's pattern located in {err}"));
    assert!((20..40).contains(&crossing), "rule {crossing}: {err}");
}

#[test]
fn an_unknown_parameter_is_located_with_a_suggestion() {
    let err =
        broken_policy_error(&LEAGUE_RULE.replace("{param: max_members}", "{param: max_member}"));
    assert!(err.contains("没有参数 `max_member`"), "{err}");
    assert!(err.contains("是否应为 `max_members`？"), "{err}");
    // Whoever writes rules in English reads the errors in English.
    let err = broken_policy_error_in(
        &LEAGUE_RULE.replace("{param: max_members}", "{param: max_member}"),
        "en",
    );
    assert!(err.contains("unknown parameter `max_member`"), "{err}");
    assert!(err.contains("did you mean `max_members`?"), "{err}");
}

/// A placeholder that names nothing would print as written (`{nam}`) in every finding: it is a
/// located error, in either language's message, with the name it was likely meant to be.
#[test]
fn a_misspelt_placeholder_in_a_message_is_located_with_a_suggestion() {
    let err = broken_policy_error(&LEAGUE_RULE.replace("「{name}」有", "「{nam}」有"));
    assert!(err.contains("消息中的 `{nam}`"), "{err}");
    assert!(err.contains("是否应为 `name`？"), "{err}");
    assert!(
        err.contains("groups.yaml:15:"),
        "the line of the message: {err}"
    );
    let err =
        broken_policy_error(&LEAGUE_RULE.replace("has {members} members", "has {member} members"));
    assert!(err.contains("消息中的 `{member}`"), "{err}");
    assert!(err.contains("是否应为 `members`？"), "{err}");
    // The column counts characters: 「」, “” and 有 are one column each, three bytes each.
    assert!(err.contains("groups.yaml:15:62]"), "{err}");
}

#[test]
fn a_misspelt_field_is_located_with_a_suggestion() {
    let err = broken_policy_error(&LEAGUE_RULE.replace("{field: members,", "{field: member,"));
    assert!(err.contains("该部分没有字段 `member`"), "{err}");
    assert!(err.contains("是否应为 `members`？"), "{err}");
}

#[test]
fn an_unknown_key_and_a_duplicate_id_are_errors() {
    let err = broken_policy_error(
        &LEAGUE_RULE.replace("    imposer: created_by\n", "    imposr: created_by\n"),
    );
    assert!(err.contains("imposr"), "{err}");
    let err = broken_policy_error(&LEAGUE_RULE.replace("XAM-002", "SIGN-001"));
    assert!(err.contains("规则编号 `SIGN-001` 重复"), "{err}");
}

/// The stderr of `jianfu check` on a valid unit under a broken `jianfu.yaml` (exit 2).
fn broken_config_error(config: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "units/甲", &[]);
    std::fs::write(tmp.path().join("jianfu.yaml"), config).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "units"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn an_unknown_rule_in_the_configuration_is_an_error() {
    let err = broken_config_error("rules:\n  SIGN-044: \"off\"\n");
    assert!(err.contains("没有规则 `SIGN-044`"), "{err}");
}

#[test]
fn rules_table_snapshot() {
    let output = jianfu(Path::new("."))
        .args(["rules", "--lang", "en"])
        .output()
        .unwrap();
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn explain_snapshot() {
    let output = jianfu(Path::new("."))
        .args(["explain", "SIGN-001"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn an_unknown_configuration_key_suggests_the_right_one() {
    let err = broken_config_error("parms:\n  SIGN-003: {max_interior: 5}\n");
    assert!(err.contains("jianfu.yaml:1:1"), "{err}");
    assert!(err.contains("是否应为 `params`？"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Citations: one table of sources, quoted word for word

#[test]
fn a_misquoted_or_unknown_source_is_a_located_error() {
    let quote = "整合建立一体化简便高效的微信工作群";
    let err = broken_policy_error(&LEAGUE_RULE.replace(quote, "整合建立一体化的微信工作群"));
    assert!(err.contains("中没有这段文字"), "{err}");
    assert!(err.contains("groups.yaml:6:44]"), "{err}");
    let err = broken_policy_error(&LEAGUE_RULE.replace("xingan-report", "xingan-reprot"));
    assert!(err.contains("依据来源表中没有 `xingan-reprot`"), "{err}");
    assert!(err.contains("是否应为 `xingan-report`？"), "{err}");
}

/// Quoted passages (「…」 or “…”, six characters or more: shorter ones are names, such as
/// 「一表通」) in the default pack's and the example
/// league's documentation: each must be, word for word, in the sources table.
#[test]
fn every_quotation_in_the_rules_docs_is_in_the_sources_table() {
    let mut set = jianfu::policy::PolicySet::builtin().unwrap();
    set.add_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/xingan/league-policies")
            .as_path(),
    )
    .unwrap();
    let sources = set.sources();
    let quotable: Vec<&String> = sources
        .values()
        .flat_map(|s| s.quotes.iter().chain(&s.sections))
        .collect();
    let settings = jianfu::config::LoadedConfig::default().base_settings();
    let rules = set.compile(&settings).unwrap().rules;
    let mut checked = 0;
    for rule in &rules {
        let docs = &rule.docs;
        // What a rule says about its sources: `what` and `fix` quote example values instead.
        let mut texts = vec![&docs.why.zh];
        if let Some(phrase) = &rule.header.bulletin {
            texts.extend([&phrase.problem.zh, &phrase.action.zh]);
        }
        for text in texts {
            for quoted in quoted_passages(text) {
                checked += 1;
                assert!(
                    quotable.iter().any(|q| q.contains(&quoted)),
                    "{}: “{quoted}” is not in the sources table",
                    rule.header.id
                );
            }
        }
        for citation in &rule.header.citations {
            if let Some(quote) = &citation.quote {
                assert!(citation.source.has_quote(quote));
            }
        }
    }
    assert!(checked > 15, "only {checked} quotations found");
}

/// The passages of `text` in 「」 or “” of ten characters or more, with 『』 read as “”.
fn quoted_passages(text: &str) -> Vec<String> {
    let text = text.replace('『', "“").replace('』', "”");
    let mut found = Vec::new();
    for (open, close) in [('「', '」'), ('“', '”')] {
        let mut rest = text.as_str();
        while let Some(start) = rest.find(open) {
            let after = &rest[start + open.len_utf8()..];
            let Some(end) = after.find(close) else { break };
            let passage = &after[..end];
            if passage.chars().count() >= 6 {
                found.push(passage.to_owned());
            }
            rest = &after[end + close.len_utf8()..];
        }
    }
    found
}

#[test]
fn starts_with_takes_a_constant_or_a_parameter_as_its_prefix() {
    // A group created by a banner-level body (its name starts with 扎赉特旗) fires; one
    // created by a township stays quiet. The prefix comes from a parameter, then a constant.
    let rule = LEAGUE_RULE
        .replace("max_members:", "prefix:")
        .replace("default: 100", "default: 扎赉特旗")
        .replace(
            "fail: {field: members, gt: {param: max_members}}",
            "fail: {field: created_by, starts_with: {param: prefix}}",
        )
        .replace("at: members", "at: created_by");
    let tests = "cases:\n  - name: a banner body's group fires\n    rule: XAM-002\n    files:\n      groups: |\n        groups:\n          - {name: 群, platform: wechat, created_by: 扎赉特旗农牧局, purpose: 通知, approved: true, members: 150, created: 2024-01-05, last_active: 2025-06-20, demands: []}\n    expect: [\"groups[0].created_by\"]\n  - name: a township's group stays quiet\n    rule: XAM-002\n    files:\n      groups: |\n        groups:\n          - {name: 群, platform: wechat, created_by: 音德尔镇党委, purpose: 通知, approved: true, members: 150, created: 2024-01-05, last_active: 2025-06-20, demands: []}\n    expect: []\n";
    for rule in [rule.clone(), rule.replace("{param: prefix}", "扎赉特旗")] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = policy_dir(tmp.path(), &rule, Some(tests));
        let output = jianfu(tmp.path()).arg("test").arg(&dir).output().unwrap();
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(0), "{rule}\n{text}");
        assert!(text.trim_end().ends_with("2 项通过，0 项未通过"), "{text}");
    }
}

/// An override compiles only the rules whose settings it changes; the others are the league's
/// compiled rules, shared, and the whole is what compiling everything again gives.
#[test]
fn an_override_recompiles_only_the_rules_it_changes() {
    use jianfu::policy::PolicySet;
    use jianfu::policy::raw::ParamValue;
    use std::sync::Arc;
    let set = PolicySet::builtin().unwrap();
    let base_settings = jianfu::config::LoadedConfig::default().base_settings();
    let base = set.compile(&base_settings).unwrap();
    let mut settings = base_settings.clone();
    settings
        .params
        .entry("GROUP-001".into())
        .or_default()
        .insert("groups_per_institution".into(), ParamValue::Number(2.0));
    settings
        .severity
        .insert("CERT-003".into(), jianfu::finding::Severity::Error);
    settings.disabled.insert("MEET-001".into());

    let over = set
        .compile_over(&settings, Some((&base, &base_settings)))
        .unwrap();
    let whole = set.compile(&settings).unwrap();
    assert_eq!(over.digest(), whole.digest());
    assert_ne!(over.digest(), base.digest());
    assert_eq!(over.rules.len() + 1, base.rules.len());
    assert!(over.get("MEET-001").is_none());
    for rule in &over.rules {
        let id = rule.header.id.as_str();
        let shared = Arc::ptr_eq(rule, base.get(id).unwrap());
        assert_eq!(shared, !["GROUP-001", "CERT-003"].contains(&id), "{id}");
    }
    let limit = &over.get("GROUP-001").unwrap().params["groups_per_institution"].1;
    assert_eq!(limit, &ParamValue::Number(2.0));
}
