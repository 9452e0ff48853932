package annotations

import (
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in   string
		long bool
		want string
	}{
		{"plain text", false, "plain text"},
		{"tab\there", true, "tab\there"},
		{"tab\there", false, "tab here"},
		{"two\nlines", false, "two lines"},
		{"two\r\nlines", true, "two\n\nlines"},
		{"nul\x00end", true, "nul\uFFFDend"},
		{"esc\x1b[2J", false, "esc\uFFFD[2J"},
		{"del\x7f c1\u009b", false, "del\uFFFD c1\uFFFD"},
		{"non\uFFFF \uFDD0", true, "non\uFFFD \uFFFD"},
		{"bad\xff\xfe byte", false, "bad\uFFFD\uFFFD byte"},
		{"Türkiye \u202e", false, "Türkiye \u202e"},
	}
	for _, tt := range tests {
		got := CleanText(tt.in, tt.long)
		if got != tt.want {
			t.Errorf("CleanText(%q, %v) = %q, want %q", tt.in, tt.long, got, tt.want)
		}
		if bad := badChar(got, tt.long); bad != "" {
			t.Errorf("CleanText(%q, %v) still holds %s", tt.in, tt.long, bad)
		}
		if utf8.ValidString(tt.in) && utf8.RuneCountInString(got) != utf8.RuneCountInString(tt.in) {
			t.Errorf("CleanText(%q, %v) changed the count of characters", tt.in, tt.long)
		}
	}
}
