//! The spreadsheet form of format v1: which sheet holds which list, the Chinese header of every
//! field, the Chinese labels of enum values, and how a header or a cell is normalised.
//!
//! Headers are written here by hand, not derived from the model's doc comments, because they
//! are a contract with the clerks' workbooks: rewording a doc comment must not break every
//! submitted spreadsheet. Tests hold the table one-to-one with the schema, so a field added to
//! the model without a column fails the build's tests. Types, required-ness and allowed values
//! come from the compiled schema ([`Kind::shape`]), the single source of the format.

use serde_json::Value as Json;

use crate::inventory::schema::{Field, Kind, Shape, ShapeKind};

/// One sheet of the workbook (or one CSV file of a directory).
#[derive(Debug)]
pub struct SheetSpec {
    /// The sheet's Chinese name, as the template writes it.
    pub name: &'static str,
    /// Other names accepted for the sheet (and for CSV files): the English kind or list key.
    pub aliases: &'static [&'static str],
    /// The file of format v1 the sheet feeds.
    pub kind: Kind,
    /// The list the sheet's rows fill (`signs`, `cadres`); `None` for 单位信息, whose one data
    /// row is `unit.yaml` itself.
    pub list: Option<&'static str>,
    pub columns: &'static [Column],
}

/// One column: a field of format v1 and its header.
#[derive(Debug)]
pub struct Column {
    pub field: &'static str,
    pub header: &'static str,
    /// A code-like text (unit code, period): full-width characters are normalised as in
    /// numbers and dates. Free text (names, bodies) is kept as typed.
    pub code_like: bool,
}

const fn col(field: &'static str, header: &'static str) -> Column {
    Column {
        field,
        header,
        code_like: false,
    }
}

const fn code(field: &'static str, header: &'static str) -> Column {
    Column {
        field,
        header,
        code_like: true,
    }
}

/// The name of the sheet that explains every column; never read as data.
pub const NOTES_SHEET: &str = "填写说明";

/// The first sheet of an annotated workbook (`check --annotate`): the findings, read by the
/// clerk, ignored by the reader. Chinese in every language, as the template's sheets are.
pub const RESULTS_SHEET: &str = "检查结果";

/// Headers accepted and ignored: a row number carries no data.
pub const IGNORED_HEADERS: &[&str] = &["序号"];

/// Separator written between the items of a list cell; reading accepts any of [`LIST_SEPARATORS`].
pub const LIST_SEPARATOR: char = '、';

/// Characters that separate the items of a list cell (`姓名、身份证号`, `checkin; screenshot`).
pub const LIST_SEPARATORS: &[char] = &['、', '；', ';', '，', ',', '\n'];

