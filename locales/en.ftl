# jianfu's messages in English.
#
# One message per key of `src/wording/keys.rs`, with exactly the arguments listed there; every
# message may also use `$form` (`sheet` for a workbook or CSV unit, `yaml` otherwise).
# Literal braces are written {"{"} and {"}"}.

## Secondary labels

first-listed = first listed here
code-disagrees-here = disagrees with this

## Reading a unit's files

config-in-unit = jianfu.yaml in a unit's directory has no effect: the configuration is the league's, kept above the units
section-missing = { $file } is missing: the section was not submitted (submit an empty list if there is nothing to declare)
empty-list = { $key }: []
file-empty = { $file } is empty
file-empty-help = with nothing to declare, submit an empty list: { $key }: []
unit-empty-help = unit.yaml must give code, name, kind, banner, township, period and institutions
not-utf8 = file is not UTF-8 (it looks like { $encoding })
not-utf8-binary = file is not UTF-8 (it may be binary)
not-utf8-help = save it as UTF-8 in your editor, or run: iconv -f { $encoding } -t UTF-8 old > new
read-directory = this is a directory, not a file
read-not-regular = not a regular file (a pipe, device or socket): not read
read-plain-file-help = an inventory file must be a plain YAML file
read-too-large = file is larger than the limit of { $limit } bytes (limits.max_file_bytes): not read
read-outside-tree = a symbolic link that leads outside the tree being checked (to { $target }): not read
read-outside-tree-help = copy the file itself into the unit's directory instead of linking it
read-failed = cannot read the file: { $error }
raise-limit-help = a resource limit against hostile files; if this file is genuine, raise it in jianfu.yaml: limits: {"{"}{ $key }: { $raised }{"}"}

## YAML

yaml-syntax = invalid YAML: { $detail }
yaml-too-many-nodes = more than { $limit } nodes counting alias expansions (limits.max_nodes): not checked
yaml-too-many-alias-nodes = anchors and aliases expand to more than { $limit } nodes (limits.max_alias_nodes): an alias bomb? not checked
yaml-too-many-alias-bytes = anchors and aliases copy more than { $limit } bytes of text (limits.max_file_bytes): an alias bomb? not checked
yaml-too-deep = nested deeper than the limit of { $limit } levels (limits.max_depth): not checked
yaml-several-documents = a file may hold only one YAML document
yaml-tag-mismatch = the tag `!!{ $tag }` does not fit the value "{ $value }"
yaml-tag-help = `!!{ $tag }` requires a value of that type: remove the tag or correct the value

## Unit codes

code-malformed = unit code `{ $code }` is not 12 digits
code-unknown-banner = the division code table (cut-off { $cutoff }) has no banner or county `{ $banner }`; if it was created since, add it under `divisions:` in jianfu.yaml with its source
code-unknown-township = the division code table (cut-off { $cutoff }) has no township `{ $township }` in { $banner_name }; if it was created or changed since, add it under `divisions:` in jianfu.yaml with its source
code-wrong-banner = unit code `{ $code }` belongs to { $expected }, not to banner “{ $banner }”
code-wrong-township = township code `{ $township_code }` of unit code `{ $code }` is { $expected }, not township “{ $township }”
code-kind-community = the last three digits `{ $digits }` stand for a residents' committee (a community, 001–199), not kind “{ $kind }”
code-kind-village = the last three digits `{ $digits }` stand for a villagers' committee (a village, 200–399), not kind “{ $kind }”
code-kind-neither = the last three digits `{ $digits }` are neither a residents' committee's (001–199) nor a villagers' committee's (200–399)

## The inventory format

