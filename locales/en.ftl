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
bulletin-scratch-failed = the bulletin's temporary file could not be made, written or read in the temporary directory { $dir }: { $error } (set TMPDIR to a writable directory; TMP on Windows)
ledger-scratch-failed = the ledger workbook's temporary file could not be made or written in the temporary directory { $dir }: { $error } (set TMPDIR to a writable directory; TMP on Windows)

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

## The bulletin: putting words together

bulletin-list-comma = {", "}
bulletin-list-and = {" and "}
bulletin-separator = {"; "}
bulletin-clause-comma = {", "}
bulletin-sentence = { $text }.
bulletin-point = ({ $number }) { $text }
bulletin-date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
  } { $year }
bulletin-date-weekday = { $weekday ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
  } { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
  } { $year }

## The bulletin: cases

bulletin-units-counted = { $count ->
    [one] one { $kind ->
        [village] village
        [community] community
       *[other] unit
      }
   *[other] { $count } { $kind ->
        [village] villages
        [community] communities
       *[other] units
      }
  }
bulletin-units-named = { $counted } ({ $names })
bulletin-units-named-some = { $counted } ({ $names }, …)
bulletin-found = { $text }
bulletin-found-in = In { $period }, { $text }
bulletin-case-deed = { $body } { $severe ->
    [yes] {""}
   *[no] {""}
  }{ $deed }
bulletin-case-burdens = { $body } { $severe ->
    [yes] {""}
   *[no] {""}
  }pushed { $burdens } down to { $units }
bulletin-case-problems = { $text }: { $count ->
    [one] one problem
   *[other] { $count } problems
  }.
bulletin-burden = { $clearance ->
    [tasks] work affairs
    [signage] plaques
    [certificates] certificates
    [groups] work groups
    [reports] forms
    [meetings] meetings
    [inspections] inspections
   *[other] other burdens
  }
bulletin-act = { $clearance ->
    [tasks] handed { $objects } down to { $units }
    [signage] had { $units } put up { $objects }
    [certificates] had { $units } issue { $objects }
    [groups] put { $units } into { $objects }
    [reports] required { $units } to file { $objects }
    [meetings] called { $units } to { $objects }
    [inspections] subjected { $units } to { $objects }
   *[other] { $problem } in { $units }
  }
bulletin-act-reports-often = required { $units } to file { $objects } { $frequency }
bulletin-act-groups-demands = demanded { $demands } of { $units } in { $objects }
bulletin-deed = { $clearance ->
    [tasks] handed down { $objects }
    [signage] had them put up { $objects }
    [certificates] had them issue { $objects }
    [groups] put them into { $objects }
    [reports] required them to file { $objects }
    [meetings] called them to { $objects }
    [inspections] subjected them to { $objects }
   *[other] { $problem }
  }
bulletin-deed-reports-often = required them to file { $objects } { $frequency }
bulletin-deed-groups-demands = demanded { $demands } of them in { $objects }
bulletin-objects-none = { $section ->
    [tasks] work affairs
    [signage] plaques
    [certificates] certificates
    [groups] work groups
    [reports] forms
    [meetings] meetings
    [inspections] inspections
   *[other] items
  }
bulletin-objects-several = { $count } { $section ->
    [tasks] affairs
    [signage] plaques
    [certificates] certificates
    [groups] groups
    [reports] forms
    [meetings] meetings
    [inspections] inspections
   *[other] items
  } including { $first }
bulletin-and-details = { $text }: { $details }
bulletin-item = { $name }, { $details }
bulletin-item-in-units = { $text } (in { $units })
bulletin-problem-in-units = { $problem } ({ $count ->
    [one] one unit
   *[other] { $count } units
  })
bulletin-problems-found = ; problems: { $problems }
bulletin-rule-headline = { $units }{ $regions ->
    [0] {""}
    [1] {" of "}{ $region }
   *[other] {" in "}{ $regions } banners including { $region }
  }: { $problem }
bulletin-rule-entry = { $unit }: { $message }
bulletin-rule-narrative = { $units }: { $problem }. In detail: { $entries }{ $more ->
    [0] {""}
   *[other] ; and { $more } more of the same
  }
bulletin-body-handling = { $severity ->
    [error] { $body } is directed to stop at once and to correct it: { $actions }.
    [warning] { $body } is directed to correct it by the deadline: { $actions }.
   *[info] { $body } should from now on: { $actions }.
  }
