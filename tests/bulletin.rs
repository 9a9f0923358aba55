//! `jianfu bulletin`: the example league's bulletin (Markdown and JSON snapshots), hostile
//! names escaped, the HTML page rendered by headless Chromium, and the reductions against
//! hand-computed percentages.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Options that make a bulletin reproducible: a fixed date and issuer.
const FIXED: &[&str] = &["--date", "2025-07-02", "--issuer", "兴安盟减负办"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Run `jianfu bulletin ARGS` in `dir`, expecting success, and return stdout.
fn bulletin(dir: &Path, args: &[&str]) -> String {
    let output = common::jianfu(dir)
        .arg("bulletin")
        .args(args)
        .output()
        .expect("run jianfu");
    assert_eq!(
        output.status.code(),
        Some(0),
        "bulletin failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::stdout(&output)
}

fn bulletin_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&bulletin(dir, &all)).expect("the bulletin is JSON")
}

#[test]
fn example_league_markdown_snapshot() {
    let mut args = vec!["examples/xingan", "--previous", "examples/xingan-2025-Q1"];
    args.extend(FIXED);
    let markdown = bulletin(root(), &args);
    insta::assert_snapshot!(markdown);
}

#[test]
fn example_league_json_snapshot() {
    let mut args = vec![
        "examples/xingan",
        "--previous",
        "examples/xingan-2025-Q1",
        "--format",
        "json",
    ];
    args.extend(FIXED);
    let json = bulletin(root(), &args);
    insta::assert_snapshot!(json);
}

#[test]
fn example_league_cases_are_one_per_body_ranked_by_weight() {
    let mut args = vec!["examples/xingan", "--top", "40"];
    args.extend(FIXED);
    let report = bulletin_json(root(), &args);
    let cases = report["cases"].as_array().unwrap();
    let top = bulletin_json(root(), &{
        let mut args = vec!["examples/xingan"];
        args.extend(FIXED);
        args
    });
    assert_eq!(
        top["title"],
        "兴安盟减负办关于10起整治形式主义为基层减负典型问题的通报"
    );
    assert_eq!(
        top["cases"].as_array().unwrap().len(),
        10,
        "--top defaults to 10"
    );
    // Cases naming a body come first, then cases no body caused; within each, no case weighs
    // more than the one before it.
    let key = |case: &serde_json::Value| {
        (
            case["body"].is_null(),
            std::cmp::Reverse(case["weight"].as_u64().unwrap()),
        )
    };
    for pair in cases.windows(2) {
        assert!(key(&pair[0]) <= key(&pair[1]), "{pair:?}");
    }
    // The top ten are the departments and governments that impose the burdens.
    for case in &cases[..10] {
        let body = case["body"].as_str().unwrap_or_default();
        assert!(
            ["局", "办", "委员会", "党委", "人民政府"]
                .iter()
                .any(|end| body.ends_with(end)),
            "{body}"
        );
    }
    // One case per body: 扎赉特旗公安局's daily form, work group, inspection and meeting in two
    // villages are one case, weighed by its eight problems.
    let bodies: Vec<&str> = cases.iter().filter_map(|c| c["body"].as_str()).collect();
    let mut distinct = bodies.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), bodies.len(), "{bodies:?}");
    let police = &cases[0];
    assert_eq!(police["body"], "扎赉特旗公安局");
    assert_eq!(police["problems"], 8);
    for clearance in ["reports", "groups", "inspections", "meetings"] {
        assert!(
            police["clearances"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == clearance),
            "{clearance}"
        );
    }
    assert_eq!(
        police["headline"],
        "扎赉特旗公安局违规向2个嘎查村转嫁工作群、报表台账、督查检查、会议等负担"
    );
    let rules: Vec<&str> = police["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for id in [
        "REPORT-001",
        "REPORT-002",
        "REPORT-005",
        "REPORT-006",
        "GROUP-002",
    ] {
        assert!(rules.contains(&id), "{id} missing from {rules:?}");
    }
    // The narrative tells each part in a sentence of the data's own figures, numbered.
    let narrative = police["narrative"].as_str().unwrap();
    for fact in [
        "巴彦淖尔嘎查",
        "镇长发村",
        "涉及问题8个",
        "一是",
        "要求每日上报“流动人口日报表”，共6项内容，经微信群报送，限12小时内完成",
        "2025年第二季度",
        "时间为2025年6月5日（星期四）",
    ] {
        assert!(narrative.contains(fact), "{fact} missing: {narrative}");
    }
    assert!(!narrative.contains("为报表"), "{narrative}");
    // A case whose rules rest only on the league's practice as a news report describes it
    // says so, and does not claim a breach.
    let practice_only: Vec<&serde_json::Value> = cases
        .iter()
        .filter(|c| {
            c["basis"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b["binding"] == false)
        })
        .collect();
    assert!(!practice_only.is_empty());
    for case in practice_only {
        let violation = case["violation"].as_str().unwrap();
        assert!(
            violation.starts_with("上述行为与《“轻车”添活力"),
            "{violation}"
        );
        assert!(!violation.contains("违反"), "{violation}");
    }
    // Findings that name no body are grouped by rule.
    assert!(cases.iter().any(|c| c["body"].is_null()));
    // Too many groups is the township's doing (GROUP-001 counts the groups a township body
    // keeps with the unit): the case names that body, and no community is blamed for groups
    // that banner and city departments created.
    let township = cases
        .iter()
        .find(|c| c["body"] == "科尔沁镇党委")
        .expect("a case for 科尔沁镇党委");
    assert!(
        township["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "GROUP-001"),
        "{township}"
    );
    assert!(
        !cases
            .iter()
            .any(|c| c["body"].is_null() && c["rules"][0]["id"] == "GROUP-001")
    );
    // A certificate's case names the body that demands it (`requested_by`), not the village
    // that issues it.
    let certificates = cases
        .iter()
        .find(|c| c["clearances"][0] == "certificates")
        .expect("a case led by certificates");
    let body = certificates["body"].as_str().unwrap_or_default();
    assert!(body.ends_with("局"), "{body}");
    // SUBMIT findings make no case.
    assert!(cases.iter().all(|c| {
        c["clearances"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k != "submit")
    }));
    // The analysis names the dominant clearance and bodies by problems, not rule hits.
    let analysis = report["analysis"].as_str().unwrap();
    assert!(analysis.contains("清理报表台账档案（16个"), "{analysis}");
    assert!(analysis.contains("扎赉特旗公安局（8个问题"), "{analysis}");
    let statistics = &report["statistics"];
    assert_eq!(statistics["units"], 13);
    assert_eq!(statistics["units_clean"], 4);
    assert_eq!(statistics["top_bodies"][0]["body"], "扎赉特旗公安局");
    assert_eq!(statistics["top_bodies"][0]["problems"], 8);
}

