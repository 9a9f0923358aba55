//! The statistical division codes (统计用区划代码) the checker knows, for SUBMIT-004.
//!
//! A code's first 6 digits name the banner and the next 3 the township. Only codes listed here
//! are compared with the names in `unit.yaml`; a code the table does not know is not an error.

/// Xing'an League's banners (兴安盟 1522), with the short names people also write.
const BANNERS: &[(&str, &[&str])] = &[
    ("152201", &["乌兰浩特市"]),
    ("152202", &["阿尔山市"]),
    ("152221", &["科尔沁右翼前旗", "科右前旗"]),
    ("152222", &["科尔沁右翼中旗", "科右中旗"]),
    ("152223", &["扎赉特旗"]),
    ("152224", &["突泉县"]),
];

/// Townships of the example league and their neighbours (codes as the league's table assigns them).
/// Public so that the corpus generator draws from the same table the checker knows.
pub const TOWNSHIPS: &[(&str, &str)] = &[
    ("152201001", "和平街道"),
    ("152201002", "兴安街道"),
    ("152201003", "都林街道"),
    ("152201004", "五一街道"),
    ("152201005", "胜利街道"),
    ("152201006", "爱国街道"),
    ("152201100", "乌兰哈达镇"),
    ("152201101", "太本站镇"),
    ("152201102", "葛根庙镇"),
    ("152201103", "义勒力特镇"),
    ("152221001", "科尔沁街道"),
    ("152221002", "兴安街道"),
    ("152221003", "天骄街道"),
    ("152221100", "科尔沁镇"),
    ("152221101", "乌兰毛都苏木"),
    ("152221102", "察尔森镇"),
    ("152221103", "索伦镇"),
    ("152221104", "居力很镇"),
    ("152221105", "大石寨镇"),
    ("152221106", "归流河镇"),
    ("152221107", "额尔格图镇"),
    ("152221200", "俄体镇"),
    ("152221201", "满族屯满族乡"),
    ("152223100", "音德尔镇"),
    ("152223101", "胡尔勒镇"),
    ("152223102", "新林镇"),
    ("152223103", "阿尔本格勒镇"),
    ("152223104", "巴彦扎拉嘎乡"),
    ("152223105", "宝力根花苏木"),
    ("152223106", "好力保镇"),
    ("152223107", "图牧吉镇"),
    ("152223108", "努文木仁乡"),
];

/// What is wrong with a unit's code, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    /// Not exactly 12 ASCII digits.
    Malformed,
    /// The banner digits name a different banner than `banner:` says.
    WrongBanner { expected: String },
    /// The township digits name a different township than `township:` says.
    WrongTownship { expected: String },
}

/// Check `code` against the banner and township names given beside it.
pub fn check_code(code: &str, banner: Option<&str>, township: Option<&str>) -> Option<CodeProblem> {
    if code.len() != 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Some(CodeProblem::Malformed);
    }
    if let (Some(names), Some(banner)) = (banner_names(&code[..6]), banner)
        && !names.contains(&banner)
    {
        return Some(CodeProblem::WrongBanner {
            expected: names[0].to_owned(),
        });
    }
    if let (Some(name), Some(township)) = (township_name(&code[..9]), township)
        && name != township
    {
        return Some(CodeProblem::WrongTownship {
            expected: name.to_owned(),
        });
    }
    None
}

fn banner_names(code: &str) -> Option<&'static [&'static str]> {
    BANNERS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

fn township_name(code: &str) -> Option<&'static str> {
    TOWNSHIPS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The banner's full name for a unit code, when the table knows it (used for grouping).
pub fn banner_of(code: &str) -> Option<&'static str> {
    code.get(..6).and_then(banner_names).map(|n| n[0])
}

/// The township's name for a unit code, when the table knows it (`jianfu init` fills it in).
pub fn township_of(code: &str) -> Option<&'static str> {
    code.get(..9).and_then(township_name)
}

/// The name of an imposing body as one spelling, so that one body makes one case in a
/// bulletin however units wrote it: blanks beside Chinese characters dropped (names in Chinese
/// have none, but forms and spreadsheets add them), other runs of blanks made one space, and a
/// banner's short name at the start spelled out (科右前旗公安局 → 科尔沁右翼前旗公安局).
/// `None` for a name that is only blanks.
pub fn body_name(raw: &str) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let name: Cow<str> = if raw.chars().any(char::is_whitespace) {
        Cow::Owned(without_stray_blanks(raw))
    } else {
        Cow::Borrowed(raw)
    };
    let spelled_out = BANNERS.iter().find_map(|(_, names)| {
        let (full, short) = names.split_first()?;
        let rest = short.iter().find_map(|s| name.strip_prefix(s))?;
        Some(format!("{full}{rest}"))
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn good_code_passes_and_short_names_are_accepted() {
        assert_eq!(
            check_code("152221100201", Some("科右前旗"), Some("科尔沁镇")),
            None
        );
    }

    #[test]
    fn malformed_and_disagreeing_codes_are_caught() {
        assert_eq!(
            check_code("15222310020", None, None),
            Some(CodeProblem::Malformed)
        );
        assert_eq!(
            check_code("15222310020Ａ", None, None),
            Some(CodeProblem::Malformed)
        );
        assert_eq!(
            check_code("152223101201", Some("扎赉特旗"), Some("音德尔镇")),
            Some(CodeProblem::WrongTownship {
                expected: "胡尔勒镇".into()
            })
        );
        assert_eq!(
            check_code("152201100201", Some("扎赉特旗"), None),
            Some(CodeProblem::WrongBanner {
                expected: "乌兰浩特市".into()
            })
        );
    }

    #[test]
    fn unknown_codes_are_not_errors() {
        assert_eq!(
            check_code("110101001001", Some("东城区"), Some("东华门街道")),
            None
        );
    }
}
