//! Snapshots of the human report (no colour, width 100): underlines and `line:col` headers must
//! be right after Chinese text on the same line and inside flow mappings.

mod common;

use common::{jianfu, stdout, write_unit};

const CERTIFICATES: &str = "certificates:\n  - {name: 居住证明, issued_count: 很多}\n  - name: 亲属关系证明\n    issued_count: 2\n";
const SIGNAGE: &str = "signs:\n  - {name: 卫生健康工作站, placement: exterior, type: plaque, issued_by: 扎赉特旗卫生健康委员会, approval_ref: ZT-BS-2024-009}\n";

fn report(lang: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(
        tmp.path(),
        "巴彦淖尔嘎查",
        &[
            ("certificates.yaml", Some(CERTIFICATES.as_bytes())),
            ("signage.yaml", Some(SIGNAGE.as_bytes())),
            ("meetings.yaml", None),
        ],
    );
    let output = jianfu(tmp.path())
        .args(["check", ".", "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    stdout(&output)
}

#[test]
fn human_report_in_chinese() {
    let text = report("zh");
    // The header column counts characters: `很多` starts at character 32, byte 40.
    assert!(text.contains("certificates.yaml:2:32]"), "{text}");
    assert!(!text.contains("\u{1b}["), "no colour when piped");
    insta::assert_snapshot!(text);
}

#[test]
fn human_report_in_english() {
    insta::assert_snapshot!(report("en"));
}