#[test]
fn top_limits_the_cases_and_english_is_available() {
    let mut args = vec!["examples/xingan", "--top", "3", "--lang", "en"];
    args.extend(FIXED);
    let report = bulletin_json(root(), &args);
    assert_eq!(report["cases"].as_array().unwrap().len(), 3);
    assert_eq!(report["lang"], "en");
    assert!(
        report["title"]
            .as_str()
            .unwrap()
            .contains("3 typical cases")
    );
}

#[test]
fn a_clean_league_gets_a_bulletin_without_cases() {
    let tmp = tempfile::tempdir().unwrap();
    let clean =
        "examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/152223103204-满都拉图嘎查";
    let source = root().join(clean);
    let mut args = vec![source.to_str().unwrap()];
    args.extend(FIXED);
    let report = bulletin_json(tmp.path(), &args);
    assert_eq!(
        report["title"],
        "兴安盟减负办关于整治形式主义为基层减负清单检查情况的通报"
    );
    assert!(report["cases"].as_array().unwrap().is_empty());
    assert!(
        report["lead"]
            .as_str()
            .unwrap()
            .contains("各单位均未发现典型问题。")
    );
    assert!(!report["requirements"].as_str().unwrap().contains("一是"));
}

#[test]
fn bad_date_and_zero_top_are_usage_errors() {
    for args in [
        vec!["examples/xingan", "--date", "2025-13-01"],
        vec!["examples/xingan", "--top", "0"],
    ] {
        let output = common::jianfu(root())
            .arg("bulletin")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn output_file_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("通报.html");
    let file_arg = file.to_string_lossy().into_owned();
    let mut args = vec!["examples/xingan", "--format", "html", "--output", &file_arg];
    args.extend(FIXED);
    let stdout = bulletin(root(), &args);
    assert!(stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<svg"));
}

/// A league whose unit, banner, body and item names are markup.
fn hostile_league() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let unit = "code: \"152223100201\"\nname: \"<script>alert('unit')</script>嘎查\"\nkind: village\nbanner: \"<b onmouseover=alert(1)>旗</b>\"\ntownship: \"<img src=x onerror=alert('town')>\"\nperiod: 2025-Q2\ninstitutions: 4\n";
    let reports = "reports:\n  - name: \"<script>alert('report')</script>\"\n    kind: report\n    requested_by: \"<img src=x onerror=alert('body')>局\"\n    frequency: daily\n    channel: \"*微信群*|\"\n    fields: [姓名]\n    deadline_hours: 6\n";
    common::write_unit(
        tmp.path(),
        "hostile",
        &[
            ("unit.yaml", Some(unit.as_bytes())),
            ("reports.yaml", Some(reports.as_bytes())),
        ],
    );
    tmp
}

#[test]
fn hostile_names_are_escaped_in_html() {
    let league = hostile_league();
    let mut args = vec![".", "--format", "html"];
    args.extend(FIXED);
    let html = bulletin(league.path(), &args);
    // The names made it into the page, as text.
    assert!(html.contains("&lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(&#39;body&#39;)&gt;局"));
    assert!(html.contains("&lt;b onmouseover=alert(1)&gt;旗&lt;/b&gt;"));
    // None of them as markup: the page has no script, image or handler of its own.
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "unescaped <script>");
    assert!(!lower.contains("<img"), "unescaped <img>");
    assert!(!lower.contains("<b "), "unescaped <b>");
    assert!(!lower.contains("onerror=alert(&#39;body&#39;)\""));
    assert!(
        html.contains("default-src 'none'"),
        "the CSP forbids scripts"
    );
}

