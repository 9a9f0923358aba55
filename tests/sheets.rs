//! Spreadsheet inventories end to end: a unit submitted as an `.xlsx` workbook or a directory
//! of CSV files is found, read with Excel's quirks handled, checked by the same policies, and
//! every finding points at its cell; YAML ↔ xlsx/CSV conversion loses nothing; the template is
//! what clerks need.

mod common;

use std::path::{Path, PathBuf};

use jianfu::check::{CheckOptions, Policies, check_paths};
use jianfu::config::LoadedConfig;
use jianfu::finding::Severity;
use jianfu::inventory::emit::emit_yaml;
use jianfu::inventory::sheet::columns::SHEETS;
use jianfu::inventory::sheet::write::{Tables, csv_files, write_xlsx};
use jianfu::inventory::{Kind, LoadOptions, LoadedUnit, load_unit};
use jianfu::load::{Limits, Node, Value};
use jianfu::policy::PolicySet;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A fixed creation time, so that generated workbooks are byte-for-byte reproducible.
const CREATED: i64 = 1_751_241_600; // 2025-06-30

// ---------------------------------------------------------------------------------------------
// Building workbooks

/// One sheet to build. Cells are written as text, except `=45787` (a number), `@2025-05-10` (a
/// date-formatted cell) and `?true` (a boolean); an empty string leaves the cell empty.
struct Sheet {
    name: String,
    rows: Vec<Vec<String>>,
    hidden: bool,
    /// `(first_row, first_col, last_row, last_col, text)`, 0-based.
    merges: Vec<(u32, u16, u32, u16, String)>,
}

impl Sheet {
    fn new(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: name.to_owned(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
            hidden: false,
            merges: Vec::new(),
        }
    }
}

/// The headers of a sheet, in the template's order.
fn headers(name: &str) -> Vec<&'static str> {
    SHEETS
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .columns
        .iter()
        .map(|c| c.header)
        .collect()
}

/// A valid unit (the same as `common::UNIT`) with empty sections, as sheets.
fn base_sheets() -> Vec<Sheet> {
    let mut sheets = vec![Sheet::new(
        "单位信息",
        &[
            &headers("单位信息"),
            &[
                "152223100201",
                "巴彦淖尔嘎查",
                "嘎查村",
                "扎赉特旗",
                "音德尔镇",
                "",
                "2025-Q2",
                "=4",
            ],
        ],
    )];
    for spec in SHEETS
        .iter()
        .filter(|s| s.list.is_some() && s.kind != Kind::Unit)
    {
        sheets.push(Sheet::new(spec.name, &[&headers(spec.name)]));
    }
    sheets
}

/// Replace (or add) a sheet.
fn with(mut sheets: Vec<Sheet>, sheet: Sheet) -> Vec<Sheet> {
    match sheets.iter().position(|s| s.name == sheet.name) {
        Some(i) => sheets[i] = sheet,
        None => sheets.push(sheet),
    }
    sheets
}

fn build_xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if text.is_empty() {
                    continue;
                }
                if let Some(n) = text.strip_prefix('=') {
                    ws.write_number(r, c, n.parse::<f64>().unwrap()).unwrap();
                } else if let Some(d) = text.strip_prefix('@') {
                    let d = ExcelDateTime::parse_from_str(d).unwrap();
                    ws.write_datetime_with_format(r, c, &d, &date).unwrap();
                } else if let Some(b) = text.strip_prefix('?') {
                    ws.write_boolean(r, c, b == "true").unwrap();
                } else {
                    ws.write_string(r, c, text).unwrap();
                }
            }
        }
        for (r0, c0, r1, c1, text) in &sheet.merges {
            ws.merge_range(*r0, *c0, *r1, *c1, text, &Format::new())
                .unwrap();
        }
        if sheet.hidden {
            ws.set_hidden(true);
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn write_xlsx_unit(root: &Path, name: &str, sheets: &[Sheet]) -> PathBuf {
    let path = root.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, build_xlsx(sheets)).unwrap();
    path
}

// ---------------------------------------------------------------------------------------------
// Checking through the library, to see each finding's cell

/// One finding as the tests compare it.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    rule: String,
    severity: Severity,
    cell: Option<String>,
    path: String,
    message: String,
}

fn policies() -> Policies {
    Policies::new(PolicySet::builtin().unwrap(), LoadedConfig::default()).unwrap()
}

fn check(paths: &[PathBuf]) -> Vec<Seen> {
    let options = CheckOptions::default();
    let results = check_paths(paths, &policies(), &options).unwrap();
    results
        .iter()
        .flat_map(|r| r.findings.iter())
        .map(|f| Seen {
            rule: f.rule.id.clone(),
            severity: f.severity,
            cell: f.cell().map(|c| c.address()),
            path: f.path.clone(),
            message: jianfu::wording::Locale::from(jianfu::finding::Lang::Zh).finding_message(f),
        })
        .collect()
}

fn rules_at(seen: &[Seen]) -> Vec<(String, Option<String>)> {
    seen.iter()
        .map(|s| (s.rule.clone(), s.cell.clone()))
        .collect()
}

fn load(path: &Path) -> LoadedUnit {
    let submit = policies().base().submit_rules();
    let options = LoadOptions {
        rules: &submit,
        limits: Limits::default(),
        divisions: &jianfu::inventory::codes::NATIONAL,
        tree: None,
    };
    load_unit(path, &path.display().to_string(), &options)
}

// ---------------------------------------------------------------------------------------------
// Reading, quirks and cell addresses

#[test]
fn a_valid_workbook_is_a_clean_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_xlsx_unit(tmp.path(), "巴彦淖尔嘎查.xlsx", &base_sheets());
    assert_eq!(check(&[path]), []);
}