bulletin-rule-handling = { $severity ->
    [info] { $townships } should guide the units to improve: { $actions }.
   *[other] { $townships } should see that the units correct it by the deadline: { $actions }.
  }
bulletin-townships-concerned = the townships concerned
bulletin-source-quoted = { $source } ({ $quotes })
bulletin-violation = This breaches { $binding }.
bulletin-violation-both = This breaches { $binding }, and runs against the practice described in { $practice }.
bulletin-violation-practice = This runs against the practice described in { $practice }.

## The bulletin: what the data says of an item

bulletin-item-is = { $what }
bulletin-item-sign = { $kind }, { $placement }
bulletin-item-issued = { $count } issued this period
bulletin-item-group = a { $platform } group
bulletin-item-members = { $count ->
    [one] one member
   *[other] { $count } members
  }
bulletin-item-demands = demanding { $demands }
bulletin-item-after-hours = assigning work after hours and on holidays
bulletin-item-task-ended = its task ended on { $date }
bulletin-item-frequency = filed { $frequency }
bulletin-item-fields = { $count ->
    [one] one field
   *[other] { $count } fields
  }
bulletin-item-channel = collected through { $channel }
bulletin-item-hours = due within { $hours } hours
bulletin-item-held = held on { $date }
bulletin-item-minutes = { $minutes } minutes long
bulletin-item-relay = held to relay another meeting
bulletin-item-materials = { $count } characters of materials to prepare
bulletin-item-conducted = on { $date }
bulletin-item-indicators = { $count ->
    [one] one indicator
   *[other] { $count } indicators
  }

## The bulletin: frame and prose

bulletin-issuer-placeholder = (issuing body)
bulletin-not-given = (not given)
bulletin-quarter = { $year } Q{ $quarter }
bulletin-title = { $count ->
    [0] { $issuer }: bulletin on the check of burden-reduction inventories
    [one] { $issuer }: bulletin on 1 typical case of formalism burdening the grassroots
   *[other] { $issuer }: bulletin on { $count } typical cases of formalism burdening the grassroots
  }
bulletin-sentence-gap = {" "}
bulletin-banners-counted = { $count } banners
bulletin-lead-opening = To carry out the Several Provisions on Rectifying Formalism to Reduce Burdens at the Grassroots and consolidate the “six clearances, two strengthenings” action, { $issuer } checked the burden-reduction inventories that { $units }{ $scope } submitted{ $period }.
bulletin-lead-scope = {" in "}{ $scope }
bulletin-lead-period = {" for "}{ $period }
bulletin-lead-clean = No unit showed a problem of the kind reported here.
bulletin-lead-problems = { $clean ->
    [0] {""}
    [one] One unit showed no problem;{" "}
   *[other] { $clean } units showed no problem;{" "}
  }{ $units ->
    [one] one unit
   *[other] { $units } units
  } showed { $problems ->
    [one] one problem
   *[other] { $problems } problems
  } breaking rules { $hits } times (an item that breaks several rules counts once), caused by { $bodies ->
    [one] one body
   *[other] { $bodies } bodies
  }.
bulletin-aside-submission = { $count ->
    [one] one flaw in filling in the inventory
   *[other] { $count } flaws in filling in the inventories
  }
bulletin-aside-trend = { $count ->
    [one] one rebound in the number of items
   *[other] { $count } rebounds in the number of items
  }
bulletin-aside-config = { $count ->
    [one] one waiver expired or unused
   *[other] { $count } waivers expired or unused
  }
bulletin-aside-waived = { $count ->
    [one] one finding waived as approved
   *[other] { $count } findings waived as approved
  }
bulletin-aside = Not counted as problems: { $list }.
bulletin-lead-cases = { $count ->
    [one] The typical case follows.
   *[other] The { $count } typical cases follow.
  }
bulletin-analysis-none = The check found no burden pushed down to the grassroots: the gains of burden reduction hold.
bulletin-analysis-opening = These problems show that some places and bodies still do not take burden reduction seriously, and the habit of pushing work down persists.
bulletin-analysis-share = { $label } ({ $count }, { $share }%)
bulletin-analysis-body = { $body } ({ $problems ->
    [one] one problem
   *[other] { $problems } problems
  } in { $units ->
    [one] one unit
   *[other] { $units } units
  })
