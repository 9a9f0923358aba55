# jianfu's messages in Chinese (中文), the language every message has.
#
# One message per key of `src/wording/keys.rs`, with exactly the arguments listed there; every
# message may also use `$form` (`sheet` for a workbook or CSV unit, `yaml` otherwise).
# Literal braces are written {"{"} and {"}"}.

## Secondary labels

first-listed = 首次出现于此
code-disagrees-here = 与此处不符

## Reading a unit's files

config-in-unit = 单位目录中的 jianfu.yaml 不会生效：检查配置由盟市统一管理，放在单位目录之上
section-missing = 缺少 { $file }：未报送该项清单（无内容也应报送空列表）
empty-list = { $key }: []
file-empty = { $file } 是空文件
file-empty-help = 无内容也应报送空列表：{ $key }: []
unit-empty-help = unit.yaml 应写明 code、name、kind、banner、township、period 和 institutions
not-utf8 = 文件不是 UTF-8 编码（疑似 { $encoding }）
not-utf8-binary = 文件不是 UTF-8 编码（可能是二进制文件）
not-utf8-help = 用编辑器另存为 UTF-8，或运行：iconv -f { $encoding } -t UTF-8 原文件 > 新文件
read-directory = 这是一个目录，不是文件
read-not-regular = 不是普通文件（管道、设备或套接字），未读取
read-plain-file-help = 清单文件应是普通的 YAML 文件
read-too-large = 文件超过大小上限 { $limit } 字节（limits.max_file_bytes），未读取
read-outside-tree = 这是一个符号链接，指向检查范围之外（{ $target }），未读取
read-outside-tree-help = 把文件本身复制到单位目录中，不要用链接
read-failed = 无法读取文件：{ $error }
raise-limit-help = 这是防范恶意文件的资源上限；如该文件确属正常，可在 jianfu.yaml 中调高：limits: {"{"}{ $key }: { $raised }{"}"}

## YAML

yaml-syntax = YAML 格式错误：{ $detail }
yaml-too-many-nodes = 节点数超过上限 { $limit }（含别名展开，limits.max_nodes），未检查
yaml-too-many-alias-nodes = 锚点和别名展开复制的节点超过上限 { $limit }（limits.max_alias_nodes），疑似别名炸弹，未检查
yaml-too-many-alias-bytes = 锚点和别名展开复制的文字超过 { $limit } 字节（limits.max_file_bytes），疑似别名炸弹，未检查
yaml-too-deep = 嵌套层数超过上限 { $limit }（limits.max_depth），未检查
yaml-several-documents = 一个文件只能有一个 YAML 文档
yaml-tag-mismatch = 标记 `!!{ $tag }` 与取值「{ $value }」不符
yaml-tag-help = `!!{ $tag }` 要求取值是该类型；删去这个标记，或改正取值

## Unit codes

code-malformed = 单位代码 `{ $code }` 不是 12 位数字
code-unknown-banner = 统计用区划代码表（截至 { $cutoff }）中没有旗县市区代码 `{ $banner }`；若为此后新设，请在 jianfu.yaml 的 `divisions` 中登记并注明依据
code-unknown-township = 统计用区划代码表（截至 { $cutoff }）中{ $banner_name }没有苏木乡镇代码 `{ $township }`；若为此后新设或调整，请在 jianfu.yaml 的 `divisions` 中登记并注明依据
code-wrong-banner = 单位代码 `{ $code }` 属于{ $expected }，与 banner「{ $banner }」不符
code-wrong-township = 单位代码 `{ $code }` 中的苏木乡镇代码 `{ $township_code }` 是{ $expected }，与 township「{ $township }」不符
code-kind-community = 单位代码末三位 `{ $digits }` 表示居民委员会（社区，001–199），与 kind「{ $kind }」不符
code-kind-village = 单位代码末三位 `{ $digits }` 表示村民委员会（嘎查村，200–399），与 kind「{ $kind }」不符
code-kind-neither = 单位代码末三位 `{ $digits }` 既不是居民委员会（001–199）也不是村民委员会（200–399）的代码

## The inventory format

unknown-field = 未知字段 `{ $field }`
missing-field = { $form ->
    [sheet] 「{ $field }」未填写
   *[other] 缺少必填字段 `{ $field }`
}
duplicate-key = { $form ->
    [sheet] 「{ $field }」列重复出现
   *[other] 字段 `{ $field }` 重复出现
}
wrong-type = 类型错误：应为{ $expected ->
        [null] 空值
        [boolean] 布尔值（true/false）
        [integer] 整数
        [number] 数字
        [string] 文本
        [sequence] 列表
        [mapping] 映射（键: 值）
        [date] 日期（YYYY-MM-DD）
       *[other] 其他
    }，实为{ $found ->
        [null] 空值
        [boolean] 布尔值（true/false）
        [integer] 整数
        [number] 数字
        [string] 文本
        [sequence] 列表
        [mapping] 映射（键: 值）
        [date] 日期（YYYY-MM-DD）
       *[other] 其他
    }
not-in-enum = { $form ->
    [sheet] 「{ $value }」不是下拉选项中的取值
   *[other] `{ $value }` 不是允许的取值
}
bad-date = `{ $value }` 不是有效日期（应为 YYYY-MM-DD）
no-match = `{ $value }` 格式不对（应匹配 { $pattern }）
out-of-range = { $value } 超出范围（{ $range }）
did-you-mean-field = { $form ->
    [sheet] 是否应为「{ $suggestion }」？
   *[other] 是否应为 `{ $suggestion }`？
}
did-you-mean-value = { $form ->
    [sheet] 是否应为「{ $suggestion }」？可选：{ $allowed }
   *[other] 是否应为 `{ $suggestion }`？允许的取值：{ $allowed }
}
allowed-values = { $form ->
    [sheet] 请从下拉选项中选择：{ $allowed }
   *[other] 允许的取值：{ $allowed }
}
half-width-digits-help = 请使用半角数字（0-9），而不是全角数字
unquote-number-help = 去掉引号，写成数字
quote-code-help = 用引号把值括起来，如 "152223100201"

