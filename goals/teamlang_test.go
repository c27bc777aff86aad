package goals_test

import (
	"testing"

	"github.com/goalbot/goalbot/goals"
)

func TestTeamLangOf(t *testing.T) {
	mgr := func(id, set, seen string) goals.Member {
		return goals.Member{UserID: id, Role: goals.RoleManager, Lang: set, SeenLang: seen}
	}
	mem := func(id, set, seen string) goals.Member {
		return goals.Member{UserID: id, Role: goals.RoleMember, Lang: set, SeenLang: seen}
	}
	for _, tc := range []struct {
		name string
		ms   []goals.Member
		want string
	}{
		{"nobody known", []goals.Member{mgr("a", "", ""), mem("b", "", "")}, ""},
		{"the manager's, over members'", []goals.Member{mgr("a", "", "zh-TW"), mem("b", "", "en"), mem("c", "", "en")}, "zh-TW"},
		{"a set language over a seen one", []goals.Member{mgr("a", "en", "zh-CN")}, "en"},
		{"most members without a known manager", []goals.Member{mgr("a", "", ""), mem("b", "", "zh-CN"), mem("c", "", "zh-CN"), mem("d", "", "en")}, "zh-CN"},
		{"a tie goes to the first listed", []goals.Member{mem("a", "", "en"), mem("b", "", "zh-CN")}, "en"},
		{"most managers", []goals.Member{mgr("a", "", "en"), mgr("b", "", "zh-CN"), mgr("c", "zh-CN", "")}, "zh-CN"},
	} {
		if got := goals.TeamLangOf(tc.ms); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestChineseScript(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"已更新目標", "zh-TW"},
		{"已更新目标", "zh-CN"},
		{"修改", ""},
		{"列表", ""},
		{"log #1 1", ""},
		{"本週五前完成25筆交易", "zh-TW"},
		{"今天卖了3千", "zh-CN"},
	} {
		if got := goals.ChineseScript(tc.in); got != tc.want {
			t.Errorf("ChineseScript(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if goals.HasHan("log 3 demos") || !goals.HasHan("列表") {
		t.Error("HasHan")
	}
}
