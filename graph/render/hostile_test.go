package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"github.com/claimnet/claimnet/internal/testutil"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
)

// hostileChars are characters XML 1.0 forbids (C0 controls but tab, LF and
// CR; U+FFFE and U+FFFF; bytes that are not UTF-8, among them an encoded
// lone surrogate), besides controls and noncharacters it allows but no
// label should carry.
var hostileChars = []string{
	"\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1f", "\x7f",
	"\t", "\n", "\r",
	"\u0085", "\u009b", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",
	"\xff", "\xc3", "\xed\xa0\x80", "\xed\xbf\xbf",
}

// trickyChars are what a dataset may hold (annotations refuses
// hostileChars in every text field) and a figure must still carry safely:
// markup, quotes, DOT escapes, line and paragraph separators, a bidi
// override.
var trickyChars = []string{"<b>", "&amp;", "\"", "'", "\\N", "\\l", "\u2028", "\u2029", "\u202e", "\ufeff"}

// hostileDataset is smallDataset's shape with every free text (names,
// roles, claim texts) full of trickyChars; the figure's title and caption,
// which come from the command line, carry hostileChars.
func hostileDataset(t testing.TB) *annotations.Dataset {
	t.Helper()
	bad := strings.Join(trickyChars, "x")
	actors := []*annotations.Actor{
		{ID: "north", Name: "North" + bad, Type: "state", Role: "role" + bad},
		{ID: "north-gov", Name: bad + "Gov", Type: "government", Affiliation: "north"},
		{ID: "north-min", Name: "Min" + bad, Type: "person", Affiliation: "north"},
		{ID: "south", Name: "South" + bad, Type: "state"},
		{ID: "south-spk", Name: "Spk" + bad, Type: "person", Affiliation: "south"},
		{ID: "south-gov", Name: "SGov" + bad, Type: "government", Affiliation: "south"},
		{ID: "broker", Name: "Broker" + bad, Type: "state", Tags: []string{"mediator"}},
	}
	claims := []*annotations.Claim{
		{ID: "c1", Text: "Claim one" + bad + " with more words to wrap"},
		{ID: "c2", Text: bad + "Claim two", Supports: []string{"c1"}},
		{ID: "c3", Text: "Claim three" + bad, Attacks: []string{"c2"}},
	}
	src := []*annotations.Source{{ID: "s1", Title: "Source" + bad}}
	var stmts []*annotations.Statement
	for _, s := range [][3]string{
		{"north-gov", "c1", "support"}, {"north-gov", "c1", "oppose"}, {"north-min", "c1", "support"},
		{"north-min", "c2", "support"}, {"south-spk", "c2", "oppose"}, {"south-gov", "c3", "support"},
		{"broker", "c2", "support"}, {"north", "c3", "oppose"}, {"south", "c1", "oppose"},
	} {
		stance, _ := annotations.ParseStance(s[2])
		d, _ := annotations.ParseDate("2025-10-01")
		stmts = append(stmts, &annotations.Statement{Actor: s[0], Claim: s[1], Stance: stance, Quote: "q", Source: "s1", Date: d})
	}
	rels := []*annotations.Relation{
		{From: "north-gov", Type: "criticizes", To: []string{"south-gov"}, Quote: "q", Source: "s1"},
	}
	d, err := annotations.New(actors, claims, src, stmts, rels)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// TestHostileNames renders figures whose every name and text carries
// tricky characters, and whose titles carry characters XML forbids: the SVG must be well-formed (encoding/xml, and
// rsvg-convert when installed), and neither the SVG nor the DOT texts may
// carry a control character, a noncharacter or a byte that is not UTF-8.
func TestHostileNames(t *testing.T) {
	m, an := analysed(t, hostileDataset(t), graph.Window{})
	r := renderer(t)
	rsvg, err := exec.LookPath("rsvg-convert")
	if err != nil {
		testutil.Missing(t, "rsvg-convert not found (CI installs librsvg2-bin)")
	}
	bad := strings.Join(hostileChars, "")
	for _, o := range []Options{
		{Title: "Title" + bad, Caption: "Caption" + bad},
		{View: ViewActors, Caption: bad},
		{View: ViewActors, ColorBy: ColorBySide, Title: bad},
		{View: ViewArguments, Title: bad},
		{View: ViewEgo, Node: "north-gov", Depth: 2, Theme: ThemePrint, Caption: bad},
	} {
		t.Run(o.View, func(t *testing.T) {
			f, err := Build(context.Background(), m, an, o)
			if err != nil {
				t.Fatal(err)
			}
			outs := map[string][]byte{}
			for _, format := range []string{FormatDOT, FormatPositioned, FormatSVG} {
				var buf bytes.Buffer
				if err := r.Render(context.Background(), f, format, &buf); err != nil {
					t.Fatalf("%s: %v", format, err)
				}
				outs[format] = buf.Bytes()
			}
			for format, b := range outs {
				if !utf8.Valid(b) {
					t.Errorf("%s: not valid UTF-8", format)
				}
				for i, r := range string(b) {
					if r == '\t' || r == '\n' {
						continue
					}
					if !xmlChar(r) || r == '\r' || (r >= 0x7f && r <= 0x9f) || r&0xfffe == 0xfffe || (r >= 0xfdd0 && r <= 0xfdef) {
						t.Errorf("%s: %U at byte %d: %q", format, r, i, b[max(i-40, 0):min(i+40, len(b))])
						break
					}
				}
			}
			dec := xml.NewDecoder(bytes.NewReader(outs[FormatSVG]))
			for {
				_, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("SVG is not well-formed XML: %v", err)
				}
			}
			texts, _ := svgText(t, outs[FormatSVG])
			if !strings.Contains(strings.Join(texts, " "), "Broker") && o.View != ViewArguments && o.View != ViewEgo {
				t.Errorf("the names are not drawn: %q", texts)
			}
			if rsvg != "" {
				cmd := exec.Command(rsvg, "-f", "png", "-o", filepath.Join(t.TempDir(), "figure.png"))
				cmd.Stdin = bytes.NewReader(outs[FormatSVG])
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("rsvg-convert: %v: %s", err, out)
				}
			}
		})
	}
}