bulletin-analysis-types = Most problems concern { $types }.
bulletin-analysis-types-bodies = Most problems concern { $types }; the bodies named most often are { $bodies }.
bulletin-some = some { $clearance ->
    [tasks] push work affairs down to villages
    [signage] hang too many plaques
    [certificates] still demand certificates
    [groups] run too many work groups
    [reports] demand forms and figures at will
    [meetings] hold too many meetings
    [inspections] inspect too often
    [support] neglect the cadres' support
   *[other] have other problems
  }
bulletin-some-problems = some { $clearance ->
    [tasks] push work affairs down to villages
    [signage] hang too many plaques
    [certificates] still demand certificates
    [groups] run too many work groups
    [reports] demand forms and figures at will
    [meetings] hold too many meetings
    [inspections] inspect too often
    [support] neglect the cadres' support
   *[other] have other problems
  } ({ $problems })
bulletin-rebounds = { $count ->
    [one] Since the previous period, cleared items have come back in one unit.
   *[other] Since the previous period, cleared items have come back in { $count } units.
  }
bulletin-named-townships = the townships of the units named
bulletin-named-bodies = the bodies named ({ $bodies })
bulletin-require-correct-heading = Correct at once
bulletin-require-correct = { $named } must correct each problem and report in writing to { $issuer } by { $deadline }
bulletin-require-focus-heading = Focus
bulletin-require-focus = every place and body reviews its own { $areas }
bulletin-require-focus-actions = every place and body reviews its own { $areas }, and must { $actions }
bulletin-require-hold-heading = Hold the gains
bulletin-require-hold = keep submitting and checking inventories every period so that nothing comes back
bulletin-require-rebounds-heading = Stop rebounds
bulletin-require-rebounds = the banners of the { $count ->
    [one] unit
   *[other] { $count } units
  } where cleared items came back must find out why and clear them again
bulletin-require-submit-heading = Submit properly
bulletin-require-submit = { $units } ({ $count ->
    [one] one unit
   *[other] { $count } units
  }) must correct and resubmit their incomplete or malformed inventories
bulletin-require-opening = Every banner and body must learn from these cases.
bulletin-require-opening-clean = Every banner and body must keep the gains.
bulletin-requirement = ({ $number }) { $heading }: { $text }.
bulletin-section = { $section ->
    [tasks] work affairs
    [signage] signs
    [certificates] certificates
    [groups] work groups
    [reports] reports, ledgers and archives
    [meetings] meetings
    [inspections] inspections
   *[other] unit
  }
bulletin-change = { $direction ->
    [down] down { $percent }%
    [up] up { $percent }%
    [new] { $count } new
   *[same] unchanged
  }

## The bulletin: headings and tables

bulletin-heading-situation = 1. The situation
bulletin-heading-cases = 2. Typical cases
bulletin-heading-requirements = 3. Requirements
bulletin-attachment-note = Attachment: statistics of the check (with the quality of the submitted inventories)
bulletin-issuer-missing = [No issuing body: give it with --issuer before this is sent]
bulletin-heading-attachment = Attachment: statistics
bulletin-heading-overview = Overview
bulletin-heading-by-clearance = Problems by clearance
bulletin-heading-by-banner = Problems by banner
bulletin-heading-by-township = Problems by township
bulletin-heading-bodies = Bodies with most problems
bulletin-heading-trend = Change since the previous period
bulletin-heading-rebounds = Units that rebounded
bulletin-heading-rules = Rules behind each case
bulletin-heading-submission = Quality of the submitted inventories
bulletin-chart-rate = Problems per unit checked, by banner
bulletin-chart-reduction = Reduction per section (right: down, left: up)
bulletin-column-item = Item
bulletin-column-clearance = Clearance
bulletin-column-count = Count
bulletin-column-banner = Banner
bulletin-column-township = Township
bulletin-column-units = Units
bulletin-column-clean = Clean
bulletin-column-problems = Problems
bulletin-column-rate = Problems per unit
bulletin-column-hits = Rule breaches
bulletin-column-body = Body
bulletin-column-units-involved = Units
bulletin-column-section = Section
bulletin-column-previous = Previous
bulletin-column-current = Current
bulletin-column-change = Change
bulletin-column-unit = Unit
bulletin-column-flaws = Flaws
bulletin-column-rules = Rules
bulletin-overview-units = Units checked
bulletin-overview-clean = Clean units
bulletin-overview-problem-units = Units with problems
bulletin-overview-problems = Problems
bulletin-overview-hits = Rule breaches
bulletin-overview-bodies = Bodies responsible
bulletin-overview-submission = Flaws in the inventories (not problems)
bulletin-overview-trend = Rebounds in numbers (not problems)
bulletin-overview-config = Waivers expired or unused (not problems)
bulletin-overview-waived = Waived as approved
bulletin-overview-findings = All findings of the check
bulletin-case-number = ({ $number }){" "}
bulletin-recipients = { $recipients }:
bulletin-copy-to = Copy to: { $list }
bulletin-printed = { $issuer }　{ $date } printed
bulletin-change-cell = { $previous } → { $current } ({ $change })
bulletin-new-item-by = { $name } (by { $by })
bulletin-new-items = { $text }, new: { $items }
bulletin-trend-section = { $label } { $change }
bulletin-trend-intro = The previous period lists { $previous } units; { $matched } units of this period were matched to them by code{ $unmatched ->
    [0] {""}
   *[other] , and { $unmatched } had no previous inventory and are left out
  }. League-wide: { $league }.

