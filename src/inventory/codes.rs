//! China's statistical division codes (统计用区划代码), for SUBMIT-004 and SUBMIT-006.
//!
//! The table is the National Bureau of Statistics' release with cut-off 2022-10-31, down to
//! townships (41,352 of them), copied into `data/divisions.tsv` with its source. `build.rs` packs
//! it into the binary one deflated chunk per province; a lookup inflates only its province's
//! chunk, once, so a run that checks one league pays for one province.
//!
//! A unit's 12-digit code is banner or county (6 digits) + township (3) + committee (3); the
//! last three digits say what the unit is: 001–199 a residents' committee (an urban community,
//! 社区), 200–399 a villagers' committee (嘎查 or 村). Divisions created or renamed after the
//! cut-off are added in `jianfu.yaml` (`divisions:`), with a reason and a source.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The packed table and, per province, where its chunk lies (built by `build.rs`).
static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/divisions.bin"));
static CHUNKS: &[(&str, usize, usize)] = include!(concat!(env!("OUT_DIR"), "/divisions_index.rs"));

/// The cut-off date of the table, shown when a code is not in it.
pub const TABLE_CUT_OFF: &str = "2022-10-31";

/// Banner names people commonly shorten, by code. The news article the project grew from
/// writes 科右前旗 for 科尔沁右翼前旗; 科右中旗 (科尔沁右翼中旗) was in the checker's table before
/// and follows the same 科右 form; it has no source in `data/`.
const SHORT_NAMES: &[(&str, &str)] = &[("152221", "科右前旗"), ("152222", "科右中旗")];

/// One province's divisions, `(code, name)` sorted by code.
type Chunk = Vec<(&'static str, &'static str)>;

/// The divisions of the province with these two digits, inflated on first use.
fn province_chunk(province: &str) -> Option<&'static Chunk> {
    static INFLATED: OnceLock<Vec<OnceLock<Chunk>>> = OnceLock::new();
    let cells = INFLATED.get_or_init(|| CHUNKS.iter().map(|_| OnceLock::new()).collect());
    let index = CHUNKS.iter().position(|(p, _, _)| *p == province)?;
    let (_, start, len) = CHUNKS[index];
    Some(cells[index].get_or_init(|| inflate_chunk(&PACKED[start..start + len])))
}

/// Inflate one chunk and split it into entries. The text lives as long as the program: it is
/// a cache of static data, inflated at most once per province.
fn inflate_chunk(deflated: &[u8]) -> Chunk {
    use std::io::Read as _;
    let mut text = String::new();
    // The data is the binary's own: it cannot fail to inflate unless the build is broken, and
    // then the table is empty and every code is reported as unknown, not a crash.
    if flate2::read::DeflateDecoder::new(deflated)
        .read_to_string(&mut text)
        .is_err()
    {
        text.clear();
    }
    let text: &'static str = Box::leak(text.into_boxed_str());
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .collect()
}

/// The table's name for a code of 2, 4, 6 or 9 digits.
pub fn table_name(code: &str) -> Option<&'static str> {
    let chunk = province_chunk(code.get(..2)?)?;
    let at = chunk.binary_search_by(|(c, _)| (*c).cmp(code)).ok()?;
    Some(chunk[at].1)
}

/// Every division of the table whose code starts with `prefix` and has `digits` digits, in
/// code order: `within("1522", 9)` are Xing'an League's townships.
pub fn within(prefix: &str, digits: usize) -> Vec<(&'static str, &'static str)> {
    let provinces: Vec<&str> = match prefix.get(..2) {
        Some(province) => vec![province],
        None => CHUNKS
            .iter()
            .map(|(p, _, _)| *p)
            .filter(|p| p.starts_with(prefix))
            .collect(),
    };
    provinces
        .into_iter()
        .filter_map(province_chunk)
        .flatten()
        .filter(|(code, _)| code.len() == digits && code.starts_with(prefix))
        .copied()
        .collect()
}

/// What a unit's code stands for, from its last three digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitteeKind {
    /// 001–199: a residents' committee (居民委员会), an urban community.
    Community,
    /// 200–399: a villagers' committee (村民委员会), a 嘎查 or 村.
    Village,
}

