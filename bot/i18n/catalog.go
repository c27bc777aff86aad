package i18n

// catalog maps a message key to its text in en, zh-CN, zh-TW.
// Error keys are the domain's Reason codes, so every refusal has a sentence
// that says what to type instead.
var catalog = map[string][3]string{
	// --- errors -------------------------------------------------------
	"bad_amount": {
		"I couldn't read that amount. Type a number such as 3, 1,234.5, 1.5k, ¥115,000 or 15%.",
		"没看懂这个数字。请输入数字，例如 3、1,234.5、1.5k、2万、¥115,000 或 15%。",
		"看不懂這個數字。請輸入數字，例如 3、1,234.5、1.5k、2萬、NT$300 或 15%。"},
	"missing_amount": {
		"How much? Add a number, e.g. `/goal log 3 demos` or `/goal log #2 1.5k`.",
		"记录多少？请带上数字，例如 `/goal 记录 3 个演示` 或 `/goal 记录 #2 1.2万`。",
		"記錄多少？請帶上數字，例如 `/goal 記錄 3 筆交易` 或 `/goal 記錄 #2 1.2萬`。"},
	"amount_too_large": {
		"That number is too large to be real. Check it and try again, e.g. `/goal log 1,200`.",
		"这个数字太大了，不像真实数据。请检查后重试，例如 `/goal 记录 1200`。",
		"這個數字太大了，不像真實資料。請檢查後重試，例如 `/goal 記錄 1200`。"},
	"negative_amount": {
		"Amounts can't be negative. To take back a log, type `/goal undo`.",
		"数量不能是负数。要撤回上一条记录，请输入 `/goal 撤销`。",
		"數量不能是負數。要撤回上一筆記錄，請輸入 `/goal 撤銷`。"},
	"zero_amount": {
		"Log 0 on #{id}? That adds nothing, so nothing was logged. Type the amount you did, e.g. `/goal log #{id} 1`; to take back a log, `/goal undo`.",
		"给 #{id} 记录 0？这不会增加任何进度，所以没有记录。请输入实际完成的数量，例如 `/goal 记录 #{id} 1`；要撤回记录，请用 `/goal 撤销`。",
		"給 #{id} 記錄 0？這不會增加任何進度，所以沒有記錄。請輸入實際完成的數量，例如 `/goal 記錄 #{id} 1`；要撤回記錄，請用 `/goal 撤銷`。"},
	"bad_percent": {
		"A percentage must be between 0% and 100%.",
		"百分比必须在 0% 到 100% 之间。",
		"百分比必須在 0% 到 100% 之間。"},
	"unit_mismatch": {
		"Goal #{id} is counted in {unit}; that amount is in another unit. Type just the number, e.g. `/goal log #{id} 5`.",
		"目标 #{id} 的单位是 {unit}，这个数量的单位不一致。只输入数字即可，例如 `/goal 记录 #{id} 5`。",
		"目標 #{id} 的單位是 {unit}，這個數量的單位不一致。只輸入數字即可，例如 `/goal 記錄 #{id} 5`。"},
	"goal_not_found": {
		"There is no goal #{id} here. Type `/goal list` to see your goals.",
		"这里没有目标 #{id}。输入 `/goal 列表` 查看你的目标。",
		"這裡沒有目標 #{id}。輸入 `/goal 列表` 查看你的目標。"},
	"not_your_goal": {
		"Goal #{id} belongs to someone else, so you can't change it. Type `/goal list` to see yours.",
		"目标 #{id} 属于其他人，你不能修改。输入 `/goal 列表` 查看你自己的目标。",
		"目標 #{id} 屬於其他人，你不能修改。輸入 `/goal 列表` 查看你自己的目標。"},
	"managers_only": {
		"Only a team manager can do that. Ask a manager, or type `/goal team` to see who they are.",
		"只有团队管理员可以这样做。请联系管理员，或输入 `/goal 团队` 查看管理员。",
		"只有團隊管理員可以這樣做。請聯絡管理員，或輸入 `/goal 團隊` 查看管理員。"},
	"goal_closed": {
		"Goal #{id} is closed. Start a new one with `/goal new ...`.",
		"目标 #{id} 已关闭。用 `/goal 新建 ...` 创建新目标。",
		"目標 #{id} 已關閉。用 `/goal 新建 ...` 建立新目標。"},
	"no_goals": {
		"You have no active goal yet. Create one, e.g. `/goal new Book 20 demos by Friday`.",
		"你还没有进行中的目标。先创建一个，例如 `/goal 新建 本月销售额达到5万元`。",
		"你還沒有進行中的目標。先建立一個，例如 `/goal 新建 本週五前完成20筆交易`。"},
	"no_goal_matches": {
		"None of your goals matches \"{words}\". Name it by number, e.g. `/goal log #1 3`; `/goal list` shows the numbers.",
		"没有与“{words}”匹配的目标。请用编号，例如 `/goal 记录 #1 3`；`/goal 列表` 可查看编号。",
		"沒有與「{words}」相符的目標。請用編號，例如 `/goal 記錄 #1 3`；`/goal 列表` 可查看編號。"},
	"which_goal": {
		"Which goal? Several can take it:{list}\nAdd its number, e.g. `/goal log #{first} {amount}`.",
		"记到哪个目标？有多个目标可以记录：{list}\n请加上编号，例如 `/goal 记录 #{first} {amount}`。",
		"記到哪個目標？有多個目標可以記錄：{list}\n請加上編號，例如 `/goal 記錄 #{first} {amount}`。"},
	"nothing_to_undo": {
		"There is nothing to undo: you have no logs.",
		"没有可以撤销的记录。",
		"沒有可以撤銷的記錄。"},
	"unknown_command": {
		"I don't know \"{cmd}\". Type `/goal help` to see what I can do.",
		"不认识“{cmd}”这个命令。输入 `/goal 帮助` 查看可用命令。",
		"不認識「{cmd}」這個指令。輸入 `/goal 幫助` 查看可用指令。"},
	"did_you_mean": {
		"I don't know \"{cmd}\". Did you mean `{suggestion}`? Nothing was done.",
		"不认识“{cmd}”。你是想输入 `{suggestion}` 吗？这次什么都没做。",
		"不認識「{cmd}」。你是想輸入 `{suggestion}` 嗎？這次什麼都沒做。"},
	"input_too_long": {
		"That message is too long. Keep commands under a few lines.",
		"消息太长了，请把命令控制在几行以内。",
		"訊息太長了，請把指令控制在幾行以內。"},
	"date_in_past": {
		"That deadline is already in the past. Give a future date, e.g. `by Friday` or `2026-12-31`.",
		"这个截止日期已经过去了。请给一个未来的日期，例如“本周五前”或 2026-12-31。",
		"這個截止日期已經過去了。請給一個未來的日期，例如「本週五前」或 2026-12-31。"},
	"bad_date": {
		"I couldn't read that date. Try `2026-12-31`, `by Friday`, `end of Q3` or `next month`.",
		"没看懂这个日期。可以写 2026-12-31、“本周五前”、“第四季度末”或“下个月”。",
		"看不懂這個日期。可以寫 2026-12-31、「本週五前」、「第四季末」或「下個月」。"},
	"title_required": {
		"Say what the goal is, e.g. `/goal new Book 20 demos by Friday`.",
		"请写出目标内容，例如 `/goal 新建 本月销售额达到5万元`。",
		"請寫出目標內容，例如 `/goal 新建 本週五前完成20筆交易`。"},
	"title_too_long": {
		"That goal statement is too long; one sentence is enough.",
		"目标描述太长了，一句话就够了。",
		"目標描述太長了，一句話就夠了。"},
	"target_not_above_baseline": {
		"The target must be higher than where you start. Change it with `/goal edit #{id} target=...`.",
		"目标值必须高于起点。可用 `/goal 修改 #{id} target=...` 调整。",
		"目標值必須高於起點。可用 `/goal 修改 #{id} target=...` 調整。"},
	"target_not_below_baseline": {
		"For a reduction the target must be lower than where you start, e.g. `churn from 45% to 20%`.",
		"降低类目标的目标值必须低于起点，例如“流失率从45%降到20%”。",
		"降低類目標的目標值必須低於起點，例如「流失率從45%降到20%」。"},
	"target_required": {
		"The goal needs a target above zero, e.g. `/goal edit #{id} target=20`.",
		"目标值必须大于零，例如 `/goal 修改 #{id} target=20`。",
		"目標值必須大於零，例如 `/goal 修改 #{id} target=20`。"},
	"negative_target": {
		"Targets and baselines can't be negative.",
		"目标值和起点不能是负数。",
		"目標值和起點不能是負數。"},
	"edit_negative": {
		"A goal's {key} can't be negative. Give a number of zero or more, e.g. `/goal edit #{id} {key}=5`.",
		"目标的 {key} 不能是负数。请给一个不小于零的数字，例如 `/goal 修改 #{id} {key}=5`。",
		"目標的 {key} 不能是負數。請給一個不小於零的數字，例如 `/goal 修改 #{id} {key}=5`。"},
	"edit_did_you_mean": {
		"I can't change \"{key}\". Did you mean `/goal edit #{id} {suggestion}`? Nothing was changed.",
		"不能修改“{key}”。你是想输入 `/goal 修改 #{id} {suggestion}` 吗？目标没有改动。",
		"不能修改「{key}」。你是想輸入 `/goal 修改 #{id} {suggestion}` 嗎？目標沒有改動。"},
	"setting_did_you_mean": {
		"I don't know the setting \"{key}\". Did you mean `/goal settings {suggestion}`? Nothing was changed.",
		"没有“{key}”这个设置。你是想输入 `/goal 设置 {suggestion}` 吗？设置没有改动。",
		"沒有「{key}」這個設定。你是想輸入 `/goal 設定 {suggestion}` 嗎？設定沒有改動。"},
	"deadline_required": {
		"By when? Add a deadline, e.g. `by Friday` or `2026-12-31`.",
		"截止到什么时候？请加上截止日期，例如“本周五前”或 2026-12-31。",
		"截止到什麼時候？請加上截止日期，例如「本週五前」或 2026-12-31。"},
	"deadline_before_start": {
		"The deadline is before the start date.",
		"截止日期早于开始日期。",
		"截止日期早於開始日期。"},
	"deadline_too_far": {
		"That deadline is more than ten years away. Pick a nearer one.",
		"截止日期超过十年了，请选一个更近的日期。",
		"截止日期超過十年了，請選一個更近的日期。"},
	"bad_edit": {
		"I can change: target, baseline, deadline, title, stretch, cadence, priority, steps. E.g. `/goal edit #3 target=25 deadline=2026-12-31`.",
		"可以修改：target、baseline、deadline、title、stretch、cadence、priority、steps。例如 `/goal 修改 #3 target=25 deadline=2026-12-31`。",
		"可以修改：target、baseline、deadline、title、stretch、cadence、priority、steps。例如 `/goal 修改 #3 target=25 deadline=2026-12-31`。"},
	"need_goal_id": {
		"Which goal? Add its number, e.g. `/goal {cmd} #3`. `/goal list` shows the numbers.",
		"哪个目标？请加上编号，例如 `/goal {cmd} #3`。`/goal 列表` 可查看编号。",
		"哪個目標？請加上編號，例如 `/goal {cmd} #3`。`/goal 列表` 可查看編號。"},
	"bad_setting": {
		"I can set: tz=Asia/Shanghai lang=en|zh-CN|zh-TW daily=17:30 weekly=\"mon 09:00\" workdays=mon-fri away=2026-12-24..2027-01-02 holidays=2026-12-24..2026-12-26,2027-01-01 team_tz= team_lang= team_daily= (managers). E.g. `/goal settings tz=Asia/Shanghai lang=zh-CN`.",
		"可设置：tz=Asia/Shanghai lang=en|zh-CN|zh-TW daily=17:30 weekly=\"mon 09:00\" workdays=mon-fri away=2026-12-24..2027-01-02 holidays=2026-12-24..2026-12-26,2027-01-01 team_tz= team_lang= team_daily=（管理员）。例如 `/goal 设置 tz=Asia/Shanghai lang=zh-CN`。",
		"可設定：tz=Asia/Taipei lang=en|zh-CN|zh-TW daily=17:30 weekly=\"mon 09:00\" workdays=mon-fri away=2026-12-24..2027-01-02 holidays=2026-12-24..2026-12-26,2027-01-01 team_tz= team_lang= team_daily=（管理員）。例如 `/goal 設定 tz=Asia/Taipei lang=zh-TW`。"},
	"bad_tz": {
		"I don't know the time zone \"{value}\". Use a name like Asia/Shanghai, Asia/Taipei, America/New_York or UTC.",
		"不认识时区“{value}”。请使用 Asia/Shanghai、Asia/Taipei、America/New_York 或 UTC 这样的名称。",
		"不認識時區「{value}」。請使用 Asia/Taipei、Asia/Shanghai、America/New_York 或 UTC 這樣的名稱。"},
	"bad_lang": {
		"Languages: en, zh-CN, zh-TW. E.g. `/goal settings lang=zh-CN`.",
		"支持的语言：en、zh-CN、zh-TW。例如 `/goal 设置 lang=zh-CN`。",
		"支援的語言：en、zh-CN、zh-TW。例如 `/goal 設定 lang=zh-TW`。"},
	"bad_time": {
		"Times look like 17:30 (24-hour), weekly like `mon 09:00`.",
		"时间格式为 17:30（24 小时制），每周时间如 `mon 09:00`。",
		"時間格式為 17:30（24 小時制），每週時間如 `mon 09:00`。"},
	"bad_workdays": {
		"Workdays look like mon-fri, mon-sat or mon,wed,fri.",
		"工作日格式如 mon-fri、mon-sat 或 mon,wed,fri。",
		"工作日格式如 mon-fri、mon-sat 或 mon,wed,fri。"},
	"bad_holidays": {
		"Holidays are dates and ranges separated by commas, at most {max}, each range up to a year, e.g. `/goal settings holidays=2026-12-24..2026-12-26,2027-01-01`; `holidays=off` clears them.",
		"假期为用逗号分隔的日期或日期范围，最多 {max} 项，每个范围不超过一年，例如 `/goal 设置 holidays=2026-12-24..2026-12-26,2027-01-01`；`holidays=off` 清除。",
		"假期為用逗號分隔的日期或日期範圍，最多 {max} 項，每個範圍不超過一年，例如 `/goal 設定 holidays=2026-12-24..2026-12-26,2027-01-01`；`holidays=off` 清除。"},
	"bad_role": {
		"Roles are manager or member, e.g. `/goal role @alice manager`.",
		"角色只能是管理员或成员，例如 `/goal 角色 @alice 管理员`。",
		"角色只能是管理員或成員，例如 `/goal 角色 @alice 管理員`。"},
	"last_manager": {
		"The team needs at least one manager; make someone else manager first.",
		"团队至少需要一位管理员，请先把其他人设为管理员。",
		"團隊至少需要一位管理員，請先把其他人設為管理員。"},
	"member_not_found": {
		"I don't know {user} in this team yet; they need to talk to me once first.",
		"团队里还没有 {user}，请对方先和我说一句话。",
		"團隊裡還沒有 {user}，請對方先和我說一句話。"},
	"need_user": {
		"Whom? E.g. `/goal role @alice manager`.",
		"设置谁？例如 `/goal 角色 @alice 管理员`。",
		"設定誰？例如 `/goal 角色 @alice 管理員`。"},
	"need_baseline": {
		"Where does it stand now? Add the starting value, e.g. `conversion rate from 1% to 2% by end of Q1`.",
		"现在是多少？请加上起点，例如“转化率从1%提升到2%，第一季度末前”。",
		"現在是多少？請加上起點，例如「轉換率從1%提升到2%，第一季末前」。"},
	"need_target": {
		"How much? Add a number, e.g. `Book 20 demos by Friday`.",
		"目标是多少？请加上数字，例如“本月销售额达到5万元”。",
		"目標是多少？請加上數字，例如「本週五前完成20筆交易」。"},
	"nothing_pending": {
		"There is no proposal waiting. Start with `/goal new ...`.",
		"没有待确认的建议。请先用 `/goal 新建 ...`。",
		"沒有待確認的建議。請先用 `/goal 新建 ...`。"},
	"duplicate": {
		"Already done.",
		"已经处理过了。",
		"已經處理過了。"},
	"conflict": {
		"That was already done.",
		"已经处理过了。",
		"已經處理過了。"},
	"internal": {
		"Something went wrong on my side; nothing was changed. Please try again in a minute.",
		"我这边出了点问题，没有做任何修改。请稍后再试。",
		"我這邊出了點問題，沒有做任何修改。請稍後再試。"},
	"invalid": {
		"I couldn't do that with what you typed. Type `/goal help` for examples.",
		"无法按你的输入执行。输入 `/goal 帮助` 查看示例。",
		"無法按你的輸入執行。輸入 `/goal 幫助` 查看範例。"},

	// --- statuses -------------------------------------------------------
	"status_on_track":   {"on track", "进度正常", "進度正常"},
	"status_at_risk":    {"at risk", "有风险", "有風險"},
	"status_behind":     {"behind", "落后", "落後"},
	"status_achieved":   {"achieved", "已达成", "已達成"},
	"status_missed":     {"missed", "未达成", "未達成"},
	"per_day":           {"day", "天", "天"},
	"per_week":          {"week", "周", "週"},
	"per_month":         {"month", "月", "月"},
	"cadence_daily":     {"a day", "每天", "每天"},
	"cadence_weekly":    {"a week", "每周", "每週"},
	"cadence_monthly":   {"a month", "每月", "每月"},
	"cadence_quarterly": {"a quarter", "每季度", "每季"},
	"unit_min":          {" min", "分钟", "分鐘"},
	"unit_days":         {" days", "天", "天"},
	"scope_team":        {"team", "团队", "團隊"},

	// --- replies ----------------------------------------------------------
	"logged": {
		"Logged {amount}. {current}/{target} ({percent}), {status}.",
		"已记录 {amount}。{current}/{target}（{percent}），{status}。",
		"已記錄 {amount}。{current}/{target}（{percent}），{status}。"},
	"logged_reading": {
		"Recorded {amount} as the new reading. {percent} of the way from {baseline} to {target}, {status}.",
		"已记录最新数值 {amount}。从 {baseline} 到 {target} 已完成 {percent}，{status}。",
		"已記錄最新數值 {amount}。從 {baseline} 到 {target} 已完成 {percent}，{status}。"},
	"logged_dup": {
		"Already logged (this message was delivered twice); nothing was added.",
		"这条已经记录过了（消息重复送达），没有重复记录。",
		"這筆已經記錄過了（訊息重複送達），沒有重複記錄。"},
	"need_rate": {
		"Need {rate}/{per} for the remaining {days}.",
		"剩余 {days}，需要每{per} {rate}。",
		"剩餘 {days}，需要每{per} {rate}。"},
	"need_rate_long": {
		"Need {rate}/{per} until {deadline}.",
		"到 {deadline} 前需要每{per} {rate}。",
		"到 {deadline} 前需要每{per} {rate}。"},
	"projection": {
		"At this pace: {projection} by {deadline}.",
		"按当前速度，到 {deadline} 预计 {projection}。",
		"按目前速度，到 {deadline} 預計 {projection}。"},
	"expected_now": {
		"Expected by today: {expected}.",
		"按计划今天应达到：{expected}。",
		"按計畫今天應達到：{expected}。"},
	"streak": {
		"Streak: {n} 🔥",
		"连续达成：{n} 🔥",
		"連續達成：{n} 🔥"},
	"stretch": {
		"Stretch target {stretch}: {percent}.",
		"挑战目标 {stretch}：{percent}。",
		"挑戰目標 {stretch}：{percent}。"},
	"undone": {
		"Removed your last log: {amount} on #{id} {title} ({at}). Now {current}/{target} ({percent}).",
		"已撤销你的上一条记录：#{id} {title} 的 {amount}（{at}）。现在 {current}/{target}（{percent}）。",
		"已撤銷你的上一筆記錄：#{id} {title} 的 {amount}（{at}）。現在 {current}/{target}（{percent}）。"},
	"created": {
		"Created goal #{id}: {title}",
		"已创建目标 #{id}：{title}",
		"已建立目標 #{id}：{title}"},
	"created_hint": {
		"Log progress with `/goal log #{id} 1`.",
		"用 `/goal 记录 #{id} 1` 记录进度。",
		"用 `/goal 記錄 #{id} 1` 記錄進度。"},
	"list_header": {
		"Active goals:",
		"进行中的目标：",
		"進行中的目標："},
	"list_header_user": {
		"Goals of {user}:",
		"{user} 的目标：",
		"{user} 的目標："},
	"list_header_team": {
		"Team goals:",
		"团队目标：",
		"團隊目標："},
	"list_empty": {
		"No active goals. Create one with `/goal new Book 20 demos by Friday`.",
		"没有进行中的目标。用 `/goal 新建 本月销售额达到5万元` 创建一个。",
		"沒有進行中的目標。用 `/goal 新建 本週五前完成20筆交易` 建立一個。"},
	"progress_header": {
		"#{id} {title}",
		"#{id} {title}",
		"#{id} {title}"},
	"progress_window": {
		"{start} → {deadline} · {status}",
		"{start} → {deadline} · {status}",
		"{start} → {deadline} · {status}"},
	"progress_period": {
		"This {per} ({span}): {current}/{target}",
		"本{per}（{span}）：{current}/{target}",
		"本{per}（{span}）：{current}/{target}"},
	"history": {
		"Last 14 days: {spark}",
		"近 14 天：{spark}",
		"近 14 天：{spark}"},
	"contributions": {
		"Contributions: {list}",
		"贡献：{list}",
		"貢獻：{list}"},
	"edited": {
		"Updated goal #{id}: {changes}.",
		"已更新目标 #{id}：{changes}。",
		"已更新目標 #{id}：{changes}。"},
	"closed_done": {
		"Goal #{id} marked done. Well done! 🎉",
		"目标 #{id} 已标记为完成，干得好！🎉",
		"目標 #{id} 已標記為完成，做得好！🎉"},
	"closed_archived": {
		"Goal #{id} archived.",
		"目标 #{id} 已归档。",
		"目標 #{id} 已封存。"},
	"settings_show": {
		"Your settings: tz={tz} lang={lang} reminder={remind} workdays={workdays}{away}. Team: tz={team_tz} lang={team_lang} daily={daily} weekly=\"{weekly}\"{holidays}.",
		"你的设置：时区={tz} 语言={lang} 提醒={remind} 工作日={workdays}{away}。团队：时区={team_tz} 语言={team_lang} 日报={daily} 周报=\"{weekly}\"{holidays}。",
		"你的設定：時區={tz} 語言={lang} 提醒={remind} 工作日={workdays}{away}。團隊：時區={team_tz} 語言={team_lang} 日報={daily} 週報=\"{weekly}\"{holidays}。"},
	"settings_saved": {
		"Saved: {changes}.",
		"已保存：{changes}。",
		"已儲存：{changes}。"},
	"role_set": {
		"{user} is now {role}.",
		"{user} 现在是 {role}。",
		"{user} 現在是 {role}。"},
	"role_manager": {"manager", "管理员", "管理員"},
	"role_member":  {"member", "成员", "成員"},
	"team_header": {
		"Team {team}: {members}, {goals}.",
		"团队 {team}：{members}，{goals}。",
		"團隊 {team}：{members}，{goals}。"},
	"team_member": {
		"{user} ({role}): {summary}",
		"{user}（{role}）：{summary}",
		"{user}（{role}）：{summary}"},
	"team_no_goals": {"no active goals", "没有进行中的目标", "沒有進行中的目標"},
	"smart_parts": {
		"SMART check: {parts}",
		"SMART 检查：{parts}",
		"SMART 檢查：{parts}"},
	"smart_specific":   {"Specific", "具体", "具體"},
	"smart_measurable": {"Measurable", "可衡量", "可衡量"},
	"smart_achievable": {"Achievable", "可实现", "可實現"},
	"smart_relevant":   {"Relevant", "相关", "相關"},
	"smart_time_bound": {"Time-bound", "有时限", "有時限"},
	"smart_rewrite": {
		"Suggested: {rewrite}",
		"建议改为：{rewrite}",
		"建議改為：{rewrite}"},
	"smart_complete": {
		"This goal is SMART as it stands.",
		"这个目标已经符合 SMART 原则。",
		"這個目標已經符合 SMART 原則。"},
	"smart_fallback": {
		"(The AI coach was unavailable; this is the offline analysis.)",
		"（AI 教练暂时不可用，以下为离线分析结果。）",
		"（AI 教練暫時無法使用，以下為離線分析結果。）"},
	"proposal": {
		"Not quite SMART yet. {question}",
		"这个目标还不够 SMART。{question}",
		"這個目標還不夠 SMART。{question}"},
	"proposal_ready": {
		"Shall I save it like this? Press Accept, Edit or Keep as is (or type `/goal accept`).",
		"要按这个保存吗？请选择“接受”“修改”或“保持原样”（或输入 `/goal 接受`）。",
		"要按這個儲存嗎？請選擇「接受」「修改」或「保持原樣」（或輸入 `/goal 接受`）。"},
	"edit_prompt": {
		"Type the goal the way you want it, e.g. `/goal new Book 20 demos by Friday`.",
		"请按你想要的方式重新输入目标，例如 `/goal 新建 本月销售额达到5万元`。",
		"請按你想要的方式重新輸入目標，例如 `/goal 新建 本週五前完成20筆交易`。"},
	"kept_incomplete": {
		"I can't track a goal without {what}. {question}",
		"缺少{what}就无法跟踪目标。{question}",
		"缺少{what}就無法追蹤目標。{question}"},
	"what_target":         {"a number", "目标数值", "目標數值"},
	"what_deadline":       {"a deadline", "截止日期", "截止日期"},
	"what_baseline":       {"a starting value", "起点数值", "起點數值"},
	"console_pick":        {"(type the number)", "（输入数字选择）", "（輸入數字選擇）"},
	"console_pick_letter": {"(type the letter)", "（输入字母选择）", "（輸入字母選擇）"},
	"btn_accept":          {"Accept", "接受", "接受"},
	"btn_edit":            {"Edit", "修改", "修改"},
	"btn_keep":            {"Keep as is", "保持原样", "保持原樣"},
	"btn_undo":            {"Undo", "撤销", "撤銷"},
	"btn_log_one":         {"+1", "+1", "+1"},
	"btn_log_custom":      {"Log…", "记录…", "記錄…"},
	"plain_unsure": {
		"I'm not sure what to log. Did you mean `/goal log {amount}`? Type it with the goal's number, e.g. `/goal log #{first} {amount}`.",
		"不确定要记录到哪里。是想 `/goal 记录 {amount}` 吗？请带上目标编号，例如 `/goal 记录 #{first} {amount}`。",
		"不確定要記錄到哪裡。是想 `/goal 記錄 {amount}` 嗎？請帶上目標編號，例如 `/goal 記錄 #{first} {amount}`。"},
	"plain_several": {
		"I see several amounts ({amounts}). Send them one at a time, e.g. `3 demos`, so each goes to the right goal.",
		"消息里有多个数量（{amounts}）。请一条一条发，例如“3个演示”，这样每个都能记到对的目标。",
		"訊息裡有多個數量（{amounts}）。請一則一則傳，例如「3筆交易」，這樣每個都能記到對的目標。"},
	"plain_goal_offer": {
		"That sounds like a new goal rather than a log.",
		"这听起来像是一个新目标，而不是一条记录。",
		"這聽起來像是一個新目標，而不是一筆記錄。"},
	"plain_suggest": {
		"My guess: {amount} for #{id} {title}. Press ✓ to log it, or pick another goal; nothing is logged until you press.",
		"我猜是给 #{id} {title} 记录 {amount}。点 ✓ 记录，或选择其他目标；确认之前不会记录。",
		"我猜是給 #{id} {title} 記錄 {amount}。按 ✓ 記錄，或選擇其他目標；確認之前不會記錄。"},
	"plain_no_amount": {
		"I didn't catch a command. Type `/goal help` to see examples, or `3 demos` to log.",
		"没有识别到命令。输入 `/goal 帮助` 查看示例，或直接输入“3个演示”来记录。",
		"沒有識別到指令。輸入 `/goal 幫助` 查看範例，或直接輸入「3筆交易」來記錄。"},

	"ask_what": {
		"What do you want to achieve? One sentence is enough, e.g. \"Book 20 demos by Friday\" or \"grow monthly revenue\". (Type `cancel` to stop.)",
		"你想达成什么目标？一句话就行，例如“本月销售额达到5万元”或“提升销量”。（输入“取消”可退出。）",
		"你想達成什麼目標？一句話就好，例如「本週五前完成20筆交易」或「提升營收」。（輸入「取消」可退出。）"},
	"ask_target": {
		"How much exactly? Type a number, e.g. 20, 5万 or ¥115,000.",
		"具体目标是多少？请输入数字，例如 20、5万 或 ¥115,000。",
		"具體目標是多少？請輸入數字，例如 20、5萬 或 NT$30,000。"},
	"ask_deadline": {
		"By when? E.g. Friday, end of month, end of Q4, 2026-12-31.",
		"截止到什么时候？例如：本周五、月底、第四季度末、2026-12-31。",
		"截止到什麼時候？例如：本週五、月底、第四季末、2026-12-31。"},
	"ask_baseline": {
		"Where does it stand today? Type the current value, e.g. 1.2% or 3 minutes.",
		"现在是多少？请输入当前数值，例如 1.2% 或 3分钟。",
		"現在是多少？請輸入目前數值，例如 1.2% 或 3分鐘。"},
	"dialogue_need_number": {
		"I need a number here. {question}",
		"这里需要一个数字。{question}",
		"這裡需要一個數字。{question}"},
	"dialogue_need_date": {
		"I need a date here. {question}",
		"这里需要一个日期。{question}",
		"這裡需要一個日期。{question}"},
	"dialogue_cancelled": {
		"OK, dropped. Start again any time with `/goal new`.",
		"好的，已取消。随时可以用 `/goal 新建` 重新开始。",
		"好的，已取消。隨時可以用 `/goal 新建` 重新開始。"},
	"start": {
		"Hi {user}! I'm goalbot. I turn goals into SMART ones and keep you on pace.\nTry:\n• `/goal new Book 20 demos by Friday`\n• `/goal log 3 demos`\n• `/goal list`\nWhich time zone are you in? Type e.g. `/goal settings tz=America/New_York` (now: {tz}).",
		"你好 {user}！我是 goalbot：帮你把目标变成 SMART 目标，并跟踪进度。\n试试：\n• `/goal 新建 本月销售额达到5万元`\n• `/goal 记录 1.2万`\n• `/goal 列表`\n你在哪个时区？输入例如 `/goal 设置 tz=Asia/Shanghai`（当前：{tz}）。",
		"你好 {user}！我是 goalbot：幫你把目標變成 SMART 目標，並追蹤進度。\n試試：\n• `/goal 新建 本週五前完成20筆交易`\n• `/goal 記錄 5筆`\n• `/goal 列表`\n你在哪個時區？輸入例如 `/goal 設定 tz=Asia/Taipei`（目前：{tz}）。"},
	// --- help ---------------------------------------------------------
	"help": {
		"goalbot commands (type `/goal help <command>` for details):\n" +
			"• `/goal new Book 20 demos by Friday` – create a goal (the SMART coach checks it)\n" +
			"• `/goal log 3 demos` or `/log 3` – log progress (`/goal log #2 1.5k from shop`)\n" +
			"• `/goal list` – your goals with progress bars; `/goal list team`\n" +
			"• `/goal progress #2` – pace, required rate, projection, history\n" +
			"• `/goal undo` – remove your last log\n" +
			"• `/goal edit #2 target=25 deadline=2026-12-31` – change a goal\n" +
			"• `/goal done #2`, `/goal archive #2` – close a goal\n" +
			"• `/goal smart grow sales` – SMART analysis only, nothing saved\n" +
			"• `/goal team` – team overview; `/goal role @alice manager` (managers)\n" +
			"• `/goal settings tz=Asia/Shanghai lang=zh-CN daily=17:30` – your settings\n" +
			"• `/goal split #1 by quarter` – split a goal (month, week, member, region ...); `/goal export`; `/goal breakeven fixed=20000 price=99 cost=60`\n" +
			"• `/goal digest` – preview the weekly digest; `/goal digest weekly here` sends it to this channel every week\n" +
			"Amounts: 3, 1,234.5, 1.5k, 2w, 11.5万, ¥115,000, $99.99, 15%. Dates: 2026-12-31, by Friday, end of Q3, next month, in 6 months.",
		"goalbot 命令（输入 `/goal 帮助 <命令>` 查看详情）：\n" +
			"• `/goal 新建 本月销售额达到5万元` – 创建目标（SMART 教练会检查）\n" +
			"• `/goal 记录 3个演示` 或 `/log 3` – 记录进度（`/goal 记录 #2 1.2万 线下门店`）\n" +
			"• `/goal 列表` – 你的目标和进度条；`/goal 列表 团队`\n" +
			"• `/goal 进度 #2` – 节奏、所需速度、预测、历史\n" +
			"• `/goal 撤销` – 撤回你的上一条记录\n" +
			"• `/goal 修改 #2 target=25 deadline=2026-12-31` – 修改目标\n" +
			"• `/goal 完成 #2`、`/goal 归档 #2` – 完成/归档目标\n" +
			"• `/goal 分析 提升销量` – 只做 SMART 分析，不保存\n" +
			"• `/goal 团队` – 团队概览；`/goal 角色 @alice 管理员`（管理员）\n" +
			"• `/goal 设置 tz=Asia/Shanghai lang=zh-CN daily=17:30` – 个人设置\n" +
			"• `/goal 拆解 #1 按季度` – 拆解目标（按月、周、成员、地区……）；`/goal 导出`；`/goal 保本 fixed=20000 price=99 cost=60`\n" +
			"• `/goal 周报` – 预览周报；`/goal 周报 这里` 每周把周报发到这个群\n" +
			"数字：3、1,234.5、1.5k、2万、11.5万、3千、¥115,000、15%。日期：2026-12-31、本周五前、第四季度末、下个月、6个月内。",
		"goalbot 指令（輸入 `/goal 幫助 <指令>` 查看詳情）：\n" +
			"• `/goal 新建 本週五前完成20筆交易` – 建立目標（SMART 教練會檢查）\n" +
			"• `/goal 記錄 3筆交易` 或 `/log 3` – 記錄進度（`/goal 記錄 #2 1.2萬 門市`）\n" +
			"• `/goal 列表` – 你的目標與進度條；`/goal 列表 團隊`\n" +
			"• `/goal 進度 #2` – 節奏、所需速度、預測、歷史\n" +
			"• `/goal 撤銷` – 撤回你的上一筆記錄\n" +
			"• `/goal 修改 #2 target=25 deadline=2026-12-31` – 修改目標\n" +
			"• `/goal 完成 #2`、`/goal 封存 #2` – 完成/封存目標\n" +
			"• `/goal 分析 提升銷量` – 只做 SMART 分析，不儲存\n" +
			"• `/goal 團隊` – 團隊概覽；`/goal 角色 @alice 管理員`（管理員）\n" +
			"• `/goal 設定 tz=Asia/Taipei lang=zh-TW daily=17:30` – 個人設定\n" +
			"• `/goal 拆解 #1 按季` – 拆解目標（按月、週、成員、地區……）；`/goal 匯出`；`/goal 保本 fixed=20000 price=99 cost=60`\n" +
			"• `/goal 週報` – 預覽週報；`/goal 週報 這裡` 每週把週報傳到這個群組\n" +
			"數字：3、1,234.5、1.5k、2萬、11.5萬、3千、NT$300、15%。日期：2026-12-31、本週五前、第四季末、下個月、6個月內。"},
	"help_new": {
		"`/goal new [team] <goal>` creates a goal from one sentence. Examples: `/goal new Book 20 demos by Friday`, `/goal new 5 calls a day`, `/goal new team Q4 revenue 115,000 by end of Q4`, `/goal new conversion rate from 1% to 2% by end of Q1`.",
		"`/goal 新建 [团队] <目标>` 用一句话创建目标。例如：`/goal 新建 每周销售额达到5万元`、`/goal 新建 每天打5个电话`、`/goal 新建 团队 第四季度末营业额达到11.5万元`、`/goal 新建 转化率从1%提升到2%，第一季度末前`。",
		"`/goal 新建 [團隊] <目標>` 用一句話建立目標。例如：`/goal 新建 本週五前完成20筆交易`、`/goal 新建 每天打5通電話`、`/goal 新建 團隊 第四季末營收達到11.5萬元`。"},
	"help_log": {
		"`/goal log [#id|name] <amount> [note]` logs progress. The goal can be left out when you have one, or named by its metric: `/goal log 3 demos`, `/goal log #2 1.5k`, `/goal log revenue ¥1,200 walk-in`. For a rate goal the amount is the new reading: `/goal log conversion 1.4%`. `/goal undo` takes it back.",
		"`/goal 记录 [#编号|名称] <数量> [备注]` 记录进度。只有一个目标时可省略编号，也可用指标名：`/goal 记录 3个演示`、`/goal 记录 #2 1.2万`、`/goal 记录 销售额 ¥1200 门店`。比率类目标记录的是最新数值：`/goal 记录 转化率 1.4%`。`/goal 撤销` 可撤回。",
		"`/goal 記錄 [#編號|名稱] <數量> [備註]` 記錄進度。只有一個目標時可省略編號，也可用指標名：`/goal 記錄 3筆交易`、`/goal 記錄 #2 1.2萬`、`/goal 記錄 營收 NT$1200 門市`。比率類目標記錄的是最新數值：`/goal 記錄 轉換率 1.4%`。`/goal 撤銷` 可撤回。"},
	"help_list": {
		"`/goal list` shows your active goals; `/goal list team` the team's; `/goal list @alice` someone's.",
		"`/goal 列表` 显示你的目标；`/goal 列表 团队` 显示团队目标；`/goal 列表 @alice` 显示某人的目标。",
		"`/goal 列表` 顯示你的目標；`/goal 列表 團隊` 顯示團隊目標；`/goal 列表 @alice` 顯示某人的目標。"},
	"help_edit": {
		"`/goal edit #id key=value ...` changes target, baseline, deadline, title, stretch, cadence (daily|weekly|monthly|none), priority, steps. E.g. `/goal edit #3 target=25 stretch=30 deadline=end of Q4`, `/goal edit #3 title=\"Book 25 demos\"`.",
		"`/goal 修改 #编号 key=value ...` 可改 target、baseline、deadline、title、stretch、cadence（daily|weekly|monthly|none）、priority、steps。例如 `/goal 修改 #3 target=25 deadline=2026-12-31`。",
		"`/goal 修改 #編號 key=value ...` 可改 target、baseline、deadline、title、stretch、cadence（daily|weekly|monthly|none）、priority、steps。例如 `/goal 修改 #3 target=25 deadline=2026-12-31`。"},
	"help_progress": {
		"`/goal progress [#id]` shows one goal in detail: expected pace, required rate, projection at the deadline and the last 14 days.",
		"`/goal 进度 [#编号]` 显示目标详情：计划节奏、所需速度、截止预测和近 14 天记录。",
		"`/goal 進度 [#編號]` 顯示目標詳情：計畫節奏、所需速度、截止預測和近 14 天記錄。"},
	"help_settings": {
		"`/goal settings` shows your settings; `/goal settings tz=Asia/Shanghai lang=zh-CN daily=17:30 workdays=mon-fri away=2026-12-24..2027-01-02` changes yours; managers also set the team's `team_tz=`, `team_lang=` (the digests' language; until set it follows the managers' language), `team_daily=18:00`, `weekly=\"mon 09:00\"` and `holidays=2026-12-24..2026-12-26,2027-01-01` (no reminders or daily summary, streaks kept; `holidays=off` clears).",
		"`/goal 设置` 查看设置；`/goal 设置 tz=Asia/Shanghai lang=zh-CN daily=17:30 workdays=mon-fri away=2026-12-24..2027-01-02` 修改个人设置；管理员还可设置团队的 `team_tz=`、`team_lang=`（日报和周报的语言；未设置时跟随管理员的语言）、`team_daily=18:00`、`weekly=\"mon 09:00\"` 和 `holidays=2026-12-24..2026-12-26,2027-01-01`（假期不提醒、不发日报，连续记录保留；`holidays=off` 清除）。",
		"`/goal 設定` 查看設定；`/goal 設定 tz=Asia/Taipei lang=zh-TW daily=17:30 workdays=mon-fri away=2026-12-24..2027-01-02` 修改個人設定；管理員還可設定團隊的 `team_tz=`、`team_lang=`（日報和週報的語言；未設定時跟隨管理員的語言）、`team_daily=18:00`、`weekly=\"mon 09:00\"` 和 `holidays=2026-12-24..2026-12-26,2027-01-01`（假期不提醒、不發日報，連續紀錄保留；`holidays=off` 清除）。"},
	"help_undo": {
		"`/goal undo` removes your most recent log and says what it removed.",
		"`/goal 撤销` 删除你最近的一条记录，并告诉你删除了什么。",
		"`/goal 撤銷` 刪除你最近的一筆記錄，並告訴你刪除了什麼。"},
	"help_smart": {
		"`/goal smart <goal>` checks a statement against SMART (Specific, Measurable, Achievable, Relevant, Time-bound) and proposes a rewrite; nothing is saved.",
		"`/goal 分析 <目标>` 按 SMART 原则（具体、可衡量、可实现、相关、有时限）检查并给出改写建议，不保存。",
		"`/goal 分析 <目標>` 按 SMART 原則（具體、可衡量、可實現、相關、有時限）檢查並給出改寫建議，不儲存。"},
	"help_team": {
		"`/goal team` lists members, their goals and status. `/goal role @user manager|member` (managers).",
		"`/goal 团队` 列出成员、目标和状态。`/goal 角色 @用户 管理员|成员`（管理员）。",
		"`/goal 團隊` 列出成員、目標和狀態。`/goal 角色 @使用者 管理員|成員`（管理員）。"},
	"help_digest": {
		"`/goal digest` previews the weekly digest now (`/goal digest daily` the daily summary); `/goal digest weekly here` sends it to this channel or group every week, `/goal digest off` stops it (managers). Times: `/goal settings team_daily=18:00 weekly=\"mon 09:00\"`.",
		"`/goal 周报` 立即预览周报（`/goal 摘要 日报` 预览每日小结）；`/goal 周报 这里` 每周把周报发到这个频道或群，`/goal 摘要 关闭` 停止（管理员）。时间：`/goal 设置 team_daily=18:00 weekly=\"mon 09:00\"`。",
		"`/goal 週報` 立即預覽週報（`/goal 摘要 日報` 預覽每日小結）；`/goal 週報 這裡` 每週把週報傳到這個頻道或群組，`/goal 摘要 關閉` 停止（管理員）。時間：`/goal 設定 team_daily=18:00 weekly=\"mon 09:00\"`。"},
	"help_done": {
		"`/goal done #id` closes a goal as done; `/goal archive #id` hides it.",
		"`/goal 完成 #编号` 标记目标完成；`/goal 归档 #编号` 归档目标。",
		"`/goal 完成 #編號` 標記目標完成；`/goal 封存 #編號` 封存目標。"},
	// --- split, export, break-even (issue 7) ----------------------------
	"help_split": {
		"`/goal split #id by quarter|month|week` makes one child goal per period, with targets that add up to the parent's: shares follow last year's logs of the same metric when they cover every period, otherwise even (weeks by working days). `/goal split #id by member|region|channel|product|customer [EU=40% US=35% APAC=25%]` makes one child per value (every member when none are named; shares in percent, even when left out). The parent's progress rolls up from its children. Managers split team goals; you split your own.",
		"`/goal 拆解 #编号 按 季度|月|周` 按时间拆成子目标，子目标之和等于原目标：有去年同期同一指标的记录时按去年的季节比例分配，否则平均分配（按周时按工作日）。`/goal 拆解 #编号 按 成员|地区|渠道|产品|客户 [华东=40% 华南=35% 华北=25%]` 按维度拆分（不写成员时为全体成员；比例用百分比，不写则平均）。原目标的进度由子目标汇总。团队目标由管理员拆解，个人目标由本人拆解。",
		"`/goal 拆解 #編號 按 季|月|週` 按時間拆成子目標，子目標之和等於原目標：有去年同期同一指標的記錄時按去年的季節比例分配，否則平均分配（按週時按工作日）。`/goal 拆解 #編號 按 成員|地區|通路|產品|客戶 [北區=40% 中區=35% 南區=25%]` 按維度拆分（不寫成員時為全體成員；比例用百分比，不寫則平均）。原目標的進度由子目標彙總。團隊目標由管理員拆解，個人目標由本人拆解。"},
	"help_export": {
		"`/goal export` (managers) sends the team's goals and logs as a CSV file. On the bot's host: `goalbot export --format csv|json [--team T]`.",
		"`/goal 导出`（管理员）以 CSV 文件发送团队的目标和记录。在运行机器人的主机上：`goalbot export --format csv|json [--team T]`。",
		"`/goal 匯出`（管理員）以 CSV 檔案傳送團隊的目標與記錄。在執行機器人的主機上：`goalbot export --format csv|json [--team T]`。"},
	"help_breakeven": {
		"`/goal breakeven fixed=20000 price=99 cost=60 [by=end of month]` works out the units and revenue that cover your fixed costs, and offers to make it a goal.",
		"`/goal 保本 固定成本=20000 售价=99 成本=60 [by=月底]` 算出覆盖固定成本所需的销量和营业额，并可一键设为目标。",
		"`/goal 保本 固定成本=20000 售價=99 成本=60 [by=月底]` 算出支付固定成本所需的銷量與營收，並可一鍵設為目標。"},
	"split_usage": {
		"Split how? E.g. `/goal split #{id} by quarter`, `/goal split #{id} by month`, `/goal split #{id} by member` or `/goal split #{id} by region EU=40% US=35% APAC=25%`.",
		"怎么拆？例如 `/goal 拆解 #{id} 按季度`、`/goal 拆解 #{id} 按月`、`/goal 拆解 #{id} 按成员` 或 `/goal 拆解 #{id} 按地区 华东=40% 华南=35% 华北=25%`。",
		"怎麼拆？例如 `/goal 拆解 #{id} 按季`、`/goal 拆解 #{id} 按月`、`/goal 拆解 #{id} 按成員` 或 `/goal 拆解 #{id} 按地區 北區=40% 中區=35% 南區=25%`。"},
	"split_did_you_mean": {
		"I can't split by that. Did you mean `{suggestion}`? Nothing was split.",
		"不能这样拆分。你是想输入 `{suggestion}` 吗？目标没有拆分。",
		"不能這樣拆分。你是想輸入 `{suggestion}` 嗎？目標沒有拆分。"},
	"split_need_values": {
		"Name the values to split into, e.g. `/goal split #{id} by {by} EU=40% US=35% APAC=25%` (or just `EU US APAC` for even shares).",
		"请写出要拆分的各项，例如 `/goal 拆解 #{id} 按 {by} 华东=40% 华南=35% 华北=25%`（只写 `华东 华南 华北` 则平均分配）。",
		"請寫出要拆分的各項，例如 `/goal 拆解 #{id} 按 {by} 北區=40% 中區=35% 南區=25%`（只寫 `北區 中區 南區` 則平均分配）。"},
	"split_shares_sum": {
		"The shares add up to {sum}; they must make 100% (leave some out to share the rest evenly).",
		"各项比例加起来是 {sum}，必须等于 100%（不写比例的项会平分剩余部分）。",
		"各項比例加起來是 {sum}，必須等於 100%（不寫比例的項會平分剩餘部分）。"},
	"split_bad_share": {
		"I couldn't read the share of \"{value}\". Write it in percent, e.g. `{value}=40%`.",
		"看不懂“{value}”的比例。请用百分比，例如 `{value}=40%`。",
		"看不懂「{value}」的比例。請用百分比，例如 `{value}=40%`。"},
	"split_bad_value": {
		"\"{value}\" can't be used as a name to split by. Use plain words, e.g. EU, online, VIP.",
		"“{value}”不能用作拆分项名称。请用普通文字，例如 华东、线上、VIP。",
		"「{value}」不能用作拆分項名稱。請用一般文字，例如 北區、線上、VIP。"},
	"split_duplicate": {
		"\"{value}\" is named twice. Name each value once.",
		"“{value}”写了两次，每项只写一次。",
		"「{value}」寫了兩次，每項只寫一次。"},
	"split_one_part": {
		"That would make a single part, which is the goal itself. Split a longer goal, or by another period or dimension.",
		"这样只会拆出一份，也就是原目标本身。请拆时间更长的目标，或换一种周期或维度。",
		"這樣只會拆出一份，也就是原目標本身。請拆時間更長的目標，或換一種週期或維度。"},
	"split_too_many": {
		"That would make more than {max} goals. Split by a longer period first (year → quarters → months → weeks).",
		"这样会拆出超过 {max} 个目标。请先按更长的周期拆（年 → 季度 → 月 → 周）。",
		"這樣會拆出超過 {max} 個目標。請先按更長的週期拆（年 → 季 → 月 → 週）。"},
	"split_too_small": {
		"A target of {target} can't be shared among {parts} parts with something for each. Split by a longer period or into fewer values.",
		"目标 {target} 不够分成 {parts} 份（每份至少 1）。请按更长的周期拆，或减少拆分项。",
		"目標 {target} 不夠分成 {parts} 份（每份至少 1）。請按更長的週期拆，或減少拆分項。"},
	"split_recurring": {
		"This goal's target already applies {cadence}, so it can't be split into periods that short. Split it by a longer period or by member, region, channel, product or customer.",
		"这个目标的指标本身就是{cadence}的，不能再拆成这么短的周期。请按更长的周期，或按成员、地区、渠道、产品、客户拆分。",
		"這個目標的指標本身就是{cadence}的，不能再拆成這麼短的週期。請按更長的週期，或按成員、地區、通路、產品、客戶拆分。"},
	"already_split": {
		"Goal #{id} is already split; its progress rolls up from its children. Type `/goal list` to see them.",
		"目标 #{id} 已经拆解过了，进度由子目标汇总。输入 `/goal 列表` 查看。",
		"目標 #{id} 已經拆解過了，進度由子目標彙總。輸入 `/goal 列表` 查看。"},
	"split_by_quarter":  {"quarter", "季度", "季"},
	"split_by_month":    {"month", "月", "月"},
	"split_by_week":     {"week", "周", "週"},
	"split_by_member":   {"member", "成员", "成員"},
	"split_by_region":   {"region", "地区", "地區"},
	"split_by_channel":  {"channel", "渠道", "通路"},
	"split_by_product":  {"product", "产品", "產品"},
	"split_by_customer": {"customer", "客户", "客戶"},
	"split_done": {
		"✂️ Split #{id} {title} by {by} into {n} goals; its progress now rolls up from them.",
		"✂️ 已将 #{id} {title} 按{by}拆成 {n} 个目标，进度由它们汇总。",
		"✂️ 已將 #{id} {title} 按{by}拆成 {n} 個目標，進度由它們彙總。"},
	"split_source_history": {
		"Shares follow last year's {metric} in the same periods ({from} – {to}): seasonal, not an even split.",
		"比例按去年同期（{from} – {to}）的{metric}分配：考虑季节性，而不是平均分。",
		"比例按去年同期（{from} – {to}）的{metric}分配：考慮季節性，而不是平均分。"},
	"split_source_even": {
		"No logs from last year cover every period, so the target is shared evenly (a partial period in proportion to its days).",
		"去年没有覆盖每个周期的记录，因此平均分配（不完整的周期按天数折算）。",
		"去年沒有涵蓋每個週期的記錄，因此平均分配（不完整的週期按天數折算）。"},
	"split_source_working_days": {
		"No logs from last year cover every week, so the target is shared by working days.",
		"去年没有覆盖每一周的记录，因此按工作日分配。",
		"去年沒有涵蓋每一週的記錄，因此按工作日分配。"},
	"split_source_even_dim": {
		"Shared evenly.",
		"平均分配。",
		"平均分配。"},
	"split_source_given": {
		"Shares as you gave them.",
		"按你给的比例分配。",
		"按你給的比例分配。"},
	"split_source_kept": {
		"A rate or per-period target doesn't add up, so each part keeps the target of {target}.",
		"比率或周期性指标不能相加，因此每一份都保持目标 {target}。",
		"比率或週期性指標不能相加，因此每一份都維持目標 {target}。"},
	"split_child_title": {
		"{label}: {amount} {metric} {per} (part of #{id})",
		"{label}：{per}{metric} {amount}（#{id} 的一部分）",
		"{label}：{per}{metric} {amount}（#{id} 的一部分）"},
	"split_basis": {
		"last year {amount}",
		"去年 {amount}",
		"去年 {amount}"},
	"export_done": {
		"Export of {team} (goals: {goals}, logs: {logs}) attached as CSV. On the bot's host: `goalbot export --format csv`.",
		"{team} 的导出：{goals} 个目标、{logs} 条记录，已附 CSV 文件。（在运行机器人的主机上：`goalbot export --format csv`。）",
		"{team} 的匯出：{goals} 個目標、{logs} 筆記錄，已附 CSV 檔案。（在執行機器人的主機上：`goalbot export --format csv`。）"},
	"breakeven_usage": {
		"Give fixed costs, price and unit cost, e.g. `/goal breakeven fixed=20000 price=99 cost=60` (add `by=end of month` for the goal's deadline).",
		"请给出固定成本、售价和单件成本，例如 `/goal 保本 固定成本=20000 售价=99 成本=60`（可加 `by=月底` 作为目标截止日期）。",
		"請給出固定成本、售價和單件成本，例如 `/goal 保本 固定成本=20000 售價=99 成本=60`（可加 `by=月底` 作為目標截止日期）。"},
	"breakeven_no_margin": {
		"At a price of {price} and a unit cost of {cost}, every sale loses money, so no volume breaks even. Raise the price or cut the cost.",
		"售价 {price}、单件成本 {cost}，每卖一件都亏钱，卖多少都无法保本。请提高售价或降低成本。",
		"售價 {price}、單件成本 {cost}，每賣一件都虧錢，賣多少都無法保本。請提高售價或降低成本。"},
	"breakeven_result": {
		"Break-even: sell {units}, {revenue} in revenue. Each unit leaves {margin} (price − cost) toward {fixed} of fixed costs.",
		"盈亏平衡点：卖出 {units}，营业额 {revenue}。每件贡献 {margin}（售价 − 成本），用来覆盖 {fixed} 的固定成本。",
		"損益兩平點：賣出 {units}，營收 {revenue}。每件貢獻 {margin}（售價 − 成本），用來支付 {fixed} 的固定成本。"},
	"breakeven_offer": {
		"Make it a goal by {deadline}? Press Accept (or type `/goal accept`).",
		"要设为目标（截止 {deadline}）吗？点“接受”（或输入 `/goal 接受`）。",
		"要設為目標（截止 {deadline}）嗎？按「接受」（或輸入 `/goal 接受`）。"},
	"breakeven_title": {
		"Sell {units} by {deadline} to break even ({revenue} revenue)",
		"{deadline}前卖出 {units}，实现盈亏平衡（营业额 {revenue}）",
		"{deadline}前賣出 {units}，達到損益兩平（營收 {revenue}）"},
	"breakeven_title_short": {
		"Break even: {units}",
		"保本：{units}",
		"保本：{units}"},
	"breakeven_metric": {"units", "件", "件"},

	// --- amounts: refusals that ask instead of guessing (issue 12) ----
	"ambiguous_amount": {
		"Did you mean {a} or {b}? Type the number again the way you meant it, e.g. {a}.",
		"你是指 {a} 还是 {b}？请按你的意思重新输入数字，例如 {a}。",
		"你是指 {a} 還是 {b}？請按你的意思重新輸入數字，例如 {a}。"},
	"amount_range": {
		"\"{amount}\" looks like a range. Log one figure, e.g. `/goal log 15`.",
		"“{amount}”像是一个范围。请只记录一个数字，例如 `/goal 记录 15`。",
		"「{amount}」像是一個範圍。請只記錄一個數字，例如 `/goal 記錄 15`。"},
	"amount_bound": {
		"\"{amount}\" is a limit, not a figure. Log the exact amount, e.g. `/goal log 7`.",
		"“{amount}”是一个上限或下限，不是具体数字。请记录确切的数量，例如 `/goal 记录 7`。",
		"「{amount}」是一個上限或下限，不是具體數字。請記錄確切的數量，例如 `/goal 記錄 7`。"},
	"unsure_amount": {
		"I'm not sure which number \"{amount}\" means, so nothing was logged. Type it in digits, e.g. `/goal log 2500`.",
		"我不确定“{amount}”指的是哪个数字，所以没有记录。请用阿拉伯数字输入，例如 `/goal 记录 2500`。",
		"我不確定「{amount}」指的是哪個數字，所以沒有記錄。請用阿拉伯數字輸入，例如 `/goal 記錄 2500`。"},
	"currency_mismatch": {
		"Goal #{id} is in {unit}, but that amount is in {other}. I have no exchange rates: give it in {unit}, e.g. `/goal log #{id} 5`.",
		"目标 #{id} 以 {unit} 计，这个金额是 {other}。我没有汇率，无法换算：请用 {unit} 输入，例如 `/goal 记录 #{id} 5`。",
		"目標 #{id} 以 {unit} 計，這個金額是 {other}。我沒有匯率，無法換算：請用 {unit} 輸入，例如 `/goal 記錄 #{id} 5`。"},

	// --- dates (issue 12) ---------------------------------------------
	"bad_fiscal": {
		"The fiscal year setting is the month it starts, 1 to 12 or a month name, e.g. `/goal settings fiscal=4` for April.",
		"财年设置是财年开始的月份，1 到 12 或月份名，例如 `/goal 设置 财年=4` 表示从四月开始。",
		"財年設定是財年開始的月份，1 到 12 或月份名，例如 `/goal 設定 財年=4` 表示從四月開始。"},
	// --- figures a user can trust (issue 15) --------------------------
	"status_upcoming": {"upcoming", "未开始", "未開始"},
	"expected_by_now": {
		"Expected by now: {expected}.",
		"按计划此刻应达到：{expected}。",
		"按計畫此刻應達到：{expected}。"},
	"projection_too_early": {
		"Too early to project.",
		"时间太短，暂无预测。",
		"時間太短，暫無預測。"},
	"projection_few_readings": {
		"Not enough readings yet for a projection (two on different days are needed).",
		"读数还不够，暂无预测（需要不同日期的两次读数）。",
		"讀數還不夠，暫無預測（需要不同日期的兩次讀數）。"},
	"upcoming_starts": {
		"Starts {start}: nothing is expected before then.",
		"{start} 开始：在此之前不计进度。",
		"{start} 開始：在此之前不計進度。"},
	"missed_run": {
		"Missed the last {n} periods in a row.",
		"已连续 {n} 个周期未达成。",
		"已連續 {n} 個週期未達成。"},
	"btn_record_reading": {"Record a reading", "记录读数", "記錄讀數"},
	"btn_record_reading_last": {
		"Record a reading (last {last})",
		"记录读数（上次 {last}）",
		"記錄讀數（上次 {last}）"},
	"created_hint_reading": {
		"Record a reading with `/goal log #{id} <value>` (now {last}).",
		"用 `/goal 记录 #{id} <数值>` 记录读数（当前 {last}）。",
		"用 `/goal 記錄 #{id} <數值>` 記錄讀數（目前 {last}）。"},
	"reading_not_increment": {
		"#{id} takes readings, not +1: type the new value, e.g. `/goal log #{id} {last}` (last {last}).",
		"#{id} 记录的是读数，不是 +1：请输入新数值，例如 `/goal 记录 #{id} {last}`（上次 {last}）。",
		"#{id} 記錄的是讀數，不是 +1：請輸入新數值，例如 `/goal 記錄 #{id} {last}`（上次 {last}）。"},
	"list_closed_header": {
		"Missed, done and archived:",
		"未达成、已完成和已归档：",
		"未達成、已完成和已封存："},
	"list_upcoming_header": {
		"Upcoming:",
		"即将开始：",
		"即將開始："},
	"remind_reading": {
		"New reading for #{id} {title}? Last: {last}. `/goal log #{id} <value>`",
		"#{id} {title} 有新读数吗？上次：{last}。`/goal 记录 #{id} <数值>`",
		"#{id} {title} 有新讀數嗎？上次：{last}。`/goal 記錄 #{id} <數值>`"},
	"missed_run_short": {
		"{n} missed in a row",
		"连续 {n} 期未达成",
		"連續 {n} 期未達成"},
	"checkin_new_reading": {
		" — new reading?",
		" — 有新读数吗？",
		" — 有新讀數嗎？"},
	"goal_not_started": {
		"Goal #{id} starts {start}; logs count from then. Nothing was logged.",
		"目标 #{id} 从 {start} 开始，届时才计入记录。本次未记录。",
		"目標 #{id} 從 {start} 開始，屆時才計入記錄。本次未記錄。"},
	"state_done":     {"done", "已完成", "已完成"},
	"state_archived": {"archived", "已归档", "已封存"},
	"title_target_now": {
		"(target now {target})",
		"（目标现为 {target}）",
		"（目標現為 {target}）"},
	// ---- SMART coach proposals (issue 13) ----
	"smart_working": {
		"Working: {working}",
		"计算：{working}",
		"計算：{working}"},
	"smart_suggested": {
		"Suggested by the coach: {fields} ({basis}).",
		"教练建议的数值：{fields}（{basis}）。",
		"教練建議的數值：{fields}（{basis}）。"},
	"field_target":   {"target", "目标值", "目標值"},
	"field_baseline": {"baseline", "起点", "起點"},
	"field_deadline": {"deadline", "截止日期", "截止日期"},
	"list_sep":       {", ", "、", "、"},
	"smart_pace_choice": {
		"A realistic alternative: {option}. Your own target stays available.",
		"更现实的选择：{option}。你也可以保留自己的目标。",
		"更實際的選擇：{option}。你也可以保留自己的目標。"},
	"smart_supports": {
		"Supports the team goal #{id} {title}; Accept links it as a sub-goal.",
		"支持团队目标 #{id} {title}；接受后将作为它的子目标。",
		"支持團隊目標 #{id} {title}；接受後將作為它的子目標。"},
	"btn_accept_nolink": {"Accept, not linked", "接受，不关联", "接受，不關聯"},
	"ask_current_value": {
		"What is it now? Type the current value; your percentage turns it into the target.",
		"现在是多少？请输入当前数值，我会按你的百分比算出目标。",
		"現在是多少？請輸入目前數值，我會按你的百分比算出目標。"},
	"dialogue_target_above": {
		"The target must be above the starting value {baseline}. What target do you want?",
		"目标值必须高于起点 {baseline}。你想定多少？",
		"目標值必須高於起點 {baseline}。你想定多少？"},
	"dialogue_target_below": {
		"For a reduction the target must be below the starting value {baseline}. What target do you want?",
		"降低类目标的目标值必须低于起点 {baseline}。你想定多少？",
		"降低類目標的目標值必須低於起點 {baseline}。你想定多少？"},
	"created_working": {
		"Target from your numbers: {working}",
		"按你给的数字计算：{working}",
		"按你給的數字計算：{working}"},
	"proposal_one_more": {
		"One more thing: {question}",
		"还差一步：{question}",
		"還差一步：{question}"},
	"smart_split": {
		"This holds two goals; I'd track them apart:",
		"这句话包含两个目标，建议分开跟踪：",
		"這句話包含兩個目標，建議分開追蹤："},
	"btn_accept_both": {"Accept both", "全部接受", "全部接受"},
	"created_child": {
		"Linked to the team goal #{id}: it counts toward it.",
		"已关联团队目标 #{id}，进度计入其中。",
		"已關聯團隊目標 #{id}，進度計入其中。"},
}
