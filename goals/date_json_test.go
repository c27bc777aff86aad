package goals_test

import (
	"encoding/json"
	"testing"

	"github.com/goalbot/goalbot/goals"
)

// A goal with no deadline says null in JSON, and null (or "") reads back
// as no date.
func TestDateJSON(t *testing.T) {
	type v struct {
		D goals.Date `json:"d"`
	}
	for _, tt := range []struct {
		in   goals.Date
		want string
	}{
		{goals.Date{}, `{"d":null}`},
		{goals.NewDate(2026, 11, 22), `{"d":"2026-11-22"}`},
	} {
		b, err := json.Marshal(v{tt.in})
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%v) = %s %v, want %s", tt.in, b, err, tt.want)
		}
		var back v
		if err := json.Unmarshal(b, &back); err != nil || back.D != tt.in {
			t.Errorf("Unmarshal(%s) = %v %v, want %v", b, back.D, err, tt.in)
		}
	}
	var back v
	if err := json.Unmarshal([]byte(`{"d":""}`), &back); err != nil || !back.D.IsZero() {
		t.Errorf(`"" reads as %v %v, want no date`, back.D, err)
	}
}