#[test]
fn findings_point_at_cells_and_the_row_is_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    let mut signs = headers("标识标牌");
    signs.truncate(5);
    let sheets = with(
        base_sheets(),
        Sheet::new(
            "标识标牌",
            &[
                &signs,
                &[
                    "中共巴彦淖尔嘎查支部委员会",
                    "外挂",
                    "牌子",
                    "扎赉特旗委组织部",
                    "ZT-BS-1",
                ],
                &[
                    "卫生健康工作站",
                    "外挂",
                    "牌子",
                    "扎赉特旗卫生健康委员会",
                    "",
                ],
            ],
        ),
    );
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &sheets);
    let seen = check(std::slice::from_ref(&path));
    assert_eq!(
        rules_at(&seen),
        [
            ("SIGN-001".into(), Some("标识标牌!A3".into())),
            // approval_ref is empty: the finding names its empty cell.
            ("SIGN-002".into(), Some("标识标牌!E3".into())),
        ]
    );
    // The synthetic text puts row 3 on line 3, so even a line-based report shows the row.
    let unit = load(&path);
    let signage = unit.file(Kind::Signage).unwrap();
    assert!(signage.source.line_text(3).contains("卫生健康工作站"));
}

#[test]
fn cell_addresses_follow_an_inserted_column() {
    let tmp = tempfile::tempdir().unwrap();
    // 序号 inserted first, columns reordered: 类型 before 名称, 准入审批文号 before 制发单位.
    let sheets = with(
        base_sheets(),
        Sheet::new(
            "标识标牌",
            &[
                &["序号", "类型", "位置", "名称", "准入审批文号", "制发单位"],
                &[
                    "1",
                    "牌子",
                    "外挂",
                    "卫生健康工作站",
                    "",
                    "扎赉特旗卫生健康委员会",
                ],
                &[
                    "2",
                    "制度职责上墙",
                    "室内",
                    "村规民约",
                    "ZT-BS-2",
                    "音德尔镇",
                ],
            ],
        ),
    );
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &sheets);
    assert_eq!(
        rules_at(&check(&[path])),
        [
            ("SIGN-001".into(), Some("标识标牌!D2".into())),
            ("SIGN-002".into(), Some("标识标牌!E2".into())),
            ("SIGN-004".into(), Some("标识标牌!B3".into())),
        ]
    );
}

#[test]
fn dates_as_serial_numbers_and_as_date_cells_are_read_as_days() {
    let tmp = tempfile::tempdir().unwrap();
    let meeting = |date: &str| -> Vec<String> {
        vec![
            "全旗流动人口管理工作部署会".into(),
            date.into(),
            "扎赉特旗公安局".into(),
            "旗县级".into(),
            "工作会议".into(),
            "=90".into(),
            "=1".into(),
        ]
    };
    let mut sheet = Sheet::new("会议", &[&headers("会议")]);
    // 2025-05-10 is a Saturday: MEET-004 fires on each, whatever form the date takes.
    sheet.rows.push(meeting("=45787"));
    sheet.rows.push(meeting("@2025-05-10"));
    sheet.rows.push(meeting("2025/5/10"));
    sheet.rows.push(meeting("２０２５年５月１０日"));
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), sheet));
    let seen = check(&[path]);
    assert_eq!(
        rules_at(&seen),
        (2..=5)
            .map(|row| ("MEET-004".to_owned(), Some(format!("会议!B{row}"))))
            .collect::<Vec<_>>(),
        "{seen:#?}"
    );
    assert!(
        seen.iter().all(|s| s.message.contains("2025-05-10")),
        "{seen:#?}"
    );
}

#[test]
fn numbers_stored_as_text_and_full_width_forms_are_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = Sheet::new(
        "单位信息",
        &[
            &headers("单位信息"),
            &[
                "１５２２２３１００２０１",
                "巴彦淖尔嘎查",
                "village",
                "扎赉特旗",
                "音德尔镇",
                "",
                "２０２５－Ｑ２",
                "４",
            ],
        ],
    );
    let certificates = Sheet::new(
        "证明事项",
        &[
            // A full-width space inside a header, and a required marker.
            &["证明名称*", "要求出具单位", "出具　依据", "本期出具数量"],
            &[
                "居住证明",
                "扎赉特旗公安局",
                "《居住证暂行条例》第九条",
                "12",
            ],
            &[
                "居住证明（补开）",
                "扎赉特旗公安局",
                "《居住证暂行条例》第九条",
                "１，２００",
            ],
            &[
                "临时救助情况证明",
                "扎赉特旗民政局",
                "《社会救助暂行办法》",
                "\u{3000}３\u{3000}",
            ],
        ],
    );
    let sheets = with(with(base_sheets(), unit), certificates);
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &sheets);
    // The full-width code and period are read, and the clerk is told what was read.
    let seen = check(std::slice::from_ref(&path));
    assert_eq!(
        rules_at(&seen),
        [
            ("SUBMIT-002".into(), Some("单位信息!A2".into())),
            ("SUBMIT-002".into(), Some("单位信息!G2".into())),
        ]
    );
    assert!(
        seen.iter().all(|s| s.severity == Severity::Info),
        "{seen:#?}"
    );
    assert!(
        seen[0].message.contains("已按 152223100201 读取"),
        "{seen:#?}"
    );
    let loaded = load(&path);
    let root = loaded
        .file(Kind::Certificates)
        .unwrap()
        .root
        .as_ref()
        .unwrap();
    let counts: Vec<i64> = root
        .get("certificates")
        .unwrap()
        .as_seq()
        .unwrap()
        .iter()
        .map(|c| match c.get("issued_count").unwrap().value {
            Value::Int(n) => n,
            ref other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(counts, [12, 1200, 3]);
    assert_eq!(loaded.code.as_deref(), Some("152223100201"));
    assert_eq!(loaded.unit_text("period"), Some("2025-Q2"));
}

/// A clerk who types quotation marks around the code (as an old template asked) gets the code
/// read without them and a note at the cell, never a false SUBMIT-004.
#[test]
fn quotation_marks_around_a_code_are_dropped_with_a_note() {
    for typed in [
        "\"152223100201\"",
        "“152223100201”",
        "'152223100201'",
        "「１５２２２３１００２０１」",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let unit = Sheet::new(
            "单位信息",
            &[
                &headers("单位信息"),
                &[
                    typed,
                    "巴彦淖尔嘎查",
                    "嘎查村",
                    "扎赉特旗",
                    "音德尔镇",
                    "",
                    "2025-Q2",
                    "=4",
                ],
            ],
        );
        let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), unit));
        let seen = check(std::slice::from_ref(&path));
        assert_eq!(
            rules_at(&seen),
            [("SUBMIT-002".into(), Some("单位信息!A2".into()))],
            "{typed}: {seen:#?}"
        );
        assert_eq!(seen[0].severity, Severity::Info);
        assert!(seen[0].message.contains(typed), "{seen:#?}");
        assert_eq!(load(&path).code.as_deref(), Some("152223100201"), "{typed}");
    }
}