## Policy files: errors for those who write rules

policy-here = here
policy-did-you-mean = did you mean `{ $suggestion }`?
policy-yaml-error = { $error }
policy-duplicate-rule = duplicate rule id `{ $rule }`
policy-duplicate-rule-help = `{ $rule }` is already defined in { $earlier }
policy-duplicate-source = duplicate source key `{ $key }`
policy-duplicate-source-help = `{ $key }` is already in { $earlier }
policy-dir-unreadable = cannot read policy directory: { $error }
policy-dir-unresolved = cannot resolve the policy directory: { $detail }
policy-file-unreadable = cannot read: { $detail }
policy-file-outside = leads outside its policy directory (to { $detail }): a policy may only read its own files
policy-file-not-regular = not a regular file (a directory, pipe or device): not read
policy-file-too-large = larger than { $detail } bytes: not a policy
policy-file-not-utf8 = not UTF-8
policy-parameter-kind = parameter `{ $name }` of { $rule } takes { $kind ->
    [number] a number (e.g. 4)
    [text] a text (e.g. 一表通)
   *[list] a list (e.g. [甲, 乙])
  }
config-parameter-kind = parameter `{ $name }` of { $rule } takes { $kind ->
    [number] a number (e.g. 4)
    [text] a text (e.g. 一表通)
   *[list] a list (e.g. [甲, 乙])
  }, not { $given ->
    [number] a number
    [text] a text
   *[list] a list
  }
policy-unknown-parameter = unknown parameter `{ $name }`
policy-parameter-not-list = parameter `{ $name }` is a number, not a list
policy-unknown-list = unknown list `{ $name }`
policy-list-ref = a list is `[...]`, `{"{"}param: NAME{"}"}` or `{"{"}list: NAME{"}"}`
policy-parameter-not-number = parameter `{ $name }` is not a number
policy-number-ref = a number is a constant, `{"{"}param: NAME{"}"}` or `{"{"}unit: FIELD{"}"}`
policy-bad-rule-id = rule id `{ $id }` is not of the form DOMAIN-NNN
policy-imposer-empty = `imposer` names no field
policy-basis-missing = a rule needs a `basis`: at least one source it enforces
policy-unknown-source = no source `{ $key }` in the sources table
policy-quote-mismatch = `{ $key }` does not contain these words: quote it word for word
policy-quote-mismatch-help = a quotation must be one of the entry's `quotes` or `sections`, or part of one; paraphrase in `docs.why` instead
policy-unknown-placeholder = the message of { $rule } names `{ $placeholder }`, which is not a field of the items, a parameter or a value this check supplies
policy-check-no-kind = the check names no kind
policy-check-kinds-help = use one of `each`, `count`, `duplicates`, `overlap`, `builtin`
policy-check-several-kinds = a check has exactly one of `each`, `count`, `duplicates`, `overlap`, `builtin`
policy-unknown-section = unknown section `{ $section }`
policy-key-not-for-kind = `{ $key }` does not apply to a `{ $kind }` check
policy-check-needs = the `{ $kind }` check needs `{ $key }`
policy-no-field = no field `{ $name }` in this section
policy-condition-empty = a condition needs `all`, `any`, `not` or `field` with an operator
policy-keywords-too-large = keyword list too large: { $error }
policy-no-operator = no operator for field `{ $field }`
policy-no-operator-help = add one of present, equals, one_of, in, contains, contains_any, starts_with, matches, gt, ge, lt, le, older_than, before_period_end, after_period_end, rest_day
policy-several-operators = more than one operator for field `{ $field }`
policy-several-operators-help = combine several conditions with `all:` or `any:`
policy-older-than-one = `older_than` takes exactly one of `days` or `months`
policy-not-a-date = `{ $entry }` is not a date or a range of dates
policy-regex-too-large = regular expression too large: it compiles to more than the limit of { $limit } bytes
policy-regex-invalid = invalid regular expression: { $error }
policy-regex-set-too-large = the rules' regular expressions take more than { $limit } bytes together once compiled ({ $used } with this one)
policy-regex-set-too-large-help = use fewer or simpler patterns: a `contains` keyword list or an `in` list costs far less than many patterns

