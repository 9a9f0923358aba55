//! The annotated workbook (`check --annotate`): a unit back to its clerk in the official
//! template's layout, every finding marked where the clerk will look — the cell filled by
//! severity (error red, warning amber, notice blue) with a note (批注) giving the rule, the
//! message, the basis and the fix — and a first sheet, 「检查结果」, listing every finding with a
//! link to its cell, the findings about the workbook as a whole at the top.
//!
//! A YAML unit gets a workbook too, its findings worded for the workbook's columns. The marks
//! are formatting and notes, never data: the workbook reads back as the same unit.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_xlsxwriter::XlsxError;

use crate::finding::{Finding, Severity};
use crate::inventory::Kind;
use crate::inventory::sheet::columns::RESULTS_SHEET;
use crate::inventory::sheet::write::{
    Annotations, CellMark, FrontCell, FrontSheet, Table, Tables, cell_target, write_annotated_xlsx,
};
use crate::inventory::unit::LoadedUnit;
use crate::outcome::UnitResult;
use crate::wording::{Form, Locale, keys};

/// `152223100201-巴彦淖尔嘎查`: the unit's code and name, made a safe file name (no path
/// separator, no character Windows refuses, no leading dot), whatever the inventory says.
pub fn file_stem(result: &UnitResult) -> String {
    let unit = &result.unit;
    let parts: Vec<&str> = [unit.code.as_deref(), unit.unit_text("name")]
        .into_iter()
        .flatten()
        .collect();
    let raw = if parts.is_empty() {
        std::path::Path::new(&unit.dir)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "unit".to_owned())
    } else {
        parts.join("-")
    };
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let safe = safe.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if safe.is_empty() {
        "unit".to_owned()
    } else {
        safe.to_owned()
    }
}

/// `STEM.xlsx`, or `STEM-2.xlsx`, `STEM-3.xlsx` … when `names` has it already: two units of
/// one code get two workbooks.
pub fn unique_workbook_name(stem: &str, names: &mut std::collections::HashSet<String>) -> String {
    let mut name = format!("{stem}.xlsx");
    let mut n = 2;
    while !names.insert(name.clone()) {
        name = format!("{stem}-{n}.xlsx");
        n += 1;
    }
    name
}

/// A cell's fill for a severity, as `0xRRGGBB`: the light red, amber and blue spreadsheet
/// programs use for bad, neutral and note.
pub fn severity_fill(severity: Severity) -> u32 {
    match severity {
        Severity::Error => 0xFFC7CE,
        Severity::Warning => 0xFFEB9C,
        Severity::Info => 0xDDEBF7,
    }
}

/// Where a finding is in the annotated workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The workbook as a whole (a missing sheet, a file that could not be read).
    Workbook,
    /// A sheet as a whole (a list too long, a sheet without rows).
    Sheet { table: usize },
    /// A data cell.
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
}

/// The place of `finding` among `tables`, the sheets written for `unit`.
pub fn place_of(finding: &Finding, unit: &LoadedUnit, tables: &Tables) -> Place {
    let Some(kind) = unit
        .files
        .iter()
        .find(|f| Arc::ptr_eq(&f.source, &finding.file))
        .map(|f| f.kind)
    else {
        return Place::Workbook;
    };
    let path = finding.path.as_str();
    let (head, rest) = split_path(path);
    let list_table = |list: &str| {
        tables
            .tables
            .iter()
            .position(|t| t.spec.kind == kind && t.spec.list == Some(list))
    };
    // `groups[3].demands`: a list's item, and maybe one of its fields.
    if let Some((list, index)) = head.split_once('[').and_then(|(list, rest)| {
        let index = rest.strip_suffix(']')?.parse::<usize>().ok()?;
        Some((list, index))
    }) {
        let Some(table) = list_table(list) else {
            return Place::Workbook;
        };
        if index >= tables.tables[table].rows.len() {
            return Place::Sheet { table };
        }
        let field = rest.map(|r| split_path(r).0.split('[').next().unwrap_or_default());
        let col = field
            .and_then(|f| column_of(&tables.tables[table], f))
            .unwrap_or(0);
        return Place::Cell {
            table,
            row: index,
            col,
        };
    }
    // `groups`: a whole list.
    if let Some(table) = list_table(head) {
        return Place::Sheet { table };
    }
    // `code`: a field of unit.yaml, on 单位信息's one row.
    if kind == Kind::Unit
        && let Some(table) = tables
            .tables
            .iter()
            .position(|t| t.spec.kind == Kind::Unit && t.spec.list.is_none())
        && let Some(col) = column_of(&tables.tables[table], head)
    {
        return Place::Cell { table, row: 0, col };
    }
    Place::Workbook
}

/// `a.b.c` → (`a`, Some(`b.c`)); `a[1].b` → (`a[1]`, Some(`b`)).
fn split_path(path: &str) -> (&str, Option<&str>) {
    match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    }
}

fn column_of(table: &Table, field: &str) -> Option<usize> {
    table.spec.columns.iter().position(|c| c.field == field)
}

/// A finding as the workbook words it.
struct Worded {
    severity: Severity,
    place: Place,
    rule: String,
    message: String,
    basis: String,
    fix: String,
}

