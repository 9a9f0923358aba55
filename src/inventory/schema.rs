//! The file kinds of a unit, their JSON Schemas (generated from [`super::model`]) and the
//! compiled form of those schemas that [`super::validate`] walks.
//!
//! Compiling the schema, rather than hand-writing a second description of the format, keeps one
//! source of truth: a field added to the model is at once in `jianfu schema`, in editors and in
//! validation.

use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value as Json;

use super::model;

/// One of the eight files of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Unit,
    Tasks,
    Signage,
    Certificates,
    Groups,
    Reports,
    Meetings,
    Inspections,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Unit,
        Kind::Tasks,
        Kind::Signage,
        Kind::Certificates,
        Kind::Groups,
        Kind::Reports,
        Kind::Meetings,
        Kind::Inspections,
    ];

    /// The seven section files that sit beside `unit.yaml`.
    pub const SECTIONS: [Kind; 7] = [
        Kind::Tasks,
        Kind::Signage,
        Kind::Certificates,
        Kind::Groups,
        Kind::Reports,
        Kind::Meetings,
        Kind::Inspections,
    ];

    /// The kind's name on the command line (`jianfu schema tasks`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Unit => "unit",
            Kind::Tasks => "tasks",
            Kind::Signage => "signage",
            Kind::Certificates => "certificates",
            Kind::Groups => "groups",
            Kind::Reports => "reports",
            Kind::Meetings => "meetings",
            Kind::Inspections => "inspections",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Unit => "unit.yaml",
            Kind::Tasks => "tasks.yaml",
            Kind::Signage => "signage.yaml",
            Kind::Certificates => "certificates.yaml",
            Kind::Groups => "groups.yaml",
            Kind::Reports => "reports.yaml",
            Kind::Meetings => "meetings.yaml",
            Kind::Inspections => "inspections.yaml",
        }
    }

    /// The kind's Chinese name, as inventories and bulletins call it.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::Unit => "单位信息",
            Kind::Tasks => "工作事务",
            Kind::Signage => "标识标牌",
            Kind::Certificates => "证明事项",
            Kind::Groups => "工作群组",
            Kind::Reports => "报表台账",
            Kind::Meetings => "会议",
            Kind::Inspections => "督查检查考核",
        }
    }

    /// The field of an item of this section that names the body behind it (who assigned the
    /// task, issued the sign, asked for the certificate or report, created the group, convened
    /// the meeting, carried out the inspection); `None` for unit.yaml.
    pub fn imposer_field(self) -> Option<&'static str> {
        match self {
            Kind::Tasks => Some("assigned_by"),
            Kind::Signage => Some("issued_by"),
            Kind::Certificates | Kind::Reports => Some("requested_by"),
            Kind::Groups => Some("created_by"),
            Kind::Meetings => Some("convened_by"),
            Kind::Inspections => Some("by"),
            Kind::Unit => None,
        }
    }

    /// The file holding the list `section`: the section file whose key it is, else `unit.yaml`
    /// (which holds `cadres` and `grids`).
    pub fn holding(section: &str) -> Kind {
        Kind::SECTIONS
            .into_iter()
            .find(|k| k.section_key() == Some(section))
            .unwrap_or(Kind::Unit)
    }

    /// The top-level key of a section file (`signs` for signage.yaml); `None` for unit.yaml.
    pub fn section_key(self) -> Option<&'static str> {
        match self {
            Kind::Unit => None,
            Kind::Tasks => Some("tasks"),
            Kind::Signage => Some("signs"),
            Kind::Certificates => Some("certificates"),
            Kind::Groups => Some("groups"),
            Kind::Reports => Some("reports"),
            Kind::Meetings => Some("meetings"),
            Kind::Inspections => Some("inspections"),
        }
    }

    /// The draft-07 JSON Schema of this kind of file.
    pub fn json_schema(self) -> Json {
        let generator = schemars::generate::SchemaSettings::draft07().into_generator();
        let schema = match self {
            Kind::Unit => generator.into_root_schema_for::<model::Unit>(),
            Kind::Tasks => generator.into_root_schema_for::<model::TasksFile>(),
            Kind::Signage => generator.into_root_schema_for::<model::SignageFile>(),
            Kind::Certificates => generator.into_root_schema_for::<model::CertificatesFile>(),
            Kind::Groups => generator.into_root_schema_for::<model::GroupsFile>(),
            Kind::Reports => generator.into_root_schema_for::<model::ReportsFile>(),
            Kind::Meetings => generator.into_root_schema_for::<model::MeetingsFile>(),
            Kind::Inspections => generator.into_root_schema_for::<model::InspectionsFile>(),
        };
        schema.to_value()
    }

    /// The compiled shape of this kind, built once per process.
    pub fn shape(self) -> &'static Shape {
        static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
        let shapes = SHAPES.get_or_init(|| {
            Kind::ALL
                .iter()
                .map(|k| {
                    let schema = k.json_schema();
                    compile(&schema, &schema)
                })
                .collect()
        });
        &shapes[self as usize]
    }

    /// The compiled shape of one item of the list under `list` (`signs` in signage.yaml,
    /// `cadres` in unit.yaml).
    pub fn item_shape(self, list: &str) -> Option<&'static Shape> {
        match &self.shape().field(list)?.shape.kind {
            ShapeKind::Array(item) => Some(item),
            _ => None,
        }
    }
}