unknown-field = unknown field `{ $field }`
missing-field = { $form ->
    [sheet] “{ $field }” is empty
   *[other] missing required field `{ $field }`
}
duplicate-key = { $form ->
    [sheet] the column “{ $field }” appears twice
   *[other] field `{ $field }` appears twice
}
wrong-type = wrong type: expected { $expected }, found { $found }
not-in-enum = { $form ->
    [sheet] “{ $value }” is not one of the drop-down's choices
   *[other] `{ $value }` is not an allowed value
}
bad-date = `{ $value }` is not a valid date (YYYY-MM-DD)
no-match = `{ $value }` has the wrong form (must match { $pattern })
out-of-range = { $value } is out of range ({ $range })
did-you-mean-field = { $form ->
    [sheet] did you mean “{ $suggestion }”?
   *[other] did you mean `{ $suggestion }`?
}
did-you-mean-value = { $form ->
    [sheet] did you mean “{ $suggestion }”? choices: { $allowed }
   *[other] did you mean `{ $suggestion }`? allowed values: { $allowed }
}
allowed-values = { $form ->
    [sheet] choose from the drop-down: { $allowed }
   *[other] allowed values: { $allowed }
}
half-width-digits-help = use half-width digits (0-9), not full-width ones
unquote-number-help = remove the quotes to write a number
quote-code-help = quote the value, e.g. "152223100201"

## Workbooks and CSV files

workbook-other-format = this is { $format ->
    [wps] a workbook in WPS Spreadsheets' own format (.et)
   *[xlsb] an Excel binary (.xlsb) workbook
}; jianfu reads .xlsx, .xls and .ods workbooks but not this format, so the unit was not checked
resave-as-xlsx-help = open it in Excel or WPS, save it as an Excel workbook (*.xlsx) and submit it again
workbook-corrupt = cannot read the workbook (it is damaged, or not .xlsx, .xls or .ods): { $detail }
workbook-too-large = the unpacked workbook is larger than the limit ({ $limit } bytes)
limit-key-help = if the file is genuine, raise limits.{ $key } in jianfu.yaml
sheet-too-many-cells = sheet { $sheet } has more than { $limit } cells; it was not read
sheet-too-dense = a sheet's area from its first to its last filled cell is more than { $limit } cells (there may be a stray value far away); it was not read
sheet-too-dense-help = delete the cells far from the inventory and save again, or raise limits.max_nodes in jianfu.yaml
workbook-too-much-text = the workbook's cells hold more than the limit of { $limit } bytes of text; it was not read
csv-encoding = the CSV file is neither UTF-8 nor GBK (it looks like { $encoding })
csv-encoding-unknown = the CSV file is neither UTF-8 nor GBK
csv-save-utf8-help = save it from Excel as "CSV UTF-8 (Comma delimited)"
csv-syntax = invalid CSV: { $detail }
csv-resave-help = open it in Excel and save it as CSV again
csv-too-many-cells = the CSV file has more than { $limit } cells; it was not read
csv-gbk-note = the CSV file is GBK-encoded (what Excel writes for "CSV (Comma delimited)"); it was read as GBK
csv-gbk-help = save it from Excel as "CSV UTF-8 (Comma delimited)" so that other systems read it too
sheet-hidden = sheet { $sheet } is hidden; it was read as usual
sheet-hidden-help = unhide the sheet so that whoever reads the workbook sees it
sheet-duplicate = sheets { $sheet } and { $first } hold the same section; only { $first } was read
sheet-copy-help = copy the { $sheet } sheet from the template (jianfu template --out template.xlsx)
sheet-rename-help = should { $name } be named { $sheet }? copy the { $sheet } sheet from the template (jianfu template --out template.xlsx)
unit-sheet-missing = there is no { $sheet } sheet: the unit cannot be identified
sheet-missing = sheet { $sheet } is missing: the section was not submitted (keep the header row if there is nothing to declare)
unknown-column = column “{ $header }” of sheet { $sheet } is no field of the sheet; the column was not read
unknown-column-suggest = did you mean “{ $suggestion }”? the sheet's columns: { $columns }
sheet-columns = the sheet's columns: { $columns }
duplicate-column = column “{ $header }” appears twice on sheet { $sheet }; only the first was read
no-header-row = sheet { $sheet } has no header row; none of it was read
no-header-row-help = the header row names these columns: { $columns }
extra-unit-row = { $sheet } holds one unit (one row); row { $row } was not read
extra-unit-row-help = submit one workbook per unit
cleaned-code = { $header } was typed as { $typed }; it was read as { $read }
cleaned-code-help = the column is a text cell: type the digits as they are, without quotation marks