## jianfu test: the policies' own tests

test-unknown-rule = unknown rule { $rule }
test-unknown-file-kind = unknown file kind `{ $name }`
test-order = order: { $paths }
test-docs-example = docs: { $example } example
test-a-finding = a finding
test-invalid-input = invalid input: { $file } { $path } { $message }
test-rule-examples = rule examples
test-no-cases = no test cases in { $dir }/tests: its rules are tested only by their docs' examples
test-summary = { $passed } passed, { $failed } failed
test-ok = ok    { $rule } { $name }
test-fail = FAIL  { $rule } { $name }
test-missing = missing: { $what }
test-noisy = noisy:   { $what }
test-invalid = invalid: { $what }
baseline-not-regular = not a regular file (a directory, pipe or device)
baseline-too-large = larger than { $limit } bytes
discover-loop = File system loop found: the link leads back into its own ancestry
unknown-format = unknown format `{ $name }`: use human, concise, json, sarif, junit or github
policy-parameter-not-text = parameter `{ $name }` is not a text
policy-text-ref = a text is a constant, `{"{"}param: NAME{"}"}` or `{"{"}unit: FIELD{"}"}`

## The annotated workbook (check --annotate)

annotate-title = Check results for { $unit }: { $errors ->
    [one] one error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] one warning
   *[other] { $warnings } warnings
  }, { $notices ->
    [one] one notice
   *[other] { $notices } notices
  }. Coloured cells carry a note; click a place to go to its cell.
annotate-note = [{ $severity }] { $rule }
    { $message }
    Basis: { $basis }
    Fix: { $fix }
annotate-whole-workbook = the whole workbook
annotate-cell = { $sheet }, row { $row }, { $column }
annotate-column-number = No.
annotate-column-severity = Severity
annotate-column-rule = Rule
annotate-column-place = Place
annotate-column-message = Problem
annotate-column-basis = Basis
annotate-column-fix = What to do
annotate-one-unit = --annotate { $path } is a file and holds one unit's workbook; to annotate several units, give a directory
annotate-inside-input = the annotated workbooks { $output } would sit inside what is checked and be checked as inventories next time: write them elsewhere

## The rectification ledger (jianfu ledger)

ledger-title = Rectification ledger, { $periods }
ledger-sheet = 整改台账
ledger-totals-sheet = 汇总
ledger-totals-title = Rectification by banner and township
ledger-league = All
ledger-status = { $status ->
    [new] new
    [open] still open
    [rebound] rebound
    [waived] waived
   *[fixed] fixed
  }
ledger-note-fixed = no longer in this period's inventory: counted as fixed
ledger-note-waived = waived until { $expires }, approved by { $approver }: { $reason }
ledger-note-overdue = { $days ->
    [one] one day overdue
   *[other] { $days } days overdue
  }