## Workbooks and CSV files

workbook-other-format = 这是{ $format ->
    [wps] WPS 表格自有格式（.et）的工作簿
   *[xlsb] Excel 二进制（.xlsb）格式的工作簿
}，检查工具能读取 .xlsx、.xls 和 .ods 格式的工作簿，不能读取这种格式，本单位未检查
resave-as-xlsx-help = 用 Excel 或 WPS 打开，另存为「Excel 工作簿（*.xlsx）」后重新报送
# The reader's detail is English and technical: a clerk gets the finding without it.
workbook-corrupt = 文件已损坏，或不是 .xlsx、.xls、.ods 格式的工作簿，无法读取，本单位未检查{ $detail ->
   *[other] {""}
}
workbook-too-large = 工作簿解压后超过大小上限（{ $limit } 字节）
limit-key-help = 如该文件确属正常，可在 jianfu.yaml 中调高 limits.{ $key }
sheet-too-many-cells = 工作表「{ $sheet }」的单元格超过上限 { $limit } 个，未读取
sheet-too-dense = 工作簿中有工作表从第一个到最后一个有内容的单元格所占的区域超过 { $limit } 个单元格（远处可能有误填的内容），未读取
sheet-too-dense-help = 删除表格中远离清单内容的单元格后重新保存；或在 jianfu.yaml 中调高 limits.max_nodes
workbook-too-much-text = 工作簿各单元格的文字合计超过上限（{ $limit } 字节），未读取
csv-encoding = CSV 文件既不是 UTF-8 也不是 GBK 编码（疑似 { $encoding }）
csv-encoding-unknown = CSV 文件既不是 UTF-8 也不是 GBK 编码
csv-save-utf8-help = 在 Excel 中另存为「CSV UTF-8（逗号分隔）」
csv-syntax = CSV 格式错误：{ $detail }
csv-resave-help = 在 Excel 中打开后重新另存为 CSV
csv-too-many-cells = CSV 文件的单元格超过上限 { $limit } 个，未读取
csv-gbk-note = CSV 文件是 GBK 编码（Excel「CSV（逗号分隔）」的默认编码），已按 GBK 读取
csv-gbk-help = 在 Excel 中另存为「CSV UTF-8（逗号分隔）」，其他系统也能正确读取
sheet-hidden = 工作表「{ $sheet }」是隐藏的，已照常读取
sheet-hidden-help = 取消隐藏该工作表，让查看清单的人也能看到
sheet-duplicate = 工作表「{ $sheet }」与「{ $first }」是同一项清单，只读取「{ $first }」
sheet-copy-help = 从模板复制「{ $sheet }」工作表（jianfu template --out 清单模板.xlsx）
sheet-rename-help = 是否应把「{ $name }」改名为「{ $sheet }」？从模板复制「{ $sheet }」工作表（jianfu template --out 清单模板.xlsx）
unit-sheet-missing = 没有「{ $sheet }」工作表，无法识别是哪个单位
sheet-missing = 缺少工作表「{ $sheet }」：未报送该项清单（无内容也应保留表头行）
unknown-column = 工作表「{ $sheet }」的列名「{ $header }」不是该表的字段，此列未读取
unknown-column-suggest = 是否应为「{ $suggestion }」？该表的列：{ $columns }
sheet-columns = 该表的列：{ $columns }
duplicate-column = 工作表「{ $sheet }」中「{ $header }」列重复，只读取第一列
no-header-row = 工作表「{ $sheet }」找不到表头行，整张表未读取
no-header-row-help = 表头行应有这些列名：{ $columns }
extra-unit-row = 「{ $sheet }」只填写一个单位（一行），第 { $row } 行未读取
extra-unit-row-help = 每个单位单独报送一个工作簿
cleaned-code = 「{ $header }」填写为 { $typed }，已按 { $read } 读取
cleaned-code-help = 该列是文本单元格：直接输入半角数字，不加引号

## Across units and the configuration

duplicate-unit-code = 单位代码 { $code } 与本次检查中先出现的单位「{ $first }」相同
waiver-expired = 豁免已于 { $expiry } 到期，不再生效：{ $rule }（单位 { $unit }，批准人 { $approver }，理由：{ $reason }）
waiver-unused = 豁免没有豁免任何问题：{ $rule }（单位 { $unit }，批准人 { $approver }，理由：{ $reason }）
overlap-incomplete = { $section } 的重合比较在 { $work } 步后停止：本文件相似条目过多，结果不完整
trend-rebound = { $section ->
        [tasks] 工作事务
        [signs] 标识标牌
        [certificates] 证明事项
        [groups] 工作群组
        [reports] 报表台账
        [meetings] 会议
        [inspections] 督查检查考核
       *[other] { $section }
    }由上一期（{ $period }）的 { $was } 项增加到 { $is } 项，出现反弹

## Reports

help-prefix = 帮助：{ $help }
waived-prefix = 已豁免：{ $reason }
basis-line = 依据：{ $basis }
config-heading = 检查配置
unit-heading = { $unit }（{ $dir }）：{ $count } 个问题
unit-heading-unnamed = { $dir }：{ $count } 个问题
line-clipped = （此行过长，只显示问题附近的部分）
list-separator = ，
summary = 检查了 { $units } 个单位、{ $files } 个文件：{ $findings } 个问题（{ $by_severity }），{ $clean } 个单位无问题
summary-by-clearance = 按清理事项：{ $list }
summary-baseline = 基线中已有 { $absorbed } 个问题未列出；基线中有 { $stale } 个问题已不再出现，可用 --write-baseline 收紧基线
summary-waived = 已豁免 { $count } 个问题
summary-explain = 查看规则说明与整改办法：jianfu explain <规则编号>

