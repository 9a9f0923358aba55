//! `check --annotate`: the unit back to its clerk as a workbook in the template's layout, every
//! finding a filled cell with a note and a row of 「检查结果」 linking to it; marks that are
//! formatting and notes, never data.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::{Data, Reader, Xlsx};
use common::{jianfu, write_unit};

const COMMUNITY: &str =
    "examples/xingan/2025-Q2/152201-乌兰浩特市/152201002-和平街道/152201002007-红胜家园社区";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `jianfu check ARGS` in the repository root, with a fixed creation time.
fn check(args: &[&str]) -> std::process::Output {
    jianfu(&root())
        .arg("check")
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1751500800")
        .output()
        .unwrap()
}

/// The text of every cell of a sheet, row by row.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).expect("an xlsx");
    let range = workbook.worksheet_range(sheet).expect("the sheet");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A file of the xlsx package.
fn part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> Option<String> {
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    Some(text)
}

/// Each sheet's marked cells: `sheet!cell fill=RRGGBB note=…`, from the package's XML (the
/// workbook's sheet order, each sheet's comments and each cell's style and fill).
fn marks(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let styles = part(&mut zip, "xl/styles.xml").unwrap();
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let fills: Vec<Option<String>> = styles
        .descendants()
        .filter(|n| n.has_tag_name("fill"))
        .map(|fill| {
            fill.descendants()
                .find(|n| n.has_tag_name("fgColor"))
                .and_then(|c| c.attribute("rgb"))
                .map(|argb| argb.strip_prefix("FF").unwrap_or(argb).to_owned())
        })
        .collect();
    let xf_fills: Vec<usize> = styles
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .map(|xf| xf.attribute("fillId").unwrap_or("0").parse().unwrap())
        .collect();
    let workbook = part(&mut zip, "xl/workbook.xml").unwrap();
    let workbook = roxmltree::Document::parse(&workbook).unwrap();
    let names: Vec<String> = workbook
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .map(|n| n.attribute("name").unwrap().to_owned())
        .collect();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let sheet = part(&mut zip, &format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap();
        let sheet = roxmltree::Document::parse(&sheet).unwrap();
        let mut filled: BTreeMap<String, String> = BTreeMap::new();
        for cell in sheet.descendants().filter(|n| n.has_tag_name("c")) {
            let style: usize = cell.attribute("s").unwrap_or("0").parse().unwrap();
            if let Some(Some(rgb)) = fills.get(xf_fills[style]) {
                filled.insert(cell.attribute("r").unwrap().to_owned(), rgb.clone());
            }
        }
        let rels = part(
            &mut zip,
            &format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1),
        )
        .unwrap_or_default();
        let comments = rels
            .split("Target=\"../")
            .skip(1)
            .filter_map(|t| t.split('"').next())
            .find(|t| t.starts_with("comments"))
            .map(|t| format!("xl/{t}"));
        let mut notes: BTreeMap<String, String> = BTreeMap::new();
        if let Some(comments) = comments.and_then(|c| part(&mut zip, &c)) {
            let doc = roxmltree::Document::parse(&comments).unwrap();
            for comment in doc.descendants().filter(|n| n.has_tag_name("comment")) {
                let text: String = comment
                    .descendants()
                    .filter(|n| n.is_text())
                    .map(|n| n.text().unwrap_or_default())
                    .collect();
                notes.insert(comment.attribute("ref").unwrap().to_owned(), text);
            }
        }
        // The header's notes describe the columns; the marks are on data cells.
        for (cell, rgb) in &filled {
            let row = cell.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if name == "检查结果" || name == "填写说明" || row == "1" {
                continue;
            }
            let note = notes.get(cell).map_or("(no note)", String::as_str);
            // The program shows the note's author on its first line.
            let note = note.strip_prefix("jianfu:").unwrap_or(note).trim();
            out.push(format!(
                "{name}!{cell} fill={rgb} note={}",
                note.replace('\n', " / ")
            ));
        }
    }
    out
}

#[test]
fn a_unit_comes_back_as_its_workbook_with_every_finding_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("红胜家园社区-批注.xlsx");
    let output = check(&[COMMUNITY, "--annotate", out.to_str().unwrap(), "-q"]);
    assert_eq!(output.status.code(), Some(1), "findings at error");
    // 「检查结果」 comes first and lists every finding with its place.
    let workbook: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(workbook.sheet_names()[0], "检查结果");
    let results = sheet_rows(&out, "检查结果");
    insta::assert_snapshot!(
        "results",
        results
            .iter()
            .map(|r| r.join(" | "))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // Every finding of `check` is a row; the title counts them.
    let (report, _) = common::check_json(&root(), &[COMMUNITY]);
    let findings = report["findings"].as_array().unwrap().len();
    assert_eq!(
        results.len(),
        findings + 2,
        "a title, a header and a row each"
    );
    // Each finding on a cell: filled by its worst severity, with its note.
    let marks = marks(&out);
    insta::assert_snapshot!("marks", marks.join("\n"));
    assert!(
        marks
            .iter()
            .any(|m| m.starts_with("工作群组!") && m.contains("fill=FFC7CE")),
        "an error is red: {marks:?}"
    );
    assert!(
        marks.iter().any(|m| m.contains("fill=FFEB9C")),
        "a warning is amber"
    );
    assert!(marks.iter().all(|m| !m.contains("(no note)")), "{marks:?}");
}

