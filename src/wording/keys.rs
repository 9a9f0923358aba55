//! Every message of the catalogues, with the arguments it takes: the one list the code and the
//! catalogues must agree on. A test checks that each key is in `zh.ftl` and `en.ftl` and uses
//! exactly its arguments there (`form`, the unit's form, is always given and may be used by any
//! message), and that every other catalogue uses no argument a key does not declare.

use fluent_syntax::ast;

use crate::finding::{Clearance, Severity};

/// A message of the catalogue and the names of its arguments.
#[derive(Debug, PartialEq, Eq)]
pub struct Key {
    pub id: &'static str,
    pub args: &'static [&'static str],
}

/// The argument every message is given: `sheet` or `yaml`.
pub const FORM: &str = "form";

macro_rules! keys {
    ($($name:ident = $id:literal ($($arg:ident),*);)*) => {
        $(pub static $name: Key = Key { id: $id, args: &[$(stringify!($arg)),*] };)*
        /// Every key, in the order declared.
        pub static ALL: &[&Key] = &[$(&$name),*];
    };
}

keys! {
    // Secondary labels
    FIRST_LISTED = "first-listed" ();
    CODE_DISAGREES_HERE = "code-disagrees-here" ();
    // Reading a unit's files
    CONFIG_IN_UNIT = "config-in-unit" ();
    SECTION_MISSING = "section-missing" (file);
    EMPTY_LIST = "empty-list" (key);
    FILE_EMPTY = "file-empty" (file);
    FILE_EMPTY_HELP = "file-empty-help" (key);
    UNIT_EMPTY_HELP = "unit-empty-help" ();
    NOT_UTF8 = "not-utf8" (encoding);
    NOT_UTF8_BINARY = "not-utf8-binary" ();
    NOT_UTF8_HELP = "not-utf8-help" (encoding);
    READ_DIRECTORY = "read-directory" ();
    READ_NOT_REGULAR = "read-not-regular" ();
    READ_PLAIN_FILE_HELP = "read-plain-file-help" ();
    READ_TOO_LARGE = "read-too-large" (limit);
    READ_OUTSIDE_TREE = "read-outside-tree" (target);
    READ_OUTSIDE_TREE_HELP = "read-outside-tree-help" ();
    READ_FAILED = "read-failed" (error);
    RAISE_LIMIT_HELP = "raise-limit-help" (key, raised);
    // YAML
    YAML_SYNTAX = "yaml-syntax" (detail);
    YAML_TOO_MANY_NODES = "yaml-too-many-nodes" (limit);
    YAML_TOO_MANY_ALIAS_NODES = "yaml-too-many-alias-nodes" (limit);
    YAML_TOO_MANY_ALIAS_BYTES = "yaml-too-many-alias-bytes" (limit);
    YAML_TOO_DEEP = "yaml-too-deep" (limit);
    YAML_SEVERAL_DOCUMENTS = "yaml-several-documents" ();
    YAML_TAG_MISMATCH = "yaml-tag-mismatch" (tag, value);
    YAML_TAG_HELP = "yaml-tag-help" (tag);
    // Unit codes
    CODE_MALFORMED = "code-malformed" (code);
    CODE_UNKNOWN_BANNER = "code-unknown-banner" (cutoff, banner);
    CODE_UNKNOWN_TOWNSHIP = "code-unknown-township" (cutoff, banner_name, township);
    CODE_WRONG_BANNER = "code-wrong-banner" (code, expected, banner);
    CODE_WRONG_TOWNSHIP = "code-wrong-township" (code, township_code, expected, township);
    CODE_KIND_COMMUNITY = "code-kind-community" (digits, kind);
    CODE_KIND_VILLAGE = "code-kind-village" (digits, kind);
    CODE_KIND_NEITHER = "code-kind-neither" (digits);
    // The inventory format
    UNKNOWN_FIELD = "unknown-field" (field);
    MISSING_FIELD = "missing-field" (field);
    DUPLICATE_KEY = "duplicate-key" (field);
    WRONG_TYPE = "wrong-type" (expected, found);
    NOT_IN_ENUM = "not-in-enum" (value);
    BAD_DATE = "bad-date" (value);
    NO_MATCH = "no-match" (value, pattern);
    OUT_OF_RANGE = "out-of-range" (value, range);
    DID_YOU_MEAN_FIELD = "did-you-mean-field" (suggestion);
    DID_YOU_MEAN_VALUE = "did-you-mean-value" (suggestion, allowed);
    ALLOWED_VALUES = "allowed-values" (allowed);
    HALF_WIDTH_DIGITS_HELP = "half-width-digits-help" ();
    UNQUOTE_NUMBER_HELP = "unquote-number-help" ();
    QUOTE_CODE_HELP = "quote-code-help" ();
    // Workbooks and CSV files
    WORKBOOK_OTHER_FORMAT = "workbook-other-format" (format);
    RESAVE_AS_XLSX_HELP = "resave-as-xlsx-help" ();
    WORKBOOK_CORRUPT = "workbook-corrupt" (detail);
    WORKBOOK_TOO_LARGE = "workbook-too-large" (limit);
    LIMIT_KEY_HELP = "limit-key-help" (key);
    SHEET_TOO_MANY_CELLS = "sheet-too-many-cells" (sheet, limit);
    SHEET_TOO_DENSE = "sheet-too-dense" (limit);
    SHEET_TOO_DENSE_HELP = "sheet-too-dense-help" ();
    WORKBOOK_TOO_MUCH_TEXT = "workbook-too-much-text" (limit);
    CSV_ENCODING = "csv-encoding" (encoding);
    CSV_ENCODING_UNKNOWN = "csv-encoding-unknown" ();
    CSV_SAVE_UTF8_HELP = "csv-save-utf8-help" ();
    CSV_SYNTAX = "csv-syntax" (detail);
    CSV_RESAVE_HELP = "csv-resave-help" ();
    CSV_TOO_MANY_CELLS = "csv-too-many-cells" (limit);
    CSV_GBK_NOTE = "csv-gbk-note" ();
    CSV_GBK_HELP = "csv-gbk-help" ();
    SHEET_HIDDEN = "sheet-hidden" (sheet);
    SHEET_HIDDEN_HELP = "sheet-hidden-help" ();
    SHEET_DUPLICATE = "sheet-duplicate" (sheet, first);
    SHEET_COPY_HELP = "sheet-copy-help" (sheet);
    SHEET_RENAME_HELP = "sheet-rename-help" (name, sheet);
    UNIT_SHEET_MISSING = "unit-sheet-missing" (sheet);
    SHEET_MISSING = "sheet-missing" (sheet);
    UNKNOWN_COLUMN = "unknown-column" (sheet, header);
    UNKNOWN_COLUMN_SUGGEST = "unknown-column-suggest" (suggestion, columns);
    SHEET_COLUMNS = "sheet-columns" (columns);
    DUPLICATE_COLUMN = "duplicate-column" (sheet, header);
    NO_HEADER_ROW = "no-header-row" (sheet);
    NO_HEADER_ROW_HELP = "no-header-row-help" (columns);
    EXTRA_UNIT_ROW = "extra-unit-row" (sheet, row);
    EXTRA_UNIT_ROW_HELP = "extra-unit-row-help" ();
    CLEANED_CODE = "cleaned-code" (header, typed, read);
    CLEANED_CODE_HELP = "cleaned-code-help" ();
    // Across units and the configuration
    DUPLICATE_UNIT_CODE = "duplicate-unit-code" (code, first);
    WAIVER_EXPIRED = "waiver-expired" (expiry, rule, unit, approver, reason);
    WAIVER_UNUSED = "waiver-unused" (rule, unit, approver, reason);
    OVERLAP_INCOMPLETE = "overlap-incomplete" (section, work);
    TREND_REBOUND = "trend-rebound" (section, period, was, is);
    // Reports
    HELP_PREFIX = "help-prefix" (help);
    WAIVED_PREFIX = "waived-prefix" (reason);
    BASIS_LINE = "basis-line" (basis);
    CONFIG_HEADING = "config-heading" ();
    UNIT_HEADING = "unit-heading" (unit, dir, count);
    UNIT_HEADING_UNNAMED = "unit-heading-unnamed" (dir, count);
    LINE_CLIPPED = "line-clipped" ();
    LIST_SEPARATOR = "list-separator" ();
    SUMMARY = "summary" (units, files, findings, by_severity, clean);
    SUMMARY_BY_CLEARANCE = "summary-by-clearance" (list);
    SUMMARY_BASELINE = "summary-baseline" (absorbed, stale);
    SUMMARY_WAIVED = "summary-waived" (count);
    SUMMARY_EXPLAIN = "summary-explain" ();
    // Names
    SEVERITY_ERROR = "severity-error" ();
    SEVERITY_WARNING = "severity-warning" ();
    SEVERITY_INFO = "severity-info" ();
    CLEARANCE_SUBMIT = "clearance-submit" ();
    CLEARANCE_TASKS = "clearance-tasks" ();
    CLEARANCE_SIGNAGE = "clearance-signage" ();
    CLEARANCE_CERTIFICATES = "clearance-certificates" ();
    CLEARANCE_GROUPS = "clearance-groups" ();
    CLEARANCE_REPORTS = "clearance-reports" ();
    CLEARANCE_MEETINGS = "clearance-meetings" ();
    CLEARANCE_INSPECTIONS = "clearance-inspections" ();
    CLEARANCE_SUPPORT = "clearance-support" ();
    CLEARANCE_TREND = "clearance-trend" ();
    CLEARANCE_CONFIG = "clearance-config" ();
    // Reports, continued
    WAIVED_SUFFIX = "waived-suffix" ();
    WAIVED_ASIDE = "waived-aside" (reason);
    STATISTICS_COUNT = "statistics-count" ();
    STATISTICS_UNITS = "statistics-units" ();
    STATISTICS_RULE = "statistics-rule" ();
    STATISTICS_NAME = "statistics-name" ();
    STATISTICS_SEVERITY = "statistics-severity" ();
    // The command line
    NO_SUCH_RULE = "no-such-rule" (rule);
    NO_SUCH_RULE_SUGGEST = "no-such-rule-suggest" (rule, suggestion);
    NO_UNITS_FOUND = "no-units-found" (paths);
    NO_UNITS_FOUND_HELP = "no-units-found-help" ();
    FILTERS_SELECTED_NOTHING = "filters-selected-nothing" (count);
    FILTERS_SELECTED_NOTHING_HELP = "filters-selected-nothing-help" ();
    OUTPUT_IS_INPUT = "output-is-input" (output);
    PREVIOUS_UNREADABLE = "previous-unreadable" (dir);
    PREVIOUS_EMPTY = "previous-empty" (dir);
    CANNOT_SEARCH = "cannot-search" (path, reason);
    ONE_REPORT_TO_STDOUT = "one-report-to-stdout" (target);
    NO_CALENDAR_NOTE = "no-calendar-note" (year);
    BAD_TODAY = "bad-today" (value);
    CANNOT_WRITE = "cannot-write" (path);
    CANNOT_CREATE = "cannot-create" (path);
    CANNOT_WRITE_REPORT = "cannot-write-report" ();
    PATH_MISSING = "path-missing" (path);
    CONVERT_NO_UNIT_INFO = "convert-no-unit-info" (unit);
    COMMENTS_LOST = "comments-lost" ();
    FILES_EXIST = "files-exist" (list);
    FILES_EXIST_WITH_COMMENTS = "files-exist-with-comments" (list);
    CONVERT_LOSSES = "convert-losses" (count, unit);
    FLAG_EMPTY = "flag-empty" (flag);
    AREA_UNKNOWN = "area-unknown" (code, flag);
    NO_SCHEMAS_NOTE = "no-schemas-note" (dir);
    EXPLAIN_NO_RULE = "explain-no-rule" (rule);
    EXPLAIN_NO_RULE_HELP = "explain-no-rule-help" ();
    DID_YOU_MEAN_RULE = "did-you-mean-rule" (suggestion);
    BASELINE_UNREADABLE = "baseline-unreadable" (path, error);
    BASELINE_NOT_A_BASELINE = "baseline-not-a-baseline" (path, error);
    BASELINE_VERSION = "baseline-version" (path, found, version);
    RULES_COUNT = "rules-count" (count);
    // Advice reworded for a workbook
    HELP_COLUMN = "help-column" (header);
    HELP_COLUMN_CHOICE = "help-column-choice" (header, choice);
    HELP_SHEET = "help-sheet" (sheet);
    HELP_CODE = "help-code" (code);
    // A rule's documentation (jianfu explain)
    EXPLAIN_SEVERITY = "explain-severity" ();
    EXPLAIN_CLEARANCE = "explain-clearance" ();
    EXPLAIN_BASIS = "explain-basis" ();
    EXPLAIN_WHAT = "explain-what" ();
    EXPLAIN_WHY = "explain-why" ();
    EXPLAIN_FIX = "explain-fix" ();
    EXPLAIN_PARAMETERS = "explain-parameters" ();
    EXPLAIN_DEFAULT = "explain-default" ();
    EXPLAIN_BAD = "explain-bad" ();
    EXPLAIN_GOOD = "explain-good" ();
    EXPLAIN_DEFINED_IN = "explain-defined-in" ();
    INIT_DONE = "init-done" (dir, code, name);
    CELL_EMPTY = "cell-empty" ();
    CELL_YES = "cell-yes" ();
    CELL_NO = "cell-no" ();
    EXPLAIN_SOURCES = "explain-sources" ();
    BAD_DATE_ARG = "bad-date-arg" (value);
    ISSUER_MISSING = "issuer-missing" ();
    DOCX_NEEDS_OUTPUT = "docx-needs-output" ();
    // The configuration (jianfu.yaml)
    CONFIG_UNKNOWN_PARAMETER = "config-unknown-parameter" (rule, name);
    CONFIG_UNKNOWN_RULE = "config-unknown-rule" (rule);
    CONFIG_UNREADABLE = "config-unreadable" (error);
    OVERRIDE_NEEDS_REASON = "override-needs-reason" ();
    OVERRIDE_SCOPE_EMPTY = "override-scope-empty" ();
    OVERRIDE_SCOPE_NEVER = "override-scope-never" (problem);
    UNIT_PATTERN_HELP = "unit-pattern-help" ();
    UNIT_PATTERN_NOT_CODE = "unit-pattern-not-code" (pattern);
    UNIT_PATTERN_SHORT = "unit-pattern-short" (pattern, digits);
    UNIT_PATTERN_LONG = "unit-pattern-long" (pattern, digits);
    WAIVER_UNKNOWN_RULE = "waiver-unknown-rule" (rule);
    WAIVER_SCOPE_NEVER = "waiver-scope-never" (rule, problem);
    WAIVER_NEEDS_REASON = "waiver-needs-reason" (rule);
    WAIVER_BAD_EXPIRY = "waiver-bad-expiry" (rule, expires);
    DIVISION_BAD_CODE = "division-bad-code" (code);
    DIVISION_INCOMPLETE = "division-incomplete" (code);
}