## Names

severity-error = 错误
severity-warning = 警告
severity-info = 提示
clearance-submit = 清单报送
clearance-tasks = 清理工作事务
clearance-signage = 清理标识标牌
clearance-certificates = 清理证明事项
clearance-groups = 清理微信群组
clearance-reports = 清理报表台账档案
clearance-meetings = 精简会议
clearance-inspections = 清理考核检查
clearance-support = 强化保障
clearance-trend = 防止反弹
clearance-config = 检查配置

## Reports, continued

waived-suffix = （已豁免）
waived-aside = （已豁免：{ $reason }）
statistics-count = 问题
statistics-units = 单位
statistics-rule = 规则
statistics-name = 名称
statistics-severity = 级别

## The command line

no-such-rule = --rule { $rule }：没有这条规则；jianfu rules 列出全部规则
no-such-rule-suggest = --rule { $rule }：没有这条规则；是不是 { $suggestion }？
no-units-found = 在 { $paths } 中没有找到任何清单单位，未做任何检查
no-units-found-help = 清单单位是含 unit.yaml 的目录、.xlsx 工作簿，或含「单位信息.csv」的目录；确实允许没有单位时加 --allow-empty
filters-selected-nothing = 检查了 { $count } 个单位，但 --banner/--township/--unit 没有选中其中任何一个
filters-selected-nothing-help = --banner、--township 可写名称或其中一部分、代码前缀；--unit 可写代码或代码前缀
output-is-input = 输出文件 { $output } 是被检查的清单文件，不会覆盖它；请把报告写到别处
previous-unreadable = 无法读取上一期（--previous）{ $dir }
previous-empty = 上一期（--previous）{ $dir } 中没有找到任何清单单位，无法比较是否反弹（TREND-001）
cannot-search = 警告：无法检索 { $path }：{ $reason }
one-report-to-stdout = 只能有一份报告写到 { $target }；其他报告请指定文件，如 --format sarif:jianfu.sarif
no-calendar-note = 注意：没有 { $year } 年的节假日安排（国务院办公厅放假调休通知），{ $year } 年的日期只按周六、周日判断是否为休息日（MEET-004）；通知公布后在 jianfu.yaml 的 `calendars` 中添加该年。
bad-today = JIANFU_TODAY 为 `{ $value }`；日期应写成 YYYY-MM-DD
cannot-write = 无法写入 { $path }
cannot-create = 无法创建目录 { $path }
cannot-write-report = 无法写出报告
path-missing = 路径不存在：{ $path }
convert-no-unit-info = { $unit }：无法读取单位本身的信息（unit.yaml / 单位信息），未做任何转换
comments-lost = 这些 YAML 文件中的注释也会丢失
files-exist = 以下文件已存在，未做任何改动（确需覆盖请加 --force）：
    { $list }
files-exist-with-comments = 以下文件已存在，未做任何改动（确需覆盖请加 --force；这些 YAML 文件中的注释也会丢失）：
    { $list }
convert-losses = 以上 { $count } 个取值在表格形式中无处可放；请先改正（jianfu check { $unit }）再转换
flag-empty = { $flag } 不能为空
area-unknown = 无法从单位代码 { $code } 推断所属地区，请用 { $flag } 写明
no-schemas-note = 提示：未找到 schemas 目录，文件头指向 { $dir }；请运行 jianfu schema --all --out { $dir } 生成，编辑器才能补全和校验
explain-no-rule = 没有规则 `{ $rule }`
explain-no-rule-help = jianfu rules 列出全部规则；盟市自定规则请加 --config 指向其 jianfu.yaml
did-you-mean-rule = 是不是 { $suggestion }？
baseline-unreadable = 无法读取基线 { $path }：{ $error }
baseline-not-a-baseline = { $path } 不是 jianfu 的基线文件：{ $error }
baseline-version = 基线 { $path } 的版本为 { $found }；本版 jianfu 写的是版本 { $version }
rules-count = 共 { $count } 条规则

## Advice reworded for a workbook

help-column = 「{ $header }」列
help-column-choice = 「{ $header }」列选“{ $choice }”
help-sheet = 「{ $sheet }」表
help-code = “{ $code }”

## A rule's documentation (jianfu explain)

explain-severity = 级别
explain-clearance = 清理事项
explain-basis = 依据
explain-what = 检查什么
explain-why = 为什么
explain-fix = 如何整改
explain-parameters = 参数
explain-default = 默认
explain-bad = 反例（会报告）
explain-good = 正例（不报告）
explain-defined-in = 定义于
init-done = 已在 { $dir } 建立 { $code } { $name }：unit.yaml 和 7 个清单文件。
    下一步：在编辑器中填写清单，然后运行 jianfu check { $dir }
cell-empty = （空）
cell-yes = 是
cell-no = 否
explain-sources = 依据原文
bad-date-arg = `{ $value }` 不是 YYYY-MM-DD 形式的日期
issuer-missing = 注意：没有用 --issuer 写明发文机关，通报中以占位文字代替，不能直接印发
docx-needs-output = Word 文件要写入文件：请用 --output 指定，如 -o 通报.docx
bulletin-scratch-failed = 通报的临时文件无法在临时目录 { $dir } 中建立或读写：{ $error }（可用环境变量 TMPDIR 另指一个可写的目录，Windows 上为 TMP）
ledger-scratch-failed = 整改台账工作簿的临时文件无法在临时目录 { $dir } 中建立或写入：{ $error }（可用环境变量 TMPDIR 另指一个可写的目录，Windows 上为 TMP）

## The configuration (jianfu.yaml)