/// Every sheet, in workbook order.
pub static SHEETS: &[SheetSpec] = &[
    SheetSpec {
        name: "单位信息",
        aliases: &["unit"],
        kind: Kind::Unit,
        list: None,
        columns: &[
            code("code", "单位代码"),
            col("name", "单位名称"),
            col("kind", "单位类型"),
            col("banner", "所属旗县市"),
            col("township", "所属苏木乡镇街道"),
            col("township_category", "苏木乡镇分类"),
            code("period", "报告期"),
            col("institutions", "机构数量"),
        ],
    },
    SheetSpec {
        name: "两委成员",
        aliases: &["cadres"],
        kind: Kind::Unit,
        list: Some("cadres"),
        columns: &[
            col("name", "姓名"),
            col("role", "职务"),
            col("last_health_check", "最近体检日期"),
        ],
    },
    SheetSpec {
        name: "网格",
        aliases: &["grids"],
        kind: Kind::Unit,
        list: Some("grids"),
        columns: &[
            col("id", "网格编号"),
            col("workers", "网格员人数"),
            col("leader_contact", "联系领导"),
        ],
    },
    SheetSpec {
        name: "工作事务",
        aliases: &["tasks"],
        kind: Kind::Tasks,
        list: Some("tasks"),
        columns: &[
            col("name", "事务名称"),
            col("assigned_by", "派交单位"),
            col("list", "所在清单"),
            col("admission_ref", "准入文号"),
        ],
    },
    SheetSpec {
        name: "标识标牌",
        aliases: &["signage", "signs"],
        kind: Kind::Signage,
        list: Some("signs"),
        columns: &[
            col("name", "名称"),
            col("placement", "位置"),
            col("type", "类型"),
            col("issued_by", "制发单位"),
            col("approval_ref", "准入审批文号"),
        ],
    },
    SheetSpec {
        name: "证明事项",
        aliases: &["certificates"],
        kind: Kind::Certificates,
        list: Some("certificates"),
        columns: &[
            col("name", "证明名称"),
            col("requested_by", "要求出具单位"),
            col("basis", "出具依据"),
            col("issued_count", "本期出具数量"),
        ],
    },
    SheetSpec {
        name: "工作群组",
        aliases: &["groups"],
        kind: Kind::Groups,
        list: Some("groups"),
        columns: &[
            col("name", "群名称"),
            col("platform", "平台"),
            col("created_by", "建群单位"),
            col("purpose", "用途"),
            col("approved", "是否经批准设立"),
            col("members", "成员数"),
            col("created", "建群日期"),
            col("last_active", "最近活跃日期"),
            col("task_end", "专项任务结束日期"),
            col("demands", "对基层的要求"),
        ],
    },
    SheetSpec {
        name: "报表台账",
        aliases: &["reports"],
        kind: Kind::Reports,
        list: Some("reports"),
        columns: &[
            col("name", "名称"),
            col("kind", "类别"),
            col("requested_by", "要求单位"),
            col("frequency", "频次"),
            col("basis", "依据"),
            col("channel", "填报渠道"),
            col("fields", "填报字段"),
            col("deadline_hours", "填报时限（小时）"),
            col("on_archive_list", "是否在档案清单内"),
        ],
    },
    SheetSpec {
        name: "会议",
        aliases: &["meetings"],
        kind: Kind::Meetings,
        list: Some("meetings"),
        columns: &[
            col("title", "会议名称"),
            col("date", "日期"),
            col("convened_by", "召集单位"),
            col("level", "层级"),
            col("purpose", "性质"),
            col("duration_minutes", "时长（分钟）"),
            col("attendees", "参会人数"),
            col("materials_chars", "需准备材料字数"),
        ],
    },
    SheetSpec {
        name: "督查检查考核",
        aliases: &["inspections"],
        kind: Kind::Inspections,
        list: Some("inspections"),
        columns: &[
            col("name", "名称"),
            col("type", "类型"),
            col("by", "实施单位"),
            col("date", "日期"),
            col("plan_ref", "年度计划编号"),
            col("demands", "对基层的要求"),
            col("indicators", "考核指标数"),
            col("separate_system", "是否单独建立考核体系"),
        ],
    },
];

/// The header of the column that holds `field` on the sheet of the list `list` (`None` for
/// 单位信息) of a file of `kind`.
pub fn column_header(kind: Kind, list: Option<&str>, field: &str) -> Option<&'static str> {
    SHEETS
        .iter()
        .find(|spec| spec.kind == kind && spec.list == list)?
        .columns
        .iter()
        .find(|column| column.field == field)
        .map(|column| column.header)
}

pub use crate::inventory::vocabulary::label;

/// How a column's cells are read and written, from the field's compiled schema.
#[derive(Clone, Debug, PartialEq)]
pub enum CellType {
    Text { code_like: bool },
    Int { min: Option<i64> },
    Bool,
    Date,
    Enum(Vec<String>),
    List(Box<CellType>),
}

