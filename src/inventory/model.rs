//! The inventory format, version 1 (docs/inventory.md), as one serde + schemars model.
//!
//! These types are the single source of the format: `jianfu schema <kind>` prints the JSON
//! Schema generated from them, and [`super::validate`] checks files against that same schema, so
//! what an editor enforces while a clerk types is exactly what the checker enforces. Doc comments
//! become the schema's descriptions (Chinese first, then English) and appear in editor hovers.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A calendar date written `YYYY-MM-DD` (日期).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Date(pub String);

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "日期 YYYY-MM-DD — a date written YYYY-MM-DD"
        })
    }
}

/// 单位基本信息 — who the unit is, the period, its organisations, cadres and grids.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 12位统计用区划代码（YAML 中写成带引号的字符串；工作簿中是文本格式的单元格，直接填写数字）—
    /// the 12-digit statistical division code: a quoted string in YAML, a text cell in a workbook.
    pub code: String,
    /// 单位名称 — the unit's name.
    pub name: String,
    /// 单位类型 — village (嘎查村) or community (社区).
    pub kind: UnitKind,
    /// 所属旗县市 — the banner, county or city.
    pub banner: String,
    /// 所属苏木乡镇街道 — the township, sumu or subdistrict.
    pub township: String,
    /// 苏木乡镇分类管理类别（可选）— the township's category in 分类管理 (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township_category: Option<String>,
    /// 报告期，如 2025-Q2 — the reporting period, YYYY-Qn.
    #[schemars(pattern(r"^[0-9]{4}-Q[1-4]$"))]
    pub period: String,
    /// 机构数量（≥1）— the number of organisations in the unit, at least 1.
    #[schemars(range(min = 1))]
    pub institutions: u32,
    /// 两委成员（可选）— members of the 两委 (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadres: Option<Vec<Cadre>>,
    /// 网格（可选）— grids (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grids: Option<Vec<Grid>>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 嘎查村 — a village.
    Village,
    /// 社区 — an urban community.
    Community,
}

/// 两委成员 — a member of the village or community committees.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cadre {
    /// 姓名 — name.
    pub name: String,
    /// 职务 — role.
    pub role: String,
    /// 最近一次体检日期（可选）— the day of the last health check (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_health_check: Option<Date>,
}

/// 网格 — a service grid.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// 网格编号 — grid id.
    pub id: String,
    /// 网格员人数（≥0）— number of grid workers.
    pub workers: u32,
    /// 联系该网格的乡镇领导（可选）— the township leader who contacts this grid (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_contact: Option<String>,
}

/// 工作事务清单 — work affairs the unit carries out for others (清理工作事务).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TasksFile {
    /// 工作事务 — the tasks.
    pub tasks: Vec<Task>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// 事务名称 — the task's name.
    pub name: String,
    /// 派交单位 — the body that handed the task down.
    pub assigned_by: String,
    /// 所在清单 — duty (依法履职), assist (依法协助) or none (不在清单).
    pub list: TaskList,
    /// 县级准入或统一部署文号（可选）— the county-level admission reference (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_ref: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskList {
    /// 依法履职事项 — on the list of duties.
    Duty,
    /// 依法协助事项 — on the list of assisting tasks.
    Assist,
    /// 不在清单 — on no list.
    None,
}

/// 标识标牌清单 — plaques, signs and wall boards (清理标识标牌).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignageFile {
    /// 标识标牌 — the signs.
    pub signs: Vec<Sign>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    /// 名称 — the sign's text.
    pub name: String,
    /// 位置 — exterior (外挂) or interior (室内).
    pub placement: Placement,
    /// 类型 — plaque (牌子), board (制度职责上墙), notice (公示), warning (警示).
    #[serde(rename = "type")]
    pub kind: SignKind,
    /// 制发单位 — the body that issued it.
    pub issued_by: String,
    /// 标识准入审批文号（可选）— the signage admission approval (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_ref: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// 外挂 — outside the door.
    Exterior,
    /// 室内 — inside.
    Interior,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignKind {
    /// 牌子 — a plaque.
    Plaque,
    /// 制度职责上墙 — rules, duties or staff on the wall.
    Board,
    /// 公示 — a public notice.
    Notice,
    /// 警示 — a warning sign.
    Warning,
}

/// 证明事项清单 — certificates the unit issues (清理证明事项).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificatesFile {
    /// 证明事项 — the certificates.
    pub certificates: Vec<Certificate>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    /// 证明名称 — the certificate's name.
    pub name: String,
    /// 要求出具单位 — the body that asks residents for the certificate, which is the one to stop
    /// asking when the unit should not issue it (optional in files written before it existed:
    /// CERT-003 warns when it is missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_by: Option<String>,
    /// 出具依据（法律法规，可选）— the law or regulation that lets the unit issue it (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 本期出具数量（≥0）— how many were issued in the period.
    pub issued_count: u32,
}