/// A code typed plainly gets no note: the note is about what was changed, not a reminder.
#[test]
fn a_plain_code_gets_no_cleaning_note() {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &base_sheets());
    assert_eq!(check(&[path]), []);
}

#[test]
fn text_that_is_no_number_is_a_schema_violation_at_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let certificates = Sheet::new(
        "证明事项",
        &[
            &headers("证明事项"),
            &[
                "居住证明",
                "扎赉特旗公安局",
                "《居住证暂行条例》第九条",
                "很多",
            ],
        ],
    );
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), certificates));
    let seen = check(&[path]);
    assert_eq!(
        rules_at(&seen),
        [("SUBMIT-002".into(), Some("证明事项!D2".into()))]
    );
    assert_eq!(seen[0].path, "certificates[0].issued_count");
}

#[test]
fn merged_header_cells_and_a_title_row_are_understood() {
    let tmp = tempfile::tempdir().unwrap();
    // Row 1: a title merged across A1:E1. Rows 2-3: a two-level header — 名称, 制发单位 and
    // 准入审批文号 merged down over both rows, 基本信息 merged across 位置 and 类型.
    let mut sheet = Sheet::new(
        "标识标牌",
        &[
            &[],
            &[],
            &["", "位置", "类型", "", ""],
            &[
                "卫生健康工作站",
                "外挂",
                "牌子",
                "扎赉特旗卫生健康委员会",
                "",
            ],
        ],
    );
    sheet.merges = vec![
        (0, 0, 0, 4, "巴彦淖尔嘎查标识标牌清单".into()),
        (1, 0, 2, 0, "名称".into()),
        (1, 1, 1, 2, "基本信息".into()),
        (1, 3, 2, 3, "制发单位".into()),
        (1, 4, 2, 4, "准入审批文号".into()),
    ];
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), sheet));
    assert_eq!(
        rules_at(&check(&[path])),
        [
            ("SIGN-001".into(), Some("标识标牌!A4".into())),
            ("SIGN-002".into(), Some("标识标牌!E4".into())),
        ]
    );
}

#[test]
fn trailing_empty_rows_and_numbered_blank_rows_are_not_items() {
    let tmp = tempfile::tempdir().unwrap();
    let mut header = vec!["序号"];
    header.extend(headers("工作事务"));
    let mut sheet = Sheet::new(
        "工作事务",
        &[
            &header,
            &[
                "1",
                "城乡居民医保参保动员",
                "扎赉特旗医疗保障局",
                "依法协助",
                "ZT-ZR-2024-017",
            ],
        ],
    );
    // A template numbered down to row 50, and cells holding only spaces further down.
    for n in 2..50 {
        sheet.rows.push(vec![n.to_string()]);
    }
    for _ in 0..10 {
        sheet
            .rows
            .push(vec![String::new(), " ".into(), "\u{3000}".into()]);
    }
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), sheet));
    assert_eq!(check(std::slice::from_ref(&path)), []);
    let loaded = load(&path);
    let tasks = loaded.file(Kind::Tasks).unwrap();
    assert_eq!(tasks.items("tasks").count(), 1);
}

#[test]
fn a_hidden_sheet_is_read_and_noted() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sheet = Sheet::new(
        "标识标牌",
        &[
            &headers("标识标牌"),
            &[
                "卫生健康工作站",
                "外挂",
                "牌子",
                "扎赉特旗卫生健康委员会",
                "ZT-BS-9",
            ],
        ],
    );
    sheet.hidden = true;
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), sheet));
    let seen = check(&[path]);
    assert_eq!(
        rules_at(&seen),
        [
            ("SUBMIT-003".into(), None),
            ("SIGN-001".into(), Some("标识标牌!A2".into())),
        ]
    );
    assert_eq!(seen[0].severity, Severity::Info);
    assert!(seen[0].message.contains("隐藏"), "{}", seen[0].message);
}