config-unknown-parameter = 规则 { $rule } 没有参数 `{ $name }`
config-unknown-rule = 没有规则 `{ $rule }`
config-unreadable = 无法读取检查配置：{ $error }
override-needs-reason = 一村一策调整（overrides）须写明理由 `reason`
override-scope-empty = 一村一策调整的 `scope` 没有写旗县市、苏木乡镇、分类或单位
override-scope-never = 一村一策调整的 `scope` 不会匹配任何单位：{ $problem }
unit-pattern-help = 写单位的 12 位代码（152223100201），或以 * 结尾的代码前缀（152223*），或用 * 表示所有单位
unit-pattern-not-code = `{ $pattern }` 不是代码（代码由数字组成，只有末尾的 * 有特殊含义）
unit-pattern-short = `{ $pattern }` 有 { $digits } 位数字，单位代码为 12 位；要指该代码下的所有单位，请写 `{ $pattern }*`
unit-pattern-long = `{ $pattern }` 比单位代码还长（{ $digits } 位，不是 12 位）
waiver-unknown-rule = 豁免中写的规则 `{ $rule }` 不存在
waiver-scope-never = 对 `{ $rule }` 的豁免不会匹配任何单位：{ $problem }
waiver-needs-reason = 对 `{ $rule }` 的豁免须写明理由 `reason` 和批准人 `approver`
waiver-bad-expiry = 对 `{ $rule }` 的豁免到期日为 `{ $expires }`；日期应写成 YYYY-MM-DD
division-bad-code = 区划代码 `{ $code }` 既不是 6 位旗县市代码，也不是 9 位苏木乡镇代码
division-incomplete = 区划 `{ $code }` 须写明名称 `name`、理由 `reason` 和依据 `source`

## The bulletin: putting words together

bulletin-list-comma = 、
bulletin-list-and = 、
bulletin-separator = ；
bulletin-clause-comma = ，
bulletin-sentence = { $text }。
bulletin-point = { HANZI($number) }是{ $text }
bulletin-date = { $year }年{ $month }月{ $day }日
bulletin-date-weekday = { $year }年{ $month }月{ $day }日（{ $weekday ->
    [1] 星期一
    [2] 星期二
    [3] 星期三
    [4] 星期四
    [5] 星期五
    [6] 星期六
   *[7] 星期日
  }）

## The bulletin: cases

bulletin-units-counted = { $count }个{ $kind ->
    [village] 嘎查村
    [community] 社区
   *[other] 村（社区）
  }
bulletin-units-named = { $names }{ $counted }
bulletin-units-named-some = { $names }等{ $counted }
bulletin-found = 经查，{ $text }
bulletin-found-in = 经查，{ $period }，{ $text }
bulletin-case-deed = { $body }{ $severe ->
    [yes] 违规
   *[no] {""}
  }{ $deed }
bulletin-case-burdens = { $body }{ $severe ->
    [yes] 违规
   *[no] {""}
  }向{ $units }转嫁{ $burdens }等负担
bulletin-case-problems = { $text }，涉及问题{ $count }个。
bulletin-burden = { $clearance ->
    [tasks] 工作事务
    [signage] 挂牌
    [certificates] 证明事项
    [groups] 工作群
    [reports] 报表台账
    [meetings] 会议
    [inspections] 督查检查
   *[other] 其他
  }
bulletin-act = { $clearance ->
    [tasks] 向{ $units }派交{ $objects }
    [signage] 要求{ $units }悬挂{ $objects }
    [certificates] 要求{ $units }出具{ $objects }
    [groups] 将{ $units }拉入{ $objects }
    [reports] 要求{ $units }填报{ $objects }
    [meetings] 召集{ $units }参加{ $objects }
    [inspections] 对{ $units }开展{ $objects }
   *[other] 在{ $units }{ $problem }
  }
bulletin-act-reports-often = 要求{ $units }{ $frequency }上报{ $objects }
bulletin-act-groups-demands = 通过{ $objects }要求{ $units }{ $demands }
bulletin-deed = { $clearance ->
    [tasks] 派交{ $objects }
    [signage] 要求悬挂{ $objects }
    [certificates] 要求出具{ $objects }
    [groups] 将其拉入{ $objects }
    [reports] 要求填报{ $objects }
    [meetings] 要求参加{ $objects }
    [inspections] 开展{ $objects }
   *[other] { $problem }
  }
bulletin-deed-reports-often = 要求{ $frequency }上报{ $objects }
bulletin-deed-groups-demands = 通过{ $objects }要求{ $demands }
bulletin-objects-none = 相关{ $section ->
    [tasks] 工作事务
    [signage] 牌子
    [certificates] 证明
    [groups] 工作群
    [reports] 报表台账
    [meetings] 会议
    [inspections] 督查检查
   *[other] 事项
  }
bulletin-objects-several = { $first }等{ $count }{ $section ->
    [tasks] 项工作事务
    [signage] 块牌子
    [certificates] 项证明
    [groups] 个工作群
    [reports] 项报表台账
    [meetings] 场会议
    [inspections] 项督查检查
   *[other] 项事项
  }
bulletin-and-details = { $text }，{ $details }
bulletin-item = { $name }{ $details }
bulletin-item-in-units = { $text }，涉及{ $units }
bulletin-problem-in-units = { $problem }（{ $count }个单位）
bulletin-problems-found = ，存在{ $problems }等问题
bulletin-rule-headline = { $regions ->
    [0] {""}
    [1] { $region }
   *[other] { $region }等{ $regions }个旗县市的
  }{ $units }{ $problem }
bulletin-rule-entry = { $unit }：{ $message }
bulletin-rule-narrative = { $units }{ $problem }。具体为：{ $entries }{ $more ->
    [0] {""}
   *[other] ；另有{ $more }处同类问题
  }
bulletin-body-handling = { $severity ->
    [error] 责成{ $body }立即停止相关做法并整改：{ $actions }。
    [warning] 责成{ $body }限期整改：{ $actions }。
   *[info] 请{ $body }在今后工作中改进：{ $actions }。
  }