ledger-responsible = { $body } ({ $unit })
ledger-column-number = No.
ledger-column-banner = Banner
ledger-column-township = Township
ledger-column-unit = Village or community
ledger-column-clearance = Clearance
ledger-column-problem = Problem
ledger-column-basis = Basis
ledger-column-measure = What to do
ledger-column-responsible = Responsible
ledger-column-deadline = Deadline
ledger-column-status = Status
ledger-column-note = Note
ledger-column-rate = Rate fixed
ledger-not-a-ledger = { $path } is not a ledger written by jianfu ledger --format json: { $error }
ledger-needs-output = an Excel ledger goes to a file: give --output, e.g. -o ledger.xlsx
report-not-a-report = { $path } is not a report written by jianfu check --format json: { $error }
reports-differ = { $path } differs from the first report ({ $what }: { $value }): reports merged must come from the same jianfu, the same rules in force and the same language
reports-periods-differ = the reports cover different periods: { $periods }; merge one period's reports at a time
json-unreadable = cannot read { $path }: { $error }
report-without-units = { $path } has no unit records and cannot be merged into a bulletin: make it again with jianfu check --format json --with-units
report-other-policies = { $path } was made under other rules (digest { $value }; the rules loaded now are { $ours }): a report and its bulletin need the same rules
report-unknown-rule = the report names the rule { $rule }, which the rules loaded now do not have
bulletin-reports-not-filtered = --reports merges reports as they were made and takes no filter (--rule, --banner, …): filter when the reports are made

## The language server's log and protocol errors

lsp-closed-without-exit = the client closed the input without `exit`
lsp-bad-header = unreadable message header ({ $problem }); stopping
lsp-malformed = malformed message skipped ({ $error }): { $shown }
lsp-already-initialized = already initialized
lsp-method-unknown = jianfu lsp does not handle `{ $method }`
lsp-shut-down = the server is shut down
lsp-unknown-lang = unknown lang `{ $lang }`; keeping the default
lsp-bad-params = bad `{ $method }` parameters skipped: { $error }
lsp-not-open = change to a document that is not open: { $uri }

## The check desk (jianfu serve): its log, its errors and its page

serve-listening = jianfu check desk listening on { $url }
serve-loopback = only this computer can reach it; to open it to the office network use --addr 0.0.0.0:8080 with an access token (JIANFU_TOKEN or --token-file)
serve-open-without-token = warning: the check desk is open on { $addr } without an access token: anyone on the network can use it
serve-bad-token-file = cannot read the token file { $path }: { $error }
serve-cannot-bind = cannot listen on { $addr }: { $error }
serve-not-found = no such page
serve-unauthorized = an access token is needed: ask the administrator for one
serve-busy = the check desk is busy: try again in a few seconds
serve-internal = the check desk failed internally: please give the file to the administrator
serve-no-file = the request has no file named file
serve-malformed = the upload could not be read: choose the file and upload it again
serve-bad-format = there is no report format { $value }: use json or sarif
serve-too-large = the upload exceeds the desk's limit { $name } ({ $limit })
serve-not-an-inventory = “{ $name }” is not a workbook, a CSV sheet or a zip: upload a .xlsx, .xls, .csv or .zip file
serve-corrupt-zip = the zip is damaged and cannot be read ({ $detail }): zip the files again and upload them
serve-unsafe-entry = “{ $entry }” in the zip points outside it or is a link: for safety the zip was not checked
serve-no-unit = the zip holds no inventory: a unit is a folder with unit.yaml, a workbook, or a folder with 单位信息.csv
serve-annotated-zip-name = annotated
serve-ledger-name = rectification-ledger
page-title = Burden-reduction inventory check desk
page-intro = Drop your unit's inventory here (an Excel workbook, CSV sheets, or a zip of a whole township) to see at once what breaks the rules, on what basis, and what to do. Files are used for the check only and never kept.
page-drop = Drop a file here, or
page-choose = choose a file
page-accepts = .xlsx, .xls, .csv or .zip
page-uploading = Uploading
page-checking = Checking…
page-summary = Result
page-summary-line = Units checked: %units% (clean: %clean%) · findings: %findings% (errors: %errors%, warnings: %warnings%, notices: %notices%) · waived: %waived%
page-count = Findings
page-problems = findings
page-waived = waived
page-by-clearance = By clearance
page-where = Where
page-message = Problem
page-basis = Basis
page-fix = Fix
page-severity = Severity
page-download-annotated = Download the annotated workbook
page-download-json = Download the JSON report
page-download-sarif = Download the SARIF report
page-download-ledger = Download the rectification ledger
page-ledger-file = rectification-ledger
page-annotated-file = annotated
page-token = Access token
page-token-send = OK
page-language = 中文
page-failed = The check did not finish
page-sheet = sheet
page-cell = cell
page-line = line
page-column = column
page-unit-clean = No problem found in this unit.
page-again = Check another file
