//! `jianfu init DIR`: scaffold a unit — `unit.yaml` filled from the flags and the seven section
//! files with empty lists. Each file opens with the `yaml-language-server` line that points an
//! editor at its schema, and a Chinese comment saying what belongs in it, so a clerk starts from
//! files that already pass `jianfu check` and gets completion as they fill them in.

use std::path::{Component, Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, WrapErr, miette};

use crate::inventory::Kind;
use crate::inventory::codes::NATIONAL;
use crate::inventory::unit::{Given, code_message};

use super::output::write_stdout;
use super::{LangArg, Outcome, write_atomically};
use crate::wording::{Arg, Form, keys};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The unit's directory (created if needed)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// 12-digit statistical division code (统计用区划代码)
    #[arg(long)]
    pub code: String,
    /// The unit's name (单位名称)
    #[arg(long)]
    pub name: String,
    /// village (嘎查村) or community (社区)
    #[arg(long, value_enum)]
    pub kind: UnitKindArg,
    /// Reporting period, YYYY-Qn (报告期)
    #[arg(long, value_parser = parse_period)]
    pub period: String,
    /// Number of organisations in the unit, at least 1 (机构数量)
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub institutions: u32,
    /// Banner, county or city (旗县市); default: the one the code names
    #[arg(long)]
    pub banner: Option<String>,
    /// Township, sumu or subdistrict (苏木乡镇街道); default: the one the code names
    #[arg(long)]
    pub township: Option<String>,
    /// The township's category in 分类管理 (optional)
    #[arg(long)]
    pub township_category: Option<String>,
    /// Where the schemas are: a URL, or a directory on this machine that the files will point at
    /// by a relative path [default: the nearest `schemas/` holding unit.schema.json at or above DIR]
    #[arg(long, value_name = "URL|PATH")]
    pub schema_base: Option<String>,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
    /// Message language
    #[arg(long, default_value = "zh", value_parser = LangArg::parser())]
    pub lang: LangArg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnitKindArg {
    /// 嘎查村
    Village,
    /// 社区
    Community,
}

impl UnitKindArg {
    fn name(self) -> &'static str {
        match self {
            UnitKindArg::Village => "village",
            UnitKindArg::Community => "community",
        }
    }
}

fn parse_period(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let ok = bytes.len() == 7
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && &bytes[4..6] == b"-Q"
        && (b'1'..=b'4').contains(&bytes[6]);
    if ok {
        Ok(text.to_owned())
    } else {
        Err("expected YYYY-Qn, e.g. 2025-Q2".to_owned())
    }
}

pub fn run(args: InitArgs) -> miette::Result<Outcome> {
    let unit = UnitFields::from_args(&args)?;
    let targets: Vec<PathBuf> = Kind::ALL
        .iter()
        .map(|kind| args.dir.join(kind.file_name()))
        .collect();
    let existing: Vec<String> = targets
        .iter()
        .filter(|path| path.symlink_metadata().is_ok())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() && !args.force {
        let list = existing
            .iter()
            .map(|path| format!("  {path}"))
            .collect::<Vec<_>>()
            .join("\n");
        return Err(super::fail(
            &keys::FILES_EXIST,
            &[("list", Arg::text(list))],
        ));
    }
    std::fs::create_dir_all(&args.dir)
        .into_diagnostic()
        .wrap_err_with(|| super::cannot_create(&args.dir))?;
    let base = match &args.schema_base {
        Some(given) => schema_base_from(given, &args.dir)?,
        None => default_schema_base(&args.dir)?,
    };
    for (kind, path) in Kind::ALL.iter().zip(&targets) {
        let text = file_text(*kind, &base, &unit);
        write_atomically(path, text.as_bytes())
            .into_diagnostic()
            .wrap_err_with(|| super::cannot_write(path))?;
    }
    let args = [
        ("dir", Arg::text(args.dir.display().to_string())),
        ("code", Arg::text(unit.code.as_str())),
        ("name", Arg::text(unit.name.as_str())),
    ];
    let mut done = crate::wording::current().text(&keys::INIT_DONE, &args, Form::Yaml);
    done.push('\n');
    write_stdout(done.as_bytes()).into_diagnostic()?;
    Ok(Outcome::Clean)
}

/// The values written into `unit.yaml`, checked the way SUBMIT-004 will check them.
struct UnitFields {
    code: String,
    name: String,
    kind: UnitKindArg,
    banner: String,
    township: String,
    township_category: Option<String>,
    period: String,
    institutions: u32,
}