#[test]
fn an_unknown_header_is_reported_at_its_cell_with_a_suggestion() {
    let tmp = tempfile::tempdir().unwrap();
    let sheet = Sheet::new(
        "标识标牌",
        &[
            &[
                "名称",
                "位置",
                "类型",
                "制发单位",
                "准入审批文号",
                "备注",
                "准入审批文",
            ],
            &["村规民约", "室内", "公示", "音德尔镇", "", "无", ""],
        ],
    );
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), sheet));
    let seen = check(&[path]);
    assert_eq!(
        rules_at(&seen),
        [
            ("SUBMIT-002".into(), Some("标识标牌!F1".into())),
            ("SUBMIT-002".into(), Some("标识标牌!G1".into())),
        ]
    );
    assert!(seen[0].message.contains("备注"), "{}", seen[0].message);
}

#[test]
fn a_missing_section_sheet_is_submit_003_and_enum_labels_read_in_chinese_or_english() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sheets = base_sheets();
    sheets.retain(|s| s.name != "会议");
    let sheets = with(
        sheets,
        Sheet::new(
            "工作群组",
            &[
                &headers("工作群组"),
                &[
                    "音德尔镇嘎查书记工作群",
                    "微信",
                    "音德尔镇党委",
                    "工作通知",
                    "否",
                    "=58",
                    "@2024-01-05",
                    "@2025-06-20",
                    "",
                    "打卡接龙；screenshot",
                ],
            ],
        ),
    );
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &sheets);
    let seen = check(&[path]);
    assert_eq!(
        rules_at(&seen),
        [
            ("SUBMIT-003".into(), None),
            ("GROUP-006".into(), Some("工作群组!E2".into())),
            ("GROUP-002".into(), Some("工作群组!J2".into())),
        ]
    );
    assert!(seen[0].message.contains("会议"));
}

#[test]
fn a_corrupt_workbook_is_submit_001_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    common::write_unit(tmp.path(), "乙", &[]);
    std::fs::write(
        tmp.path().join("甲.xlsx"),
        b"PK\x03\x04 this is not a workbook",
    )
    .unwrap();
    // Also damaged: a real zip whose sheet is cut short.
    let mut bytes = build_xlsx(&base_sheets());
    bytes.truncate(bytes.len() / 2);
    std::fs::write(tmp.path().join("丙.xlsx"), bytes).unwrap();
    let (report, code) = common::check_json(tmp.path(), &["."]);
    assert_eq!(report["summary"]["units"], 3, "{report}");
    let rules = common::rule_paths(&report);
    assert_eq!(
        rules,
        [
            ("SUBMIT-001".to_owned(), "丙.xlsx".to_owned(), String::new()),
            ("SUBMIT-001".to_owned(), "甲.xlsx".to_owned(), String::new()),
        ]
    );
    assert_eq!(
        code, 1,
        "a broken submission is a finding, not a failed run"
    );
}

#[test]
fn discovery_finds_workbooks_and_csv_directories_but_not_other_spreadsheets() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    common::write_unit(root, "镇/甲", &[]);
    write_xlsx_unit(root, "镇/乙.xlsx", &base_sheets());
    // A league's statistics workbook: no 单位信息 sheet, not a unit.
    write_xlsx_unit(
        root,
        "镇/统计.xlsx",
        &[Sheet::new("汇总", &[&["旗县", "数量"]])],
    );
    // An Office lock file.
    std::fs::write(root.join("镇/~$乙.xlsx"), b"lock").unwrap();
    let csv_dir = root.join("镇/丙");
    for (name, bytes) in csv_files(&tables_of(&base_sheets())).unwrap() {
        std::fs::create_dir_all(&csv_dir).unwrap();
        std::fs::write(csv_dir.join(name), bytes).unwrap();
    }
    let units = jianfu::discover::discover_units(&[root.to_path_buf()]).unwrap();
    let names: Vec<String> = units
        .iter()
        .map(|u| u.dir.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["镇/丙", "镇/乙.xlsx", "镇/甲"]);
    // The three are one unit in three forms, so they share its code: SUBMIT-008 on the later
    // two (at the code's cell in the workbook), and nothing else.
    assert_eq!(
        rules_at(&check(&[root.to_path_buf()])),
        [
            ("SUBMIT-008".to_owned(), Some("单位信息!A2".to_owned())),
            ("SUBMIT-008".to_owned(), None)
        ]
    );
}

/// The tables of a workbook built from `sheets` (through a real file and the reader).
fn tables_of(sheets: &[Sheet]) -> Tables {
    let tmp = tempfile::tempdir().unwrap();
    let path = write_xlsx_unit(tmp.path(), "x.xlsx", sheets);
    let tables = Tables::from_unit(&load(&path));
    assert!(tables.losses.is_empty(), "{:?}", tables.losses);
    tables
}

#[test]
fn a_gbk_csv_is_read_and_noted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("甲");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in csv_files(&tables_of(&base_sheets())).unwrap() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let text = "名称,位置,类型,制发单位,准入审批文号\r\n卫生健康工作站,外挂,牌子,扎赉特旗卫生健康委员会,ZT-BS-9\r\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(dir.join("标识标牌.csv"), gbk).unwrap();
    let seen = check(&[dir]);
    assert_eq!(
        rules_at(&seen),
        [
            ("SUBMIT-005".into(), None),
            ("SIGN-001".into(), Some("标识标牌!A2".into())),
        ]
    );
    assert_eq!(seen[0].severity, Severity::Info);
    assert!(seen[0].message.contains("GBK"));
    assert!(
        seen[1].message.contains("卫生健康工作站"),
        "{}",
        seen[1].message
    );
}