/// The key of a severity's name.
pub fn severity(severity: Severity) -> &'static Key {
    match severity {
        Severity::Error => &SEVERITY_ERROR,
        Severity::Warning => &SEVERITY_WARNING,
        Severity::Info => &SEVERITY_INFO,
    }
}

/// The key of a clearance's name.
pub fn clearance(clearance: Clearance) -> &'static Key {
    match clearance {
        Clearance::Submit => &CLEARANCE_SUBMIT,
        Clearance::Tasks => &CLEARANCE_TASKS,
        Clearance::Signage => &CLEARANCE_SIGNAGE,
        Clearance::Certificates => &CLEARANCE_CERTIFICATES,
        Clearance::Groups => &CLEARANCE_GROUPS,
        Clearance::Reports => &CLEARANCE_REPORTS,
        Clearance::Meetings => &CLEARANCE_MEETINGS,
        Clearance::Inspections => &CLEARANCE_INSPECTIONS,
        Clearance::Support => &CLEARANCE_SUPPORT,
        Clearance::Trend => &CLEARANCE_TREND,
        Clearance::Config => &CLEARANCE_CONFIG,
    }
}

/// The messages of a Fluent text and the variables each uses (sorted, without repeats).
pub fn variables_by_message(text: &str) -> Vec<(String, Vec<String>)> {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => {
                let mut names = Vec::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut names);
                }
                names.sort_unstable();
                names.dedup();
                Some((message.id.name.to_owned(), names))
            }
            _ => None,
        })
        .collect()
}

fn pattern_variables(pattern: &ast::Pattern<&str>, names: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, names: &mut Vec<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                pattern_variables(&variant.value, names);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, names),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, names: &mut Vec<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => names.push(id.name.to_owned()),
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, names),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, names);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, names);
            }
        }
        _ => {}
    }
}