bulletin-rule-handling = { $severity ->
    [info] 请{ $townships }指导相关单位在今后工作中改进：{ $actions }。
   *[other] 请{ $townships }督促相关单位限期整改：{ $actions }。
  }
bulletin-townships-concerned = 所在苏木乡镇（街道）
bulletin-source-quoted = { $source }中{ $quotes }
bulletin-violation = 上述行为违反了{ $binding }的规定。
bulletin-violation-both = 上述行为违反了{ $binding }的规定，也与{ $practice }所述的减负做法不符。
bulletin-violation-practice = 上述行为与{ $practice }所述的减负做法不符。

## The bulletin: what the data says of an item

bulletin-item-is = 为{ $what }
bulletin-item-sign = 为{ $placement }{ $kind }
bulletin-item-issued = 本期出具{ $count }份
bulletin-item-group = 为{ $platform }工作群
bulletin-item-members = 成员{ $count }人
bulletin-item-demands = 要求{ $demands }
bulletin-item-after-hours = 在下班时间和节假日布置工作
bulletin-item-task-ended = 相关任务已于{ $date }结束
bulletin-item-frequency = { $frequency }填报
bulletin-item-fields = 共{ $count }项内容
bulletin-item-channel = 经{ $channel }报送
bulletin-item-hours = 限{ $hours }小时内完成
bulletin-item-held = 时间为{ $date }
bulletin-item-minutes = 会期{ $minutes }分钟
bulletin-item-relay = 用于传达会议精神
bulletin-item-materials = 需准备材料{ $count }字
bulletin-item-conducted = 时间为{ $date }
bulletin-item-indicators = 设考核指标{ $count }项

## The bulletin: frame and prose

bulletin-issuer-placeholder = （发布机构）
bulletin-not-given = （未填写）
bulletin-quarter = { $year }年第{ HANZI($quarter) }季度
bulletin-title = { $count ->
    [0] { $issuer }关于整治形式主义为基层减负清单检查情况的通报
   *[other] { $issuer }关于{ $count }起整治形式主义为基层减负典型问题的通报
  }
bulletin-sentence-gap = {""}
bulletin-banners-counted = { $count }个旗县市
bulletin-lead-opening = 为深入贯彻落实《整治形式主义为基层减负若干规定》，巩固嘎查村社区“六清理两强化”专项行动成果，{ $issuer }对{ $scope }{ $units }{ $period }报送的减负清单进行了检查。
bulletin-lead-scope = { $scope }
bulletin-lead-period = { $period }
bulletin-lead-clean = 各单位均未发现典型问题。
bulletin-lead-problems = { $clean ->
    [0] {""}
   *[other] { $clean }个单位未发现问题；
  }{ $units }个单位共存在问题{ $problems }个，涉及违反规定{ $hits }项次（同一事项违反多项规定的计为一个问题），涉及责任单位{ $bodies }个。
bulletin-aside-submission = 清单填报不规范{ $count }处
bulletin-aside-trend = 事项数量反弹{ $count }处
bulletin-aside-config = 豁免到期或未用{ $count }处
bulletin-aside-waived = 经批准豁免{ $count }处
bulletin-aside = 另有{ $list }，不计入问题数。
bulletin-lead-cases = 现将{ $count }起典型问题通报如下：
bulletin-analysis-none = 本次检查未发现向基层转嫁负担的问题，减负成果总体得到巩固。
bulletin-analysis-opening = 以上问题反映出，一些地方和部门对整治形式主义为基层减负的认识还不到位，向基层转嫁负担的惯性依然存在。
bulletin-analysis-share = { $label }（{ $count }个，占{ $share }%）
bulletin-analysis-body = { $body }（{ $problems }个问题，涉及{ $units }个单位）
bulletin-analysis-types = 从问题类型看，主要集中在{ $types }。
bulletin-analysis-types-bodies = 从问题类型看，主要集中在{ $types }；从责任主体看，{ $bodies }涉及问题较多。
bulletin-some = 有的{ $clearance ->
    [tasks] 向村（社区）转嫁工作事务
    [signage] 挂牌多、乱
    [certificates] 证明事项清理不彻底
    [groups] 工作群过多过滥
    [reports] 随意向基层要表要数
    [meetings] 文山会海仍未根治
    [inspections] 督查检查考核过多过频
    [support] 基础保障和工作保障不到位
   *[other] 存在其他问题
  }
bulletin-some-problems = 有的{ $clearance ->
    [tasks] 向村（社区）转嫁工作事务
    [signage] 挂牌多、乱
    [certificates] 证明事项清理不彻底
    [groups] 工作群过多过滥
    [reports] 随意向基层要表要数
    [meetings] 文山会海仍未根治
    [inspections] 督查检查考核过多过频
    [support] 基础保障和工作保障不到位
   *[other] 存在其他问题
  }，{ $problems }
bulletin-rebounds = 与上期相比，{ $count }个单位清理过的事项出现反弹。
bulletin-named-townships = 被通报单位所在苏木乡镇（街道）
bulletin-named-bodies = { $bodies }等被通报单位
bulletin-require-correct-heading = 立行立改
bulletin-require-correct = { $named }要对照通报问题逐项整改，于{ $deadline }前将整改情况书面报送{ $issuer }
bulletin-require-focus-heading = 聚焦重点
bulletin-require-focus = 各地各部门要围绕{ $areas }开展自查自纠
bulletin-require-focus-actions = 各地各部门要围绕{ $areas }开展自查自纠，{ $actions }
bulletin-require-hold-heading = 巩固成果
bulletin-require-hold = 要把清单报送和检查作为常态，按期开展检查，防止问题反弹
bulletin-require-rebounds-heading = 防止反弹
bulletin-require-rebounds = 对清理过的事项出现反弹的{ $count }个单位，所在旗县市要逐一核查原因，限期重新清理
bulletin-require-submit-heading = 规范报送
bulletin-require-submit = 督促{ $units }共{ $count }个清单报送不规范的单位按照清单报送格式补正后重新报送
bulletin-require-opening = 各旗县市、各部门要深刻汲取教训，举一反三、引以为戒。
bulletin-require-opening-clean = 各旗县市、各部门要继续巩固减负成果。
bulletin-requirement = { HANZI($number) }是{ $heading }。{ $text }。
bulletin-section = { $section ->
    [tasks] 工作事务
    [signage] 标识标牌
    [certificates] 证明事项
    [groups] 工作群组
    [reports] 报表台账档案
    [meetings] 会议
    [inspections] 督查检查考核
   *[other] 单位信息
  }
