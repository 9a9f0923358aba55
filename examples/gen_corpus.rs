//! `gen_corpus`: a synthetic league (or, at scale, a province) of units in inventory format v1,
//! for benchmarks and end-to-end tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --units 1000 --seed 1 --out /tmp/league
//! ```
//!
//! The tree is laid out like `examples/xingan`: `OUT/<banner>/<township>/<unit code>-<name>/`
//! with `unit.yaml` and the seven section files, every section populated, 5–15 KB a unit.
//! Townships are real, from the division table the checker carries (`src/inventory/codes.rs`):
//! Xing'an League's first, then the rest of Inner Mongolia, then the rest of China, so SUBMIT-004
//! stays quiet at any scale up to China's 600,000 villages and communities.
//!
//! `--violations PCT` units in a hundred (spread evenly through the corpus) break one to three
//! policy rules each; the rules are taken in turn from every rule of the default pack, so a
//! large corpus breaks each about equally often. Every other unit is clean: no finding of any
//! rule. No file is malformed (no SUBMIT finding), so the corpus measures the rules.
//!
//! Output is a pure function of (`--units`, `--seed`, `--violations`): the generator carries its
//! own small PRNG (SplitMix64) rather than a crate whose streams may change between versions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate, Weekday};
use clap::Parser;
use rayon::prelude::*;

/// Generate a synthetic corpus of inventory units.
#[derive(Debug, Parser)]
struct Args {
    /// Number of units
    #[arg(long)]
    units: usize,
    /// Seed: the same seed gives the same bytes
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (created; must be empty or absent)
    #[arg(long)]
    out: PathBuf,
    /// Share of units, in percent, that carry violations
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(0..=100))]
    violations: u32,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let corpus = match Corpus::new(args.units, args.seed, args.violations) {
        Ok(corpus) => corpus,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            return ExitCode::from(2);
        }
    };
    match write_corpus(&corpus, &args.out) {
        Ok(summary) => {
            println!(
                "{} units ({} with violations), {} files, {:.1} MB in {}",
                summary.units,
                summary.violating,
                summary.files,
                summary.bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_corpus: {}: {error}", args.out.display());
            ExitCode::from(2)
        }
    }
}

/// The rules a violating unit may break, in the order they are handed out.
pub const RULES: &[&str] = &[
    "TASK-001",
    "TASK-002",
    "TASK-003",
    "SIGN-001",
    "SIGN-002",
    "SIGN-003",
    "SIGN-004",
    "SIGN-005",
    "CERT-001",
    "CERT-002",
    "GROUP-001",
    "GROUP-002",
    "GROUP-003",
    "GROUP-004",
    "GROUP-005",
    "GROUP-006",
    "GROUP-007",
    "REPORT-001",
    "REPORT-002",
    "REPORT-003",
    "REPORT-004",
    "REPORT-005",
    "REPORT-006",
    "MEET-001",
    "MEET-002",
    "MEET-003",
    "MEET-004",
    "MEET-005",
    "INSPECT-001",
    "INSPECT-002",
    "INSPECT-003",
    "INSPECT-004",
    "INSPECT-005",
    "INSPECT-006",
    "SUPPORT-001",
    "SUPPORT-002",
];

/// Average units a township gets before another township is opened.
const UNITS_PER_TOWNSHIP: usize = 25;
/// Most units one township can hold (community suffixes 001–199).
const MAX_PER_TOWNSHIP: usize = 199;

/// What to generate.
pub struct Corpus {
    units: usize,
    seed: u64,
    violations: u32,
    townships: Vec<Township>,
}

/// One unit: where it goes, its files, and the rules it was made to break.
pub struct GeneratedUnit {
    /// Relative to the output directory.
    pub dir: PathBuf,
    pub files: Vec<(&'static str, String)>,
    pub rules: Vec<&'static str>,
}

/// What [`write_corpus`] wrote.
pub struct Summary {
    pub units: usize,
    pub violating: usize,
    pub files: usize,
    pub bytes: u64,
}

impl Corpus {
    pub fn new(units: usize, seed: u64, violations: u32) -> Result<Corpus, String> {
        let pool = township_pool();
        let wanted = units.div_ceil(UNITS_PER_TOWNSHIP).clamp(1, pool.len());
        if units.div_ceil(wanted) > MAX_PER_TOWNSHIP {
            return Err(format!(
                "at most {} units fit the township table",
                wanted * MAX_PER_TOWNSHIP
            ));
        }
        let townships = pool.into_iter().take(wanted).collect();
        Ok(Corpus {
            units,
            seed,
            violations: violations.min(100),
            townships,
        })
    }

    /// The rules unit `index` breaks: none for a clean unit.
    pub fn rules_of(&self, index: usize) -> Vec<&'static str> {
        let share = |i: usize| i * self.violations as usize / 100;
        if share(index + 1) == share(index) {
            return Vec::new();
        }
        // The v-th violating unit breaks 1, 2 or 3 rules, continuing where the last one stopped.
        let v = share(index);
        let count = 1 + v % 3;
        let start = 6 * (v / 3) + [0, 1, 3][v % 3];
        (0..count)
            .map(|j| RULES[(start + j) % RULES.len()])
            .collect()
    }

    /// Unit `index`, a pure function of the corpus settings and the index.
    pub fn unit(&self, index: usize) -> GeneratedUnit {
        let mut rng = Rng::new(self.seed, index as u64);
        let township = &self.townships[index % self.townships.len()];
        let within = index / self.townships.len();
        let rules = self.rules_of(index);
        let mut unit = UnitData::clean(&mut rng, township, within);
        for rule in &rules {
            unit.violate(&mut rng, rule);
        }
        GeneratedUnit {
            dir: PathBuf::from(format!("{}-{}", township.banner_code, township.banner_name))
                .join(format!("{}-{}", township.code, township.name))
                .join(format!("{}-{}", unit.code, unit.name)),
            files: unit.render(),
            rules,
        }
    }
}