impl SheetSpec {
    /// The sheet spec whose name or alias is `name` (after normalisation).
    pub fn find(name: &str) -> Option<&'static SheetSpec> {
        let wanted = normalize_header(name);
        SHEETS.iter().find(|s| {
            normalize_header(s.name) == wanted
                || s.aliases.iter().any(|a| normalize_header(a) == wanted)
        })
    }

    /// The compiled shape of one row: the unit itself, or an item of the list.
    pub fn row_shape(&self) -> Option<&'static Shape> {
        match self.list {
            Some(list) => self.kind.item_shape(list),
            None => Some(self.kind.shape()),
        }
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.row_shape()?.field(name)
    }

    /// The column whose header (or English field name) is `header`.
    pub fn column_for(&self, header: &str) -> Option<&'static Column> {
        let wanted = normalize_header(header);
        if wanted.is_empty() {
            return None;
        }
        let bare = strip_parenthesis(&wanted);
        self.columns.iter().find(|c| {
            let known = normalize_header(c.header);
            known == wanted
                || c.field == wanted
                || (!bare.is_empty() && strip_parenthesis(&known) == bare)
        })
    }

    /// The list key in the file, or `None` for the unit sheet.
    pub fn is_unit_row(&self) -> bool {
        self.list.is_none()
    }
}

impl Column {
    /// How the column's cells are typed.
    pub fn cell_type(&self, spec: &SheetSpec) -> CellType {
        spec.field(self.field)
            .map_or(CellType::Text { code_like: false }, |f| {
                shape_type(&f.shape, self.code_like)
            })
    }

    pub fn required(&self, spec: &SheetSpec) -> bool {
        spec.field(self.field).is_some_and(|f| f.required)
    }
}

fn shape_type(shape: &Shape, code_like: bool) -> CellType {
    match &shape.kind {
        ShapeKind::Int { min, .. } => CellType::Int { min: *min },
        ShapeKind::Bool => CellType::Bool,
        ShapeKind::Str { date: true, .. } => CellType::Date,
        ShapeKind::Enum(values) => CellType::Enum(values.clone()),
        ShapeKind::Array(item) => CellType::List(Box::new(shape_type(item, code_like))),
        _ => CellType::Text { code_like },
    }
}

/// The field's description from the model's doc comments, Chinese part only (before ` — `),
/// for the notes sheet.
pub fn description(spec: &SheetSpec, field: &str) -> String {
    let schema = spec.kind.json_schema();
    let row = match spec.list {
        None => &schema,
        Some(list) => {
            let items = &schema["properties"][list]["items"];
            let items = match items.get("$ref").and_then(Json::as_str) {
                Some(target) => target
                    .strip_prefix('#')
                    .and_then(|p| schema.pointer(p))
                    .unwrap_or(&Json::Null),
                None => items,
            };
            // Optional lists (`cadres`) are written as `anyOf`/`type: [array, null]`.
            if items.is_null() {
                &schema["properties"][list]
            } else {
                items
            }
        }
    };
    let text = row["properties"][field]["description"]
        .as_str()
        .unwrap_or_default();
    text.split('—').next().unwrap_or_default().trim().to_owned()
}

/// A header or sheet name reduced to what identifies it: half-width, no spaces, no required /
/// optional markers, ASCII lower case.
pub fn normalize_header(text: &str) -> String {
    let mut out: String = half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let before = out.len();
        for marker in ["*", "(必填)", "(可选)", "(选填)"] {
            if let Some(rest) = out.strip_suffix(marker) {
                out = rest.to_owned();
            }
            if let Some(rest) = out.strip_prefix(marker) {
                out = rest.to_owned();
            }
        }
        if out.len() == before {
            break;
        }
    }
    out.to_ascii_lowercase()
}

/// `填报时限(小时)` → `填报时限`: headers match with or without their unit.
fn strip_parenthesis(text: &str) -> &str {
    match text
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|i| &t[..i]))
    {
        Some(bare) => bare,
        None => text,
    }
}

/// Quotation marks a clerk types around a code to keep Excel from turning it into a number.
const STRAY_QUOTES: &[char] = &['"', '\'', '“', '”', '‘', '’', '「', '」', '『', '』', '`'];

/// A code-like cell as the format wants it: full-width characters made half-width, and the
/// quotation marks a clerk types around a code (`"152223100299"`, `“152223100299”`) dropped,
/// since a text cell needs none.
pub fn clean_code(text: &str) -> String {
    let half = half_width(text);
    let mut cleaned = half.trim();
    loop {
        let stripped = cleaned.trim_matches(STRAY_QUOTES).trim();
        if stripped == cleaned {
            break;
        }
        cleaned = stripped;
    }
    cleaned.to_owned()
}