bulletin-change = { $direction ->
    [down] 压减{ $percent }%
    [up] 增加{ $percent }%
    [new] 新增{ $count }项
   *[same] 持平
  }

## The bulletin: headings and tables

bulletin-heading-situation = 一、基本情况
bulletin-heading-cases = 二、典型问题
bulletin-heading-requirements = 三、工作要求
bulletin-attachment-note = 附件：检查情况统计（含清单报送质量情况）
bulletin-issuer-missing = 【未写发文机关：请用 --issuer 写明发文机关后再印发】
bulletin-heading-attachment = 附件：检查情况统计
bulletin-heading-overview = 总体情况
bulletin-heading-by-clearance = 问题按类别
bulletin-heading-by-banner = 问题按旗县市
bulletin-heading-by-township = 问题按苏木乡镇（街道）
bulletin-heading-bodies = 问题较多的责任单位
bulletin-heading-trend = 与上期相比
bulletin-heading-rebounds = 出现反弹的单位
bulletin-heading-rules = 典型问题涉及的检查规则
bulletin-heading-submission = 清单报送质量情况
bulletin-chart-rate = 各旗县市平均每个单位的问题数
bulletin-chart-reduction = 各类事项压减比例（向右为压减，向左为增加）
bulletin-column-item = 项目
bulletin-column-clearance = 类别
bulletin-column-count = 数量
bulletin-column-banner = 旗县市
bulletin-column-township = 苏木乡镇（街道）
bulletin-column-units = 检查单位
bulletin-column-clean = 无问题单位
bulletin-column-problems = 问题（个）
bulletin-column-rate = 平均每单位问题数
bulletin-column-hits = 违反规定（项次）
bulletin-column-body = 责任单位
bulletin-column-units-involved = 涉及单位
bulletin-column-section = 清理事项
bulletin-column-previous = 上期
bulletin-column-current = 本期
bulletin-column-change = 变化
bulletin-column-unit = 单位
bulletin-column-flaws = 填报问题（处）
bulletin-column-rules = 涉及规则
bulletin-overview-units = 检查单位
bulletin-overview-clean = 无问题单位
bulletin-overview-problem-units = 存在问题的单位
bulletin-overview-problems = 问题（个）
bulletin-overview-hits = 违反规定（项次）
bulletin-overview-bodies = 涉及责任单位
bulletin-overview-submission = 清单填报不规范（处，不计入问题）
bulletin-overview-trend = 事项数量反弹（处，不计入问题）
bulletin-overview-config = 豁免到期或未用（处，不计入问题）
bulletin-overview-waived = 经批准豁免（处）
bulletin-overview-findings = 检查发现合计（处）
bulletin-case-number = （{ HANZI($number) }）
bulletin-recipients = { $recipients }：
bulletin-copy-to = 抄送：{ $list }
bulletin-printed = { $issuer }　{ $date }印发
bulletin-change-cell = { $previous } → { $current }（{ $change }）
bulletin-new-item-by = { $name }（{ $by }）
bulletin-new-items = { $text }，新增{ $items }
bulletin-trend-section = { $label }{ $change }
bulletin-trend-intro = 上期清单{ $previous }个单位，本期{ $matched }个单位与上期按单位代码对应比较{ $unmatched ->
    [0] {""}
   *[other] ，{ $unmatched }个单位上期无对应清单、未纳入比较
  }。全盟{ $league }。

## Policy files: errors for those who write rules

policy-here = 此处
policy-did-you-mean = 是否应为 `{ $suggestion }`？
policy-yaml-error = 规则文件格式有误：{ $error }
policy-duplicate-rule = 规则编号 `{ $rule }` 重复
policy-duplicate-rule-help = `{ $rule }` 已在 { $earlier } 中定义
policy-duplicate-source = 依据来源的键 `{ $key }` 重复
policy-duplicate-source-help = `{ $key }` 已在 { $earlier } 中
policy-dir-unreadable = 无法读取规则目录：{ $error }
policy-dir-unresolved = 无法解析规则目录：{ $detail }
policy-file-unreadable = 无法读取：{ $detail }
policy-file-outside = 指向规则目录之外（{ $detail }）：规则只能读取本目录中的文件
policy-file-not-regular = 不是普通文件（是目录、管道或设备），未读取
policy-file-too-large = 超过 { $detail } 字节，不是规则文件
policy-file-not-utf8 = 不是 UTF-8 编码
policy-parameter-kind = 规则 { $rule } 的参数 `{ $name }` 应为{ $kind ->
    [number] 数值（如 4）
    [text] 文字（如 一表通）
   *[list] 列表（如 [甲, 乙]）
  }
config-parameter-kind = 规则 { $rule } 的参数 `{ $name }` 应为{ $kind ->
    [number] 数值（如 4）
    [text] 文字（如 一表通）
   *[list] 列表（如 [甲, 乙]）
  }，不是{ $given ->
    [number] 数值
    [text] 文字
   *[list] 列表
  }
