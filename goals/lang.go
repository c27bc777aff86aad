package goals

import (
	"strings"
	"unicode"
)

// Languages the bot speaks.
const (
	LangEN   = "en"
	LangZhCN = "zh-CN"
	LangZhTW = "zh-TW"
)

// tradSimpPairs lists common characters whose Traditional and Simplified
// forms differ, Traditional first. Characters shared by both scripts (率, 售,
// 客, 店 ...) never appear here.
const tradSimpPairs = "" +
	"筆笔營营額额們们個个這这來来會会對对時时點点開开關关單单務务員员實实現现" +
	"銷销與与業业東东車车門门說说話话請请謝谢讓让幾几過过還还間间見见長长電电" +
	"號号樣样經经標标達达進进產产際际戶户價价數数據据轉转換换體体總总處处應应" +
	"該该當当從从萬万億亿為为訂订閱阅網网頁页買买賣卖貨货變变齊齐歲岁麼么嗎吗" +
	"沒没錢钱賺赚虧亏漲涨讀读寫写學学習习紀纪錄录記记計计劃划畫画設设將将並并" +
	"兩两場场廣广費费線线視视頻频訊讯認认識识議议論论題题問问聯联報报導导師师" +
	"幫帮獲获歡欢舉举辦办護护質质優优購购邊边區区圍围運运動动勞劳積积極极負负" +
	"責责確确績绩評评測测試试驗验證证觀观眾众團团隊队組组織织級级練练課课節节" +
	"項项狀状態态維维續续順顺專专職职資资獎奖勵励備备預预規规檢检統统顧顾潛潜" +
	"鏈链結结帳账賬账遞递讚赞鋪铺擴扩張张擬拟縮缩減减壓压發发戰战術术勝胜敗败" +
	"贏赢輸输樂乐愛爱夠够裝装郵邮撥拨聽听覺觉親亲頭头腦脑臺台灣湾陸陆國国內内" +
	"門门閉闭啟启於于雙双夥伙僅仅價价傳传億亿優优兒儿冊册準准齡龄蝦虾貼贴話话" +
	"淨净薦荐訪访瀏浏覽览棄弃衝冲簽签約约貢贡獻献鐘钟銀银屆届歷历曆历斷断鍵键" +
	"層层選选擇择庫库補补給给複复復复衛卫絡络談谈訓训紹绍碼码歸归雜杂鮮鲜慶庆" +
	"贈赠稅税險险離离麥麦臉脸顯显隨随鐵铁錯错邁迈勢势彈弹權权書书紅红綠绿藍蓝" +
	"黃黄寶宝貝贝闆板誰谁陣阵範范隻只鬆松雲云麵面" +
	"週周後后裡里係系製制"

// tradOnly and simpOnly are built from tradSimpPairs; the last pairs
// (週周 後后 裡里 係系 製制) contribute only their Traditional side, since the
// Simplified characters there also appear in Traditional text (and so do
// 台 伙 划 几 于 准 范 只 松 云 板 面, used in both scripts).
var tradOnly, simpOnly = buildScriptSets()

func buildScriptSets() (map[rune]bool, map[rune]bool) {
	t, s := map[rune]bool{}, map[rune]bool{}
	rs := []rune(tradSimpPairs)
	bothOnSimpSide := map[rune]bool{'周': true, '后': true, '里': true, '系': true, '制': true, '准': true, '台': true, '伙': true, '划': true, '几': true, '于': true, '范': true, '只': true, '松': true, '云': true, '板': true, '面': true}
	for i := 0; i+1 < len(rs); i += 2 {
		t[rs[i]] = true
		if !bothOnSimpSide[rs[i+1]] {
			s[rs[i+1]] = true
		}
	}
	return t, s
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// DetectLang guesses the language of s from its script: any Han character
// makes it Chinese; it is Traditional (zh-TW) when it holds at least as many
// Traditional-only as Simplified-only characters and at least one of them,
// Simplified (zh-CN) otherwise. Text without Han characters is English.
func DetectLang(s string) string {
	han, trad, simp := 0, 0, 0
	for _, r := range s {
		if r < 0x2E80 {
			continue
		}
		if isHan(r) {
			han++
			if tradOnly[r] {
				trad++
			} else if simpOnly[r] {
				simp++
			}
		}
	}
	switch {
	case han == 0:
		return LangEN
	case trad > 0 && trad >= simp:
		return LangZhTW
	default:
		return LangZhCN
	}
}

// NormalizeLang maps a locale tag as Slack, Telegram or a user sends it
// (en-US, en_GB, zh, zh-hans, zh-Hant-TW, zh-HK, zh_CN ...) to one of en,
// zh-CN or zh-TW; "" when the tag names none of them.
func NormalizeLang(tag string) string {
	t := strings.ToLower(strings.TrimSpace(tag))
	t = strings.ReplaceAll(t, "_", "-")
	if i := strings.IndexAny(t, ".@"); i >= 0 { // POSIX locales: zh_CN.UTF-8
		t = t[:i]
	}
	parts := strings.Split(t, "-")
	switch parts[0] {
	case "en", "eng", "english":
		return LangEN
	case "zh", "zho", "chi", "cmn", "yue", "chinese":
	default:
		switch t {
		case "简体", "简体中文", "中文":
			return LangZhCN
		case "繁體", "繁體中文", "繁体":
			return LangZhTW
		}
		return ""
	}
	// A script subtag decides; otherwise the region does.
	for _, p := range parts[1:] {
		switch p {
		case "hans":
			return LangZhCN
		case "hant":
			return LangZhTW
		}
	}
	for _, p := range parts[1:] {
		switch p {
		case "tw", "hk", "mo":
			return LangZhTW
		case "cn", "sg", "my":
			return LangZhCN
		}
	}
	if parts[0] == "yue" {
		return LangZhTW
	}
	return LangZhCN
}

// IsChinese reports whether lang is one of the Chinese variants.
func IsChinese(lang string) bool { return lang == LangZhCN || lang == LangZhTW }

// ChineseScript tells which Chinese script s is written in: zh-TW or zh-CN
// when it holds characters only one script uses, "" when it holds none
// ("修改", "列表" read the same in both) or no Han at all.
func ChineseScript(s string) string {
	trad, simp := 0, 0
	for _, r := range s {
		if r < 0x2E80 {
			continue
		}
		if tradOnly[r] {
			trad++
		} else if simpOnly[r] {
			simp++
		}
	}
	switch {
	case trad > simp:
		return LangZhTW
	case simp > trad:
		return LangZhCN
	}
	return ""
}

// HasHan reports whether s holds a CJK ideograph.
func HasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2E80 && isHan(r) {
			return true
		}
	}
	return false
}