## Across units and the configuration

duplicate-unit-code = unit code { $code } is also the code of "{ $first }", checked earlier in this run
waiver-expired = waiver expired on { $expiry } and no longer applies: { $rule } (unit { $unit }, approved by { $approver }, because: { $reason })
waiver-unused = waiver matched no finding: { $rule } (unit { $unit }, approved by { $approver }, because: { $reason })
overlap-incomplete = the overlap check of { $section } stopped after { $work } steps: too many similar items in this file, so its result is incomplete
trend-rebound = { $section } grew from { $was } in the previous period ({ $period }) to { $is }: a rebound

## Reports

help-prefix = help: { $help }
waived-prefix = waived: { $reason }
basis-line = basis: { $basis }
config-heading = configuration
unit-heading = { $unit } ({ $dir }): { $count ->
    [one] 1 finding
   *[other] { $count } findings
}
unit-heading-unnamed = { $dir }: { $count ->
    [one] 1 finding
   *[other] { $count } findings
}
line-clipped = {" "}(line too long, clipped around the finding)
list-separator = {", "}
summary = checked { $units ->
    [one] 1 unit
   *[other] { $units } units
}, { $files ->
    [one] 1 file
   *[other] { $files } files
}: { $findings ->
    [one] 1 finding
   *[other] { $findings } findings
} ({ $by_severity }); { $clean ->
    [one] 1 unit
   *[other] { $clean } units
} clean
summary-by-clearance = by clearance: { $list }
summary-baseline = { $absorbed ->
    [one] 1 finding
   *[other] { $absorbed } findings
} already in the baseline not shown; { $stale ->
    [one] 1 baseline entry no longer occurs
   *[other] { $stale } baseline entries no longer occur
} (tighten it with --write-baseline)
summary-waived = { $count ->
    [one] 1 finding
   *[other] { $count } findings
} waived
summary-explain = for a rule's basis and how to fix it: jianfu explain <RULE-ID>

## Names

severity-error = error
severity-warning = warning
severity-info = info
clearance-submit = submit
clearance-tasks = tasks
clearance-signage = signage
clearance-certificates = certificates
clearance-groups = groups
clearance-reports = reports
clearance-meetings = meetings
clearance-inspections = inspections
clearance-support = support
clearance-trend = trend
clearance-config = config

## Reports, continued

waived-suffix = {" "}(waived)
waived-aside = {" "}(waived: { $reason })
statistics-count = count
statistics-units = units
statistics-rule = rule
statistics-name = name
statistics-severity = severity

## The command line