impl CommitteeKind {
    /// The kind the last three digits of a 12-digit code stand for, if any.
    pub fn of_code(code: &str) -> Option<CommitteeKind> {
        match code.get(9..12)?.parse::<u16>().ok()? {
            1..=199 => Some(CommitteeKind::Community),
            200..=399 => Some(CommitteeKind::Village),
            _ => None,
        }
    }

    /// The `kind` value of `unit.yaml` that matches.
    pub fn unit_kind(self) -> &'static str {
        match self {
            CommitteeKind::Community => "community",
            CommitteeKind::Village => "village",
        }
    }
}

/// What is wrong with a unit's code, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    /// Not exactly 12 ASCII digits.
    Malformed,
    /// The table (and the configuration) has no banner or county with the first six digits.
    UnknownBanner { banner: String },
    /// The banner is known but has no township with the first nine digits.
    UnknownTownship {
        township: String,
        banner_name: String,
    },
    /// The banner digits name a different banner than `banner:` says.
    WrongBanner { expected: String },
    /// The township digits name a different township than `township:` says.
    WrongTownship { expected: String },
    /// The last three digits stand for another kind of committee than `kind:` says, or for
    /// neither kind (`expected` is `None`).
    WrongKind {
        digits: String,
        expected: Option<CommitteeKind>,
    },
}

impl CodeProblem {
    /// A code the table does not know: it may be newer than the table, so this is a warning
    /// (SUBMIT-006), not an error.
    pub fn is_unknown_division(&self) -> bool {
        matches!(
            self,
            CodeProblem::UnknownBanner { .. } | CodeProblem::UnknownTownship { .. }
        )
    }
}

/// A division added or renamed in `jianfu.yaml` after the table's cut-off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amendment {
    pub code: String,
    pub name: String,
}

/// The division table as a league sees it: the bureau's table with the league's amendments
/// over it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Divisions {
    amended: BTreeMap<String, String>,
}

/// The table with no amendments, for tools that run without a configuration.
pub static NATIONAL: Divisions = Divisions {
    amended: BTreeMap::new(),
};

impl Divisions {
    pub fn with_amendments(amendments: impl IntoIterator<Item = Amendment>) -> Divisions {
        Divisions {
            amended: amendments.into_iter().map(|a| (a.code, a.name)).collect(),
        }
    }

    /// The name of a code of 2, 4, 6 or 9 digits: the league's amendment, else the table's.
    pub fn name(&self, code: &str) -> Option<&str> {
        match self.amended.get(code) {
            Some(name) => Some(name),
            None => table_name(code),
        }
    }

    /// Check a unit's code against its `kind`, `banner` and `township` fields; every problem
    /// found, in the order the code's digits run.
    pub fn check(
        &self,
        code: &str,
        kind: Option<&str>,
        banner: Option<&str>,
        township: Option<&str>,
    ) -> Vec<CodeProblem> {
        if unit_code_number(code).is_none() {
            return vec![CodeProblem::Malformed];
        }
        let mut problems = Vec::new();
        match self.name(&code[..6]) {
            None => problems.push(CodeProblem::UnknownBanner {
                banner: code[..6].to_owned(),
            }),
            Some(official) => {
                if let Some(given) = banner
                    && !names_banner(given, &code[..6], official)
                {
                    problems.push(CodeProblem::WrongBanner {
                        expected: official.to_owned(),
                    });
                }
                match self.name(&code[..9]) {
                    None => problems.push(CodeProblem::UnknownTownship {
                        township: code[..9].to_owned(),
                        banner_name: official.to_owned(),
                    }),
                    Some(official) => {
                        if let Some(given) = township
                            && !same_name(given, official)
                        {
                            problems.push(CodeProblem::WrongTownship {
                                expected: official.to_owned(),
                            });
                        }
                    }
                }
            }
        }
        let expected = CommitteeKind::of_code(code);
        if kind.is_some_and(|kind| expected.is_none_or(|e| e.unit_kind() != kind)) {
            problems.push(CodeProblem::WrongKind {
                digits: code[9..].to_owned(),
                expected,
            });
        }
        problems
    }

    /// The banner's full name for a unit code, when the table knows it.
    pub fn banner_of(&self, code: &str) -> Option<&str> {
        self.name(code.get(..6)?)
    }

    /// The township's name for a unit code, when the table knows it (`jianfu init` fills it in).
    pub fn township_of(&self, code: &str) -> Option<&str> {
        self.name(code.get(..9)?)
    }
}