policy-unknown-parameter = 没有参数 `{ $name }`
policy-parameter-not-list = 参数 `{ $name }` 是数值，不是列表
policy-unknown-list = 没有列表 `{ $name }`
policy-list-ref = 列表应写作 `[...]`、`{"{"}param: NAME{"}"}` 或 `{"{"}list: NAME{"}"}`
policy-parameter-not-number = 参数 `{ $name }` 不是数值
policy-number-ref = 数值应写作常数、`{"{"}param: NAME{"}"}` 或 `{"{"}unit: FIELD{"}"}`
policy-bad-rule-id = 规则编号 `{ $id }` 不符合 DOMAIN-NNN 的形式
policy-imposer-empty = `imposer` 没有指明字段
policy-basis-missing = 规则须有 `basis`：至少一项它所执行的依据
policy-unknown-source = 依据来源表中没有 `{ $key }`
policy-quote-mismatch = `{ $key }` 中没有这段文字：请逐字引用
policy-quote-mismatch-help = 引文须是该条目的 `quotes` 或 `sections` 之一，或其中一部分；转述请写在 `docs.why` 中
policy-unknown-placeholder = { $rule } 的消息中的 `{ $placeholder }` 既不是条目的字段、参数，也不是该检查提供的值
policy-check-no-kind = 检查没有指明类型
policy-check-kinds-help = 使用 `each`、`count`、`duplicates`、`overlap`、`builtin` 之一
policy-check-several-kinds = 一个检查只能有 `each`、`count`、`duplicates`、`overlap`、`builtin` 中的一个
policy-unknown-section = 没有清单部分 `{ $section }`
policy-key-not-for-kind = `{ $key }` 不适用于 `{ $kind }` 检查
policy-check-needs = `{ $kind }` 检查需要 `{ $key }`
policy-no-field = 该部分没有字段 `{ $name }`
policy-condition-empty = 条件须有 `all`、`any`、`not`，或 `field` 加一个运算符
policy-keywords-too-large = 关键词列表过大：{ $error }
policy-no-operator = 字段 `{ $field }` 没有运算符
policy-no-operator-help = 加上 present、equals、one_of、in、contains、contains_any、starts_with、matches、gt、ge、lt、le、older_than、before_period_end、after_period_end、rest_day 之一
policy-several-operators = 字段 `{ $field }` 有不止一个运算符
policy-several-operators-help = 用 `all:` 或 `any:` 组合多个条件
policy-older-than-one = `older_than` 只能写 `days` 或 `months` 之一
policy-not-a-date = `{ $entry }` 不是日期，也不是日期范围
policy-regex-too-large = 正则表达式过大：编译后超过 { $limit } 字节的上限
policy-regex-invalid = 正则表达式无效：{ $error }
policy-regex-set-too-large = 各规则的正则表达式编译后合计超过 { $limit } 字节（加上这一条为 { $used }）
policy-regex-set-too-large-help = 减少或简化正则表达式：`contains` 关键词列表或 `in` 列表的开销远小于多个正则表达式

## jianfu test: the policies' own tests

test-unknown-rule = 没有规则 { $rule }
test-unknown-file-kind = 没有这种清单文件 `{ $name }`
test-order = 报告的顺序：{ $paths }
test-docs-example = 文档中的{ $example ->
    [bad] 反例
   *[good] 正例
  }
test-a-finding = 一条检查结果
test-invalid-input = 输入有误：{ $file } { $path } { $message }
test-rule-examples = 规则文档中的示例
test-no-cases = { $dir }/tests 中没有测试用例：其中的规则只由文档示例测试
test-summary = { $passed } 项通过，{ $failed } 项未通过
test-ok = 通过    { $rule } { $name }
test-fail = 未通过  { $rule } { $name }
test-missing = 缺少：{ $what }
test-noisy = 多出：{ $what }
test-invalid = 无效：{ $what }
baseline-not-regular = 不是普通文件（是目录、管道或设备）
baseline-too-large = 超过 { $limit } 字节
discover-loop = 文件系统中有循环：该链接指回其上级目录
unknown-format = 没有输出格式 `{ $name }`：可用 human、concise、json、sarif、junit 或 github
policy-parameter-not-text = 参数 `{ $name }` 不是文字
policy-text-ref = 文字应写作常量、`{"{"}param: NAME{"}"}` 或 `{"{"}unit: FIELD{"}"}`

## The annotated workbook (check --annotate)

annotate-title = { $unit }清单检查结果：错误 { $errors } 项，警告 { $warnings } 项，提示 { $notices } 项。有颜色的单元格有批注，点“位置”可跳到该单元格。
annotate-note = 【{ $severity }】{ $rule }
    { $message }
    依据：{ $basis }
    整改：{ $fix }
annotate-whole-workbook = 整个工作簿
annotate-cell = 「{ $sheet }」第 { $row } 行「{ $column }」
annotate-column-number = 序号
annotate-column-severity = 严重程度
annotate-column-rule = 规则
annotate-column-place = 位置
annotate-column-message = 问题
annotate-column-basis = 依据
annotate-column-fix = 整改建议
annotate-one-unit = --annotate { $path } 是一个文件，只能写一个单位的工作簿；检查多个单位时请给出一个目录
annotate-inside-input = 批注工作簿 { $output } 在被检查的目录之中，下次检查会把它当作清单：请写到被检查的目录之外

## The rectification ledger (jianfu ledger)

ledger-title = { $periods }基层减负问题整改台账
ledger-sheet = 整改台账
ledger-totals-sheet = 汇总
ledger-totals-title = 整改情况汇总
ledger-league = 合计
ledger-status = { $status ->
    [new] 新发现
    [open] 未整改
    [rebound] 反弹
    [waived] 豁免
   *[fixed] 已整改
  }
