package safetext

import "testing"

func TestCSV(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=1+2", "'=1+2"}, {"+x", "'+x"}, {"-0.5", "'-0.5"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain", "plain"}, {"", ""}, {"a=b", "a=b"}, {"\nx", "\nx"},
		{"nul\x00", "nul\uFFFD"}, {"\x00=", "\uFFFD="}, {"bad \xff", "bad \uFFFD"}, {"é", "é"},
		{"\uFFFE\uFFFF\uFFFD", "\uFFFD\uFFFD\uFFFD"}, {"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"}, {"𝄞", "𝄞"},
	} {
		if got := CSV(tt.in); got != tt.want {
			t.Errorf("CSV(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidNoCopy(t *testing.T) {
	s := "plain é text\twith\nbreaks"
	if got := Valid(s); got != s {
		t.Errorf("Valid(%q) = %q", s, got)
	}
	if n := testing.AllocsPerRun(10, func() { Valid(s) }); n != 0 {
		t.Errorf("Valid allocates %v times for valid text", n)
	}
}