/// One long shared string in every cell is small on disk (stored once) but huge once copied
/// into each cell: the workbook's cell text is budgeted, and the unit is a finding, not an abort.
#[test]
fn a_shared_string_repeated_in_every_cell_is_over_the_text_budget() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "证".repeat(30_000); // 90 KB of UTF-8, within Excel's 32,767 characters
    let mut rows: Vec<Vec<String>> = vec![
        headers("证明事项")
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
    ];
    for _ in 0..400 {
        rows.push(vec![long.clone(), long.clone(), "1".to_owned()]);
    }
    let row_refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = row_refs.iter().map(Vec::as_slice).collect();
    let certificates = Sheet::new("证明事项", &slices);
    let path = write_xlsx_unit(tmp.path(), "甲.xlsx", &with(base_sheets(), certificates));
    // Small on disk: the string is stored once.
    assert!(std::fs::metadata(&path).unwrap().len() < 2_000_000);
    let seen = check(std::slice::from_ref(&path));
    assert_eq!(rules_at(&seen), [("SUBMIT-001".into(), None)], "{seen:#?}");
    assert!(seen[0].message.contains("文字合计超过上限"), "{seen:#?}");
}

/// A CSV unit's cadres and grids are rendered with 单位信息.csv, but they are typed in
/// 两委成员.csv and 网格.csv: every output names the file the clerk must open.
#[test]
fn csv_cadre_and_grid_findings_name_their_own_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("甲");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in csv_files(&tables_of(&base_sheets())).unwrap() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    std::fs::write(
        dir.join("两委成员.csv"),
        "姓名,职务,最近体检日期\n刘海燕,书记,2019-01-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("网格.csv"),
        "网格编号,网格员人数,联系领导\nG01,很多,张立新\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("单位信息.csv"),
        "单位代码,单位名称,单位类型,所属旗县市,所属苏木乡镇街道,苏木乡镇分类,报告期,机构数量\n\
         152223100201,巴彦淖尔嘎查,嘎查村,扎赉特旗,音德尔镇,,2025-Q2,很多\n",
    )
    .unwrap();
    let (report, _) = common::check_json(tmp.path(), &["甲"]);
    let mut seen: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = f["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_owned();
            (
                f["rule"].as_str().unwrap().to_owned(),
                name,
                f["cell"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("SUBMIT-002".into(), "单位信息.csv".into(), "H2".into()),
            ("SUBMIT-002".into(), "网格.csv".into(), "B2".into()),
            ("SUPPORT-001".into(), "两委成员.csv".into(), "C2".into()),
        ]
    );
    let concise = common::jianfu(tmp.path())
        .args(["check", "甲", "--format", "concise"])
        .output()
        .unwrap();
    let text = common::stdout(&concise);
    assert!(text.contains("甲/两委成员.csv:2:3:"), "{text}");
    let human = common::jianfu(tmp.path())
        .args(["check", "甲"])
        .output()
        .unwrap();
    let text = common::stdout(&human);
    assert!(text.contains("╭─[两委成员.csv 两委成员!C2"), "{text}");
}

#[test]
fn a_csv_in_neither_utf8_nor_gbk_is_submit_005() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("甲");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in csv_files(&tables_of(&base_sheets())).unwrap() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    std::fs::write(dir.join("会议.csv"), b"\xFF\xFE\x0d\x54").unwrap();
    let seen = check(&[dir]);
    assert_eq!(rules_at(&seen), [("SUBMIT-005".into(), None)]);
    assert_eq!(seen[0].severity, Severity::Error);
}

// ---------------------------------------------------------------------------------------------
// Conversion

/// A tree as plain JSON, nulls left out (an empty optional field and an absent one are the
/// same to the format).
fn plain(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => J::from(*f),
        Value::Str(s) => J::from(s.to_string()),
        Value::Seq(items) => J::Array(items.iter().map(plain).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .filter(|e| !matches!(e.value.value, Value::Null))
                .map(|e| {
                    (
                        e.key.as_str().unwrap_or_default().to_owned(),
                        plain(&e.value),
                    )
                })
                .collect(),
        ),
    }
}

fn trees(unit: &LoadedUnit) -> Vec<(Kind, serde_json::Value)> {
    unit.files
        .iter()
        .filter_map(|f| f.root.as_ref().map(|r| (f.kind, plain(r))))
        .collect()
}

fn example_units() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan");
    jianfu::discover::discover_units(&[root])
        .unwrap()
        .into_iter()
        .map(|u| u.dir)
        .filter(|d| d.join("unit.yaml").is_file())
        .collect()
}

#[test]
fn yaml_to_xlsx_to_yaml_is_identical_for_every_example_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let mut converted = 0;
    for dir in example_units() {
        let original = load(&dir);
        let tables = Tables::from_unit(&original);
        if !tables.losses.is_empty() {
            // Only 满族屯村 has a misspelt field (`placment`), which no column can hold.
            assert!(
                dir.ends_with("152221200201-满族屯村"),
                "{dir:?}: {:?}",
                tables.losses
            );
            continue;
        }
        let xlsx = tmp.path().join(format!("{converted}.xlsx"));
        std::fs::write(&xlsx, write_xlsx(&tables, CREATED).unwrap()).unwrap();
        let back = load(&xlsx);
        assert_eq!(trees(&back), trees(&original), "{dir:?}");
        // The canonical YAML texts are identical too.
        for (a, b) in original.files.iter().zip(&back.files) {
            let (Some(ra), Some(rb)) = (&a.root, &b.root) else {
                continue;
            };
            assert_eq!(emit_yaml(a.kind, ra), emit_yaml(b.kind, rb), "{dir:?}");
        }
        converted += 1;
    }
    assert_eq!(converted, 10);
}

#[test]
fn yaml_to_csv_to_yaml_is_identical() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, dir) in example_units().into_iter().enumerate() {
        let original = load(&dir);
        let tables = Tables::from_unit(&original);
        if !tables.losses.is_empty() {
            continue;
        }
        let out = tmp.path().join(i.to_string());
        std::fs::create_dir_all(&out).unwrap();
        for (name, bytes) in csv_files(&tables).unwrap() {
            std::fs::write(out.join(name), bytes).unwrap();
        }
        let back = load(&out);
        assert_eq!(trees(&back), trees(&original), "{dir:?}");
    }
}