/// 工作群组清单 — work groups the unit's cadres must be in (清理微信群组).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupsFile {
    /// 工作群组 — the groups.
    pub groups: Vec<Group>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// 群名称 — the group's name.
    pub name: String,
    /// 平台 — wechat, dingtalk, qq, zwwx (政务微信) or other.
    pub platform: Platform,
    /// 建群单位 — the body that created it.
    pub created_by: String,
    /// 用途 — what it is for.
    pub purpose: String,
    /// 是否经批准设立 — set up with approval.
    pub approved: bool,
    /// 成员数（≥0）— members.
    pub members: u32,
    /// 建群日期 — the day it was created.
    pub created: Date,
    /// 最近活跃日期 — the last day it was active.
    pub last_active: Date,
    /// 专项任务结束日期（可选）— for a group set up for one task, the day the task ended (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_end: Option<Date>,
    /// 对基层的要求 — demands made of members.
    pub demands: Vec<GroupDemand>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// 微信 — WeChat.
    Wechat,
    /// 钉钉 — DingTalk.
    Dingtalk,
    /// QQ.
    Qq,
    /// 政务微信 — government WeChat.
    Zwwx,
    /// 其他 — other.
    Other,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GroupDemand {
    /// 打卡接龙 — check-ins.
    Checkin,
    /// 截图 — screenshots.
    Screenshot,
    /// 定位 — location sharing.
    Location,
    /// 即时响应 — instant replies.
    InstantReply,
    /// 下班和节假日布置工作 — work after hours and on holidays.
    AfterHours,
}

/// 报表台账档案清单 — reports, ledgers and archives (清理报表台账档案).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportsFile {
    /// 报表台账档案 — the reports.
    pub reports: Vec<Report>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// 名称 — the report's name.
    pub name: String,
    /// 类别 — report (报表), ledger (台账) or archive (档案).
    pub kind: ReportKind,
    /// 要求单位 — the body that requires it.
    pub requested_by: String,
    /// 频次 — how often it is filled.
    pub frequency: Frequency,
    /// 依据（可选）— the basis (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// 填报渠道，如 一表通 — the system or way it is filled.
    pub channel: String,
    /// 填报字段 — the fields asked for.
    pub fields: Vec<String>,
    /// 填报时限（小时，可选）— the time given to fill it, in hours (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_hours: Option<u32>,
    /// 是否在档案清单内（档案，可选）— for archives, whether it is on the 档案清单 (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_archive_list: Option<bool>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 报表 — a report.
    Report,
    /// 台账 — a ledger.
    Ledger,
    /// 档案 — an archive.
    Archive,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// 每日 — daily.
    Daily,
    /// 每周 — weekly.
    Weekly,
    /// 每月 — monthly.
    Monthly,
    /// 每季度 — quarterly.
    Quarterly,
    /// 每半年 — every half year.
    Semiannual,
    /// 每年 — yearly.
    Annual,
    /// 不定期 — ad hoc.
    Adhoc,
}

/// 会议清单 — meetings called by others that the unit attended (会议).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingsFile {
    /// 会议 — the meetings.
    pub meetings: Vec<Meeting>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// 会议名称 — the meeting's title.
    pub title: String,
    /// 日期 — the day.
    pub date: Date,
    /// 召集单位 — the body that convened it.
    pub convened_by: String,
    /// 层级 — league, banner or township.
    pub level: MeetingLevel,
    /// 性质 — work, relay (传达会议精神), training or other.
    pub purpose: MeetingPurpose,
    /// 时长（分钟）— length in minutes.
    pub duration_minutes: u32,
    /// 参会人数 — people the unit sent.
    pub attendees: u32,
    /// 需准备材料字数（可选）— length of the materials the unit had to prepare (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub materials_chars: Option<u32>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingLevel {
    /// 盟级 — league.
    League,
    /// 旗县级 — banner.
    Banner,
    /// 苏木乡镇级 — township.
    Township,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingPurpose {
    /// 工作会议 — a working meeting.
    Work,
    /// 传达会议精神 — relaying another meeting.
    Relay,
    /// 培训 — training.
    Training,
    /// 其他 — other.
    Other,
}

/// 督查检查考核清单 — supervision, inspection, assessment and evaluation; 清理考核检查.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InspectionsFile {
    /// 督查检查考核 — the inspections.
    pub inspections: Vec<Inspection>,
}

#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// 名称 — the inspection's name.
    pub name: String,
    /// 类型 — supervision (督查), inspection (检查), assessment (考核) or evaluation (评比).
    #[serde(rename = "type")]
    pub kind: InspectionKind,
    /// 实施单位 — the body that carried it out.
    pub by: String,
    /// 日期 — the day.
    pub date: Date,
    /// 年度督检考计划编号（可选）— the item in the annual plan (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_ref: Option<String>,
    /// 对基层的要求 — demands made of the unit.
    pub demands: Vec<InspectionDemand>,
    /// 考核指标数（可选）— number of scored indicators (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators: Option<u32>,
    /// 是否单独建立考核体系（可选）— a separate assessment system built for villages (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separate_system: Option<bool>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    /// 督查 — supervision.
    Supervision,
    /// 检查 — inspection.
    Inspection,
    /// 考核 — assessment.
    Assessment,
    /// 评比 — evaluation.
    Evaluation,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionDemand {
    /// 留痕资料 — trace materials.
    TraceMaterials,
    /// 拍照 — photos.
    Photos,
    /// 会议记录 — meeting records.
    MeetingRecords,
    /// 学习笔记 — study notes.
    StudyNotes,
    /// 临时填表 — ad-hoc forms.
    Forms,
}