/// Whether `given` names the banner `official` (code `code`): its name, a common short name,
/// or either with the government's title after it.
fn names_banner(given: &str, code: &str, official: &str) -> bool {
    same_name(given, official)
        || SHORT_NAMES
            .iter()
            .any(|(c, short)| *c == code && same_name(given, short))
}

/// Whether `given` is `official` in one of the usual forms: with blanks, or with the
/// government's or office's title after it (兴安街道办事处 for 兴安街道, 乌兰哈达镇人民政府 for
/// 乌兰哈达镇).
fn same_name(given: &str, official: &str) -> bool {
    let given: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    let bare = ["人民政府", "办事处"]
        .iter()
        .find_map(|title| given.strip_suffix(title))
        .unwrap_or(&given);
    bare == official
}

/// The name of an imposing body as one spelling, so that one body makes one case in a
/// bulletin however units wrote it: blanks beside Chinese characters dropped (names in Chinese
/// have none, but forms and spreadsheets add them), other runs of blanks made one space, and a
/// banner's short name at the start spelled out (科右前旗公安局 → 科尔沁右翼前旗公安局).
/// `None` for a name that is only blanks.
pub fn body_name(raw: &str) -> Option<Cow<'_, str>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let name: Cow<str> = if raw.chars().any(char::is_whitespace) {
        Cow::Owned(without_stray_blanks(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let spelled_out = SHORT_NAMES.iter().find_map(|(code, short)| {
        let rest = name.strip_prefix(short)?;
        Some(format!("{}{rest}", table_name(code)?))
    });
    Some(spelled_out.map_or(name, Cow::Owned))
}

/// `text` (trimmed) with each run of blanks dropped where it touches a non-ASCII character and
/// made one space between two ASCII ones ("Health  Bureau" keeps its space).
fn without_stray_blanks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        while chars.next_if(|n| n.is_whitespace()).is_some() {}
        let before = out.chars().next_back();
        let after = chars.peek().copied();
        if before.is_some_and(|b| b.is_ascii()) && after.is_some_and(|a| a.is_ascii()) {
            out.push(' ');
        }
    }
    out
}