#[test]
fn hostile_names_are_escaped_in_markdown() {
    let league = hostile_league();
    let mut args = vec!["."];
    args.extend(FIXED);
    let markdown = bulletin(league.path(), &args);
    assert!(markdown.contains("\\<script\\>alert('report')\\</script\\>"));
    assert!(markdown.contains("\\<img src=x onerror=alert('body')\\>局"));
    assert!(markdown.contains("\\*微信群\\*\\|"));
    // Every angle bracket is escaped, so no renderer takes any of it for HTML.
    let bytes = markdown.as_bytes();
    for (at, _) in markdown.match_indices(['<', '>']) {
        assert!(
            at > 0 && bytes[at - 1] == b'\\',
            "unescaped bracket at {at}: {}",
            markdown.get(at.saturating_sub(40)..=at).unwrap_or_default()
        );
    }
}

/// Run `program` with `args`, killing it after `limit`.
/// Chromium, when installed (Debian's package); skipped with a message otherwise.
fn chromium() -> Option<&'static str> {
    common::external_tool("chromium", "apt-get install chromium fonts-wqy-microhei")
}

/// Pixels of a decoded PNG as RGB triples.
#[test]
fn html_renders_in_headless_chromium() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("bulletin.html");
    let page_arg = page.to_string_lossy().into_owned();
    let mut args = vec!["examples/xingan", "--format", "html", "-o", &page_arg];
    args.extend(FIXED);
    bulletin(root(), &args);
    let shot: PathBuf = tmp.path().join("shot.png");
    let profile = tmp.path().join("profile");
    let chromium_args: Vec<String> = vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
        format!("--screenshot={}", shot.display()),
        "--window-size=1240,1754".into(),
        format!("file://{}", page.display()),
    ];
    let status = common::run_with_limit(browser, &chromium_args, Duration::from_secs(120));
    assert!(status.success(), "chromium failed: {status}");
    let pixels = common::rgb_pixels(&shot);
    assert_eq!(pixels.len(), 1240 * 1754, "the window size");
    let non_white = pixels.iter().filter(|p| p.iter().any(|&c| c < 235)).count();
    assert!(
        non_white > pixels.len() / 50,
        "the page looks blank: {non_white} non-white pixels of {}",
        pixels.len()
    );
    let mut colours: Vec<[u8; 3]> = pixels.clone();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() > 16,
        "only {} distinct colours",
        colours.len()
    );
    // The red masthead (#c00) is drawn: the inline CSS applied.
    let red = pixels
        .iter()
        .filter(|p| p[0] > 170 && p[1] < 60 && p[2] < 60)
        .count();
    assert!(red > 1000, "no red masthead: {red} red pixels");
}

/// A valid unit.yaml for `code`, in `banner` / `township`.
fn unit_yaml(code: &str, name: &str, banner: &str, township: &str) -> String {
    format!(
        "code: \"{code}\"\nname: {name}\nkind: village\nbanner: {banner}\ntownship: {township}\nperiod: 2025-Q2\ninstitutions: 9\n"
    )
}

fn signs(n: usize) -> String {
    let mut text = "signs:\n".to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "  - {{name: 公示栏{i}, placement: interior, type: notice, issued_by: 镇党委}}\n"
        ));
    }
    if n == 0 {
        text = "signs: []\n".to_owned();
    }
    text
}

fn groups(n: usize) -> String {
    if n == 0 {
        return "groups: []\n".to_owned();
    }
    let mut text = "groups:\n".to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "  - {{name: 工作群{i}, platform: zwwx, created_by: 镇党委, purpose: 用途{i}, approved: true, members: 9, created: 2024-01-05, last_active: 2025-06-20, demands: []}}\n"
        ));
    }
    text
}

