package goals

import "testing"

func TestDetectLang(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", LangEN},
		{"Close 20 demos by Friday", LangEN},
		{"grow sales 15% 🚀", LangEN},
		{"提升销量", LangZhCN},
		{"每周销售额达到5万元", LangZhCN},
		{"这个月店铺营业额做到8万", LangZhCN},
		{"客户流失率从45%降到20%", LangZhCN},
		{"本週五前完成20筆交易", LangZhTW},
		{"下個月新增200個訂閱", LangZhTW},
		{"年底前將營收從10萬元提升到11.5萬元", LangZhTW},
		{"結帳時間從3分鐘縮短到1.25分鐘", LangZhTW},
		{"轉換率從1%提升到2%", LangZhTW},
		// Characters common to both scripts only: Simplified by default.
		{"客单价", LangZhCN},
		{"毛利率", LangZhCN},
		{"退货率", LangZhCN},
		{"台湾", LangZhCN},
		{"台灣", LangZhTW},
		// Mixed scripts: the majority wins, ties go to Traditional.
		{"本周营收达到10万，這個月", LangZhCN},
		{"這個月營收達到10万", LangZhTW},
		{"Q4 营收 115,000", LangZhCN},
		{"GMV 衝到50萬", LangZhTW},
	}
	for _, c := range cases {
		if got := DetectLang(c.in); got != c.want {
			t.Errorf("DetectLang(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScriptSetsDisjoint(t *testing.T) {
	for r := range tradOnly {
		if simpOnly[r] {
			t.Errorf("%c is in both script sets", r)
		}
	}
	if len(tradOnly) < 150 {
		t.Errorf("only %d traditional-only characters", len(tradOnly))
	}
	for _, r := range "率售客店周后里系制准台于单" {
		if tradOnly[r] {
			t.Errorf("%c is shared by both scripts but listed as Traditional-only", r)
		}
	}
}

func TestNormalizeLang(t *testing.T) {
	cases := []struct{ in, want string }{
		{"en", LangEN}, {"en-US", LangEN}, {"en_GB", LangEN}, {"EN", LangEN},
		{"zh", LangZhCN}, {"zh-CN", LangZhCN}, {"zh_CN", LangZhCN}, {"zh-hans", LangZhCN},
		{"zh-Hans-CN", LangZhCN}, {"zh-SG", LangZhCN}, {"zh_CN.UTF-8", LangZhCN},
		{"zh-Hant-TW", LangZhTW}, {"zh-HK", LangZhTW}, {"zh-tw", LangZhTW}, {"zh-hant", LangZhTW},
		{"zh-MO", LangZhTW}, {"zh-Hans-HK", LangZhCN},
		{"", ""}, {"fr", ""}, {"de-DE", ""}, {"x", ""}, {"ja", ""},
	}
	for _, c := range cases {
		if got := NormalizeLang(c.in); got != c.want {
			t.Errorf("NormalizeLang(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
