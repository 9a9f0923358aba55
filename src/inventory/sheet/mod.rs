//! Spreadsheet inventories: a unit submitted as one `.xlsx` workbook, or as a directory of
//! `.csv` files (one per sheet), read into the same [`LoadedUnit`](super::LoadedUnit) as YAML,
//! and written back out (the official template, `jianfu convert`).
//!
//! Reading renders each sheet into a synthetic YAML text that the ordinary loader parses and
//! validates, so every policy and every report works on spreadsheets unchanged. The text
//! carries a [`CellMap`](crate::source::CellMap): a finding's span turns back into the cell the
//! clerk typed (`标识标牌!C7`) through [`Finding::cell`](crate::finding::Finding::cell).
//!
//! - [`columns`]: sheets, Chinese headers and enum labels, one-to-one with format v1;
//! - [`grid`]: `.xlsx` / `.csv` → cells (calamine, csv), with the run's limits;
//! - [`render`]: cells → synthetic YAML + cell map + layout problems;
//! - [`read`]: a spreadsheet unit → `LoadedUnit` with SUBMIT findings;
//! - [`write`](mod@write): a loaded unit → `.xlsx` (or the empty template) or `.csv` files.

pub mod columns;
mod dense;
pub mod grid;
pub mod read;
pub mod render;
pub mod write;

pub use read::{SheetSource, load_csv_bytes, load_sheet_unit, load_workbook_bytes, sheet_source};