ledger-note-fixed = 本期清单中已不再出现，视为已整改
ledger-note-waived = 经{ $approver }批准豁免至 { $expires }：{ $reason }
ledger-note-overdue = 已逾期 { $days } 天
ledger-responsible = { $body }（{ $unit }）
ledger-column-number = 序号
ledger-column-banner = 旗县市区
ledger-column-township = 苏木乡镇（街道）
ledger-column-unit = 嘎查村（社区）
ledger-column-clearance = 问题类别
ledger-column-problem = 问题描述
ledger-column-basis = 政策依据
ledger-column-measure = 整改措施
ledger-column-responsible = 责任单位
ledger-column-deadline = 整改时限
ledger-column-status = 整改状态
ledger-column-note = 备注
ledger-column-rate = 整改率
ledger-not-a-ledger = { $path } 不是 jianfu ledger --format json 写的整改台账：{ $error }
ledger-needs-output = 整改台账的 Excel 文件要写入文件：请用 --output 指定，如 -o 整改台账.xlsx
report-not-a-report = { $path } 不是 jianfu check --format json 写的报告：{ $error }
reports-differ = { $path } 与第一份报告不一致（{ $what }：{ $value }）：合并的报告须由同一版本的 jianfu、在同一套规则和同一语言下生成
reports-periods-differ = 要合并的报告属于不同的报告期：{ $periods }；请只合并同一报告期的报告
json-unreadable = 无法读取 { $path }：{ $error }
report-without-units = { $path } 没有逐单位的记录，不能合并成通报：请用 jianfu check --format json --with-units 重新生成这份报告
report-other-policies = { $path } 是在另一套规则下生成的（规则摘要 { $value }，本次加载的是 { $ours }）：报告和通报须用同一套规则
report-unknown-rule = 报告中的规则 { $rule } 不在本次加载的规则中
bulletin-reports-not-filtered = 用 --reports 合并的是各地生成好的报告，不能再加筛选条件（--rule、--banner 等）：请在生成报告时筛选

## The language server's log and protocol errors

lsp-closed-without-exit = 客户端关闭了输入，但没有发送 `exit`
lsp-bad-header = 无法读取消息头（{ $problem }），停止服务
lsp-malformed = 跳过格式有误的消息（{ $error }）：{ $shown }
lsp-already-initialized = 已经初始化过
lsp-method-unknown = jianfu lsp 不处理 `{ $method }`
lsp-shut-down = 服务已关闭
lsp-unknown-lang = 没有语言 `{ $lang }`，仍用默认语言
lsp-bad-params = 跳过参数有误的 `{ $method }`：{ $error }
lsp-not-open = 修改了一个未打开的文档：{ $uri }

## The check desk (jianfu serve): its log, its errors and its page

serve-listening = jianfu 检查台已启动：{ $url }
serve-loopback = 只有本机可以访问；要让局域网内的电脑访问，请用 --addr 0.0.0.0:8080 并设置访问令牌（JIANFU_TOKEN 或 --token-file）
serve-open-without-token = 注意：检查台对 { $addr } 开放，但没有设置访问令牌，局域网内任何人都可以使用
serve-bad-token-file = 无法读取访问令牌文件 { $path }：{ $error }
serve-cannot-bind = 无法监听 { $addr }：{ $error }
serve-not-found = 没有这个页面
serve-unauthorized = 需要访问令牌：请向管理员索取
serve-busy = 检查台正忙，请稍等几秒再试
serve-internal = 检查台内部出错，请把文件交给管理员
serve-no-file = 请求中没有名为 file 的文件
serve-malformed = 上传的请求格式有误，请重新选择文件上传
serve-bad-format = 没有 { $value } 这种报告格式：可用 json 或 sarif
serve-too-large = 上传的文件超过了检查台的限制 { $name }（{ $limit }）
serve-not-an-inventory = “{ $name }”不是工作簿、CSV 表格或 zip 压缩包：请上传 .xlsx、.xls、.csv 或 .zip 文件
serve-corrupt-zip = 压缩包已损坏，无法读取（{ $detail }）：请重新压缩后上传
serve-unsafe-entry = 压缩包中的“{ $entry }”指向压缩包以外或是链接，为安全起见整个压缩包未予检查
serve-no-unit = 压缩包中没有找到清单：每个单位应是一个含 unit.yaml 的文件夹、一个工作簿，或一个含“单位信息.csv”的文件夹
serve-annotated-zip-name = 检查结果标注
serve-ledger-name = 整改台账
page-title = 减负清单检查台
page-intro = 把本单位的减负清单（Excel 工作簿、CSV 表格，或整个乡镇的 zip 压缩包）拖到下面，马上就能看到哪里不符合规定、依据是什么、应当怎么改。文件只在检查时使用，不会保存。
page-drop = 把文件拖到这里，或
page-choose = 选择文件
page-accepts = 支持 .xlsx、.xls、.csv、.zip
page-uploading = 正在上传
page-checking = 正在检查……
page-summary = 检查结果
page-summary-line = 共检查 %units% 个单位，其中 %clean% 个未发现问题；发现问题 %findings% 条（错误 %errors% 条、警告 %warnings% 条、提示 %notices% 条），已豁免 %waived% 条
page-count = 问题数
page-problems = 条问题
page-waived = 已豁免
page-by-clearance = 按清理事项
page-where = 位置
page-message = 问题
page-basis = 依据
page-fix = 整改
page-severity = 级别
page-download-annotated = 下载标注后的工作簿
page-download-json = 下载 JSON 报告
page-download-sarif = 下载 SARIF 报告
page-download-ledger = 下载整改台账
page-ledger-file = 整改台账
page-annotated-file = 检查标注
page-token = 访问令牌
page-token-send = 确定
page-language = English
page-failed = 检查没有完成
page-sheet = 工作表
page-cell = 单元格
page-line = 行
page-column = 列
page-unit-clean = 这个单位未发现问题。
page-again = 检查另一个文件