fn certificates(n: usize) -> String {
    if n == 0 {
        return "certificates: []\n".to_owned();
    }
    let mut text = "certificates:\n".to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "  - {{name: 证明{i}, basis: 《居住证暂行条例》, issued_count: 1}}\n"
        ));
    }
    text
}

fn inspections(n: usize) -> String {
    if n == 0 {
        return "inspections: []\n".to_owned();
    }
    let mut text = "inspections:\n".to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "  - {{name: 检查{i}, type: inspection, by: 旗农牧局, date: 2025-04-21, plan_ref: P-{i}, demands: []}}\n"
        ));
    }
    text
}

/// Write a unit with the given counts of signs, groups, certificates and inspections.
fn counted_unit(root: &Path, dir: &str, unit: &str, (s, g, c, i): (usize, usize, usize, usize)) {
    let files = [
        ("unit.yaml", unit.to_owned()),
        ("signage.yaml", signs(s)),
        ("groups.yaml", groups(g)),
        ("certificates.yaml", certificates(c)),
        ("inspections.yaml", inspections(i)),
    ];
    let files: Vec<(&str, Option<&[u8]>)> = files
        .iter()
        .map(|(name, text)| (*name, Some(text.as_bytes())))
        .collect();
    common::write_unit(root, dir, &files);
}

