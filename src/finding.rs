//! The shared vocabulary of results: [`Finding`], [`Severity`], [`Clearance`], [`Lang`] and the
//! part of a rule every finding carries ([`RuleHeader`]).
//!
//! Every finding is made by [`Finding::new`], whatever produced it (SUBMIT validation or a
//! policy), so reporters see one shape. This module formats nothing for output.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::{CellRef, LineCol, Region, SourceFile, Span};
use crate::wording::Message;

/// The language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Prose of several lines (a policy's docs) made printable: control characters replaced, and a
/// line that begins with `::` gets a space between its colons, because such a line is a command
/// to GitHub Actions when `jianfu explain` runs in a workflow.
pub fn printable_prose(text: &str) -> String {
    let printable = crate::source::printable(text);
    let mut out = String::with_capacity(printable.len());
    for line in printable.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let (lead, rest) = line.split_at(indent);
        out.push_str(lead);
        match rest.strip_prefix("::") {
            Some(command) => {
                out.push_str(": :");
                out.push_str(command);
            }
            None => out.push_str(rest),
        }
    }
    out
}

/// A text in both languages; every rule carries both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    /// The text with control characters replaced, line breaks kept (see
    /// [`printable`](crate::source::printable)): a policy's prose reaches terminals too.
    pub fn printable(&self) -> Text {
        self.map(printable_prose)
    }

    /// The text on one line: controls replaced and its lines joined with spaces, so that it
    /// cannot start a line of its own in a report (where `::error::` at a line's start is a
    /// command to GitHub Actions).
    pub fn one_line(&self) -> Text {
        self.map(|text| {
            let printable = crate::source::printable(text);
            let lines: Vec<&str> = printable
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .collect();
            crate::source::printable_line(&lines.join(" ")).into_owned()
        })
    }

    fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text {
            zh: f(&self.zh),
            en: f(&self.en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// How serious a finding is: error = must be cleared; warning = to be reviewed; info = for the
/// record. Ordered so that `Error > Warning > Info`.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of 六清理两强化 a rule belongs to.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Clearance {
    Submit,
    Tasks,
    Signage,
    Certificates,
    Groups,
    Reports,
    Meetings,
    Inspections,
    Support,
    Trend,
    /// The checker's own configuration (waivers that expired or match nothing).
    Config,
}

impl Clearance {
    pub const ALL: [Clearance; 11] = [
        Clearance::Submit,
        Clearance::Tasks,
        Clearance::Signage,
        Clearance::Certificates,
        Clearance::Groups,
        Clearance::Reports,
        Clearance::Meetings,
        Clearance::Inspections,
        Clearance::Support,
        Clearance::Trend,
        Clearance::Config,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Clearance::Submit => "submit",
            Clearance::Tasks => "tasks",
            Clearance::Signage => "signage",
            Clearance::Certificates => "certificates",
            Clearance::Groups => "groups",
            Clearance::Reports => "reports",
            Clearance::Meetings => "meetings",
            Clearance::Inspections => "inspections",
            Clearance::Support => "support",
            Clearance::Trend => "trend",
            Clearance::Config => "config",
        }
    }
}

/// What every finding needs to know about its rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleHeader {
    /// `DOMAIN-NNN`, stable and never reused.
    pub id: String,
    /// kebab-case name.
    pub name: String,
    pub clearance: Clearance,
    /// The basis it enforces in one line, rendered from its citations.
    pub basis: String,
    /// The sources it cites, from the sources table.
    pub citations: Vec<crate::policy::sources::Citation>,
    /// What to do, shown as help when the finding has nothing more specific.
    pub fix: Text,
    /// The policy's message template (`{name}` placeholders), for findings worded from it
    /// ([`MessageKey::Rule`](crate::wording::MessageKey::Rule)); `None` for built-in rules, whose
    /// messages are in the catalogue.
    pub message: Option<Text>,
    /// How the problem and the remedy read in a bulletin, from the policy's `docs.bulletin`.
    pub bulletin: Option<BulletinPhrase>,
}

/// How one rule reads in a bulletin (通报): a policy's `docs.bulletin`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BulletinPhrase {
    /// The problem, as a verb phrase that follows the body that causes it or 有的
    /// ("要求高频次填报" / "demands reports too often").
    pub problem: Text,
    /// What the body must do about it ("降低填报频次" / "report less often").
    pub action: Text,
}

/// A secondary location, e.g. "first listed here" for a duplicate.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub text: Message,
}

/// A finding's place as shown to users: see [`Finding::position`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    pub region: Region,
    /// The spreadsheet cell, when the file was submitted as a spreadsheet.
    pub cell: Option<CellRef>,
}