no-such-rule = --rule { $rule }: no such rule; jianfu rules lists them all
no-such-rule-suggest = --rule { $rule }: no such rule; did you mean { $suggestion }?
no-units-found = no inventory unit found in { $paths }: nothing was checked
no-units-found-help = a unit is a directory holding unit.yaml, an .xlsx workbook, or a directory holding 单位信息.csv; --allow-empty accepts a run with no unit
filters-selected-nothing = { $count ->
    [one] 1 unit was checked, but --banner/--township/--unit did not select it
   *[other] { $count } units were checked, but --banner/--township/--unit selected none of them
}
filters-selected-nothing-help = --banner and --township take a name, part of one or a code prefix; --unit takes a code or a code prefix
output-is-input = the output { $output } is one of the inventory files being checked; it is not overwritten: write the report elsewhere
previous-unreadable = cannot read the previous period (--previous) { $dir }
previous-empty = the previous period (--previous) { $dir } holds no inventory unit: rebounds (TREND-001) cannot be compared
cannot-search = warning: cannot search { $path }: { $reason }
one-report-to-stdout = only one report can go to { $target }; give the others a file, e.g. --format sarif:jianfu.sarif
no-calendar-note = note: there is no holiday calendar for { $year } (the State Council's notice), so dates in { $year } were checked against weekends only (MEET-004); add the year under `calendars:` in jianfu.yaml once the notice is published.
bad-today = JIANFU_TODAY is `{ $value }`; write a date as YYYY-MM-DD
cannot-write = cannot write { $path }
cannot-create = cannot create { $path }
cannot-write-report = cannot write the report
path-missing = path does not exist: { $path }
convert-no-unit-info = { $unit }: the unit's own information (unit.yaml / 单位信息) could not be read; nothing was converted
comments-lost = the comments in these YAML files would be lost too
files-exist = these files already exist; nothing was written (--force overwrites them):
    { $list }
files-exist-with-comments = these files already exist; nothing was written (--force overwrites them; the comments in these YAML files would be lost too):
    { $list }
convert-losses = { $count ->
    [one] 1 value above has
   *[other] { $count } values above have
} no place in the spreadsheet form; fix them (jianfu check { $unit }) and convert again
flag-empty = { $flag } must not be empty
area-unknown = cannot tell the area from unit code { $code }: give { $flag }
no-schemas-note = note: no schemas directory found; the headers point at { $dir }: run jianfu schema --all --out { $dir } so editors can complete and validate
explain-no-rule = no rule `{ $rule }`
explain-no-rule-help = `jianfu rules` lists them; for a league's own rule, give --config with its jianfu.yaml
did-you-mean-rule = did you mean { $suggestion }?
baseline-unreadable = cannot read the baseline { $path }: { $error }
baseline-not-a-baseline = the baseline { $path } is not a jianfu baseline: { $error }
baseline-version = the baseline { $path } has version { $found }; this jianfu writes version { $version }
rules-count = { $count ->
    [one] 1 rule
   *[other] { $count } rules
}

## Advice reworded for a workbook

help-column = the column 「{ $header }」
help-column-choice = 「{ $choice }」 in the column 「{ $header }」
help-sheet = the sheet 「{ $sheet }」
help-code = `{ $code }`

## A rule's documentation (jianfu explain)

explain-severity = severity
explain-clearance = clearance
explain-basis = basis
explain-what = What it does
explain-why = Why
explain-fix = How to fix
explain-parameters = Parameters
explain-default = default
explain-bad = Bad (reported)
explain-good = Good (not reported)
explain-defined-in = defined in
init-done = Created { $code } { $name } in { $dir }: unit.yaml and the 7 section files.
    Next: fill them in, then run jianfu check { $dir }
cell-empty = (empty)
cell-yes = yes
cell-no = no
explain-sources = Sources cited
bad-date-arg = `{ $value }` is not a date written YYYY-MM-DD
issuer-missing = note: no issuing body was given with --issuer; the bulletin has a placeholder and is not ready to be sent
docx-needs-output = a Word file goes to a file: give --output, e.g. -o bulletin.docx

## The configuration (jianfu.yaml)

config-unknown-parameter = rule { $rule } has no parameter `{ $name }`
config-unknown-rule = unknown rule `{ $rule }`
config-unreadable = cannot read the configuration: { $error }
override-needs-reason = an override needs a `reason`
override-scope-empty = an override's `scope` names no banner, township, township_category or unit
override-scope-never = an override's `scope` can never match a unit: { $problem }
unit-pattern-help = write a unit's 12-digit code (152223100201), or a code prefix ending in * (152223*), or * for every unit
unit-pattern-not-code = `{ $pattern }` is not a code (codes are digits; only a * at the end is special)
unit-pattern-short = `{ $pattern }` has { $digits } digits and a unit code 12; for the units under a code, write `{ $pattern }*`
unit-pattern-long = `{ $pattern }` is longer than a unit code ({ $digits } digits, not 12)
waiver-unknown-rule = a waiver names unknown rule `{ $rule }`
waiver-scope-never = the waiver of `{ $rule }` can never match a unit: { $problem }
waiver-needs-reason = the waiver of `{ $rule }` needs a `reason` and an `approver`
waiver-bad-expiry = the waiver of `{ $rule }` has expiry `{ $expires }`; write a date as YYYY-MM-DD
division-bad-code = division code `{ $code }` is neither a banner's 6 digits nor a township's 9
division-incomplete = the division `{ $code }` needs a `name`, a `reason` and a `source`