#[test]
fn convert_round_trips_through_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let unit = root.join(
        "examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/152223103204-满都拉图嘎查",
    );
    let run = |args: &[&Path]| {
        let mut cmd = common::jianfu(tmp.path());
        cmd.arg("convert");
        for a in args {
            cmd.arg(a);
        }
        cmd.output().unwrap()
    };
    let xlsx = tmp.path().join("满都拉图嘎查.xlsx");
    let canonical = tmp.path().join("canonical");
    let back = tmp.path().join("back");
    let csv = tmp.path().join("csv");
    let to = |f: &str| PathBuf::from(format!("--to={f}"));
    for (input, target, output) in [
        (&unit, "yaml", &canonical),
        (&unit, "xlsx", &xlsx),
        (&xlsx, "yaml", &back),
        (&back, "csv", &csv),
    ] {
        let output = run(&[input, &to(target), output]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    for kind in Kind::ALL {
        let a = std::fs::read_to_string(canonical.join(kind.file_name())).unwrap();
        let b = std::fs::read_to_string(back.join(kind.file_name())).unwrap();
        assert_eq!(a, b, "{}", kind.file_name());
    }
    assert!(csv.join("标识标牌.csv").is_file());
    // The converted forms check the same as the original: clean (one at a time: together they
    // would be two units under one code).
    for form in ["满都拉图嘎查.xlsx", "csv"] {
        let (report, code) = common::check_json(tmp.path(), &[form]);
        assert_eq!(
            (report["summary"]["units_clean"].as_u64(), code),
            (Some(1), 0),
            "{form}: {report}"
        );
    }
}

/// Excel has no date before 1900: such a date (a typing mistake the checker reports) is written
/// as text and read back the same, not an error that stops the conversion (found by the
/// `writers` fuzz target).
#[test]
fn a_date_excel_cannot_hold_converts_as_text_and_back() {
    let tmp = tempfile::tempdir().unwrap();
    let unit = format!(
        "{}cadres:\n  - {{name: 斯琴, role: 党支部书记, last_health_check: 1012-07-03}}\n",
        common::UNIT
    );
    common::write_unit(tmp.path(), "u", &[("unit.yaml", Some(unit.as_bytes()))]);
    for (input, to, output) in [("u", "xlsx", "u.xlsx"), ("u.xlsx", "yaml", "back")] {
        let out = common::jianfu(tmp.path())
            .args(["convert", input, "--to", to, output])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let back = std::fs::read_to_string(tmp.path().join("back/unit.yaml")).unwrap();
    assert!(back.contains("last_health_check: 1012-07-03"), "{back}");
}

#[test]
fn convert_refuses_what_a_spreadsheet_cannot_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let signs =
        "signs:\n  - {name: 甲, placement: interior, type: notice, issued_by: 乙, colour: red}\n";
    common::write_unit(tmp.path(), "u", &[("signage.yaml", Some(signs.as_bytes()))]);
    let output = common::jianfu(tmp.path())
        .args(["convert", "u", "--to", "xlsx", "u.xlsx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("colour"));
    assert!(!tmp.path().join("u.xlsx").exists());
}

// ---------------------------------------------------------------------------------------------
// The template

/// The XML of every worksheet in a workbook, by sheet name, and the workbook's sheet list.
fn workbook_xml(bytes: &[u8]) -> (String, Vec<String>) {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut workbook = String::new();
    archive
        .by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    let mut sheets = Vec::new();
    for i in 1..=20 {
        let Ok(mut entry) = archive.by_name(&format!("xl/worksheets/sheet{i}.xml")) else {
            break;
        };
        let mut xml = String::new();
        entry.read_to_string(&mut xml).unwrap();
        sheets.push(xml);
    }
    (workbook, sheets)
}

#[test]
fn the_template_has_every_sheet_drop_downs_formats_and_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let output = common::jianfu(tmp.path())
        .args(["template", "--out", "清单模板.xlsx"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let bytes = std::fs::read(tmp.path().join("清单模板.xlsx")).unwrap();
    let (workbook, sheets) = workbook_xml(&bytes);
    let mut expected = vec!["填写说明"];
    expected.extend(SHEETS.iter().map(|s| s.name));
    let names: Vec<&str> = workbook
        .split("<sheet ")
        .skip(1)
        .filter_map(|s| s.split("name=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(names, expected);
    // 标识标牌 (the 6th sheet): a frozen header row, the 外挂/室内 drop-down.
    let signage = &sheets[5];
    assert!(signage.contains("ySplit=\"1\""), "frozen header row");
    assert!(signage.contains("&quot;外挂,室内&quot;") || signage.contains("\"外挂,室内\""));
    // 工作群组: dates formatted, 是/否 for booleans.
    let groups = &sheets[7];
    assert!(groups.contains("是,否"));
    // The notes sheet lists every column of every sheet.
    let columns: usize = SHEETS.iter().map(|s| s.columns.len()).sum();
    let template = tmp.path().join("清单模板.xlsx");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&template).unwrap();
    use calamine::Reader;
    let notes = book.worksheet_range("填写说明").unwrap();
    let listed = notes
        .rows()
        .filter(|r| {
            r.get(2).is_some_and(|c| {
                SHEETS
                    .iter()
                    .any(|s| s.columns.iter().any(|col| *c == col.field))
            })
        })
        .count();
    assert_eq!(listed, columns);
    // Checked as it is, the empty template is a unit with nothing filled in.
    let seen = check(&[template]);
    assert!(seen.iter().all(|s| s.rule == "SUBMIT-002"), "{seen:#?}");
    assert!(seen.iter().all(|s| {
        s.cell
            .as_deref()
            .is_some_and(|c| c.starts_with("单位信息!"))
    }));
}

// ---------------------------------------------------------------------------------------------
// The example league's spreadsheet units

/// `(YAML source, spreadsheet in the league, form)`.
const EXAMPLE_SHEETS: &[(&str, &str, &str)] = &[
    (
        "examples/sheet-sources/152223103205-巴彦高勒嘎查",
        "examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/152223103205-巴彦高勒嘎查.xlsx",
        "xlsx",
    ),
    (
        "examples/sheet-sources/152221100006-兴隆社区",
        "examples/xingan/2025-Q2/152221-科尔沁右翼前旗/152221100-科尔沁镇/152221100006-兴隆社区",
        "csv",
    ),
];

/// The example league's spreadsheet units are generated from YAML sources beside it; this test
/// is the generator. Run with `JIANFU_BLESS=1` to write them; without, it fails when a committed
/// file differs from what the sources give.
#[test]
fn example_spreadsheet_units_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("JIANFU_BLESS").is_some();
    for (source, target, form) in EXAMPLE_SHEETS {
        let unit = load(&root.join(source));
        assert!(unit.findings.is_empty(), "{source}: {:?}", unit.findings);
        let tables = Tables::from_unit(&unit);
        assert!(tables.losses.is_empty(), "{source}: {:?}", tables.losses);
        let files: Vec<(PathBuf, Vec<u8>)> = match *form {
            "xlsx" => vec![(root.join(target), write_xlsx(&tables, CREATED).unwrap())],
            _ => csv_files(&tables)
                .unwrap()
                .into_iter()
                .map(|(name, bytes)| (root.join(target).join(name), bytes))
                .collect(),
        };
        for (path, bytes) in files {
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            }
            let committed = std::fs::read(&path).unwrap_or_default();
            assert!(
                committed == bytes,
                "{} is out of date: run JIANFU_BLESS=1 cargo test --test sheets example_spreadsheet",
                path.display()
            );
        }
        // And the spreadsheet reads back as its source.
        assert_eq!(trees(&load(&root.join(target))), trees(&unit), "{target}");
    }
}

/// The example league's workbook: each finding at the cell EXPECTED.md lists.
#[test]
fn the_example_workbook_findings_point_at_their_cells() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, target, _) = EXAMPLE_SHEETS[0];
    let seen = check(&[root.join(target)]);
    let expected = [
        ("TASK-001", "工作事务!C4"),
        ("SIGN-004", "标识标牌!C5"),
        ("SIGN-002", "标识标牌!E5"),
        ("CERT-002", "证明事项!C3"),
        ("GROUP-002", "工作群组!J3"),
        ("REPORT-002", "报表台账!D2"),
        ("MEET-004", "会议!B3"),
        ("INSPECT-001", "督查检查考核!E3"),
        ("INSPECT-002", "督查检查考核!F3"),
    ];
    let expected: Vec<(String, Option<String>)> = expected
        .iter()
        .map(|(rule, cell)| (rule.to_string(), Some(cell.to_string())))
        .collect();
    assert_eq!(rules_at(&seen), expected);
    let (_, csv_unit, _) = EXAMPLE_SHEETS[1];
    assert_eq!(check(&[root.join(csv_unit)]), []);
}

/// docs/spreadsheets.md lists every column of every sheet, as the template writes it.
#[test]
fn the_spreadsheet_guide_lists_every_column() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/spreadsheets.md"))
            .unwrap();
    for spec in SHEETS {
        assert!(
            doc.contains(&format!("#### {}（", spec.name)),
            "{}",
            spec.name
        );
        for column in spec.columns {
            let row = format!("| {} | `{}` |", column.header, column.field);
            assert!(doc.contains(&row), "docs/spreadsheets.md lacks {row}");
        }
    }
}