/// One problem at one place.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: Arc<RuleHeader>,
    pub severity: Severity,
    /// The unit's code, when `unit.yaml` gave one.
    pub unit: Option<Arc<str>>,
    pub file: Arc<SourceFile>,
    pub span: Span,
    /// The logical path of the value, e.g. `signs[2].approval_ref`.
    pub path: String,
    /// What is wrong, as data; worded at report time ([`crate::wording::Locale`]).
    pub message: Message,
    /// Advice specific to this finding; the rule's `fix` applies when absent.
    pub help: Option<Message>,
    /// The body that caused the finding, when the data names one.
    pub imposer: Option<String>,
    /// The identity of the item the finding is about (its `name`, else `title`), which unlike
    /// its index survives items being added above it; baselines and waivers match on it.
    /// Kept inline up to 24 bytes, as most names are.
    pub item: Option<compact_str::CompactString>,
    pub labels: Vec<Label>,
    /// The waiver that applies, if one does; boxed, since few findings have one and every
    /// finding is moved several times (pushed, sorted, handed to the reporting thread).
    pub waived: Option<Box<Waived>>,
}

/// A waiver as it applies to a finding: why, who approved it, until when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waived {
    pub reason: String,
    pub approver: String,
    /// The waiver's last day, `YYYY-MM-DD`.
    pub expires: String,
}

impl Finding {
    /// The one constructor of findings. The imposer, which quotes inventory data, is made
    /// [`printable_line`](crate::source::printable_line) here; messages are made printable when
    /// they are worded.
    pub fn new(
        rule: Arc<RuleHeader>,
        severity: Severity,
        file: Arc<SourceFile>,
        span: Span,
        path: impl Into<String>,
        message: Message,
    ) -> Finding {
        Finding {
            rule,
            severity,
            unit: None,
            file,
            span,
            path: path.into(),
            message,
            help: None,
            imposer: None,
            item: None,
            labels: Vec::new(),
            waived: None,
        }
    }

    pub fn with_help(mut self, help: Option<Message>) -> Finding {
        self.help = help;
        self
    }

    pub fn with_imposer(mut self, imposer: Option<String>) -> Finding {
        self.imposer = imposer.map(crate::source::printable_line_owned);
        self
    }

    pub fn with_item(mut self, item: Option<compact_str::CompactString>) -> Finding {
        self.item = item.filter(|i| !i.is_empty());
        self
    }

    /// The logical path with the item's index replaced by its identity (`signs[村史馆].name`
    /// for `signs[2].name`), so it stays the same when items are added or moved.
    pub fn stable_path(&self) -> String {
        self.stable_path_pieces().concat()
    }

    /// [`stable_path`](Finding::stable_path) in the pieces it is joined from, for hashing it
    /// without building it.
    pub fn stable_path_pieces(&self) -> [&str; 5] {
        let whole = [self.path.as_str(), "", "", "", ""];
        let Some(item) = &self.item else {
            return whole;
        };
        // Paths are short: a plain byte search beats the vectorised one's set-up here. The
        // brackets are ASCII, so they are found at character boundaries.
        let find = |byte: u8| self.path.bytes().position(|b| b == byte);
        match (find(b'['), find(b']')) {
            (Some(open), Some(close)) if open < close => {
                [&self.path[..open], "[", item, "]", &self.path[close + 1..]]
            }
            _ => whole,
        }
    }

    pub fn with_label(mut self, span: Span, text: Message) -> Finding {
        self.labels.push(Label { span, text });
        self
    }

    pub fn region(&self) -> Region {
        self.file.region(self.span)
    }

    /// The spreadsheet cell the finding points at (`标识标牌!C7`), when its file was submitted
    /// as a spreadsheet; `None` for YAML files.
    pub fn cell(&self) -> Option<CellRef> {
        self.file.cell_at(self.span, &self.path)
    }

    /// Where the finding is as users are shown it, in every format: for a spreadsheet, its cell
    /// (the row as the line, the column's number as the column, ending one column further);
    /// otherwise the characters of its span.
    pub fn position(&self) -> Position {
        match self.cell() {
            Some(cell) => Position {
                region: Region {
                    start: LineCol {
                        line: cell.row,
                        column: cell.column,
                    },
                    end: LineCol {
                        line: cell.row,
                        column: cell.column + 1,
                    },
                },
                cell: Some(cell),
            },
            None => Position {
                region: self.region(),
                cell: None,
            },
        }
    }

    /// The file to open to find the place `position` (from [`Finding::position`]) names: the
    /// file of the sheet for a unit whose sheets are separate CSV files, else the finding's file.
    pub fn shown_file<'a>(&'a self, position: &'a Position) -> &'a str {
        position
            .cell
            .as_ref()
            .and_then(|cell| cell.file.as_deref())
            .unwrap_or(&self.file.path)
    }

    /// The order every reporter sees: by file, position, then rule. The sheets of one workbook
    /// share its path and come in workbook order.
    pub fn sort_key(&self) -> (&str, u32, &str) {
        (
            &self.file.path,
            self.file.order_offset(self.span.start),
            &self.rule.id,
        )
    }
}

/// `n` and the English noun for it: `1 unit`, `3 units`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