/// The marks are formatting and notes: converted back to YAML, the annotated workbook is the
/// unit it came from.
#[test]
fn the_annotated_workbook_reads_back_as_the_same_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let annotated = tmp.path().join("a.xlsx");
    check(&[COMMUNITY, "--annotate", annotated.to_str().unwrap(), "-q"]);
    let yaml = |from: &Path, to: &Path| {
        let output = jianfu(&root())
            .args(["convert"])
            .arg(from)
            .args(["--to", "yaml"])
            .arg(to)
            .output()
            .unwrap();
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    yaml(&root().join(COMMUNITY), &tmp.path().join("original"));
    yaml(&annotated, &tmp.path().join("back"));
    let files = |dir: &Path| -> BTreeMap<String, String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect()
    };
    let original = files(&tmp.path().join("original"));
    assert_eq!(original.len(), 8);
    assert_eq!(files(&tmp.path().join("back")), original);
}

#[test]
fn a_missing_sheet_heads_the_results_and_english_is_available() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "units/甲", &[("meetings.yaml", None)]);
    let out = tmp.path().join("out/甲.xlsx");
    std::fs::create_dir(tmp.path().join("out")).unwrap();
    let output = jianfu(tmp.path())
        .args(["check", "units/甲", "--annotate", "out/甲.xlsx", "-q"])
        .output()
        .unwrap();
    // A missing section is a warning: the run passes, and the workbook says so first.
    assert_eq!(output.status.code(), Some(0));
    let results = sheet_rows(&out, "检查结果");
    assert_eq!(results[2][3], "整个工作簿", "{results:?}");
    assert!(results[2][4].contains("meetings"), "{results:?}");
    let output = jianfu(tmp.path())
        .args([
            "check",
            "units/甲",
            "--annotate",
            "out/en.xlsx",
            "-q",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let results = sheet_rows(&tmp.path().join("out/en.xlsx"), "检查结果");
    assert_eq!(results[1][1], "Severity");
    assert_eq!(results[2][3], "the whole workbook");
}

#[test]
fn a_tree_gets_one_workbook_per_unit_in_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("批注");
    let output = check(&["examples/xingan", "--annotate", dir.to_str().unwrap(), "-q"]);
    assert_eq!(output.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(names.contains(&"152223100201-巴彦淖尔嘎查.xlsx".to_owned()));
    // A file holds one unit: several units need a directory.
    let file = tmp.path().join("one.xlsx");
    let output = check(&[
        "examples/xingan",
        "--annotate",
        file.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("只能写一个单位的工作簿"), "{stderr}");
}

/// An annotated workbook inside the checked tree would be checked as a unit next time.
#[test]
fn annotated_workbooks_are_not_written_into_what_is_checked() {
    let tmp = tempfile::tempdir().unwrap();
    write_unit(tmp.path(), "units/甲", &[]);
    let output = jianfu(tmp.path())
        .args(["check", "units", "--annotate", "units/批注"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("在被检查的目录之中"), "{stderr}");
    assert!(!tmp.path().join("units/批注").exists());
}

/// The workbook opens in a real spreadsheet program: LibreOffice prints it to PDF, and the
/// results sheet's first page shows the severities' fills.
#[test]
fn the_annotated_workbook_opens_in_libreoffice() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("批注.xlsx");
    check(&[COMMUNITY, "--annotate", out.to_str().unwrap(), "-q"]);
    let install = "apt-get install libreoffice-calc-nogui poppler-utils fonts-wqy-microhei";
    let Some(office) = common::external_tool("soffice", install) else {
        return;
    };
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
            out.display().to_string(),
        ],
        Duration::from_secs(240),
    );
    assert!(status.success(), "soffice failed: {status}");
    let pdf = tmp.path().join("批注.pdf");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "50", "-png", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(tmp.path().join("page"))
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
    let near = |p: &[u8; 3], rgb: [u8; 3]| p.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) < 12);
    let red = pixels
        .iter()
        .filter(|p| near(p, [0xFF, 0xC7, 0xCE]))
        .count();
    let amber = pixels
        .iter()
        .filter(|p| near(p, [0xFF, 0xEB, 0x9C]))
        .count();
    assert!(red > 100, "no red fill on the results page: {red}");
    assert!(amber > 100, "no amber fill on the results page: {amber}");
}