#[test]
fn reductions_match_hand_computed_percentages() {
    let tmp = tempfile::tempdir().unwrap();
    let previous = tmp.path().join("2025-Q1");
    let current = tmp.path().join("2025-Q2");
    let a = unit_yaml("152223100201", "巴彦淖尔嘎查", "扎赉特旗", "音德尔镇");
    let b = unit_yaml("152221100002", "科尔沁嘎查", "科尔沁右翼前旗", "科尔沁镇");
    let c = unit_yaml("152223103203", "镇长发村", "扎赉特旗", "音德尔镇");
    // (signs, groups, certificates, inspections)
    counted_unit(&previous, "a", &a, (30, 3, 0, 8));
    counted_unit(&previous, "b", &b, (21, 0, 0, 0));
    counted_unit(&current, "a", &a, (20, 4, 2, 7));
    counted_unit(&current, "b", &b, (12, 0, 0, 0));
    // C is new this period: it is not compared.
    counted_unit(&current, "c", &c, (50, 0, 0, 0));
    let previous_arg = previous.to_string_lossy().into_owned();
    let mut args = vec!["2025-Q2", "--previous", &previous_arg];
    args.extend(FIXED);
    let report = bulletin_json(tmp.path(), &args);
    let trend = &report["trend"];
    assert_eq!(trend["previous_units"], 2);
    assert_eq!(trend["matched_units"], 2);
    assert_eq!(trend["unmatched_units"], 1);
    let section = |list: &serde_json::Value, key: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["section"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("no {key}"))
    };
    // League: signs 30 + 21 = 51 → 20 + 12 = 32: 19/51 = 37.2549…% → 压减37.25%.
    let signage = section(&trend["league"], "signage");
    assert_eq!(signage["previous"], 51);
    assert_eq!(signage["current"], 32);
    assert_eq!(signage["reduction_percent"], 37.25);
    assert_eq!(signage["text"], "压减37.25%");
    // Groups 3 → 4: growth of 1/3 → 增加33.33%.
    let groups = section(&trend["league"], "groups");
    assert_eq!(groups["reduction_percent"], -33.33);
    assert_eq!(groups["text"], "增加33.33%");
    // Certificates 0 → 2: no percentage exists.
    let certificates = section(&trend["league"], "certificates");
    assert!(certificates["reduction_percent"].is_null());
    assert_eq!(certificates["text"], "新增2项");
    // Inspections 8 → 7: 12.5% exactly.
    assert_eq!(
        section(&trend["league"], "inspections")["text"],
        "压减12.50%"
    );
    assert_eq!(section(&trend["league"], "meetings")["text"], "持平");
    // Per banner: 扎赉特旗 signs 30 → 20 (33.33%), 科尔沁右翼前旗 21 → 12 (9/21 = 42.857…%).
    let banners = trend["by_banner"].as_array().unwrap();
    let banner = |name: &str| {
        banners
            .iter()
            .find(|b| b["banner"] == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    assert_eq!(
        section(&banner("扎赉特旗")["sections"], "signage")["text"],
        "压减33.33%"
    );
    assert_eq!(
        section(&banner("科尔沁右翼前旗")["sections"], "signage")["text"],
        "压减42.86%"
    );
    // A rebounded (groups and certificates grew); B did not.
    let rebounds = trend["rebounds"].as_array().unwrap();
    assert_eq!(rebounds.len(), 1);
    assert_eq!(rebounds[0]["code"], "152223100201");
    let grew: Vec<&str> = rebounds[0]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"].as_str().unwrap())
        .collect();
    assert_eq!(grew, ["certificates", "groups"]);
    // The Markdown says the same, in the style of bulletins.
    let mut args = vec!["2025-Q2", "--previous", &previous_arg];
    args.extend(FIXED);
    let markdown = bulletin(tmp.path(), &args);
    assert!(markdown.contains("标识标牌压减37.25%"), "{markdown}");
    assert!(markdown.contains("工作群组增加33.33%"));
    assert!(markdown.contains("1个单位清理过的事项出现反弹"));
}

#[test]
fn filters_narrow_the_bulletin_like_the_check() {
    let mut args = vec![
        "examples/xingan",
        "--banner",
        "扎赉特旗",
        "--clearance",
        "groups",
    ];
    args.extend(FIXED);
    let report = bulletin_json(root(), &args);
    let stats = &report["statistics"];
    assert_eq!(stats["units"], 5, "only 扎赉特旗's units");
    let clearances: Vec<&str> = stats["by_clearance"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["count"].as_u64() > Some(0))
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(clearances, ["groups"]);
    assert!(!report["cases"].as_array().unwrap().is_empty());
}

/// Units write one body's name in several ways (the banner's short name, stray blanks): the
/// bulletin makes one case of it, under the full name.
#[test]
fn one_body_spelt_two_ways_is_one_case_under_its_full_name() {
    let tmp = tempfile::tempdir().unwrap();
    let report = |body: &str| {
        format!(
            "reports:\n  - name: 流动人口日报表\n    kind: report\n    requested_by: {body}\n    frequency: daily\n    channel: 微信群\n    fields: [姓名]\n    deadline_hours: 6\n"
        )
    };
    for (dir, code, name, body) in [
        ("a", "152221100002", "科尔沁社区", "科右前旗公安局"),
        ("b", "152221100005", "兴科社区", "\"科尔沁右翼前旗 公安局\""),
    ] {
        let unit = unit_yaml(code, name, "科尔沁右翼前旗", "科尔沁镇");
        let reports = report(body);
        common::write_unit(
            tmp.path(),
            dir,
            &[
                ("unit.yaml", Some(unit.as_bytes())),
                ("reports.yaml", Some(reports.as_bytes())),
            ],
        );
    }
    let bulletin = bulletin_json(tmp.path(), &["."]);
    let cases = bulletin["cases"].as_array().unwrap();
    let bodies: Vec<&str> = cases.iter().filter_map(|c| c["body"].as_str()).collect();
    assert_eq!(bodies, ["科尔沁右翼前旗公安局"], "{bulletin:#}");
    assert_eq!(cases[0]["units"].as_array().map(Vec::len), Some(2));
}

/// A league's own rule gets its bulletin wording from its own policy file (`docs.bulletin`),
/// as the default rules do: no table in the checker has to know it.
#[test]
fn a_league_rule_is_worded_in_the_bulletin_from_its_own_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let groups = "groups:\n  - {name: 全镇工作群, platform: wechat, created_by: 音德尔镇党委, purpose: 通知, approved: true, members: 150, created: 2024-01-05, last_active: 2025-06-20, demands: []}\n";
    common::write_unit(
        tmp.path(),
        "units/甲",
        &[("groups.yaml", Some(groups.as_bytes()))],
    );
    let policies = tmp.path().join("league");
    std::fs::create_dir_all(&policies).unwrap();
    std::fs::write(
        policies.join("groups.yaml"),
        r#"rules:
  - id: XAM-002
    name: big-group
    severity: error
    clearance: groups
    basis: [{source: xingan-report, quote: 整合建立一体化简便高效的微信工作群}]
    docs:
      what: {zh: 成员过多的群, en: groups with too many members}
      why: {zh: 群大难管, en: big groups are noisy}
      fix: {zh: 拆分或精简, en: split or trim it}
      bulletin:
        problem: {zh: 拉建成员过多的超大工作群, en: sets up oversized work groups}
        action: {zh: 按工作需要拆分超大工作群, en: split the oversized groups}
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
"#,
    )
    .unwrap();
    let dir = policies.to_string_lossy().into_owned();
    let text = bulletin(
        tmp.path(),
        &["units", "--policies", &dir, "--rule", "XAM-002"],
    );
    assert!(text.contains("拉建成员过多的超大工作群"), "{text}");
    assert!(text.contains("按工作需要拆分超大工作群"), "{text}");
    let text = bulletin(
        tmp.path(),
        &[
            "units",
            "--policies",
            &dir,
            "--rule",
            "XAM-002",
            "--lang",
            "en",
        ],
    );
    assert!(text.contains("sets up oversized work groups"), "{text}");
}