/// Write every unit under `out`, in parallel; the bytes do not depend on scheduling.
pub fn write_corpus(corpus: &Corpus, out: &Path) -> std::io::Result<Summary> {
    if out
        .read_dir()
        .is_ok_and(|mut entries| entries.next().is_some())
    {
        return Err(std::io::Error::other(
            "the output directory is not empty; remove it or choose another",
        ));
    }
    let written: std::io::Result<Vec<(bool, usize, u64)>> = (0..corpus.units)
        .into_par_iter()
        .map(|index| {
            let unit = corpus.unit(index);
            let dir = out.join(&unit.dir);
            std::fs::create_dir_all(&dir)?;
            let mut bytes = 0;
            for (name, text) in &unit.files {
                std::fs::write(dir.join(name), text)?;
                bytes += text.len() as u64;
            }
            Ok((!unit.rules.is_empty(), unit.files.len(), bytes))
        })
        .collect();
    let written = written?;
    Ok(Summary {
        units: written.len(),
        violating: written.iter().filter(|w| w.0).count(),
        files: written.iter().map(|w| w.1).sum(),
        bytes: written.iter().map(|w| w.2).sum(),
    })
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64: tiny, fast, and its stream is fixed forever.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below((hi - lo + 1) as usize) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `k` distinct indices below `n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    fn person(&mut self) -> String {
        if self.chance(35) {
            (*self.pick(MONGOLIAN_NAMES)).to_owned()
        } else {
            format!("{}{}", self.pick(SURNAMES), self.pick(GIVEN_NAMES))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Places

/// A township of the bureau's division table, with its banner.
struct Township {
    banner_code: &'static str,
    banner_name: &'static str,
    /// Prefix of reference numbers (`ZT-ZR-2024-017`).
    abbrev: String,
    code: &'static str,
    name: &'static str,
    street: bool,
}

/// Prefixes of reference numbers for Xing'an League's banners; other banners use their code.
const XINGAN_ABBREVS: &[(&str, &str)] = &[
    ("152201", "WH"),
    ("152202", "AE"),
    ("152221", "KQ"),
    ("152222", "KZ"),
    ("152223", "ZT"),
    ("152224", "TQ"),
];

/// Real townships from the division table the checker carries (`jianfu::inventory::codes`):
/// Xing'an League's first, then the rest of Inner Mongolia, then every other province, so that
/// any corpus up to national scale has real codes and names and SUBMIT-004 stays quiet. Farms,
/// parks and other special areas (township digits 400 and above) are left out: they hold no
/// residents' or villagers' committees of their own in this corpus.
fn township_pool() -> Vec<Township> {
    use jianfu::inventory::codes::{table_name, within};
    let xingan = within("1522", 9);
    let inner_mongolia = within("15", 9)
        .into_iter()
        .filter(|(code, _)| !code.starts_with("1522"));
    let elsewhere = within("", 9)
        .into_iter()
        .filter(|(code, _)| !code.starts_with("15"));
    xingan
        .into_iter()
        .chain(inner_mongolia)
        .chain(elsewhere)
        .filter(|(code, _)| code[6..].parse::<u16>().is_ok_and(|n| n < 400))
        .filter_map(|(code, name)| {
            let banner_code = &code[..6];
            let abbrev = XINGAN_ABBREVS
                .iter()
                .find(|(c, _)| *c == banner_code)
                .map_or_else(|| format!("Q{banner_code}"), |(_, a)| (*a).to_owned());
            Some(Township {
                banner_code,
                banner_name: table_name(banner_code)?,
                abbrev,
                code,
                name,
                street: name.ends_with("街道"),
            })
        })
        .collect()
}

/// Place-name stems, for villages and communities.
#[rustfmt::skip]
const STEMS: &[&str] = &[
    "巴彦", "乌兰", "宝力根", "查干", "哈拉", "额尔敦", "敖包", "新发", "永丰", "长胜", "太平", "东升",
    "红光", "前进", "胜利", "团结", "和平", "兴隆", "丰收", "吉祥", "福兴", "德胜", "三合", "双山",
    "五道", "六合", "七星", "联合", "富民", "新华", "建设", "幸福", "安居", "白音", "都兰", "图门",
    "阿拉坦", "那仁", "沙力", "呼和", "乌力吉", "西拉", "达赉", "宝音图", "毛都", "好田", "金山", "平安",
    "新立", "向阳",
];

// ---------------------------------------------------------------------------------------------
// Names and templates

#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "田",
    "董", "于", "蒋", "杜", "程", "苏", "魏", "吕", "丁", "任", "姚", "崔", "白", "包", "齐", "金",
];

#[rustfmt::skip]
const GIVEN_NAMES: &[&str] = &[
    "建国", "志强", "海军", "玉兰", "桂芳", "红霞", "秀英", "丽娟", "文斌", "国庆", "春梅", "晓东",
    "永明", "振华", "淑珍", "金山", "立新", "德胜", "凤霞", "志勇", "玉清", "海燕", "宏伟", "丽华",
    "俊峰", "秀兰", "树林", "长江", "春华", "雪梅",
];

#[rustfmt::skip]
const MONGOLIAN_NAMES: &[&str] = &[
    "图门巴雅尔", "宝音", "斯琴", "乌力吉", "额尔敦", "苏和", "巴特尔", "朝鲁", "那仁花", "萨仁",
    "其其格", "阿拉坦仓", "敖特根", "哈斯", "毕力格", "孟和", "乌云", "格日勒", "吉日嘎拉", "达来",
];

/// Departments of a banner (`{banner}{dept}`).
const DEPARTMENTS: &[&str] = &[
    "医疗保障局",
    "公安局",
    "民政局",
    "农牧局",
    "卫生健康委员会",
    "林业和草原局",
    "退役军人事务局",
    "人力资源和社会保障局",
    "文化旅游体育局",
    "应急管理局",
    "水利局",
    "残疾人联合会",
    "乡村振兴局",
    "司法局",
];

/// (task name, index into DEPARTMENTS or `None` for the township's Party committee).
const TASKS: &[(&str, Option<usize>)] = &[
    ("城乡居民医保参保动员", Some(0)),
    ("流动人口信息采集", Some(1)),
    ("防范电信网络诈骗宣传入户", Some(1)),
    ("高龄津贴资格认证", Some(2)),
    ("农村低保对象动态调查", Some(2)),
    ("耕地地力保护补贴面积核实", Some(3)),
    ("动物防疫强制免疫协助", Some(3)),
    ("家庭医生签约服务宣传", Some(4)),
    ("适龄儿童疫苗接种通知", Some(4)),
    ("森林草原防火宣传", Some(5)),
    ("草原生态补奖政策宣传", Some(5)),
    ("退役军人信息采集", Some(6)),
    ("城乡居民养老保险参保缴费动员", Some(7)),
    ("公共文化活动组织", Some(8)),
    ("防汛抗旱隐患排查协助", Some(9)),
    ("农村饮水安全巡查", Some(10)),
    ("残疾人两项补贴初审", Some(11)),
    ("防止返贫动态监测", Some(12)),
    ("人民调解", Some(13)),
    ("普法宣传进村入户", Some(13)),
    ("村级党组织换届准备", None),
    ("集体经济发展项目申报", None),
    ("人居环境整治", None),
    ("党员教育管理", None),
];

/// Tasks on no list, for TASK-001.
const UNLISTED_TASKS: &[(&str, usize)] = &[
    ("文旅景区推介问卷代填", 8),
    ("商业保险推销协助", 0),
    ("各类创建活动迎检材料准备", 4),
];

/// Tasks on the negative list, for TASK-002.
const NEGATIVE_TASKS: &[(&str, usize)] = &[
    ("协助拆违巡查", 9),
    ("招商引资项目对接", 12),
    ("协税护税宣传", 13),
    ("征地补偿登记", 3),
];

const INTERIOR_PLAQUES: &[&str] = &[
    "党员活动室",
    "新时代文明实践站",
    "便民服务站",
    "妇女之家",
    "老年活动室",
    "农家书屋",
    "卫生室",
    "人民调解委员会",
    "退役军人服务站",
    "儿童之家",
];

const NOTICES: &[&str] = &["党务公开栏", "财务公开栏", "政务公开栏", "便民服务指南"];
const WARNINGS: &[&str] = &["森林草原防火警示牌", "防溺水警示牌", "高压线路警示牌"];

/// (name, basis) of certificates a unit may issue.
const CERTIFICATES: &[(&str, &str)] = &[
    ("居住证明", "《居住证暂行条例》第九条"),
    (
        "土地承包经营权证明",
        "《中华人民共和国农村土地承包法》第二十四条",
    ),
    (
        "宅基地使用情况证明",
        "《中华人民共和国土地管理法》第六十二条",
    ),
    ("林木权属证明", "《中华人民共和国森林法》第二十条"),
    ("草原承包经营证明", "《中华人民共和国草原法》第十三条"),
    (
        "村集体经济组织成员证明",
        "《中华人民共和国农村集体经济组织法》第十二条",
    ),
    ("困难群众临时救助情况说明", "《社会救助暂行办法》第四十八条"),
];

/// Certificates on the negative list, for CERT-001 (given a basis so CERT-002 stays quiet).
const NEGATIVE_CERTIFICATES: &[&str] = &[
    "亲属关系证明",
    "无犯罪记录证明",
    "婚姻状况证明",
    "出生证明",
    "健在证明",
];

/// (group name suffix, department or `None` for the township, purpose).
const GROUPS: &[(&str, Option<usize>, &str)] = &[
    ("嘎查村书记工作群", None, "工作通知"),
    ("医保征缴工作群", Some(0), "医保征缴"),
    ("流动人口信息报送群", Some(1), "流动人口报送"),
    ("民政业务工作群", Some(2), "民政业务"),
    ("农牧业生产工作群", Some(3), "农牧业生产调度"),
    ("防火工作群", Some(5), "森林草原防火"),
    ("网格员工作群", None, "网格管理"),
    ("乡村振兴工作群", Some(12), "乡村振兴"),
];

const PLATFORMS: &[&str] = &["wechat", "wechat", "dingtalk", "zwwx", "qq"];

/// A report template: name, kind, department (`None`: the township), frequency, basis, fields.
struct ReportTemplate {
    name: &'static str,
    kind: &'static str,
    dept: Option<usize>,
    frequency: &'static str,
    basis: &'static str,
    fields: &'static [&'static str],
}

const REPORTS: &[ReportTemplate] = &[
    ReportTemplate {
        name: "城乡居民医保参保台账",
        kind: "ledger",
        dept: Some(0),
        frequency: "monthly",
        basis: "《中华人民共和国社会保险法》第二十五条",
        fields: &["户主姓名", "身份证号", "家庭人口", "已参保人数", "缴费金额"],
    },
    ReportTemplate {
        name: "最低生活保障对象动态管理台账",
        kind: "ledger",
        dept: Some(2),
        frequency: "quarterly",
        basis: "《社会救助暂行办法》第十一条",
        fields: &["保障户主", "保障人口", "保障金额", "致贫原因", "复核日期"],
    },
    ReportTemplate {
        name: "耕地地力保护补贴面积统计表",
        kind: "report",
        dept: Some(3),
        frequency: "annual",
        basis: "《耕地地力保护补贴资金管理办法》",
        fields: &["承包户", "承包面积", "补贴面积", "补贴标准", "开户银行"],
    },
    ReportTemplate {
        name: "退役军人信息采集表",
        kind: "report",
        dept: Some(6),
        frequency: "annual",
        basis: "《中华人民共和国退役军人保障法》第十四条",
        fields: &["退役军人姓名", "入伍时间", "退役时间", "安置方式"],
    },
    ReportTemplate {
        name: "高龄津贴发放台账",
        kind: "ledger",
        dept: Some(2),
        frequency: "quarterly",
        basis: "《内蒙古自治区老年人权益保障条例》",
        fields: &["老人姓名", "出生年月", "津贴标准", "发放月份", "领取方式"],
    },
    ReportTemplate {
        name: "森林草原防火巡查台账",
        kind: "ledger",
        dept: Some(5),
        frequency: "monthly",
        basis: "《森林防火条例》第二十条",
        fields: &["巡查日期", "巡查路线", "巡查人员", "火险隐患", "处置情况"],
    },
    ReportTemplate {
        name: "重大事项决策记录档案",
        kind: "archive",
        dept: None,
        frequency: "annual",
        basis: "《中国共产党农村基层组织工作条例》",
        fields: &["会议时间", "参会人员", "议题", "决议"],
    },
    ReportTemplate {
        name: "党员发展档案",
        kind: "archive",
        dept: None,
        frequency: "annual",
        basis: "《中国共产党发展党员工作细则》",
        fields: &["党员姓名", "入党时间", "入党介绍人", "培养考察记录"],
    },
    ReportTemplate {
        name: "人口流动情况季报",
        kind: "report",
        dept: Some(1),
        frequency: "quarterly",
        basis: "《居住证暂行条例》第六条",
        fields: &["流入人数", "流出人数", "统计日期", "流入来源地"],
    },
    ReportTemplate {
        name: "农村牧区饮水安全情况统计表",
        kind: "report",
        dept: Some(10),
        frequency: "semiannual",
        basis: "《内蒙古自治区农村牧区饮用水供水条例》",
        fields: &["水源类型", "供水户数", "水质检测结果", "管护人员"],
    },
    ReportTemplate {
        name: "残疾人两项补贴审核台账",
        kind: "ledger",
        dept: Some(11),
        frequency: "quarterly",
        basis: "《中华人民共和国残疾人保障法》第四十八条",
        fields: &["残疾人姓名", "残疾等级", "补贴类别", "审核意见"],
    },
    ReportTemplate {
        name: "集体经济收支台账",
        kind: "ledger",
        dept: None,
        frequency: "monthly",
        basis: "《农村集体经济组织财务制度》",
        fields: &["收支日期", "收支项目", "收支金额", "经手人", "审核人"],
    },
];

/// (title, department or `None` for the township, level, purpose).
const MEETINGS: &[(&str, Option<usize>, &str, &str)] = &[
    ("人居环境整治推进会", Some(3), "banner", "work"),
    ("城乡居民医保征缴推进会", Some(0), "banner", "work"),
    ("月度工作例会", None, "township", "work"),
    ("春播生产调度会", Some(3), "banner", "work"),
    ("森林草原防火工作部署会", Some(5), "banner", "work"),
    ("乡村振兴业务培训班", Some(12), "league", "training"),
    ("网格化服务管理培训会", None, "township", "training"),
    ("防汛抗旱工作会议", Some(9), "banner", "work"),
    ("退役军人服务保障工作会", Some(6), "banner", "work"),
    ("民生实事项目推进会", None, "township", "work"),
];

/// (name, type, department or `None` for the Party organisation department).
const INSPECTIONS: &[(&str, &str, Option<usize>)] = &[
    ("人居环境整治专项督查", "supervision", Some(3)),
    ("基层党建工作考核", "assessment", None),
    ("嘎查村星级管理评比", "evaluation", None),
    ("森林草原防火检查", "inspection", Some(5)),
    ("乡村振兴实绩考核", "assessment", Some(12)),
    ("社会救助政策落实督查", "supervision", Some(2)),
];

const CATEGORIES: &[&str] = &["农牧业类", "综合镇域类", "城郊融合类", "生态保护类"];

// ---------------------------------------------------------------------------------------------
// The calendar of 2025-Q2 (the State Council's calendar, as in policies/meetings.yaml)

const PERIOD: &str = "2025-Q2";

fn is_holiday(date: NaiveDate) -> bool {
    let (m, d) = (date.month(), date.day());
    matches!((m, d), (4, 4..=6) | (5, 1..=5) | (5, 31) | (6, 1..=2))
}

fn is_workday(date: NaiveDate) -> bool {
    let make_up = date == NaiveDate::from_ymd_opt(2025, 4, 27).unwrap_or_default();
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    !is_holiday(date) && (!weekend || make_up)
}

/// A day of `month` (4, 5 or 6) of 2025 that is a workday, or a rest day.
fn day_in(rng: &mut Rng, month: u32, workday: bool) -> String {
    loop {
        let day = rng.range(1, 30);
        if let Some(date) = NaiveDate::from_ymd_opt(2025, month, day)
            && is_workday(date) == workday
        {
            return date.format("%Y-%m-%d").to_string();
        }
    }
}

fn date(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

// ---------------------------------------------------------------------------------------------
// A unit as data, made clean, then broken rule by rule

struct Task {
    name: String,
    assigned_by: String,
    list: &'static str,
    admission_ref: Option<String>,
}

struct Sign {
    name: String,
    placement: &'static str,
    kind: &'static str,
    issued_by: String,
    approval_ref: Option<String>,
}

struct Certificate {
    name: String,
    /// The department that asks residents for it.
    requested_by: String,
    basis: Option<String>,
    issued_count: u32,
}

struct Group {
    name: String,
    platform: &'static str,
    created_by: String,
    purpose: String,
    approved: bool,
    members: u32,
    created: String,
    last_active: String,
    task_end: Option<String>,
    demands: Vec<&'static str>,
}

struct Report {
    name: String,
    kind: &'static str,
    requested_by: String,
    frequency: &'static str,
    basis: Option<String>,
    channel: &'static str,
    fields: Vec<&'static str>,
    deadline_hours: Option<u32>,
    on_archive_list: Option<bool>,
}

struct Meeting {
    title: String,
    date: String,
    convened_by: String,
    level: &'static str,
    purpose: &'static str,
    duration_minutes: u32,
    attendees: u32,
    materials_chars: Option<u32>,
}

struct Inspection {
    name: String,
    kind: &'static str,
    by: String,
    date: String,
    plan_ref: Option<String>,
    demands: Vec<&'static str>,
    indicators: Option<u32>,
    separate_system: Option<bool>,
}

struct Cadre {
    name: String,
    role: String,
    last_health_check: Option<String>,
}

struct Grid {
    id: String,
    workers: u32,
    leader_contact: Option<String>,
}

struct UnitData {
    code: String,
    name: String,
    kind: &'static str,
    banner: String,
    banner_short: &'static str,
    township: String,
    category: Option<&'static str>,
    abbrev: String,
    /// Institutions beyond the active groups.
    institutions_margin: u32,
    cadres: Vec<Cadre>,
    grids: Vec<Grid>,
    tasks: Vec<Task>,
    signs: Vec<Sign>,
    certificates: Vec<Certificate>,
    groups: Vec<Group>,
    reports: Vec<Report>,
    meetings: Vec<Meeting>,
    /// Meetings per month (April, May, June), to keep MEET-001 quiet unless asked.
    meetings_per_month: [u32; 3],
    inspections: Vec<Inspection>,
    serial: u32,
}

impl UnitData {
    fn clean(rng: &mut Rng, township: &Township, within: usize) -> UnitData {
        // Streets hold communities; towns hold villages and, now and then, a community.
        let community = township.street || within % 7 == 6;
        let suffix = if community {
            1 + if township.street { within } else { within / 7 }
        } else {
            200 + within
        };
        let code = format!("{}{:03}", township.code, suffix);
        let stem = rng.pick(STEMS);
        let name = if community {
            format!("{stem}社区")
        } else if rng.chance(50) {
            format!("{stem}嘎查")
        } else {
            format!("{stem}村")
        };
        let banner_short = match township.banner_code {
            "152221" if rng.chance(30) => "科右前旗",
            "152222" if rng.chance(30) => "科右中旗",
            _ => "",
        };
        let mut unit = UnitData {
            code,
            name,
            kind: if community { "community" } else { "village" },
            banner: township.banner_name.to_owned(),
            banner_short,
            township: township.name.to_owned(),
            category: rng.chance(70).then(|| *rng.pick(CATEGORIES)),
            abbrev: township.abbrev.clone(),
            institutions_margin: rng.range(0, 2),
            cadres: Vec::new(),
            grids: Vec::new(),
            tasks: Vec::new(),
            signs: Vec::new(),
            certificates: Vec::new(),
            groups: Vec::new(),
            reports: Vec::new(),
            meetings: Vec::new(),
            meetings_per_month: [0; 3],
            inspections: Vec::new(),
            serial: rng.range(1, 400),
        };
        unit.fill(rng);
        unit
    }

    fn fill(&mut self, rng: &mut Rng) {
        self.fill_people(rng);
        let count = rng.range(6, 12) as usize;
        for index in rng.sample(TASKS.len(), count) {
            let (name, dept) = TASKS[index];
            let list = if dept.is_none() || rng.chance(30) {
                "duty"
            } else {
                "assist"
            };
            let admission_ref = (list == "assist" || rng.chance(40)).then(|| self.reference("ZR"));
            self.tasks.push(Task {
                name: name.to_owned(),
                assigned_by: self.department(dept),
                list,
                admission_ref,
            });
        }
        self.fill_signs(rng);
        let count = rng.range(2, 5) as usize;
        for index in rng.sample(CERTIFICATES.len(), count) {
            let (name, basis) = CERTIFICATES[index];
            let requested_by = self.department(Some(self.certificates.len()));
            self.certificates.push(Certificate {
                name: name.to_owned(),
                requested_by,
                basis: Some(basis.to_owned()),
                issued_count: rng.range(0, 40),
            });
        }
        let count = rng.range(2, 5) as usize;
        for index in rng.sample(GROUPS.len(), count) {
            let group = self.clean_group(rng, index);
            self.groups.push(group);
        }
        let count = rng.range(3, 7) as usize;
        for index in rng.sample(REPORTS.len(), count) {
            let report = self.clean_report(rng, &REPORTS[index]);
            self.reports.push(report);
        }
        let meetings = rng.range(3, 7) as usize;
        for (n, index) in rng.sample(MEETINGS.len(), meetings).into_iter().enumerate() {
            // At most three a month, so that violations can add meetings without crossing four.
            let month = (n % 3) as u32;
            let meeting = self.clean_meeting(rng, index, month);
            self.meetings.push(meeting);
        }
        let count = rng.range(1, 3) as usize;
        for index in rng.sample(INSPECTIONS.len(), count) {
            let inspection = self.clean_inspection(rng, index);
            self.inspections.push(inspection);
        }
    }

    fn fill_people(&mut self, rng: &mut Rng) {
        let (chief, member) = match self.kind {
            "community" => ("社区党委书记、居委会主任", "社区居委会委员"),
            _ if self.name.ends_with("嘎查") => ("党支部书记、嘎查长", "嘎查委员"),
            _ => ("党支部书记、村委会主任", "村委会委员"),
        };
        let roles = [
            chief,
            "党支部副书记",
            member,
            "监督委员会主任",
            "妇联主席",
            member,
        ];
        for role in roles.iter().take(rng.range(3, 6) as usize) {
            let year = rng.range(2023, 2025) as i32;
            let month = match year {
                2023 => rng.range(8, 12),
                2024 => rng.range(1, 12),
                _ => rng.range(1, 5),
            };
            self.cadres.push(Cadre {
                name: rng.person(),
                role: (*role).to_owned(),
                last_health_check: Some(date(year, month, rng.range(1, 28))),
            });
        }
        let leaders: Vec<String> = (0..2).map(|_| rng.person()).collect();
        for g in 0..rng.range(2, 8) {
            self.grids.push(Grid {
                id: format!("G{:02}", g + 1),
                workers: rng.range(1, 4),
                leader_contact: Some(rng.pick(&leaders).clone()),
            });
        }
    }

    fn fill_signs(&mut self, rng: &mut Rng) {
        let party = format!(
            "中共{}{}{}支部委员会",
            self.banner, self.township, self.name
        );
        // 社区 → 社区居民委员会; 嘎查 → 嘎查民委员会; 村 → 村民委员会.
        let committee = if self.kind == "community" {
            format!("{}居民委员会", self.name)
        } else {
            format!("{}民委员会", self.name)
        };
        let organisation = format!("{}委组织部", self.banner);
        let civil = self.department(Some(2));
        for (name, by) in [(party, organisation), (committee, civil)] {
            let approval = Some(self.reference("BS"));
            self.signs.push(Sign {
                name,
                placement: "exterior",
                kind: "plaque",
                issued_by: by,
                approval_ref: approval,
            });
        }
        let count = rng.range(0, 3) as usize;
        for index in rng.sample(INTERIOR_PLAQUES.len(), count) {
            let sign = self.interior_plaque(rng, INTERIOR_PLAQUES[index]);
            self.signs.push(sign);
        }
        let count = rng.range(1, 3) as usize;
        for index in rng.sample(NOTICES.len(), count) {
            self.signs.push(Sign {
                name: NOTICES[index].to_owned(),
                placement: "exterior",
                kind: "notice",
                issued_by: format!("{}党委", self.township),
                approval_ref: None,
            });
        }
        let count = rng.range(0, 2) as usize;
        for index in rng.sample(WARNINGS.len(), count) {
            let by = self.department(Some(if index == 0 { 5 } else { 9 }));
            self.signs.push(Sign {
                name: WARNINGS[index].to_owned(),
                placement: "exterior",
                kind: "warning",
                issued_by: by,
                approval_ref: None,
            });
        }
    }

    fn interior_plaque(&mut self, rng: &mut Rng, name: &str) -> Sign {
        let by = self.department(Some(rng.below(DEPARTMENTS.len())));
        Sign {
            name: name.to_owned(),
            placement: "interior",
            kind: "plaque",
            issued_by: by,
            approval_ref: Some(self.reference("BS")),
        }
    }

    fn clean_group(&mut self, rng: &mut Rng, index: usize) -> Group {
        let (suffix, dept, purpose) = GROUPS[index];
        // The township's groups are kept by different bodies of it, one group each (GROUP-001).
        let owner = match (dept, index) {
            (None, 0) => format!("{}党委", self.township),
            (None, _) => format!("{}综治中心", self.township),
            (Some(_), _) => self.department(dept),
        };
        let prefix = if dept.is_none() {
            &self.township
        } else {
            &self.banner
        };
        Group {
            name: format!("{prefix}{suffix}"),
            platform: PLATFORMS[rng.below(PLATFORMS.len())],
            created_by: owner,
            purpose: purpose.to_owned(),
            approved: true,
            members: rng.range(20, 200),
            created: date(
                rng.range(2022, 2024) as i32,
                rng.range(1, 12),
                rng.range(1, 28),
            ),
            last_active: date(2025, rng.range(5, 6), rng.range(10, 30)),
            task_end: rng.chance(10).then(|| "2025-09-30".to_owned()),
            demands: Vec::new(),
        }
    }

    fn clean_report(&mut self, rng: &mut Rng, template: &ReportTemplate) -> Report {
        let requested_by = match template.dept {
            None => format!("{}党委", self.township),
            dept => self.department(dept),
        };
        Report {
            name: template.name.to_owned(),
            kind: template.kind,
            requested_by,
            frequency: template.frequency,
            basis: Some(template.basis.to_owned()),
            channel: "一表通",
            fields: template.fields.to_vec(),
            deadline_hours: rng.chance(40).then(|| *rng.pick(&[48, 72, 168])),
            on_archive_list: (template.kind == "archive").then_some(true),
        }
    }

    fn clean_meeting(&mut self, rng: &mut Rng, index: usize, month: u32) -> Meeting {
        let (title, dept, level, purpose) = MEETINGS[index];
        self.meetings_per_month[month as usize] += 1;
        let (title, convened_by) = match dept {
            None => (
                format!("{}{title}", self.township),
                format!("{}党委", self.township),
            ),
            Some(_) => (format!("全旗{title}"), self.department(dept)),
        };
        Meeting {
            title,
            date: day_in(rng, 4 + month, true),
            convened_by,
            level,
            purpose,
            duration_minutes: *rng.pick(&[60, 90, 120, 150, 180]),
            attendees: rng.range(1, 3),
            materials_chars: rng.chance(40).then(|| rng.range(300, 1500)),
        }
    }

    /// A month (0–2) that can take one more meeting without crossing four.
    fn free_month(&self, rng: &mut Rng) -> u32 {
        let start = rng.below(3);
        (0..3)
            .map(|k| ((start + k) % 3) as u32)
            .find(|&m| self.meetings_per_month[m as usize] < 4)
            .unwrap_or(0)
    }

    fn clean_inspection(&mut self, rng: &mut Rng, index: usize) -> Inspection {
        let (name, kind, dept) = INSPECTIONS[index];
        let by = match dept {
            None => format!("{}委组织部", self.banner),
            dept => self.department(dept),
        };
        let plan = format!("{}-DJK-2025-{:02}", self.abbrev, rng.range(1, 12));
        let month = rng.range(4, 6);
        Inspection {
            name: name.to_owned(),
            kind,
            by,
            date: day_in(rng, month, true),
            plan_ref: Some(plan),
            demands: Vec::new(),
            indicators: rng.chance(80).then(|| rng.range(5, 20)),
            separate_system: rng.chance(30).then_some(false),
        }
    }

    fn department(&self, dept: Option<usize>) -> String {
        match dept {
            Some(d) => format!("{}{}", self.banner, DEPARTMENTS[d % DEPARTMENTS.len()]),
            None => format!("{}党委", self.township),
        }
    }

    /// A fresh reference number of `kind` (`ZR` admission, `BS` signage approval).
    fn reference(&mut self, kind: &str) -> String {
        self.serial += 1;
        format!("{}-{kind}-2024-{:03}", self.abbrev, self.serial % 1000)
    }

    /// Break `rule`, and only it.
    fn violate(&mut self, rng: &mut Rng, rule: &str) {
        match rule {
            "TASK-001" => {
                let (name, dept) = *rng.pick(UNLISTED_TASKS);
                let assigned_by = self.department(Some(dept));
                self.tasks.push(Task {
                    name: name.to_owned(),
                    assigned_by,
                    list: "none",
                    admission_ref: None,
                });
            }
            "TASK-002" => {
                let (name, dept) = *rng.pick(NEGATIVE_TASKS);
                let assigned_by = self.department(Some(dept));
                let admission_ref = Some(self.reference("ZR"));
                self.tasks.push(Task {
                    name: name.to_owned(),
                    assigned_by,
                    list: "assist",
                    admission_ref,
                });
            }
            "TASK-003" => {
                let assigned_by = self.department(Some(1));
                self.tasks.push(Task {
                    name: "协助开展反诈宣传入户".to_owned(),
                    assigned_by,
                    list: "assist",
                    admission_ref: None,
                });
            }
            "SIGN-001" => {
                let issued_by = self.department(Some(4));
                let approval_ref = Some(self.reference("BS"));
                self.signs.push(Sign {
                    name: "卫生健康工作站".to_owned(),
                    placement: "exterior",
                    kind: "plaque",
                    issued_by,
                    approval_ref,
                });
            }
            "SIGN-002" => {
                let mut sign = self.interior_plaque(rng, "计划生育协会");
                sign.approval_ref = None;
                self.signs.push(sign);
            }
            "SIGN-003" => {
                let have: Vec<String> = self.signs.iter().map(|s| s.name.clone()).collect();
                let mut candidates = INTERIOR_PLAQUES
                    .iter()
                    .filter(|name| !have.iter().any(|h| h == *name));
                while self.interior_plaques() < 5 {
                    let Some(name) = candidates.next() else { break };
                    let sign = self.interior_plaque(rng, name);
                    self.signs.push(sign);
                }
            }
            "SIGN-004" => {
                let issued_by = format!("{}党委", self.township);
                let approval_ref = Some(self.reference("BS"));
                self.signs.push(Sign {
                    name: "村级组织工作职责".to_owned(),
                    placement: "interior",
                    kind: "board",
                    issued_by,
                    approval_ref,
                });
            }
            "SIGN-005" => {
                // The same notice again, written with a space: equal after normalisation.
                if let Some(notice) = self.signs.iter().find(|s| s.kind == "notice") {
                    let mut chars: Vec<char> = notice.name.chars().collect();
                    chars.insert(2, ' ');
                    let copy = Sign {
                        name: chars.into_iter().collect(),
                        placement: "interior",
                        kind: "notice",
                        issued_by: notice.issued_by.clone(),
                        approval_ref: None,
                    };
                    self.signs.push(copy);
                }
            }
            "CERT-001" => self.certificates.push(Certificate {
                name: (*rng.pick(NEGATIVE_CERTIFICATES)).to_owned(),
                requested_by: self.department(Some(self.certificates.len())),
                basis: Some("《中华人民共和国村民委员会组织法》".to_owned()),
                issued_count: rng.range(1, 30),
            }),
            "CERT-002" => self.certificates.push(Certificate {
                name: "土地边界情况证明".to_owned(),
                requested_by: self.department(Some(self.certificates.len())),
                basis: None,
                issued_count: rng.range(1, 30),
            }),
            "GROUP-001" | "GROUP-002" | "GROUP-003" | "GROUP-004" | "GROUP-005" | "GROUP-006"
            | "GROUP-007" => self.violate_groups(rng, rule),
            "REPORT-001" | "REPORT-002" | "REPORT-003" | "REPORT-004" | "REPORT-005"
            | "REPORT-006" => self.violate_reports(rng, rule),
            "MEET-001" => {
                let month = (0..3)
                    .min_by_key(|&m| (self.meetings_per_month[m], m))
                    .unwrap_or(0) as u32;
                while self.meetings_per_month[month as usize] < 5 {
                    let index = rng.below(MEETINGS.len());
                    let meeting = self.clean_meeting(rng, index, month);
                    self.meetings.push(meeting);
                }
            }
            "MEET-002" | "MEET-003" | "MEET-004" | "MEET-005" => {
                let month = self.free_month(rng);
                let index = rng.below(MEETINGS.len());
                let mut meeting = self.clean_meeting(rng, index, month);
                match rule {
                    "MEET-002" => meeting.duration_minutes = 300,
                    "MEET-003" => {
                        meeting.title =
                            format!("{}传达学习全盟基层减负工作会议精神会议", self.township);
                        meeting.purpose = "relay";
                    }
                    "MEET-004" => meeting.date = day_in(rng, 4 + month, false),
                    _ => meeting.materials_chars = Some(rng.range(2000, 6000)),
                }
                self.meetings.push(meeting);
            }
            "INSPECT-004" => {
                let have: Vec<String> = self.inspections.iter().map(|i| i.name.clone()).collect();
                for (index, (name, _, _)) in INSPECTIONS.iter().enumerate() {
                    if self.inspections.len() >= 4 {
                        break;
                    }
                    if !have.iter().any(|h| h == name) {
                        let inspection = self.clean_inspection(rng, index);
                        self.inspections.push(inspection);
                    }
                }
            }
            "INSPECT-001" | "INSPECT-002" | "INSPECT-003" | "INSPECT-005" | "INSPECT-006" => {
                // Every one of these changes the first inspection; they combine.
                let first = &mut self.inspections[0];
                match rule {
                    "INSPECT-001" => first.plan_ref = None,
                    "INSPECT-002" => first.demands.extend(["photos", "study_notes"]),
                    "INSPECT-003" => first.separate_system = Some(true),
                    "INSPECT-005" => first.indicators = Some(rng.range(25, 60)),
                    _ => first.demands.push("forms"),
                }
            }
            "SUPPORT-001" => {
                self.cadres[0].last_health_check = rng
                    .chance(50)
                    .then(|| date(2022, rng.range(1, 12), rng.range(1, 28)));
            }
            "SUPPORT-002" => {
                if rng.chance(50) {
                    self.grids[0].workers = 0;
                } else {
                    self.grids[0].leader_contact = None;
                }
            }
            _ => {}
        }
    }

    fn interior_plaques(&self) -> usize {
        self.signs
            .iter()
            .filter(|s| s.placement == "interior" && s.kind == "plaque")
            .count()
    }

    fn violate_groups(&mut self, rng: &mut Rng, rule: &str) {
        // A group not yet in the unit, so that only GROUP-005 makes a duplicate.
        let unused = (0..GROUPS.len())
            .find(|&i| {
                let purpose = GROUPS[i].2;
                !self.groups.iter().any(|g| g.purpose == purpose)
            })
            .unwrap_or(0);
        let mut group = self.clean_group(rng, unused);
        group.task_end = None;
        match rule {
            "GROUP-002" => {
                group.demands =
                    vec![*rng.pick(&["checkin", "screenshot", "location", "instant_reply"])]
            }
            "GROUP-003" => group.last_active = date(2025, 3, rng.range(1, 28)),
            "GROUP-004" => {
                group.name = format!("{}2025年春季防火专项工作群", self.banner);
                group.purpose = "春季防火专项".to_owned();
                group.created = "2025-03-01".to_owned();
                group.task_end = Some("2025-05-31".to_owned());
            }
            "GROUP-001" => {
                // A second group kept by the same body of the township.
                let first = self
                    .groups
                    .iter()
                    .find(|g| g.created_by.starts_with(&self.township))
                    .map(|g| g.created_by.clone());
                let owner = match first {
                    Some(owner) => owner,
                    None => {
                        let kept = self.clean_group(rng, 0);
                        let owner = kept.created_by.clone();
                        self.groups.push(kept);
                        owner
                    }
                };
                group.name = format!("{}党建工作群", self.township);
                group.purpose = "党建工作".to_owned();
                group.created_by = owner;
            }
            "GROUP-005" => {
                // A duplicate of a department's group: a second group of a township body would
                // also be GROUP-001.
                let first = self
                    .groups
                    .iter()
                    .find(|g| !g.created_by.starts_with(&self.township))
                    .unwrap_or(&self.groups[0]);
                group.name = format!("{}（二）", first.name);
                group.created_by = first.created_by.clone();
                group.purpose = first.purpose.clone();
            }
            "GROUP-006" => group.approved = false,
            _ => group.demands = vec!["after_hours"],
        }
        self.groups.push(group);
    }

    fn violate_reports(&mut self, rng: &mut Rng, rule: &str) {
        let mut report = Report {
            name: String::new(),
            kind: "report",
            requested_by: self.department(Some(rng.below(DEPARTMENTS.len()))),
            frequency: "monthly",
            basis: Some("《统计法》第七条".to_owned()),
            channel: "一表通",
            fields: Vec::new(),
            deadline_hours: None,
            on_archive_list: None,
        };
        match rule {
            "REPORT-001" => {
                report.name = "外出务工人员统计表".to_owned();
                report.fields = vec!["务工人员", "外出时间", "务工地点", "务工行业"];
                report.basis = None;
            }
            "REPORT-002" => {
                report.name = "秸秆禁烧巡查周报表".to_owned();
                report.fields = vec!["巡查地块", "火点数量", "巡查时段", "处置人"];
                report.frequency = *rng.pick(&["daily", "weekly"]);
            }
            "REPORT-003" => {
                let first = &self.reports[0];
                report.name = format!("{}（部门报送）", first.name.trim_end_matches("台账"));
                report.fields = first.fields.clone();
                report.requested_by = self.department(Some(13));
                if report.requested_by == self.reports[0].requested_by {
                    report.requested_by = self.department(Some(7));
                }
            }
            "REPORT-004" => {
                report.name = "网格巡查记录档案".to_owned();
                report.kind = "archive";
                report.fields = vec!["网格编号", "巡查记录", "走访户数"];
                report.on_archive_list = if rng.chance(50) { Some(false) } else { None };
            }
            "REPORT-005" => {
                report.name = "防返贫监测对象排查表".to_owned();
                report.fields = vec!["监测户", "风险类型", "帮扶措施", "排查结论"];
                report.deadline_hours = Some(*rng.pick(&[4, 8, 12]));
            }
            _ => {
                report.name = "农牧民收入抽样调查表".to_owned();
                report.fields = vec!["样本户", "种植收入", "养殖收入", "转移性收入"];
                report.channel = *rng.pick(&["微信群", "纸质", "政务服务APP"]);
            }
        }
        self.reports.push(report);
    }

    fn institutions(&self) -> u32 {
        let end = "2025-06-30";
        let active = self
            .groups
            .iter()
            .filter(|g| g.task_end.as_deref().is_none_or(|t| t >= end))
            .count() as u32;
        active + self.institutions_margin
    }

    // -----------------------------------------------------------------------------------------
    // Rendering

    fn render(&self) -> Vec<(&'static str, String)> {
        vec![
            ("unit.yaml", self.render_unit()),
            ("tasks.yaml", self.render_tasks()),
            ("signage.yaml", self.render_signs()),
            ("certificates.yaml", self.render_certificates()),
            ("groups.yaml", self.render_groups()),
            ("reports.yaml", self.render_reports()),
            ("meetings.yaml", self.render_meetings()),
            ("inspections.yaml", self.render_inspections()),
        ]
    }

    fn render_unit(&self) -> String {
        let mut out = String::from("# 单位基本信息：两委干部与网格\n");
        let banner = if self.banner_short.is_empty() {
            &self.banner
        } else {
            self.banner_short
        };
        let _ = writeln!(out, "code: \"{}\"", self.code);
        let _ = writeln!(out, "name: {}", self.name);
        let _ = writeln!(out, "kind: {}", self.kind);
        let _ = writeln!(out, "banner: {banner}");
        let _ = writeln!(out, "township: {}", self.township);
        if let Some(category) = self.category {
            let _ = writeln!(out, "township_category: {category}");
        }
        let _ = writeln!(out, "period: {PERIOD}");
        let _ = writeln!(out, "institutions: {}", self.institutions());
        out.push_str("cadres:\n");
        for cadre in &self.cadres {
            let _ = writeln!(out, "  - name: {}", cadre.name);
            let _ = writeln!(out, "    role: {}", cadre.role);
            if let Some(day) = &cadre.last_health_check {
                let _ = writeln!(out, "    last_health_check: {day}");
            }
        }
        out.push_str("grids:\n");
        for grid in &self.grids {
            let _ = writeln!(out, "  - id: {}", grid.id);
            let _ = writeln!(out, "    workers: {}", grid.workers);
            if let Some(leader) = &grid.leader_contact {
                let _ = writeln!(out, "    leader_contact: {leader}");
            }
        }
        out
    }

    fn render_tasks(&self) -> String {
        let mut out = String::from("# 清理工作事务：为上级部门承担的工作事务\ntasks:\n");
        for task in &self.tasks {
            let _ = writeln!(out, "  - name: {}", task.name);
            let _ = writeln!(out, "    assigned_by: {}", task.assigned_by);
            let _ = writeln!(out, "    list: {}", task.list);
            if let Some(reference) = &task.admission_ref {
                let _ = writeln!(out, "    admission_ref: {reference}");
            }
        }
        out
    }

    fn render_signs(&self) -> String {
        let mut out = String::from("# 清理标识标牌\nsigns:\n");
        for (i, sign) in self.signs.iter().enumerate() {
            let approval = sign.approval_ref.as_deref();
            if i % 4 == 3 {
                // Now and then a flow mapping, as people write them.
                let _ = write!(
                    out,
                    "  - {{name: {}, placement: {}, type: {}, issued_by: {}",
                    sign.name, sign.placement, sign.kind, sign.issued_by
                );
                if let Some(reference) = approval {
                    let _ = write!(out, ", approval_ref: {reference}");
                }
                out.push_str("}\n");
                continue;
            }
            let _ = writeln!(out, "  - name: {}", quote_if_spaced(&sign.name));
            let _ = writeln!(out, "    placement: {}", sign.placement);
            let _ = writeln!(out, "    type: {}", sign.kind);
            let _ = writeln!(out, "    issued_by: {}", sign.issued_by);
            if let Some(reference) = approval {
                let _ = writeln!(out, "    approval_ref: {reference}");
            }
        }
        out
    }

    fn render_certificates(&self) -> String {
        let mut out = String::from("# 清理证明事项\ncertificates:\n");
        for certificate in &self.certificates {
            let _ = writeln!(out, "  - name: {}", certificate.name);
            let _ = writeln!(out, "    requested_by: {}", certificate.requested_by);
            if let Some(basis) = &certificate.basis {
                let _ = writeln!(out, "    basis: {basis}");
            }
            let _ = writeln!(out, "    issued_count: {}", certificate.issued_count);
        }
        out
    }

    fn render_groups(&self) -> String {
        let mut out = String::from("# 清理微信群组\ngroups:\n");
        for group in &self.groups {
            let _ = writeln!(out, "  - name: {}", group.name);
            let _ = writeln!(out, "    platform: {}", group.platform);
            let _ = writeln!(out, "    created_by: {}", group.created_by);
            let _ = writeln!(out, "    purpose: {}", group.purpose);
            let _ = writeln!(out, "    approved: {}", group.approved);
            let _ = writeln!(out, "    members: {}", group.members);
            let _ = writeln!(out, "    created: {}", group.created);
            let _ = writeln!(out, "    last_active: {}", group.last_active);
            if let Some(end) = &group.task_end {
                let _ = writeln!(out, "    task_end: {end}");
            }
            let _ = writeln!(out, "    demands: [{}]", group.demands.join(", "));
        }
        out
    }

    fn render_reports(&self) -> String {
        let mut out = String::from("# 清理报表台账档案\nreports:\n");
        for report in &self.reports {
            let _ = writeln!(out, "  - name: {}", report.name);
            let _ = writeln!(out, "    kind: {}", report.kind);
            let _ = writeln!(out, "    requested_by: {}", report.requested_by);
            let _ = writeln!(out, "    frequency: {}", report.frequency);
            if let Some(basis) = &report.basis {
                let _ = writeln!(out, "    basis: {basis}");
            }
            let _ = writeln!(out, "    channel: {}", report.channel);
            let _ = writeln!(out, "    fields: [{}]", report.fields.join(", "));
            if let Some(hours) = report.deadline_hours {
                let _ = writeln!(out, "    deadline_hours: {hours}");
            }
            if let Some(listed) = report.on_archive_list {
                let _ = writeln!(out, "    on_archive_list: {listed}");
            }
        }
        out
    }

    fn render_meetings(&self) -> String {
        let mut out = String::from("# 会议：本期参加的上级会议\nmeetings:\n");
        for meeting in &self.meetings {
            let _ = writeln!(out, "  - title: {}", meeting.title);
            let _ = writeln!(out, "    date: {}", meeting.date);
            let _ = writeln!(out, "    convened_by: {}", meeting.convened_by);
            let _ = writeln!(out, "    level: {}", meeting.level);
            let _ = writeln!(out, "    purpose: {}", meeting.purpose);
            let _ = writeln!(out, "    duration_minutes: {}", meeting.duration_minutes);
            let _ = writeln!(out, "    attendees: {}", meeting.attendees);
            if let Some(chars) = meeting.materials_chars {
                let _ = writeln!(out, "    materials_chars: {chars}");
            }
        }
        out
    }

    fn render_inspections(&self) -> String {
        let mut out = String::from("# 清理考核检查\ninspections:\n");
        for inspection in &self.inspections {
            let _ = writeln!(out, "  - name: {}", inspection.name);
            let _ = writeln!(out, "    type: {}", inspection.kind);
            let _ = writeln!(out, "    by: {}", inspection.by);
            let _ = writeln!(out, "    date: {}", inspection.date);
            if let Some(plan) = &inspection.plan_ref {
                let _ = writeln!(out, "    plan_ref: {plan}");
            }
            let _ = writeln!(out, "    demands: [{}]", inspection.demands.join(", "));
            if let Some(indicators) = inspection.indicators {
                let _ = writeln!(out, "    indicators: {indicators}");
            }
            if let Some(separate) = inspection.separate_system {
                let _ = writeln!(out, "    separate_system: {separate}");
            }
        }
        out
    }
}

/// A name with a space in it is quoted, as a careful clerk would.
fn quote_if_spaced(text: &str) -> String {
    if text.contains(' ') {
        format!("\"{text}\"")
    } else {
        text.to_owned()
    }
}