/// A well-formed unit code (twelve ASCII digits) as its number; `None` for anything else.
pub fn unit_code_number(code: &str) -> Option<u64> {
    (code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str, kind: &str, banner: &str, township: &str) -> Vec<CodeProblem> {
        NATIONAL.check(code, Some(kind), Some(banner), Some(township))
    }

    #[test]
    fn the_table_is_the_bureaus() {
        assert_eq!(table_name("15"), Some("内蒙古自治区"));
        assert_eq!(table_name("1522"), Some("兴安盟"));
        assert_eq!(table_name("152223"), Some("扎赉特旗"));
        assert_eq!(table_name("152201002"), Some("和平街道"));
        assert_eq!(table_name("152201003"), Some("兴安街道"));
        assert_eq!(table_name("110101001"), Some("东华门街道"));
        assert_eq!(table_name("152201999"), None);
        assert_eq!(table_name("99"), None);
        assert_eq!(table_name("1"), None);
        assert_eq!(within("", 2).len(), 31);
        assert_eq!(within("", 4).len(), 342);
        assert_eq!(within("", 6).len(), 2_978);
        assert_eq!(within("", 9).len(), 41_352);
        assert_eq!(within("1522", 6).len(), 6);
        assert_eq!(within("1522", 9).len(), 90);
    }

    #[test]
    fn a_real_xingan_street_unit_is_clean_and_a_wrong_township_names_the_right_one() {
        assert_eq!(
            check("152201003004", "community", "乌兰浩特市", "兴安街道"),
            []
        );
        assert_eq!(
            check("152201002004", "community", "乌兰浩特市", "兴安街道"),
            [CodeProblem::WrongTownship {
                expected: "和平街道".into()
            }]
        );
    }

    #[test]
    fn long_and_short_forms_of_names_are_accepted() {
        assert_eq!(
            check("152201003004", "community", "乌兰浩特市", "兴安街道办事处"),
            []
        );
        assert_eq!(
            check(
                "152201100201",
                "village",
                "乌兰浩特市人民政府",
                "乌兰哈达镇人民政府"
            ),
            []
        );
        assert_eq!(check("152221100201", "village", "科右前旗", "科尔沁镇"), []);
        assert_eq!(
            check("152201003004", "community", "乌兰浩特市", " 兴安 街道 "),
            []
        );
    }

    #[test]
    fn the_last_three_digits_must_fit_the_kind() {
        assert_eq!(
            check("152223100101", "village", "扎赉特旗", "音德尔镇"),
            [CodeProblem::WrongKind {
                digits: "101".into(),
                expected: Some(CommitteeKind::Community)
            }]
        );
        assert_eq!(
            check("152223100201", "community", "扎赉特旗", "音德尔镇"),
            [CodeProblem::WrongKind {
                digits: "201".into(),
                expected: Some(CommitteeKind::Village)
            }]
        );
        assert_eq!(
            check("152223100000", "community", "扎赉特旗", "音德尔镇"),
            [CodeProblem::WrongKind {
                digits: "000".into(),
                expected: None
            }]
        );
        assert_eq!(
            check("152223100400", "village", "扎赉特旗", "音德尔镇"),
            [CodeProblem::WrongKind {
                digits: "400".into(),
                expected: None
            }]
        );
        assert_eq!(
            check("152223100199", "community", "扎赉特旗", "音德尔镇"),
            []
        );
        assert_eq!(check("152223100399", "village", "扎赉特旗", "音德尔镇"), []);
    }

    #[test]
    fn malformed_and_disagreeing_codes_are_caught() {
        assert_eq!(
            NATIONAL.check("15222310020", None, None, None),
            [CodeProblem::Malformed]
        );
        assert_eq!(
            NATIONAL.check("15222310020Ａ", None, None, None),
            [CodeProblem::Malformed]
        );
        assert_eq!(
            check("152223101201", "village", "扎赉特旗", "音德尔镇"),
            [CodeProblem::WrongTownship {
                expected: "新林镇".into()
            }]
        );
        assert_eq!(
            check("152201100201", "village", "扎赉特旗", "乌兰哈达镇"),
            [CodeProblem::WrongBanner {
                expected: "乌兰浩特市".into()
            }]
        );
    }

    #[test]
    fn codes_the_table_does_not_know_are_unknown_not_wrong() {
        let problems = check("152299001001", "community", "新旗", "新街道");
        assert_eq!(
            problems,
            [CodeProblem::UnknownBanner {
                banner: "152299".into()
            }]
        );
        assert!(problems[0].is_unknown_division());
        assert_eq!(
            check("152223150201", "village", "扎赉特旗", "新镇"),
            [CodeProblem::UnknownTownship {
                township: "152223150".into(),
                banner_name: "扎赉特旗".into()
            }]
        );
    }

    #[test]
    fn amendments_add_and_rename_divisions() {
        let divisions = Divisions::with_amendments([
            Amendment {
                code: "152223150".into(),
                name: "新镇".into(),
            },
            Amendment {
                code: "152201003".into(),
                name: "兴安新街道".into(),
            },
        ]);
        let check = |code, township| {
            divisions.check(code, Some("village"), Some("扎赉特旗"), Some(township))
        };
        assert_eq!(check("152223150201", "新镇"), []);
        assert_eq!(divisions.name("152201003"), Some("兴安新街道"));
        assert_eq!(NATIONAL.name("152201003"), Some("兴安街道"));
    }

    #[test]
    fn body_names_are_spelled_one_way() {
        let spelled = |raw| body_name(raw).map(|n| n.into_owned());
        assert_eq!(
            spelled("科右前旗公安局").as_deref(),
            Some("科尔沁右翼前旗公安局")
        );
        assert_eq!(
            spelled(" 科尔沁右翼前旗 公安局\u{3000}").as_deref(),
            Some("科尔沁右翼前旗公安局")
        );
        assert_eq!(spelled("扎赉特旗卫健委").as_deref(), Some("扎赉特旗卫健委"));
        assert_eq!(
            spelled("科右中旗民政局").as_deref(),
            Some("科尔沁右翼中旗民政局")
        );
        assert_eq!(spelled(" \u{3000}"), None);
        assert_eq!(
            spelled("Health  Bureau\t").as_deref(),
            Some("Health Bureau")
        );
        assert_eq!(spelled("<img src=x>局").as_deref(), Some("<img src=x>局"));
    }
}
