//! Every finding's position, checked against the bytes of the file it points into, on example
//! units edited at random: Chinese, full-width and four-byte characters, combining accents,
//! line breaks of every kind (LF, CRLF, a CR alone), tabs, a byte-order mark, YAML indicators,
//! lines repeated, deleted or indented anew. Each edit lands somewhere a clerk's editor might
//! put it; the finding it causes (a parse error, a schema violation, a rule) must give the line
//! and the column an editor shows, in every report format that carries them.

mod common;

use std::path::{Path, PathBuf};

use common::jianfu;

/// Mutants checked in one run; each is a copy of an example unit with two of its files edited.
const MUTANTS: usize = 120;

/// What an edit inserts.
#[rustfmt::skip]
const INSERTS: &[&str] = &[
    "中", "文字", "：", "，", "（", "ｆｕｌｌ", "𠀀", "é", "e\u{301}", "\u{200b}", "\r", "\r\n", "\n",
    "\t", " ", "  ", ":", ": ", "- ", "#", "'", "\"", "[", "]", "{", "}", ",", "&a ", "*a", "|",
    ">", "?", "~", "---\n", "2025-13-45", "- name: 乙\n", "  name: 丙\n",
];

/// A small deterministic generator: the same mutants on every machine.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// One random edit of `text`, always at a character boundary, so the text stays UTF-8.
fn edit(text: &mut String, dice: &mut Dice) {
    let boundaries: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let at = boundaries[dice.below(boundaries.len())];
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    match dice.below(10) {
        0 | 1 if at < text.len() => {
            let len = text[at..].chars().next().map_or(0, char::len_utf8);
            text.replace_range(at..at + len, "");
        }
        2 => {
            let line = text[line_start..line_end].to_owned();
            text.insert_str(line_end, &format!("\n{line}"));
        }
        3 => text.replace_range(line_start..line_end.min(text.len()), ""),
        4 => {
            let trimmed = text[line_start..line_end].trim_start().to_owned();
            let indent = " ".repeat(dice.below(7));
            text.replace_range(line_start..line_end, &format!("{indent}{trimmed}"));
        }
        _ => text.insert_str(at, INSERTS[dice.below(INSERTS.len())]),
    }
}

/// The example units written in YAML.
fn yaml_units() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/xingan/2025-Q2");
    let mut units = Vec::new();
    for banner in read_dir(&root) {
        for township in read_dir(&banner) {
            units.extend(
                read_dir(&township)
                    .into_iter()
                    .filter(|unit| unit.join("unit.yaml").is_file()),
            );
        }
    }
    units.sort();
    units
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.is_dir());
    paths.sort();
    paths
}

/// Write `MUTANTS` edited copies of the example units under `root`.
fn write_mutants(root: &Path) {
    let units = yaml_units();
    assert!(units.len() >= 10, "example units: {units:?}");
    let mut dice = Dice(0x9051_7105);
    for n in 0..MUTANTS {
        let unit = &units[dice.below(units.len())];
        let copy = root.join(format!("m{n:03}"));
        std::fs::create_dir_all(&copy).unwrap();
        let mut files = read_files(unit);
        for _ in 0..2 {
            let which = dice.below(files.len());
            let (_, text) = &mut files[which];
            for _ in 0..1 + dice.below(3) {
                edit(text, &mut dice);
            }
        }
        for (name, text) in &files {
            let bom = if dice.below(12) == 0 { "\u{feff}" } else { "" };
            std::fs::write(copy.join(name), format!("{bom}{text}")).unwrap();
        }
    }
}

fn read_files(unit: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(unit)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Line and column (1-based, the column in characters) of byte `offset` of `text`, lines
/// ending at LF, CRLF or a CR alone, as YAML and editors break them. Written apart from the
/// checker's own code, which it checks.
fn line_and_column(text: &str, offset: usize) -> (u64, u64) {
    let (line, column, _) = line_column_and_byte_column(text, offset);
    (line, column)
}

/// [`line_and_column`], and the column counted in bytes.
fn line_column_and_byte_column(text: &str, offset: usize) -> (u64, u64, u64) {
    let bytes = text.as_bytes();
    let (mut line, mut start) = (1, 0);
    let mut i = 0;
    while i < offset {
        let breaks = match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        };
        if breaks {
            line += 1;
            start = i + 1;
        }
        i += 1;
    }
    let column = text
        .get(start..offset)
        .unwrap_or_else(|| panic!("offset {offset} is inside a character"))
        .chars()
        .count();
    (line, column as u64 + 1, (offset - start) as u64 + 1)
}

/// What a report says of one finding's place.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    rule: String,
    start: (u64, u64),
    end: (u64, u64),
}