impl UnitFields {
    fn from_args(args: &InitArgs) -> miette::Result<UnitFields> {
        let code = args.code.trim().to_owned();
        let name = non_empty(&args.name, "--name")?;
        let banner = match &args.banner {
            Some(banner) => non_empty(banner, "--banner")?,
            None => NATIONAL
                .banner_of(&code)
                .map(str::to_owned)
                .ok_or_else(|| unknown_code(&code, "--banner"))?,
        };
        let township = match &args.township {
            Some(township) => non_empty(township, "--township")?,
            None => NATIONAL
                .township_of(&code)
                .map(str::to_owned)
                .ok_or_else(|| unknown_code(&code, "--township"))?,
        };
        let kind = args.kind.name();
        let problems = NATIONAL.check(&code, Some(kind), Some(&banner), Some(&township));
        // A division newer than the table is the clerk's to know: `check` warns about it.
        if let Some(problem) = problems.iter().find(|p| !p.is_unknown_division()) {
            let given = Given {
                kind,
                banner: &banner,
                township: &township,
            };
            let message = code_message(&code, problem, &given);
            let text = crate::wording::say(&message);
            return Err(miette!("{text}"));
        }
        let township_category = match &args.township_category {
            Some(category) => Some(non_empty(category, "--township-category")?),
            None => None,
        };
        Ok(UnitFields {
            code,
            name,
            kind: args.kind,
            banner,
            township,
            township_category,
            period: args.period.clone(),
            institutions: args.institutions,
        })
    }
}

fn non_empty(value: &str, flag: &str) -> miette::Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(super::fail(&keys::FLAG_EMPTY, &[("flag", Arg::text(flag))]));
    }
    Ok(value.to_owned())
}

fn unknown_code(code: &str, flag: &str) -> miette::Report {
    let args = [("code", Arg::text(code)), ("flag", Arg::text(flag))];
    super::fail(&keys::AREA_UNKNOWN, &args)
}

/// `--schema-base`: a URL is used as it is; a directory is turned into a path relative to the
/// unit, since that is how the `$schema` line is resolved (from the file that holds it).
fn schema_base_from(given: &str, unit_dir: &Path) -> miette::Result<String> {
    if given.contains("://") {
        return Ok(given.trim_end_matches('/').to_owned());
    }
    relative_path(unit_dir, Path::new(given))
}

/// The nearest `schemas/` holding `unit.schema.json` at or above the unit; without one, the
/// `schemas/` beside the league's `jianfu.yaml` (or above the unit), with a hint to write it.
fn default_schema_base(unit_dir: &Path) -> miette::Result<String> {
    let unit_dir = absolute(unit_dir)?;
    let found = unit_dir
        .ancestors()
        .map(|dir| dir.join("schemas"))
        .find(|dir| dir.join("unit.schema.json").is_file());
    if let Some(dir) = found {
        return relative_path(&unit_dir, &dir);
    }
    let root = unit_dir
        .ancestors()
        .find(|dir| dir.join(crate::config::CONFIG_FILE).is_file())
        .or_else(|| unit_dir.parent())
        .unwrap_or(&unit_dir);
    let dir = root.join("schemas");
    let dir_arg = [("dir", Arg::text(dir.display().to_string()))];
    eprintln!(
        "{}",
        crate::wording::current().text(&keys::NO_SCHEMAS_NOTE, &dir_arg, Form::Yaml)
    );
    relative_path(&unit_dir, &dir)
}

/// `to` relative to `from`, both made absolute (and resolved when they exist), written with `/`.
fn relative_path(from: &Path, to: &Path) -> miette::Result<String> {
    let from = absolute(from)?;
    let to = absolute(to)?;
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        // Different roots (another drive): only an absolute path can name it.
        return Ok(to.to_string_lossy().replace('\\', "/"));
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    })
}

