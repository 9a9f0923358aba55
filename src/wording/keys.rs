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
    BULLETIN_SCRATCH_FAILED = "bulletin-scratch-failed" (dir, error);
    LEDGER_SCRATCH_FAILED = "ledger-scratch-failed" (dir, error);
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
    // The bulletin: putting words together
    BULLETIN_LIST_COMMA = "bulletin-list-comma" ();
    BULLETIN_LIST_AND = "bulletin-list-and" ();
    BULLETIN_SEPARATOR = "bulletin-separator" ();
    BULLETIN_CLAUSE_COMMA = "bulletin-clause-comma" ();
    BULLETIN_SENTENCE = "bulletin-sentence" (text);
    BULLETIN_POINT = "bulletin-point" (number, text);
    BULLETIN_DATE = "bulletin-date" (year, month, day);
    BULLETIN_DATE_WEEKDAY = "bulletin-date-weekday" (year, month, day, weekday);
    // The bulletin: cases
    BULLETIN_UNITS_COUNTED = "bulletin-units-counted" (count, kind);
    BULLETIN_UNITS_NAMED = "bulletin-units-named" (names, counted);
    BULLETIN_UNITS_NAMED_SOME = "bulletin-units-named-some" (names, counted);
    BULLETIN_FOUND = "bulletin-found" (text);
    BULLETIN_FOUND_IN = "bulletin-found-in" (period, text);
    BULLETIN_CASE_DEED = "bulletin-case-deed" (body, severe, deed);
    BULLETIN_CASE_BURDENS = "bulletin-case-burdens" (body, severe, units, burdens);
    BULLETIN_CASE_PROBLEMS = "bulletin-case-problems" (text, count);
    BULLETIN_BURDEN = "bulletin-burden" (clearance);
    BULLETIN_ACT = "bulletin-act" (clearance, units, objects, problem);
    BULLETIN_ACT_REPORTS_OFTEN = "bulletin-act-reports-often" (units, frequency, objects);
    BULLETIN_ACT_GROUPS_DEMANDS = "bulletin-act-groups-demands" (objects, units, demands);
    BULLETIN_DEED = "bulletin-deed" (clearance, objects, problem);
    BULLETIN_DEED_REPORTS_OFTEN = "bulletin-deed-reports-often" (frequency, objects);
    BULLETIN_DEED_GROUPS_DEMANDS = "bulletin-deed-groups-demands" (objects, demands);
    BULLETIN_OBJECTS_NONE = "bulletin-objects-none" (section);
    BULLETIN_OBJECTS_SEVERAL = "bulletin-objects-several" (first, count, section);
    BULLETIN_AND_DETAILS = "bulletin-and-details" (text, details);
    BULLETIN_ITEM = "bulletin-item" (name, details);
    BULLETIN_ITEM_IN_UNITS = "bulletin-item-in-units" (text, units);
    BULLETIN_PROBLEM_IN_UNITS = "bulletin-problem-in-units" (problem, count);
    BULLETIN_PROBLEMS_FOUND = "bulletin-problems-found" (problems);
    BULLETIN_RULE_HEADLINE = "bulletin-rule-headline" (regions, region, units, problem);
    BULLETIN_RULE_ENTRY = "bulletin-rule-entry" (unit, message);
    BULLETIN_RULE_NARRATIVE = "bulletin-rule-narrative" (units, problem, entries, more);
    BULLETIN_BODY_HANDLING = "bulletin-body-handling" (severity, body, actions);
    BULLETIN_RULE_HANDLING = "bulletin-rule-handling" (severity, townships, actions);
    BULLETIN_TOWNSHIPS_CONCERNED = "bulletin-townships-concerned" ();
    BULLETIN_SOURCE_QUOTED = "bulletin-source-quoted" (source, quotes);
    BULLETIN_VIOLATION = "bulletin-violation" (binding);
    BULLETIN_VIOLATION_BOTH = "bulletin-violation-both" (binding, practice);
    BULLETIN_VIOLATION_PRACTICE = "bulletin-violation-practice" (practice);
    // The bulletin: what the data says of an item
    BULLETIN_ITEM_IS = "bulletin-item-is" (what);
    BULLETIN_ITEM_SIGN = "bulletin-item-sign" (placement, kind);
    BULLETIN_ITEM_ISSUED = "bulletin-item-issued" (count);
    BULLETIN_ITEM_GROUP = "bulletin-item-group" (platform);
    BULLETIN_ITEM_MEMBERS = "bulletin-item-members" (count);
    BULLETIN_ITEM_DEMANDS = "bulletin-item-demands" (demands);
    BULLETIN_ITEM_AFTER_HOURS = "bulletin-item-after-hours" ();
    BULLETIN_ITEM_TASK_ENDED = "bulletin-item-task-ended" (date);
    BULLETIN_ITEM_FREQUENCY = "bulletin-item-frequency" (frequency);
    BULLETIN_ITEM_FIELDS = "bulletin-item-fields" (count);
    BULLETIN_ITEM_CHANNEL = "bulletin-item-channel" (channel);
    BULLETIN_ITEM_HOURS = "bulletin-item-hours" (hours);
    BULLETIN_ITEM_HELD = "bulletin-item-held" (date);
    BULLETIN_ITEM_MINUTES = "bulletin-item-minutes" (minutes);
    BULLETIN_ITEM_RELAY = "bulletin-item-relay" ();
    BULLETIN_ITEM_MATERIALS = "bulletin-item-materials" (count);
    BULLETIN_ITEM_CONDUCTED = "bulletin-item-conducted" (date);
    BULLETIN_ITEM_INDICATORS = "bulletin-item-indicators" (count);
    // The bulletin: frame and prose
    BULLETIN_ISSUER_PLACEHOLDER = "bulletin-issuer-placeholder" ();
    BULLETIN_NOT_GIVEN = "bulletin-not-given" ();
    BULLETIN_QUARTER = "bulletin-quarter" (year, quarter);
    BULLETIN_TITLE = "bulletin-title" (count, issuer);
    BULLETIN_SENTENCE_GAP = "bulletin-sentence-gap" ();
    BULLETIN_BANNERS_COUNTED = "bulletin-banners-counted" (count);
    BULLETIN_LEAD_OPENING = "bulletin-lead-opening" (issuer, scope, units, period);
    BULLETIN_LEAD_SCOPE = "bulletin-lead-scope" (scope);
    BULLETIN_LEAD_PERIOD = "bulletin-lead-period" (period);
    BULLETIN_LEAD_CLEAN = "bulletin-lead-clean" ();
    BULLETIN_LEAD_PROBLEMS = "bulletin-lead-problems" (clean, units, problems, hits, bodies);
    BULLETIN_ASIDE_SUBMISSION = "bulletin-aside-submission" (count);
    BULLETIN_ASIDE_TREND = "bulletin-aside-trend" (count);
    BULLETIN_ASIDE_CONFIG = "bulletin-aside-config" (count);
    BULLETIN_ASIDE_WAIVED = "bulletin-aside-waived" (count);
    BULLETIN_ASIDE = "bulletin-aside" (list);
    BULLETIN_LEAD_CASES = "bulletin-lead-cases" (count);
    BULLETIN_ANALYSIS_NONE = "bulletin-analysis-none" ();
    BULLETIN_ANALYSIS_OPENING = "bulletin-analysis-opening" ();
    BULLETIN_ANALYSIS_SHARE = "bulletin-analysis-share" (label, count, share);
    BULLETIN_ANALYSIS_BODY = "bulletin-analysis-body" (body, problems, units);
    BULLETIN_ANALYSIS_TYPES = "bulletin-analysis-types" (types);
    BULLETIN_ANALYSIS_TYPES_BODIES = "bulletin-analysis-types-bodies" (types, bodies);
    BULLETIN_SOME = "bulletin-some" (clearance);
    BULLETIN_SOME_PROBLEMS = "bulletin-some-problems" (clearance, problems);
    BULLETIN_REBOUNDS = "bulletin-rebounds" (count);
    BULLETIN_NAMED_TOWNSHIPS = "bulletin-named-townships" ();
    BULLETIN_NAMED_BODIES = "bulletin-named-bodies" (bodies);
    BULLETIN_REQUIRE_CORRECT_HEADING = "bulletin-require-correct-heading" ();
    BULLETIN_REQUIRE_CORRECT = "bulletin-require-correct" (named, deadline, issuer);
    BULLETIN_REQUIRE_FOCUS_HEADING = "bulletin-require-focus-heading" ();
    BULLETIN_REQUIRE_FOCUS = "bulletin-require-focus" (areas);
    BULLETIN_REQUIRE_FOCUS_ACTIONS = "bulletin-require-focus-actions" (areas, actions);
    BULLETIN_REQUIRE_HOLD_HEADING = "bulletin-require-hold-heading" ();
    BULLETIN_REQUIRE_HOLD = "bulletin-require-hold" ();
    BULLETIN_REQUIRE_REBOUNDS_HEADING = "bulletin-require-rebounds-heading" ();
    BULLETIN_REQUIRE_REBOUNDS = "bulletin-require-rebounds" (count);
    BULLETIN_REQUIRE_SUBMIT_HEADING = "bulletin-require-submit-heading" ();
    BULLETIN_REQUIRE_SUBMIT = "bulletin-require-submit" (units, count);
    BULLETIN_REQUIRE_OPENING = "bulletin-require-opening" ();
    BULLETIN_REQUIRE_OPENING_CLEAN = "bulletin-require-opening-clean" ();
    BULLETIN_REQUIREMENT = "bulletin-requirement" (number, heading, text);
    BULLETIN_SECTION = "bulletin-section" (section);
    BULLETIN_CHANGE = "bulletin-change" (direction, percent, count);
    // The bulletin: headings and tables
    BULLETIN_HEADING_SITUATION = "bulletin-heading-situation" ();
    BULLETIN_HEADING_CASES = "bulletin-heading-cases" ();
    BULLETIN_HEADING_REQUIREMENTS = "bulletin-heading-requirements" ();
    BULLETIN_ATTACHMENT_NOTE = "bulletin-attachment-note" ();
    BULLETIN_ISSUER_MISSING = "bulletin-issuer-missing" ();
    BULLETIN_HEADING_ATTACHMENT = "bulletin-heading-attachment" ();
    BULLETIN_HEADING_OVERVIEW = "bulletin-heading-overview" ();
    BULLETIN_HEADING_BY_CLEARANCE = "bulletin-heading-by-clearance" ();
    BULLETIN_HEADING_BY_BANNER = "bulletin-heading-by-banner" ();
    BULLETIN_HEADING_BY_TOWNSHIP = "bulletin-heading-by-township" ();
    BULLETIN_HEADING_BODIES = "bulletin-heading-bodies" ();
    BULLETIN_HEADING_TREND = "bulletin-heading-trend" ();
    BULLETIN_HEADING_REBOUNDS = "bulletin-heading-rebounds" ();
    BULLETIN_HEADING_RULES = "bulletin-heading-rules" ();
    BULLETIN_HEADING_SUBMISSION = "bulletin-heading-submission" ();
    BULLETIN_CHART_RATE = "bulletin-chart-rate" ();
    BULLETIN_CHART_REDUCTION = "bulletin-chart-reduction" ();
    BULLETIN_COLUMN_ITEM = "bulletin-column-item" ();
    BULLETIN_COLUMN_CLEARANCE = "bulletin-column-clearance" ();
    BULLETIN_COLUMN_COUNT = "bulletin-column-count" ();
    BULLETIN_COLUMN_BANNER = "bulletin-column-banner" ();
    BULLETIN_COLUMN_TOWNSHIP = "bulletin-column-township" ();
    BULLETIN_COLUMN_UNITS = "bulletin-column-units" ();
    BULLETIN_COLUMN_CLEAN = "bulletin-column-clean" ();
    BULLETIN_COLUMN_PROBLEMS = "bulletin-column-problems" ();
    BULLETIN_COLUMN_RATE = "bulletin-column-rate" ();
    BULLETIN_COLUMN_HITS = "bulletin-column-hits" ();
    BULLETIN_COLUMN_BODY = "bulletin-column-body" ();
    BULLETIN_COLUMN_UNITS_INVOLVED = "bulletin-column-units-involved" ();
    BULLETIN_COLUMN_SECTION = "bulletin-column-section" ();
    BULLETIN_COLUMN_PREVIOUS = "bulletin-column-previous" ();
    BULLETIN_COLUMN_CURRENT = "bulletin-column-current" ();
    BULLETIN_COLUMN_CHANGE = "bulletin-column-change" ();
    BULLETIN_COLUMN_UNIT = "bulletin-column-unit" ();
    BULLETIN_COLUMN_FLAWS = "bulletin-column-flaws" ();
    BULLETIN_COLUMN_RULES = "bulletin-column-rules" ();
    BULLETIN_OVERVIEW_UNITS = "bulletin-overview-units" ();
    BULLETIN_OVERVIEW_CLEAN = "bulletin-overview-clean" ();
    BULLETIN_OVERVIEW_PROBLEM_UNITS = "bulletin-overview-problem-units" ();
    BULLETIN_OVERVIEW_PROBLEMS = "bulletin-overview-problems" ();
    BULLETIN_OVERVIEW_HITS = "bulletin-overview-hits" ();
    BULLETIN_OVERVIEW_BODIES = "bulletin-overview-bodies" ();
    BULLETIN_OVERVIEW_SUBMISSION = "bulletin-overview-submission" ();
    BULLETIN_OVERVIEW_TREND = "bulletin-overview-trend" ();
    BULLETIN_OVERVIEW_CONFIG = "bulletin-overview-config" ();
    BULLETIN_OVERVIEW_WAIVED = "bulletin-overview-waived" ();
    BULLETIN_OVERVIEW_FINDINGS = "bulletin-overview-findings" ();
    BULLETIN_CASE_NUMBER = "bulletin-case-number" (number);
    BULLETIN_RECIPIENTS = "bulletin-recipients" (recipients);
    BULLETIN_COPY_TO = "bulletin-copy-to" (list);
    BULLETIN_PRINTED = "bulletin-printed" (issuer, date);
    BULLETIN_CHANGE_CELL = "bulletin-change-cell" (previous, current, change);
    BULLETIN_NEW_ITEM_BY = "bulletin-new-item-by" (name, by);
    BULLETIN_NEW_ITEMS = "bulletin-new-items" (text, items);
    BULLETIN_TREND_SECTION = "bulletin-trend-section" (label, change);
    BULLETIN_TREND_INTRO = "bulletin-trend-intro" (previous, matched, unmatched, league);
    // Policy files: errors for those who write rules
    POLICY_HERE = "policy-here" ();
    POLICY_DID_YOU_MEAN = "policy-did-you-mean" (suggestion);
    POLICY_YAML_ERROR = "policy-yaml-error" (error);
    POLICY_DUPLICATE_RULE = "policy-duplicate-rule" (rule);
    POLICY_DUPLICATE_RULE_HELP = "policy-duplicate-rule-help" (rule, earlier);
    POLICY_DUPLICATE_SOURCE = "policy-duplicate-source" (key);
    POLICY_DUPLICATE_SOURCE_HELP = "policy-duplicate-source-help" (key, earlier);
    POLICY_DIR_UNREADABLE = "policy-dir-unreadable" (error);
    POLICY_DIR_UNRESOLVED = "policy-dir-unresolved" (detail);
    POLICY_FILE_UNREADABLE = "policy-file-unreadable" (detail);
    POLICY_FILE_OUTSIDE = "policy-file-outside" (detail);
    POLICY_FILE_NOT_REGULAR = "policy-file-not-regular" ();
    POLICY_FILE_TOO_LARGE = "policy-file-too-large" (detail);
    POLICY_FILE_NOT_UTF8 = "policy-file-not-utf8" ();
    POLICY_PARAMETER_KIND = "policy-parameter-kind" (rule, name, kind);
    CONFIG_PARAMETER_KIND = "config-parameter-kind" (rule, name, kind, given);
    POLICY_UNKNOWN_PARAMETER = "policy-unknown-parameter" (name);
    POLICY_PARAMETER_NOT_LIST = "policy-parameter-not-list" (name);
    POLICY_UNKNOWN_LIST = "policy-unknown-list" (name);
    POLICY_LIST_REF = "policy-list-ref" ();
    POLICY_PARAMETER_NOT_NUMBER = "policy-parameter-not-number" (name);
    POLICY_NUMBER_REF = "policy-number-ref" ();
    POLICY_BAD_RULE_ID = "policy-bad-rule-id" (id);
    POLICY_IMPOSER_EMPTY = "policy-imposer-empty" ();
    POLICY_BASIS_MISSING = "policy-basis-missing" ();
    POLICY_UNKNOWN_SOURCE = "policy-unknown-source" (key);
    POLICY_QUOTE_MISMATCH = "policy-quote-mismatch" (key);
    POLICY_QUOTE_MISMATCH_HELP = "policy-quote-mismatch-help" ();
    POLICY_UNKNOWN_PLACEHOLDER = "policy-unknown-placeholder" (rule, placeholder);
    POLICY_CHECK_NO_KIND = "policy-check-no-kind" ();
    POLICY_CHECK_KINDS_HELP = "policy-check-kinds-help" ();
    POLICY_CHECK_SEVERAL_KINDS = "policy-check-several-kinds" ();
    POLICY_UNKNOWN_SECTION = "policy-unknown-section" (section);
    POLICY_KEY_NOT_FOR_KIND = "policy-key-not-for-kind" (key, kind);
    POLICY_CHECK_NEEDS = "policy-check-needs" (kind, key);
    POLICY_NO_FIELD = "policy-no-field" (name);
    POLICY_CONDITION_EMPTY = "policy-condition-empty" ();
    POLICY_KEYWORDS_TOO_LARGE = "policy-keywords-too-large" (error);
    POLICY_NO_OPERATOR = "policy-no-operator" (field);
    POLICY_NO_OPERATOR_HELP = "policy-no-operator-help" ();
    POLICY_SEVERAL_OPERATORS = "policy-several-operators" (field);
    POLICY_SEVERAL_OPERATORS_HELP = "policy-several-operators-help" ();
    POLICY_OLDER_THAN_ONE = "policy-older-than-one" ();
    POLICY_NOT_A_DATE = "policy-not-a-date" (entry);
    POLICY_REGEX_TOO_LARGE = "policy-regex-too-large" (limit);
    POLICY_REGEX_INVALID = "policy-regex-invalid" (error);
    POLICY_REGEX_SET_TOO_LARGE = "policy-regex-set-too-large" (limit, used);
    POLICY_REGEX_SET_TOO_LARGE_HELP = "policy-regex-set-too-large-help" ();
    // jianfu test: the policies' own tests
    TEST_UNKNOWN_RULE = "test-unknown-rule" (rule);
    TEST_UNKNOWN_FILE_KIND = "test-unknown-file-kind" (name);
    TEST_ORDER = "test-order" (paths);
    TEST_DOCS_EXAMPLE = "test-docs-example" (example);
    TEST_A_FINDING = "test-a-finding" ();
    TEST_INVALID_INPUT = "test-invalid-input" (file, path, message);
    TEST_RULE_EXAMPLES = "test-rule-examples" ();
    TEST_NO_CASES = "test-no-cases" (dir);
    TEST_SUMMARY = "test-summary" (passed, failed);
    TEST_OK = "test-ok" (rule, name);
    TEST_FAIL = "test-fail" (rule, name);
    TEST_MISSING = "test-missing" (what);
    TEST_NOISY = "test-noisy" (what);
    TEST_INVALID = "test-invalid" (what);
    BASELINE_NOT_REGULAR = "baseline-not-regular" ();
    BASELINE_TOO_LARGE = "baseline-too-large" (limit);
    DISCOVER_LOOP = "discover-loop" ();
    UNKNOWN_FORMAT = "unknown-format" (name);
    POLICY_PARAMETER_NOT_TEXT = "policy-parameter-not-text" (name);
    POLICY_TEXT_REF = "policy-text-ref" ();
    // The annotated workbook (check --annotate)
    ANNOTATE_TITLE = "annotate-title" (unit, errors, warnings, notices);
    ANNOTATE_NOTE = "annotate-note" (severity, rule, message, basis, fix);
    ANNOTATE_WHOLE_WORKBOOK = "annotate-whole-workbook" ();
    ANNOTATE_CELL = "annotate-cell" (sheet, row, column);
    ANNOTATE_COLUMN_NUMBER = "annotate-column-number" ();
    ANNOTATE_COLUMN_SEVERITY = "annotate-column-severity" ();
    ANNOTATE_COLUMN_RULE = "annotate-column-rule" ();
    ANNOTATE_COLUMN_PLACE = "annotate-column-place" ();
    ANNOTATE_COLUMN_MESSAGE = "annotate-column-message" ();
    ANNOTATE_COLUMN_BASIS = "annotate-column-basis" ();
    ANNOTATE_COLUMN_FIX = "annotate-column-fix" ();
    ANNOTATE_ONE_UNIT = "annotate-one-unit" (path);
    ANNOTATE_INSIDE_INPUT = "annotate-inside-input" (output);
    // The rectification ledger (jianfu ledger)
    LEDGER_TITLE = "ledger-title" (periods);
    LEDGER_SHEET = "ledger-sheet" ();
    LEDGER_TOTALS_SHEET = "ledger-totals-sheet" ();
    LEDGER_TOTALS_TITLE = "ledger-totals-title" ();
    LEDGER_LEAGUE = "ledger-league" ();
    LEDGER_STATUS = "ledger-status" (status);
    LEDGER_NOTE_FIXED = "ledger-note-fixed" ();
    LEDGER_NOTE_WAIVED = "ledger-note-waived" (approver, expires, reason);
    LEDGER_NOTE_OVERDUE = "ledger-note-overdue" (days);
    LEDGER_RESPONSIBLE = "ledger-responsible" (body, unit);
    LEDGER_COLUMN_NUMBER = "ledger-column-number" ();
    LEDGER_COLUMN_BANNER = "ledger-column-banner" ();
    LEDGER_COLUMN_TOWNSHIP = "ledger-column-township" ();
    LEDGER_COLUMN_UNIT = "ledger-column-unit" ();
    LEDGER_COLUMN_CLEARANCE = "ledger-column-clearance" ();
    LEDGER_COLUMN_PROBLEM = "ledger-column-problem" ();
    LEDGER_COLUMN_BASIS = "ledger-column-basis" ();
    LEDGER_COLUMN_MEASURE = "ledger-column-measure" ();
    LEDGER_COLUMN_RESPONSIBLE = "ledger-column-responsible" ();
    LEDGER_COLUMN_DEADLINE = "ledger-column-deadline" ();
    LEDGER_COLUMN_STATUS = "ledger-column-status" ();
    LEDGER_COLUMN_NOTE = "ledger-column-note" ();
    LEDGER_COLUMN_RATE = "ledger-column-rate" ();
    LEDGER_NOT_A_LEDGER = "ledger-not-a-ledger" (path, error);
    LEDGER_NEEDS_OUTPUT = "ledger-needs-output" ();
    REPORT_NOT_A_REPORT = "report-not-a-report" (path, error);
    REPORTS_DIFFER = "reports-differ" (path, what, value);
    REPORTS_PERIODS_DIFFER = "reports-periods-differ" (periods);
    JSON_UNREADABLE = "json-unreadable" (path, error);
    REPORT_WITHOUT_UNITS = "report-without-units" (path);
    REPORT_OTHER_POLICIES = "report-other-policies" (path, value, ours);
    REPORT_UNKNOWN_RULE = "report-unknown-rule" (rule);
    BULLETIN_REPORTS_NOT_FILTERED = "bulletin-reports-not-filtered" ();
    // The language server's log and protocol errors
    LSP_CLOSED_WITHOUT_EXIT = "lsp-closed-without-exit" ();
    LSP_BAD_HEADER = "lsp-bad-header" (problem);
    LSP_MALFORMED = "lsp-malformed" (error, shown);
    LSP_ALREADY_INITIALIZED = "lsp-already-initialized" ();
    LSP_METHOD_UNKNOWN = "lsp-method-unknown" (method);
    LSP_SHUT_DOWN = "lsp-shut-down" ();
    LSP_UNKNOWN_LANG = "lsp-unknown-lang" (lang);
    LSP_BAD_PARAMS = "lsp-bad-params" (method, error);
    LSP_NOT_OPEN = "lsp-not-open" (uri);
    // The check desk (jianfu serve): its log, its errors and its page
    SERVE_LISTENING = "serve-listening" (url);
    SERVE_LOOPBACK = "serve-loopback" ();
    SERVE_OPEN_WITHOUT_TOKEN = "serve-open-without-token" (addr);
    SERVE_BAD_TOKEN_FILE = "serve-bad-token-file" (error, path);
    SERVE_CANNOT_BIND = "serve-cannot-bind" (addr, error);
    SERVE_NOT_FOUND = "serve-not-found" ();
    SERVE_UNAUTHORIZED = "serve-unauthorized" ();
    SERVE_BUSY = "serve-busy" ();
    SERVE_INTERNAL = "serve-internal" ();
    SERVE_NO_FILE = "serve-no-file" ();
    SERVE_MALFORMED = "serve-malformed" ();
    SERVE_BAD_FORMAT = "serve-bad-format" (value);
    SERVE_TOO_LARGE = "serve-too-large" (limit, name);
    SERVE_NOT_AN_INVENTORY = "serve-not-an-inventory" (name);
    SERVE_CORRUPT_ZIP = "serve-corrupt-zip" (detail);
    SERVE_UNSAFE_ENTRY = "serve-unsafe-entry" (entry);
    SERVE_NO_UNIT = "serve-no-unit" ();
    SERVE_ANNOTATED_ZIP_NAME = "serve-annotated-zip-name" ();
    SERVE_LEDGER_NAME = "serve-ledger-name" ();
    PAGE_TITLE = "page-title" ();
    PAGE_INTRO = "page-intro" ();
    PAGE_DROP = "page-drop" ();
    PAGE_CHOOSE = "page-choose" ();
    PAGE_ACCEPTS = "page-accepts" ();
    PAGE_UPLOADING = "page-uploading" ();
    PAGE_CHECKING = "page-checking" ();
    PAGE_SUMMARY = "page-summary" ();
    PAGE_SUMMARY_LINE = "page-summary-line" ();
    PAGE_COUNT = "page-count" ();
    PAGE_PROBLEMS = "page-problems" ();
    PAGE_WAIVED = "page-waived" ();
    PAGE_BY_CLEARANCE = "page-by-clearance" ();
    PAGE_WHERE = "page-where" ();
    PAGE_MESSAGE = "page-message" ();
    PAGE_BASIS = "page-basis" ();
    PAGE_FIX = "page-fix" ();
    PAGE_SEVERITY = "page-severity" ();
    PAGE_DOWNLOAD_ANNOTATED = "page-download-annotated" ();
    PAGE_DOWNLOAD_JSON = "page-download-json" ();
    PAGE_DOWNLOAD_SARIF = "page-download-sarif" ();
    PAGE_DOWNLOAD_LEDGER = "page-download-ledger" ();
    PAGE_LEDGER_FILE = "page-ledger-file" ();
    PAGE_ANNOTATED_FILE = "page-annotated-file" ();
    PAGE_TOKEN = "page-token" ();
    PAGE_TOKEN_SEND = "page-token-send" ();
    PAGE_LANGUAGE = "page-language" ();
    PAGE_FAILED = "page-failed" ();
    PAGE_SHEET = "page-sheet" ();
    PAGE_CELL = "page-cell" ();
    PAGE_LINE = "page-line" ();
    PAGE_COLUMN = "page-column" ();
    PAGE_UNIT_CLEAN = "page-unit-clean" ();
    PAGE_AGAIN = "page-again" ();
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