fn run(root: &Path, format: &str) -> Vec<u8> {
    let output = jianfu(root)
        .args(["check", ".", "--format", format, "--fail-on", "never"])
        .output()
        .expect("run jianfu");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{format}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn every_finding_of_edited_units_points_where_its_bytes_are() {
    let tmp = tempfile::tempdir().unwrap();
    write_mutants(tmp.path());

    let report: serde_json::Value = serde_json::from_slice(&run(tmp.path(), "json")).unwrap();
    let findings = report["findings"].as_array().expect("findings");
    let mut json_places = Vec::new();
    let (mut checked, mut parse_errors, mut after_cr, mut wide) = (0, 0, 0, 0);
    for finding in findings {
        let number = |key: &str| finding[key].as_u64().unwrap_or_else(|| panic!("{key}"));
        let rule = finding["rule"].as_str().unwrap().to_owned();
        let place = Place {
            rule: rule.clone(),
            start: (number("line"), number("column")),
            end: (number("end_line"), number("end_column")),
        };
        let path = tmp.path().join(finding["file"].as_str().unwrap());
        // A section not submitted is a finding at the start of the file it should be.
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).unwrap(),
            Err(_) if rule == "SUBMIT-003" => String::new(),
            Err(e) => panic!("{e}: {finding}"),
        };
        // Byte offsets count a byte-order mark (offsets into the file as saved); lines and
        // columns do not.
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body = &text[bom..];
        let (from, to) = (number("byte_start") as usize, number("byte_end") as usize);
        assert!(bom <= from && from <= to && to <= text.len(), "{finding}");
        let (from, to) = (from - bom, to - bom);
        let want = (line_and_column(body, from), line_and_column(body, to));
        assert_eq!(
            (place.start, place.end),
            want,
            "{finding}\nbytes: {:?}",
            &body[from..to]
        );
        checked += 1;
        parse_errors += usize::from(rule == "SUBMIT-001");
        after_cr += usize::from(body[..from].contains('\r'));
        let (_, column, byte_column) = line_column_and_byte_column(body, from);
        wide += usize::from(column != byte_column);
        json_places.push(place);
    }
    // The test means something only if the edits reach the hard cases.
    // (1,653 findings, 112 parse errors, 18 after a CR, 39 after wide characters when written.)
    assert!(checked > 1000, "{checked} findings");
    assert!(parse_errors >= 50, "{parse_errors} parse errors");
    assert!(after_cr >= 10, "{after_cr} findings after a CR");
    assert!(
        wide >= 20,
        "{wide} findings after wide characters on their line"
    );

    // SARIF and GitHub's annotations give the same places, in the same order.
    let sarif: serde_json::Value = serde_json::from_slice(&run(tmp.path(), "sarif")).unwrap();
    let sarif_places = sarif_places(&sarif);
    assert_same("SARIF", &sarif_places, &json_places);

    let github = String::from_utf8(run(tmp.path(), "github")).unwrap();
    let github_places: Vec<Place> = github
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(github_place)
        .collect();
    assert_same("GitHub", &github_places, &json_places);

    // The concise and the human reports give where each finding starts.
    let json_starts: Vec<(u64, u64)> = json_places.iter().map(|p| p.start).collect();
    let concise = String::from_utf8(run(tmp.path(), "concise")).unwrap();
    let concise_starts: Vec<(u64, u64)> = concise
        .lines()
        .filter_map(|l| {
            l.split_once(": ")
                .map(|(place, _)| line_and_column_after(place))
        })
        .collect();
    assert_same("concise", &concise_starts, &json_starts);
    let human = String::from_utf8(run(tmp.path(), "human")).unwrap();
    let human_starts: Vec<(u64, u64)> = human
        .lines()
        .filter_map(|l| {
            l.split_once("╭─[")
                .map(|(_, rest)| rest.trim_end_matches(']'))
        })
        .map(line_and_column_after)
        .collect();
    // A finding with a label far from it (the item a duplicate repeats) shows that place in a
    // snippet of its own, before or after its own: every finding's start is among the headers.
    // A section not submitted has no text to show.
    let shown = json_places.iter().filter(|p| p.rule != "SUBMIT-003");
    let mut headers = human_starts.iter();
    for (n, start) in shown.map(|p| p.start).enumerate() {
        assert!(
            headers.any(|h| *h == start),
            "human: no header at {start:?} for finding {n}, or not in order"
        );
    }
    assert!(
        human_starts.len() < json_starts.len() * 11 / 10,
        "human: too many snippets"
    );
}

/// The `LINE:COLUMN` that ends `place` (`path:LINE:COLUMN`).
fn line_and_column_after(place: &str) -> (u64, u64) {
    let mut numbers = place.rsplitn(3, ':');
    let column = numbers.next().and_then(|n| n.parse().ok());
    let line = numbers.next().and_then(|n| n.parse().ok());
    line.zip(column)
        .unwrap_or_else(|| panic!("no line and column in {place:?}"))
}

/// The first place where a format departs from the JSON report, rather than both lists whole.
fn assert_same<T: PartialEq + std::fmt::Debug>(format: &str, got: &[T], json: &[T]) {
    assert_eq!(got.len(), json.len(), "{format}: how many findings");
    if let Some((n, (a, b))) = got.iter().zip(json).enumerate().find(|(_, (a, b))| a != b) {
        panic!("{format}'s finding {n} is {a:?}; JSON's is {b:?}");
    }
}

/// The place of each SARIF result that has one.
fn sarif_places(sarif: &serde_json::Value) -> Vec<Place> {
    sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["locations"][0]["physicalLocation"]["region"].is_object())
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            let n = |key: &str| region[key].as_u64().unwrap_or_else(|| panic!("{key}: {r}"));
            Place {
                rule: r["ruleId"].as_str().unwrap().to_owned(),
                start: (n("startLine"), n("startColumn")),
                end: (n("endLine"), n("endColumn")),
            }
        })
        .collect()
}

/// `::error file=…,line=3,col=5,endLine=3,endColumn=9,title=RULE name::…` → its place.
fn github_place(line: &str) -> Place {
    let properties = line
        .split_once(' ')
        .and_then(|(_, rest)| rest.split_once("::"))
        .map(|(props, _)| props)
        .unwrap_or_else(|| panic!("{line}"));
    let value = |key: &str| {
        properties
            .split(',')
            .find_map(|p| p.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key} in {line}"))
    };
    let n = |key: &str| value(key).parse::<u64>().unwrap();
    Place {
        rule: value("title").split(' ').next().unwrap().to_owned(),
        start: (n("line"), n("col")),
        end: (n("endLine"), n("endColumn")),
    }
}