/// `--date` is the as-of date of the whole run: a waiver valid until 2025-09-30 still applies
/// to a bulletin dated 2025-07-15 and no longer to one dated 2025-10-01; and the deadline, 30
/// days on, moves off the National Day holiday to the next working day.
#[test]
fn the_date_decides_waivers_and_the_deadline_is_a_working_day() {
    let waived = |date: &str| {
        bulletin_json(root(), &["examples/xingan", "--date", date])["statistics"]["waived"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(waived("2025-07-15"), 2);
    assert_eq!(waived("2025-10-01"), 1);
    // The deadline is said once, in the requirements, not in every case.
    let handling = |args: &[&str]| {
        let mut all = vec!["examples/xingan"];
        all.extend(args);
        bulletin_json(root(), &all)["requirements"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // 2025-09-01 + 30 days is 2025-10-01, in the National Day holiday (1–8 October 2025).
    let text = handling(&["--date", "2025-09-01"]);
    assert!(text.contains("2025年10月9日"), "{text}");
    // A deadline on a working day stays where it is.
    let text = handling(&["--date", "2025-07-15", "--deadline-days", "15"]);
    assert!(text.contains("2025年7月30日"), "{text}");
}

/// The bulletin counts problems, not rule hits: one item that breaks several rules is one
/// problem; submission flaws and waived findings are set apart with their own counts, and the
/// arithmetic adds up to what `check` reports.
#[test]
fn the_bulletin_counts_distinct_problems_and_shows_the_arithmetic() {
    let bulletin = bulletin_json(root(), &["examples/xingan", "--date", "2025-07-15"]);
    let statistics = &bulletin["statistics"];
    let number = |v: &serde_json::Value| v.as_u64().unwrap();
    let findings = number(&statistics["findings"]);
    let problems = number(&statistics["problems"]);
    let not = &statistics["not_problems"];
    let hits =
        findings - number(&not["submission"]) - number(&not["trend"]) - number(&not["config"]);
    // 扎赉特旗公安局's 流动人口日报表 alone breaks five rules in each of two villages.
    assert!(problems < hits, "{problems} problems from {hits} hits");
    assert_eq!(problems, 88);
    assert_eq!(number(&not["submission"]), 7);
    // The annex on submission quality names each unit whose own inventory needs correcting,
    // and accounts for every submission flaw.
    let submission = bulletin["submission"].as_array().unwrap();
    assert_eq!(submission.len(), 5);
    let flaws: u64 = submission.iter().map(|s| number(&s["findings"])).sum();
    assert_eq!(flaws, 7);
    let lead = bulletin["lead"].as_str().unwrap();
    assert!(
        lead.contains(&format!("共存在问题{problems}个，涉及违反规定{hits}项次")),
        "{lead}"
    );
    assert!(
        lead.contains("另有清单填报不规范7处、豁免到期或未用1处、经批准豁免2处，不计入问题数"),
        "{lead}"
    );
    // The linter's words stay out of the body.
    for word in ["错误", "警告", "提示"] {
        assert!(!lead.contains(word), "{word} in {lead}");
    }
    // `check` on the same date counts every open finding: the problems' hits and the rest.
    let output = common::jianfu(root())
        .args([
            "check",
            "examples/xingan",
            "--date",
            "2025-07-15",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let check: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(number(&check["summary"]["findings"]), findings);
}

/// A rebound says which items are new and which body is behind each, not only a count.
#[test]
fn a_rebound_names_the_new_items_and_who_imposed_them() {
    let bulletin = bulletin_json(
        root(),
        &[
            "examples/xingan",
            "--previous",
            "examples/xingan-2025-Q1",
            "--date",
            "2025-07-15",
        ],
    );
    let rebound = &bulletin["trend"]["rebounds"][0];
    assert_eq!(rebound["name"], "巴彦淖尔嘎查");
    let groups = rebound["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "groups")
        .expect("the groups grew back");
    let new: Vec<(&str, &str)> = groups["new_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["by"].as_str().unwrap()))
        .collect();
    assert_eq!(
        new,
        [
            ("2025年春季防火专项工作群", "扎赉特旗林业和草原局"),
            ("扎赉特旗医保征缴工作群", "扎赉特旗医疗保障局"),
        ]
    );
    let markdown = bulletin_text_with_previous();
    assert!(
        markdown.contains("新增“2025年春季防火专项工作群”（扎赉特旗林业和草原局）"),
        "{markdown}"
    );
}

fn bulletin_text_with_previous() -> String {
    bulletin(
        root(),
        &[
            "examples/xingan",
            "--previous",
            "examples/xingan-2025-Q1",
            "--date",
            "2025-07-15",
        ],
    )
}

/// The 公文 frame: issuing body, number, title, the bodies addressed, the four parts, the
/// attachment note, signature and date, and the imprint with the bodies copied; without an
/// issuer the bulletin says loudly that it is not ready to be sent.
#[test]
fn the_bulletin_has_the_frame_of_an_official_document() {
    let text = bulletin(
        root(),
        &[
            "examples/xingan",
            "--date",
            "2025-07-15",
            "--issuer",
            "兴安盟减负办",
            "--doc-number",
            "兴减负通〔2025〕3号",
            "--recipients",
            "各旗县市减负办，盟直各部门",
            "--cc",
            "盟委办公室",
        ],
    );
    let order = [
        "**兴安盟减负办**",
        "兴减负通〔2025〕3号",
        "# 兴安盟减负办关于",
        "各旗县市减负办，盟直各部门：",
        "## 一、基本情况",
        "## 二、典型问题",
        "### （一）",
        "## 三、工作要求",
        "附件：检查情况统计",
        "抄送：盟委办公室",
        "兴安盟减负办　2025年7月15日印发",
    ];
    let mut at = 0;
    for part in order {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} missing or out of order"));
        at += found + part.len();
    }
    assert!(!text.contains("未写发文机关"), "{text}");
    let draft = bulletin(root(), &["examples/xingan", "--date", "2025-07-15"]);
    assert!(draft.starts_with("> **【未写发文机关"), "{draft}");
}

/// `--format docx`: a Word file with the document's frame, which LibreOffice opens and lays out
/// on A4 pages with the red masthead (checked by converting to PDF and the first page to PNG).
#[test]
fn the_word_file_is_an_official_document_libreoffice_can_lay_out() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("通报.docx");
    let file_arg = file.to_string_lossy().into_owned();
    let mut args = vec![
        "examples/xingan",
        "--format",
        "docx",
        "-o",
        &file_arg,
        "--doc-number",
        "兴减负通〔2025〕3号",
        "--cc",
        "盟委办公室",
    ];
    args.extend(FIXED);
    bulletin(root(), &args);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let xml = document_xml(&file);
    // Every part is deflated, as Word writes them (docx-rs alone stores them).
    for index in 0..archive.len() {
        let part = archive.by_index(index).unwrap();
        if !part.is_dir() {
            assert_eq!(
                part.compression(),
                zip::CompressionMethod::Deflated,
                "{:?}",
                part.name()
            );
        }
    }
    let packed = std::fs::metadata(&file).unwrap().len();
    assert!(
        packed * 3 < xml.len() as u64,
        "{packed} bytes for {} of XML",
        xml.len()
    );
    for part in [
        "兴减负通〔2025〕3号",
        "典型问题的通报",
        "一、基本情况",
        "（一）",
        "抄送：盟委办公室",
        "印发",
        "仿宋_GB2312",
        "w:pgSz",
    ] {
        assert!(xml.contains(part), "{part} missing from document.xml");
    }
    // Without --output a Word file is refused, not poured onto a terminal.
    let output = common::jianfu(root())
        .args(["bulletin", "examples/xingan", "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let install = "apt-get install libreoffice-writer-nogui poppler-utils fonts-wqy-microhei";
    let Some(office) = common::external_tool("soffice", install) else {
        return;
    };
    // pdfinfo and pdftoppm come together in poppler-utils.
    if common::external_tool_answering("pdftoppm", "-v", install).is_none() {
        return;
    }
    let status = common::run_with_limit(
        office,
        &[
            "--headless".into(),
            format!("-env:UserInstallation=file://{}/lo", tmp.path().display()),
            "--convert-to".into(),
            "pdf".into(),
            "--outdir".into(),
            tmp.path().display().to_string(),
            file_arg.clone(),
        ],
        Duration::from_secs(240),
    );
    assert!(status.success(), "soffice failed: {status}");
    let pdf = tmp.path().join("通报.pdf");
    let info = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("(A4)"), "not A4: {info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    assert!(pages >= 3, "{pages} pages");
    let png = tmp.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    let first = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("the first page as PNG");
    let pixels = common::rgb_pixels(&first);
    let red = pixels
        .iter()
        .filter(|p| p[0] > 150 && p[1] < 80 && p[2] < 80)
        .count();
    assert!(red > 200, "no red masthead: {red} red pixels");
    let dark = pixels.iter().filter(|p| p.iter().all(|&c| c < 100)).count();
    assert!(dark > 2000, "the page looks blank: {dark} dark pixels");
}

/// A .docx is a zip whose word/document.xml holds the text.
fn document_xml(file: &Path) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    xml
}

/// The annex on submission is written into the Word file row by row, not held by docx-rs:
/// every flawed unit once, in the bulletin's order, after the header; every paragraph of the
/// document numbered (`w14:paraId`) once.
#[test]
fn the_word_annex_lists_each_flawed_unit_once_with_paragraphs_numbered_once() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("通报.docx");
    let file_arg = file.to_string_lossy().into_owned();
    let mut args = vec!["examples/xingan", "-o", &file_arg, "--format", "docx"];
    args.extend(FIXED);
    bulletin(root(), &args);
    let mut same = vec!["examples/xingan"];
    same.extend(FIXED);
    let expected = bulletin_json(root(), &same);
    let units = expected["submission"].as_array().unwrap();
    assert!(units.len() >= 2, "{units:?}");
    let xml = document_xml(&file);
    let annex = &xml[xml.rfind("<w:tbl>").unwrap()..];
    let text = regex::Regex::new(r"<w:t[^>]*>([^<]*)</w:t>").unwrap();
    let rows: Vec<Vec<&str>> = annex
        .split("<w:tr>")
        .skip(1)
        .map(|row| {
            text.captures_iter(row)
                .map(|c| c.get(1).unwrap().as_str())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), units.len() + 1, "{rows:?}");
    assert_eq!(rows[0], ["单位", "填报问题（处）", "涉及规则"]);
    for (row, unit) in rows[1..].iter().zip(units) {
        let rules: Vec<&str> = unit["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        let findings = unit["findings"].to_string();
        let expected = [unit["unit"].as_str().unwrap(), &findings, &rules.join(", ")];
        assert_eq!(row, &expected);
    }
    let id = regex::Regex::new(r#"w14:paraId="([0-9a-f]{8})""#).unwrap();
    let ids: Vec<&str> = id
        .captures_iter(&xml)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    let distinct: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), ids.len(), "{ids:?}");
    assert!(ids.len() > 3 * units.len(), "{}", ids.len());
}

/// Check each banner of the example league on its own, as a banner office or a CI job would,
/// and write its JSON report with the units' records.
fn banner_reports(out: &Path, extra: &[&str]) -> Vec<String> {
    let league = root().join("examples/xingan/2025-Q2");
    let mut banners: Vec<_> = std::fs::read_dir(&league)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    banners.sort();
    assert_eq!(banners.len(), 3);
    banners
        .iter()
        .map(|banner| {
            let report = out.join(format!("{banner}.json"));
            let output = common::jianfu(root())
                .args(["check", "--format", "json", "--with-units", "-o"])
                .arg(&report)
                .arg(format!("examples/xingan/2025-Q2/{banner}"))
                .args(["--date", "2025-07-02"])
                .args(extra)
                .output()
                .unwrap();
            assert_eq!(
                output.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            report.to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn merged_banner_reports_give_the_bulletin_of_one_run() {
    let tmp = tempfile::tempdir().unwrap();
    let reports = banner_reports(tmp.path(), &[]);
    for format in ["md", "json"] {
        let mut whole = vec![
            "examples/xingan",
            "--previous",
            "examples/xingan-2025-Q1",
            "--format",
            format,
        ];
        whole.extend(FIXED);
        let one_run = bulletin(root(), &whole);
        let mut merged = vec![
            "--reports",
            &reports[0],
            &reports[1],
            &reports[2],
            "--config",
            "examples/xingan/jianfu.yaml",
            "--previous",
            "examples/xingan-2025-Q1",
            "--format",
            format,
        ];
        merged.extend(FIXED);
        assert_eq!(bulletin(root(), &merged), one_run, "{format}");
    }
    // A report without the units' records cannot make a bulletin, and says how to make one.
    let plain = tmp.path().join("plain.json");
    let output = common::jianfu(root())
        .args(["check", "examples/xingan", "--format", "json", "-o"])
        .arg(&plain)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let output = common::jianfu(root())
        .args([
            "bulletin",
            "--config",
            "examples/xingan/jianfu.yaml",
            "--reports",
        ])
        .arg(&plain)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("--with-units"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // Reports made under other rules are refused: here, the pack without the league's config.
    let output = common::jianfu(root())
        .args(["bulletin", "--reports", &reports[0]])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("另一套规则"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A temporary directory that cannot be written is a clear error naming it (exit 2), in the
/// run's language; nothing is written.
#[test]
fn an_unwritable_temporary_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("无此目录");
    let out = dir.path().join("通报.md");
    for (lang, words) in [("zh", "临时目录"), ("en", "temporary directory")] {
        let output = common::jianfu(root())
            .env("TMPDIR", &missing)
            .args(["bulletin", "examples/xingan", "--lang", lang, "-o"])
            .arg(&out)
            .args(FIXED)
            .output()
            .expect("run jianfu");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
        assert!(stderr.contains("TMPDIR"), "{stderr}");
        assert!(stderr.contains("无此目录"), "{stderr}");
        assert!(!out.exists());
    }
}