/// What a value must look like: the part of JSON Schema that the generated schemas use.
#[derive(Debug)]
pub struct Shape {
    pub kind: ShapeKind,
    /// `null` is accepted (an optional field written with no value).
    pub nullable: bool,
}

#[derive(Debug)]
pub enum ShapeKind {
    Object(Vec<Field>),
    Array(Box<Shape>),
    Str {
        pattern: Option<Regex>,
        date: bool,
    },
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    Bool,
    Enum(Vec<String>),
    /// Anything: a schema construct this compiler does not narrow.
    Any,
}

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub shape: Shape,
    pub required: bool,
}

impl Shape {
    /// The field of an object shape called `name`.
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            ShapeKind::Object(fields) => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }

    /// Whether the field `name` holds codes from a fixed list (`weekly`, `checkin`), or a list
    /// of them: messages and reports show such values by their labels.
    pub fn is_coded(&self, name: &str) -> bool {
        self.field(name)
            .is_some_and(|field| match &field.shape.kind {
                ShapeKind::Enum(_) => true,
                ShapeKind::Array(item) => matches!(item.kind, ShapeKind::Enum(_)),
                _ => false,
            })
    }
}

fn compile(schema: &Json, root: &Json) -> Shape {
    if let Some(target) = schema.get("$ref").and_then(Json::as_str) {
        return compile(resolve_ref(target, root), root);
    }
    if let Some([only]) = schema
        .get("allOf")
        .and_then(Json::as_array)
        .map(Vec::as_slice)
    {
        return compile(only, root);
    }
    // `Option<T>` of a referenced type: `anyOf: [T, {type: null}]` is T, nullable.
    if let Some(variants) = schema.get("anyOf").and_then(Json::as_array) {
        let is_null = |v: &Json| v.get("type").and_then(Json::as_str) == Some("null");
        if let [inner] = variants
            .iter()
            .filter(|v| !is_null(v))
            .collect::<Vec<_>>()
            .as_slice()
        {
            let mut shape = compile(inner, root);
            shape.nullable = shape.nullable || variants.iter().any(is_null);
            return shape;
        }
    }
    if let Some(variants) = schema.get("oneOf").and_then(Json::as_array) {
        let values: Vec<String> = variants
            .iter()
            .filter_map(|v| v.get("const").and_then(Json::as_str).map(str::to_owned))
            .collect();
        if values.len() == variants.len() {
            return Shape {
                kind: ShapeKind::Enum(values),
                nullable: false,
            };
        }
    }
    if let Some(values) = schema.get("enum").and_then(Json::as_array) {
        let values = values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        return Shape {
            kind: ShapeKind::Enum(values),
            nullable: false,
        };
    }
    let (type_name, nullable) = schema_type(schema);
    let kind = match type_name {
        "object" => ShapeKind::Object(compile_fields(schema, root)),
        "array" => ShapeKind::Array(Box::new(
            schema
                .get("items")
                .map_or(ANY, |items| compile(items, root)),
        )),
        "string" => ShapeKind::Str {
            pattern: schema
                .get("pattern")
                .and_then(Json::as_str)
                .and_then(|p| Regex::new(p).ok()),
            date: schema.get("format").and_then(Json::as_str) == Some("date"),
        },
        "integer" => ShapeKind::Int {
            min: schema.get("minimum").and_then(Json::as_i64),
            max: schema.get("maximum").and_then(Json::as_i64),
        },
        "boolean" => ShapeKind::Bool,
        _ => ShapeKind::Any,
    };
    Shape { kind, nullable }
}

