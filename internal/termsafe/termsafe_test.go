package termsafe

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want, text string }{
		{"Khawaja Asif", "Khawaja Asif", ""},
		{"Müller – “quoted” 日本 \\ back", "Müller – “quoted” 日本 \\ back", ""},
		{"", "", ""},
		{"\x1b]0;owned\x07title", `\x1b]0;owned\x07title`, ""},
		{"red \x1b[31mtext\x1b[0m", `red \x1b[31mtext\x1b[0m`, ""},
		{"a\tb\nc\rd", `a\tb\nc\rd`, "a\\tb\nc\\rd"},
		{"nul\x00del\x7f", `nul\x00del\x7f`, ""},
		{"c1 \u009b31m", `c1 \x9b31m`, ""},
		{"evil\u202egnp.exe", `evil\u202egnp.exe`, ""},
		{"\u2066iso\u2069 \u200f \u061c", `\u2066iso\u2069 \u200f \u061c`, ""},
		{"line\u2028sep", `line\u2028sep`, ""},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`, ""},
		{"zero\u200bwidth", "zero\u200bwidth", ""}, // printable, if invisible
		{"two\nlines\x1b", `two\nlines\x1b`, "two\nlines\\x1b"},
	} {
		got := String(tc.in)
		if got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if again := String(got); again != got {
			t.Errorf("String not idempotent on %q: %q", got, again)
		}
		wantText := tc.text
		if wantText == "" {
			wantText = tc.want
		}
		if got := Text(tc.in); got != wantText {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, wantText)
		}
	}
}

// FuzzString: the result is valid UTF-8 with no character a terminal acts
// upon, and String is idempotent.
func FuzzString(f *testing.F) {
	f.Add("\x1b[2J\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q, not valid UTF-8", s, got)
		}
		for i, r := range got {
			if unsafe(r, utf8.RuneLen(r)) {
				t.Fatalf("String(%q) = %q keeps %U at %d", s, got, r, i)
			}
		}
		if again := String(got); again != got {
			t.Fatalf("String(%q) = %q, and again %q", s, got, again)
		}
	})
}

func BenchmarkStringClean(b *testing.B) {
	s := "Zabihullah Mujahid, spokesman of the Islamic Emirate"
	b.ReportAllocs()
	for b.Loop() {
		String(s)
	}
}