/// Full-width ASCII (`１２`, `Ｑ`, `（`) and the ideographic space turned into their half-width
/// forms, as a clerk's IME often types them in numbers, dates and codes.
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field of the format has exactly one column, and every column is a field.
    #[test]
    fn columns_are_one_to_one_with_the_schema() {
        for spec in SHEETS {
            let shape = spec.row_shape().expect("row shape");
            let ShapeKind::Object(fields) = &shape.kind else {
                panic!("{} rows are objects", spec.name);
            };
            let mut names: Vec<&str> = fields
                .iter()
                .map(|f| f.name.as_str())
                // The unit sheet's lists live on their own sheets.
                .filter(|n| !(spec.list.is_none() && (*n == "cadres" || *n == "grids")))
                .collect();
            let mut columns: Vec<&str> = spec.columns.iter().map(|c| c.field).collect();
            names.sort_unstable();
            columns.sort_unstable();
            assert_eq!(columns, names, "sheet {}", spec.name);
            let mut headers: Vec<String> = spec
                .columns
                .iter()
                .map(|c| normalize_header(c.header))
                .collect();
            headers.sort();
            headers.dedup();
            assert_eq!(
                headers.len(),
                spec.columns.len(),
                "{} headers unique",
                spec.name
            );
        }
        let mut lists: Vec<&str> = SHEETS.iter().filter_map(|s| s.list).collect();
        lists.sort_unstable();
        let mut expected: Vec<&str> = Kind::SECTIONS
            .iter()
            .filter_map(|k| k.section_key())
            .chain(["cadres", "grids"])
            .collect();
        expected.sort_unstable();
        assert_eq!(lists, expected);
    }

    /// Every enum value of every column has a Chinese label, and labels are unambiguous within
    /// a column.
    #[test]
    fn every_enum_value_has_a_label() {
        for spec in SHEETS {
            for column in spec.columns {
                let values = match column.cell_type(spec) {
                    CellType::Enum(v) => v,
                    CellType::List(item) => match *item {
                        CellType::Enum(v) => v,
                        _ => continue,
                    },
                    _ => continue,
                };
                let mut labels: Vec<&str> = values
                    .iter()
                    .map(|v| label(v).unwrap_or_else(|| panic!("no label for {v}")))
                    .collect();
                labels.sort_unstable();
                labels.dedup();
                assert_eq!(labels.len(), values.len(), "{}.{}", spec.name, column.field);
            }
        }
    }

    #[test]
    fn headers_match_with_markers_units_and_english_names() {
        let spec = SheetSpec::find("报表台账").unwrap();
        assert_eq!(
            spec.column_for("填报时限（小时）").unwrap().field,
            "deadline_hours"
        );
        assert_eq!(spec.column_for("填报时限").unwrap().field, "deadline_hours");
        assert_eq!(spec.column_for(" 名 称 *").unwrap().field, "name");
        assert_eq!(spec.column_for("依据（可选）").unwrap().field, "basis");
        assert_eq!(
            spec.column_for("requested_by").unwrap().field,
            "requested_by"
        );
        assert!(spec.column_for("备注").is_none());
        assert_eq!(SheetSpec::find("signage").unwrap().name, "标识标牌");
        assert_eq!(SheetSpec::find(" 标识标牌 ").unwrap().name, "标识标牌");
    }

    #[test]
    fn descriptions_come_from_the_model() {
        let spec = SheetSpec::find("标识标牌").unwrap();
        assert_eq!(description(spec, "placement"), "位置");
        let cadres = SheetSpec::find("两委成员").unwrap();
        assert_eq!(
            description(cadres, "last_health_check"),
            "最近一次体检日期（可选）"
        );
        let unit = SheetSpec::find("单位信息").unwrap();
        assert_eq!(description(unit, "kind"), "单位类型");
    }

    #[test]
    fn full_width_is_made_half_width() {
        assert_eq!(half_width("２０２５－Ｑ２\u{3000}"), "2025-Q2 ");
    }
}