/// Regression guard: a stray cell at the sheet's far corner and thousands of merged ranges cost
/// next to nothing (cells are streamed, never laid out as a dense range).
#[test]
fn a_stray_far_cell_and_many_merges_cost_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut workbook = Workbook::new();
    for sheet in base_sheets() {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if let Some(n) = text.strip_prefix('=') {
                    ws.write_number(r as u32, c as u16, n.parse::<f64>().unwrap())
                        .unwrap();
                } else if !text.is_empty() {
                    ws.write_string(r as u32, c as u16, text).unwrap();
                }
            }
        }
        if sheet.name == "标识标牌" {
            ws.write_string(1_048_575, 16_383, "x").unwrap();
            for i in 0..3000u32 {
                ws.merge_range(10 + i, 8, 10 + i, 9, "", &Format::new())
                    .unwrap();
            }
        }
    }
    let path = tmp.path().join("甲.xlsx");
    std::fs::write(&path, workbook.save_to_buffer().unwrap()).unwrap();
    let started = std::time::Instant::now();
    assert_eq!(check(&[path]), []);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks")
        .join(name)
}

/// `.xls` and `.ods` (what older Excel, WPS and LibreOffice save) are read like `.xlsx`: the
/// example league's workbook, converted by LibreOffice, gives the same findings at the same
/// cells, with the same messages.
#[test]
fn xls_and_ods_workbooks_check_like_the_xlsx_they_were_saved_from() {
    let xlsx = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "examples/xingan/2025-Q2/152223-扎赉特旗/152223103-胡尔勒镇/152223103205-巴彦高勒嘎查.xlsx",
    );
    let expected = check(&[xlsx]);
    assert!(expected.len() >= 5, "{expected:?}");
    assert!(expected.iter().all(|s| s.cell.is_some()), "{expected:?}");
    for name in [
        "152223103205-巴彦高勒嘎查.xls",
        "152223103205-巴彦高勒嘎查.ods",
    ] {
        assert_eq!(check(&[fixture(name)]), expected, "{name}");
    }
    // The format is told by the bytes, not the name: an .xls renamed .xlsx is still read, and
    // so is one saved by WPS as .et in the same format.
    let tmp = tempfile::tempdir().unwrap();
    for renamed in ["甲.xlsx", "乙.et"] {
        let path = tmp.path().join(renamed);
        std::fs::copy(fixture("152223103205-巴彦高勒嘎查.xls"), &path).unwrap();
        assert_eq!(check(&[path]), expected, "{renamed}");
    }
}