const ANY: Shape = Shape {
    kind: ShapeKind::Any,
    nullable: true,
};

fn compile_fields(schema: &Json, root: &Json) -> Vec<Field> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Json::as_array)
        .map(|r| r.iter().filter_map(Json::as_str).collect())
        .unwrap_or_default();
    schema
        .get("properties")
        .and_then(Json::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(name, sub)| Field {
                    name: name.clone(),
                    shape: compile(sub, root),
                    required: required.contains(&name.as_str()),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The schema's `type`, and whether `null` is also allowed (`["string", "null"]`).
fn schema_type(schema: &Json) -> (&str, bool) {
    match schema.get("type") {
        Some(Json::String(t)) => (t.as_str(), false),
        Some(Json::Array(types)) => {
            let nullable = types.iter().any(|t| t == "null");
            let main = types
                .iter()
                .filter_map(Json::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null");
            (main, nullable)
        }
        _ => ("any", true),
    }
}

fn resolve_ref<'a>(target: &str, root: &'a Json) -> &'a Json {
    target
        .strip_prefix('#')
        .and_then(|pointer| root.pointer(pointer))
        .unwrap_or(&Json::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_list_is_held_by_its_file() {
        for kind in Kind::SECTIONS {
            let key = kind.section_key().expect("a section has a key");
            assert_eq!(Kind::holding(key), kind);
        }
        assert_eq!(Kind::holding("cadres"), Kind::Unit);
        assert_eq!(Kind::holding("grids"), Kind::Unit);
        assert_eq!(Kind::holding("sign"), Kind::Unit);
    }

    #[test]
    fn compiled_sign_shape_knows_fields_enums_and_optionals() {
        let shape = Kind::Signage.shape();
        let signs = shape.field("signs").expect("signs");
        let ShapeKind::Array(item) = &signs.shape.kind else {
            panic!("signs is a list");
        };
        let placement = item.field("placement").expect("placement");
        assert!(placement.required);
        assert!(
            matches!(&placement.shape.kind, ShapeKind::Enum(v) if v == &["exterior", "interior"])
        );
        let approval = item.field("approval_ref").expect("approval_ref");
        assert!(!approval.required && approval.shape.nullable);
    }

    /// Regression: optional dates (`Option<Date>`, an `anyOf` with null) were not checked at all.
    #[test]
    fn optional_dates_are_nullable_dates() {
        let shape = Kind::Groups.shape();
        let ShapeKind::Array(item) = &shape.field("groups").expect("groups").shape.kind else {
            panic!("groups is a list");
        };
        let task_end = &item.field("task_end").expect("task_end").shape;
        assert!(task_end.nullable);
        assert!(matches!(task_end.kind, ShapeKind::Str { date: true, .. }));
    }

    #[test]
    fn unit_schema_has_pattern_range_and_date() {
        let shape = Kind::Unit.shape();
        let period = shape.field("period").expect("period");
        assert!(matches!(
            &period.shape.kind,
            ShapeKind::Str {
                pattern: Some(_),
                ..
            }
        ));
        let institutions = shape.field("institutions").expect("institutions");
        assert!(matches!(
            institutions.shape.kind,
            ShapeKind::Int { min: Some(1), .. }
        ));
    }
}