/// An absolute, lexically normalised form of `path`, resolved through symlinks when it exists.
fn absolute(path: &Path) -> miette::Result<PathBuf> {
    if let Ok(resolved) = std::fs::canonicalize(path) {
        return Ok(resolved);
    }
    let joined = std::path::absolute(path).into_diagnostic()?;
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// The whole text of one scaffolded file.
fn file_text(kind: Kind, base: &str, unit: &UnitFields) -> String {
    let mut text = format!(
        "# yaml-language-server: $schema={base}/{}.schema.json\n",
        kind.name()
    );
    text.push_str(section_comment(kind));
    match kind.section_key() {
        Some(key) => text.push_str(&format!("{key}: []\n")),
        None => text.push_str(&unit_body(unit)),
    }
    text
}

fn unit_body(unit: &UnitFields) -> String {
    let mut body = format!(
        "code: \"{}\"\nname: {}\nkind: {}\nbanner: {}\ntownship: {}\n",
        unit.code,
        yaml_text(&unit.name),
        unit.kind.name(),
        yaml_text(&unit.banner),
        yaml_text(&unit.township),
    );
    if let Some(category) = &unit.township_category {
        body.push_str(&format!("township_category: {}\n", yaml_text(category)));
    }
    body.push_str(&format!(
        "period: {}\ninstitutions: {}\n",
        unit.period, unit.institutions
    ));
    body.push_str(UNIT_OPTIONAL);
    body
}

/// A text as a YAML scalar: plain when that cannot be read as anything but the same text,
/// double-quoted (JSON's escapes are YAML's) otherwise.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_ascii()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "（）()《》〔〕·_、".contains(c))
        && text.chars().next().is_some_and(|c| !"(（".contains(c));
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

/// What belongs in each file, for the clerk who opens it: the comment under the schema line.
fn section_comment(kind: Kind) -> &'static str {
    match kind {
        Kind::Unit => {
            "# 单位基本信息：单位代码、名称、类型、所属旗县市和苏木乡镇街道、报告期、机构数量。\n\
             # 两委成员（cadres）和网格（grids）为可选项，可去掉下方注释按格式填写。\n"
        }
        Kind::Tasks => {
            "# 清理工作事务：本单位为上级部门承担的工作事务，每项写明事务名称（name）、派交单位（assigned_by）、\n\
             # 所在清单（list：duty 依法履职 / assist 依法协助 / none 不在清单）和县级准入文号（admission_ref，可选）。\n\
             # 本期没有此类事项时保留空列表，不要删除本文件。例如：\n\
             #   - name: 城乡居民医保参保动员\n\
             #     assigned_by: 扎赉特旗医疗保障局\n\
             #     list: assist\n\
             #     admission_ref: ZT-ZR-2024-017\n"
        }
        Kind::Signage => {
            "# 清理标识标牌：本单位悬挂的牌子、上墙制度和公示，每项写明名称（name）、位置（placement：exterior 外挂 /\n\
             # interior 室内）、类型（type：plaque 牌子 / board 制度职责上墙 / notice 公示 / warning 警示）、\n\
             # 制发单位（issued_by）和标识准入审批文号（approval_ref，可选）。本期没有时保留空列表，不要删除本文件。\n\
             # 例如：\n\
             #   - name: 中共巴彦淖尔嘎查支部委员会\n\
             #     placement: exterior\n\
             #     type: plaque\n\
             #     issued_by: 扎赉特旗委组织部\n\
             #     approval_ref: ZT-BS-2024-003\n"
        }
        Kind::Certificates => {
            "# 清理证明事项：本单位出具的证明，每项写明证明名称（name）、要求出具的单位（requested_by）、\n\
             # 出具依据（basis，法律法规，可选）和本期出具数量（issued_count）。本期没有时保留空列表，不要删除本文件。例如：\n\
             #   - name: 居住证明\n\
             #     requested_by: 扎赉特旗公安局\n\
             #     basis: 《居住证暂行条例》第九条\n\
             #     issued_count: 14\n"
        }
        Kind::Groups => {
            "# 清理微信群组：本单位干部被要求加入的工作群，每项写明群名称、平台、建群单位、用途、是否经批准、\n\
             # 成员数、建群日期、最近活跃日期、专项任务结束日期（可选）和对基层的要求（demands：checkin 打卡接龙 /\n\
             # screenshot 截图 / location 定位 / instant_reply 即时响应 / after_hours 下班和节假日布置工作）。\n\
             # 本期没有时保留空列表，不要删除本文件。例如：\n\
             #   - name: 音德尔镇嘎查书记工作群\n\
             #     platform: wechat\n\
             #     created_by: 音德尔镇党委\n\
             #     purpose: 工作通知\n\
             #     approved: true\n\
             #     members: 58\n\
             #     created: 2024-01-05\n\
             #     last_active: 2025-06-20\n\
             #     demands: []\n"
        }
        Kind::Reports => {
            "# 清理报表台账档案：本单位要填报的报表、要建立的台账和档案，每项写明名称、种类（kind：report 报表 /\n\
             # ledger 台账 / archive 档案）、要求单位、填报频次、依据（可选）、填报渠道、字段、时限（小时，可选）\n\
             # 和是否列入档案清单（on_archive_list，可选）。本期没有时保留空列表，不要删除本文件。例如：\n\
             #   - name: 流动人口登记表\n\
             #     kind: report\n\
             #     requested_by: 扎赉特旗公安局\n\
             #     frequency: monthly\n\
             #     channel: 一表通\n\
             #     fields: [姓名, 身份证号, 流入时间, 现住址]\n"
        }
        Kind::Meetings => {
            "# 精简会议：本期本单位干部参加的上级会议，每项写明会议名称（title）、日期、召集单位、层级（level：\n\
             # league 盟级 / banner 旗县级 / township 苏木乡镇级）、类型（purpose：work 工作会议 / relay 传达会议精神 /\n\
             # training 培训 / other 其他）、时长（分钟）、参会人数和准备材料字数（可选）。本期没有时保留空列表，\n\
             # 不要删除本文件。例如：\n\
             #   - title: 全旗人居环境整治推进会\n\
             #     date: 2025-05-10\n\
             #     convened_by: 扎赉特旗农牧局\n\
             #     level: banner\n\
             #     purpose: work\n\
             #     duration_minutes: 150\n\
             #     attendees: 2\n"
        }
        Kind::Inspections => {
            "# 清理考核检查：本期到本单位的督查、检查、考核和评比，每项写明名称、类型（type：supervision 督查 /\n\
             # inspection 检查 / assessment 考核 / evaluation 评比）、实施单位（by）、日期、年度计划编号（plan_ref，\n\
             # 可选）、对基层的要求（demands：trace_materials 留痕资料 / photos 拍照 / meeting_records 会议记录 /\n\
             # study_notes 学习笔记 / forms 临时填表）和指标数（indicators，可选）。本期没有时保留空列表，不要删除本文件。例如：\n\
             #   - name: 人居环境整治专项督查\n\
             #     type: supervision\n\
             #     by: 扎赉特旗农牧局\n\
             #     date: 2025-04-21\n\
             #     demands: []\n"
        }
    }
}