/// The annotated workbook of one checked unit, its findings worded in `locale`; `created` is
/// the creation time recorded in the file (seconds since the Unix epoch).
pub fn annotated_workbook(
    result: &UnitResult,
    locale: &Locale,
    created: i64,
) -> Result<Vec<u8>, XlsxError> {
    let tables = Tables::from_unit(&result.unit);
    let mut worded: Vec<Worded> = result
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .map(|finding| {
            let form = Form::sheet_of(finding);
            Worded {
                severity: finding.severity,
                place: place_of(finding, &result.unit, &tables),
                rule: finding.rule.id.clone(),
                message: locale.finding_message_in(finding, form),
                basis: finding.rule.basis.clone(),
                fix: locale.finding_help_in(finding, form),
            }
        })
        .collect();
    // The workbook's own problems first, then sheet by sheet, row by row, the worst first.
    worded.sort_by_key(|w| {
        let (rank, table, row, col) = match w.place {
            Place::Workbook => (0, 0, 0, 0),
            Place::Sheet { table } => (1, table, 0, 0),
            Place::Cell { table, row, col } => (2, table, row + 1, col),
        };
        (rank, table, row, col, std::cmp::Reverse(w.severity))
    });
    let annotations = Annotations {
        front: front_sheet(result, &tables, &worded, locale),
        marks: cell_marks(&worded, locale),
    };
    write_annotated_xlsx(&tables, created, &annotations)
}

/// One mark per marked cell: the worst severity's fill, every finding's note.
fn cell_marks(worded: &[Worded], locale: &Locale) -> Vec<CellMark> {
    let mut cells: BTreeMap<(usize, usize, usize), (Severity, Vec<String>)> = BTreeMap::new();
    for w in worded {
        let Place::Cell { table, row, col } = w.place else {
            continue;
        };
        let entry = cells
            .entry((table, row, col))
            .or_insert((w.severity, Vec::new()));
        entry.0 = entry.0.max(w.severity);
        entry.1.push(note(w, locale));
    }
    cells
        .into_iter()
        .map(|((table, row, col), (severity, notes))| CellMark {
            table,
            row,
            col,
            fill: severity_fill(severity),
            note: notes.join("\n\n"),
        })
        .collect()
}

/// 【错误】GROUP-002 message / 依据 / 整改.
fn note(w: &Worded, locale: &Locale) -> String {
    locale.text(
        &keys::ANNOTATE_NOTE,
        &[
            ("severity", locale.severity(w.severity).into()),
            ("rule", w.rule.as_str().into()),
            ("message", w.message.as_str().into()),
            ("basis", w.basis.as_str().into()),
            ("fix", w.fix.as_str().into()),
        ],
        Form::Yaml,
    )
}

fn front_sheet(
    result: &UnitResult,
    tables: &Tables,
    worded: &[Worded],
    locale: &Locale,
) -> FrontSheet {
    let say = |key| locale.say(key);
    let count = |s: Severity| worded.iter().filter(|w| w.severity == s).count();
    let unit = &result.unit;
    let name = unit
        .unit_text("name")
        .or(unit.code.as_deref())
        .unwrap_or(&unit.dir);
    let title = locale.text(
        &keys::ANNOTATE_TITLE,
        &[
            ("unit", name.into()),
            ("errors", count(Severity::Error).into()),
            ("warnings", count(Severity::Warning).into()),
            ("notices", count(Severity::Info).into()),
        ],
        Form::Yaml,
    );
    let rows = worded
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (place, link) = match w.place {
                Place::Workbook => (say(&keys::ANNOTATE_WHOLE_WORKBOOK), None),
                Place::Sheet { table } => {
                    let sheet = tables.tables[table].spec.name;
                    (sheet.to_owned(), Some(format!("'{sheet}'!A1")))
                }
                Place::Cell { table, row, col } => {
                    let table = &tables.tables[table];
                    let target = cell_target(table, row, col);
                    let header = table.spec.columns.get(col).map_or("", |c| c.header);
                    let shown = locale.text(
                        &keys::ANNOTATE_CELL,
                        &[
                            ("sheet", table.spec.name.into()),
                            ("row", (row + 2).into()),
                            ("column", header.into()),
                        ],
                        Form::Yaml,
                    );
                    (shown, Some(target))
                }
            };
            let text = |text: &str| FrontCell {
                text: text.to_owned(),
                ..FrontCell::default()
            };
            vec![
                text(&(i + 1).to_string()),
                FrontCell {
                    text: locale.severity(w.severity),
                    fill: Some(severity_fill(w.severity)),
                    link: None,
                },
                text(&w.rule),
                FrontCell {
                    text: place,
                    link,
                    fill: None,
                },
                text(&w.message),
                text(&w.basis),
                text(&w.fix),
            ]
        })
        .collect();
    FrontSheet {
        name: RESULTS_SHEET.to_owned(),
        title,
        header: [
            &keys::ANNOTATE_COLUMN_NUMBER,
            &keys::ANNOTATE_COLUMN_SEVERITY,
            &keys::ANNOTATE_COLUMN_RULE,
            &keys::ANNOTATE_COLUMN_PLACE,
            &keys::ANNOTATE_COLUMN_MESSAGE,
            &keys::ANNOTATE_COLUMN_BASIS,
            &keys::ANNOTATE_COLUMN_FIX,
        ]
        .into_iter()
        .map(say)
        .collect(),
        widths: vec![5.0, 8.0, 12.0, 30.0, 46.0, 36.0, 46.0],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_at_the_first_dot() {
        assert_eq!(
            split_path("groups[3].demands"),
            ("groups[3]", Some("demands"))
        );
        assert_eq!(split_path("code"), ("code", None));
    }

    #[test]
    fn severities_have_their_own_fills() {
        let fills: Vec<u32> = Severity::ALL.iter().map(|&s| severity_fill(s)).collect();
        assert_eq!(fills, [0xFFC7CE, 0xFFEB9C, 0xDDEBF7]);
    }
}