/// calamine lays `.xls` and `.ods` sheets out as whole rectangles: a few bytes can ask for
/// billions of cells. The rectangle is measured from the file first and a sheet over the cell
/// limit is a SUBMIT-001 finding, not an allocation.
#[test]
fn a_workbook_whose_sheets_would_lay_out_too_many_cells_is_refused_before_reading() {
    let far = check(&[fixture("far-cell.xls")]);
    assert_eq!(rules_at(&far), [("SUBMIT-001".to_owned(), None)]);
    assert!(far[0].message.contains("1000000"), "{far:?}");

    let tmp = tempfile::tempdir().unwrap();
    let bomb = tmp.path().join("甲.ods");
    let content = "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"><office:body><office:spreadsheet><table:table table:name=\"单位信息\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    std::fs::write(&bomb, ods_with_content(content)).unwrap();
    // Laid out, these 17 billion cells would take hundreds of gigabytes.
    let seen = check(&[bomb]);
    assert_eq!(rules_at(&seen), [("SUBMIT-001".to_owned(), None)]);
    assert!(seen[0].message.contains("区域"), "{seen:?}");
}

/// calamine's `.xls` reader panics on some damaged files (the `workbook` fuzz target found
/// one): the panic is contained, the file is a damaged-workbook finding, and the next unit is
/// still checked.
#[test]
fn a_workbook_the_reader_panics_on_is_a_finding_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("reader-panic.xls"), tmp.path().join("甲.xls")).unwrap();
    std::fs::copy(
        fixture("152223103205-巴彦高勒嘎查.xls"),
        tmp.path().join("乙.xls"),
    )
    .unwrap();
    let output = common::jianfu(tmp.path())
        .args(["check", ".", "--format", "concise"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stdout.contains("甲.xls:1:1: error SUBMIT-001 文件已损坏"),
        "{stdout}"
    );
    assert!(
        stdout.contains("乙.xls:4:3: error TASK-001 [工作事务!C4]"),
        "{stdout}"
    );
    // The human report names a unit it could not read by its file, not by a `?` for its code.
    let output = common::jianfu(tmp.path())
        .args(["check", "甲.xls", "--lang", "en"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("━━ 甲.xls: 1 finding\n"), "{stdout}");
}

/// What WPS saves in its own format, and `.xlsb`, are findings that say how to save the file.
#[test]
fn workbook_formats_jianfu_does_not_read_say_how_to_save_them() {
    let tmp = tempfile::tempdir().unwrap();
    let et = tmp.path().join("甲.et");
    std::fs::write(&et, b"not an OLE file, WPS's own").unwrap();
    let xlsb = tmp.path().join("乙.xlsb");
    std::fs::write(&xlsb, b"PK\x03\x04").unwrap();
    for path in [et, xlsb] {
        let seen = check(std::slice::from_ref(&path));
        assert_eq!(
            rules_at(&seen),
            [("SUBMIT-001".to_owned(), None)],
            "{path:?}"
        );
        assert!(seen[0].message.contains("不能读取这种格式"), "{seen:?}");
    }
}

/// An OpenDocument spreadsheet holding `content`.
fn ods_with_content(content: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

// ---------------------------------------------------------------------------------------------
// How a workbook's findings read

/// The human report of a workbook whose 工作群组 row lacks its 建群单位 and names a platform
/// the drop-down does not have, in `lang`.
fn human_report_of_a_workbook(lang: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let sheets = with(
        base_sheets(),
        Sheet::new(
            "工作群组",
            &[
                &headers("工作群组"),
                &[
                    "音德尔镇嘎查书记工作群",
                    "微信群",
                    "",
                    "工作通知",
                    "是",
                    "=58",
                    "@2024-01-05",
                    "@2025-06-20",
                    "",
                    "打卡接龙",
                ],
            ],
        ),
    );
    write_xlsx_unit(tmp.path(), "甲.xlsx", &sheets);
    let output = assert_cmd::Command::cargo_bin("jianfu")
        .unwrap()
        .current_dir(tmp.path())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .args(["check", "甲.xlsx", "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_workbook_finding_names_columns_and_labels_and_shows_the_row() {
    let text = human_report_of_a_workbook("zh");
    // The clerk's words: the column and the drop-down's labels, never the YAML field or codes.
    assert!(text.contains("「建群单位」未填写"), "{text}");
    assert!(text.contains("「微信群」不是下拉选项中的取值"), "{text}");
    assert!(text.contains("微信、钉钉"), "{text}");
    assert!(!text.contains("created_by"), "{text}");
    assert!(!text.contains("wechat"), "{text}");
    // The frame is the row as typed, numbered with the row's number.
    assert!(
        text.contains(" 2 │ 音德尔镇嘎查书记工作群 │ 微信群 │ （空） │"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn a_workbook_finding_in_english() {
    insta::assert_snapshot!(human_report_of_a_workbook("en"));
}