/// The optional lists of `unit.yaml`, commented out, in the format's own words.
const UNIT_OPTIONAL: &str = "\
# 两委成员（可选）：
# cadres:
#   - name: 包金山
#     role: 党支部书记
#     last_health_check: 2024-06-12   # 可选：最近一次体检日期
# 网格（可选）：
# grids:
#   - id: G01
#     workers: 2                      # 网格员人数
#     leader_contact: 白玉清          # 可选：联系该网格的乡镇领导
";

#[cfg(test)]
mod tests {
    use super::*;

    /// The comments list codes with their labels (`exterior 外挂`): each the vocabulary's, so the
    /// file `init` writes, the template's drop-downs and the reports agree.
    #[test]
    fn the_comments_label_codes_as_the_vocabulary_does() {
        let pattern = regex::Regex::new(r"\b([a-z_]+) (\p{Han}+)").unwrap();
        let mut checked = 0;
        for kind in Kind::ALL {
            for found in pattern.captures_iter(section_comment(kind)) {
                if let Some(zh) = crate::inventory::vocabulary::label(&found[1]) {
                    assert_eq!(&found[2], zh, "{}: `{}`", kind.name(), &found[1]);
                    checked += 1;
                }
            }
        }
        assert!(checked >= 30, "only {checked} labelled codes found");
    }

    #[test]
    fn names_that_yaml_would_misread_are_quoted() {
        assert_eq!(yaml_text("巴彦淖尔嘎查"), "巴彦淖尔嘎查");
        assert_eq!(yaml_text("第三网格（东区）"), "第三网格（东区）");
        // ASCII-only text could be a number, a boolean or null.
        assert_eq!(yaml_text("123"), "\"123\"");
        assert_eq!(yaml_text("yes"), "\"yes\"");
        // `: ` and `#` mean something in YAML.
        assert_eq!(yaml_text("东区: 一组"), "\"东区: 一组\"");
        assert_eq!(yaml_text("东区 #1"), "\"东区 #1\"");
    }

    #[test]
    fn periods_must_be_quarters() {
        assert!(parse_period("2025-Q2").is_ok());
        assert!(parse_period("2025-Q5").is_err());
        assert!(parse_period("2025Q2").is_err());
        assert!(parse_period("２０２５-Q2").is_err());
    }

    #[test]
    fn relative_paths_climb_to_the_common_directory() {
        let root = std::env::temp_dir();
        let from = root.join("jianfu-init-rel/2025-Q2/152223100201");
        let to = root.join("jianfu-init-rel/schemas");
        assert_eq!(relative_path(&from, &to).unwrap(), "../../schemas");
    }
}
