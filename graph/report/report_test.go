package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/report"
	"github.com/claimnet/claimnet/internal/graphtest"
)

// The built-in dataset's model, analysis and report, made once for the
// package's tests (the figure takes Graphviz a few seconds).
var builtin struct {
	once   sync.Once
	m      *graph.Model
	an     *analysis.Analysis
	report []byte
	err    error
}

func builtinModel(t testing.TB) (*graph.Model, *analysis.Analysis) {
	t.Helper()
	builtinReport(t)
	return builtin.m, builtin.an
}

func builtinReport(t testing.TB) []byte {
	t.Helper()
	builtin.once.Do(func() {
		ctx := context.Background()
		d, err := annotations.LoadEmbedded()
		if err != nil {
			builtin.err = err
			return
		}
		if builtin.m, builtin.err = graph.Compile(ctx, d); builtin.err != nil {
			return
		}
		if builtin.an, builtin.err = analysis.Analyze(ctx, builtin.m); builtin.err != nil {
			return
		}
		var buf bytes.Buffer
		builtin.err = report.Write(ctx, &buf, builtin.m, builtin.an, report.Options{Title: "claimnet report: istanbul-2025"})
		builtin.report = buf.Bytes()
	})
	if builtin.err != nil {
		t.Fatal(builtin.err)
	}
	return builtin.report
}

// compileWindow compiles and analyses the built-in dataset within the
// window from..to (YYYY-MM-DD, "" for open), as --from and --to do.
func compileWindow(t testing.TB, from, to string) (*graph.Model, *analysis.Analysis) {
	t.Helper()
	var w graph.Window
	if from != "" {
		w.From = graphtest.Date(t, from)
	}
	if to != "" {
		w.To = graphtest.Date(t, to)
	}
	m, _ := builtinModel(t)
	mw := graphtest.Compile(t, m.Data, graph.WithWindow(w))
	an, err := analysis.Analyze(context.Background(), mw)
	if err != nil {
		t.Fatal(err)
	}
	return mw, an
}

// activeInWindow counts the actors and claims with a statement in the
// window.
func activeInWindow(t testing.TB, from, to string) int {
	t.Helper()
	m, _ := compileWindow(t, from, to)
	n := 0
	for a := range m.Actors {
		if m.ActorActive(a) {
			n++
		}
	}
	for c := range m.Claims {
		if m.ClaimActive(c) {
			n++
		}
	}
	return n
}

// pageData decodes the data the page carries.
func pageData(t testing.TB, page []byte) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="cn-data">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the page has no data")
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// The size budget of the built-in dataset's report.
const maxBuiltinSize = 2 << 20

func TestSelfContained(t *testing.T) {
	page := builtinReport(t)
	if len(page) > maxBuiltinSize {
		t.Errorf("the report is %d bytes, over the budget of %d", len(page), maxBuiltinSize)
	}
	checkSelfContained(t, page)
	// It has everything it shows.
	for _, want := range []string{
		`<svg`, `class="node"`, `@font-face{font-family:"Go"`, `var ClaimnetLogic`, `id="def-degree"`,
		`default-src 'none'`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// checkSelfContained fails when page refers to anything outside itself:
// an element that loads a resource, an attribute naming one (anything but
// a fragment of the page or inline data), or code that loads one.
func checkSelfContained(t *testing.T, page []byte) {
	t.Helper()
	for _, r := range externalRefs(string(page)) {
		t.Errorf("the report refers outside itself: %s", r)
	}
}

// externalRefs reads page's markup (the elements, their attributes, and
// the bodies of its scripts and styles; text is only text) and returns
// what in it would load something from outside the page.
func externalRefs(page string) []string {
	var refs []string
	loaders := map[string]bool{"link": true, "iframe": true, "frame": true, "object": true, "embed": true, "img": true,
		"image": true, "audio": true, "video": true, "source": true, "track": true, "base": true, "feimage": true}
	urlAttrs := map[string]bool{"src": true, "href": true, "xlink:href": true, "action": true, "formaction": true, "poster": true,
		"srcset": true, "data": true, "background": true, "ping": true, "manifest": true, "codebase": true}
	local := func(v string) bool {
		v = strings.TrimSpace(strings.ToLower(v))
		return v == "" || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "data:")
	}
	code := []*regexp.Regexp{
		regexp.MustCompile(`(?i)@import`),
		regexp.MustCompile(`\b(fetch|import|importScripts|sendBeacon|open)\s*\(`),
		regexp.MustCompile(`\b(XMLHttpRequest|WebSocket|EventSource|serviceWorker|Worker)\b`),
		regexp.MustCompile(`(?i)https?:`),
		regexp.MustCompile(`\.(src|href|action|location)\s*=\s*([^"'\s]|"[^#]|'[^#])`),
		regexp.MustCompile(`(?i)url\(\s*["']?\s*([^"'#\sd]|d[^a]|da[^t])`),
	}
	checkCode := func(where, body string) {
		for _, re := range code {
			for _, loc := range re.FindAllStringIndex(body, -1) {
				refs = append(refs, fmt.Sprintf("%s: %q", where, body[loc[0]:min(loc[1]+30, len(body))]))
			}
		}
	}
	attr := regexp.MustCompile(`^\s*([^\s=/>]+)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?`)
	for i := 0; i < len(page); {
		j := strings.IndexByte(page[i:], '<')
		if j < 0 {
			break
		}
		i += j
		switch {
		case strings.HasPrefix(page[i:], "<!--"):
			k := strings.Index(page[i:], "-->")
			if k < 0 {
				return append(refs, "an unterminated comment")
			}
			i += k + 3
			continue
		case strings.HasPrefix(page[i:], "<!"), strings.HasPrefix(page[i:], "</"):
			i += strings.IndexByte(page[i:], '>') + 1
			continue
		}
		i++
		k := i
		for k < len(page) && !strings.ContainsRune(" \t\n\r/>", rune(page[k])) {
			k++
		}
		name := strings.ToLower(page[i:k])
		if loaders[name] {
			refs = append(refs, "a <"+name+"> element")
		}
		i = k
		attrs := map[string]string{}
		for i < len(page) && page[i] != '>' {
			if page[i] == '/' {
				i++
				continue
			}
			m := attr.FindStringSubmatch(page[i:])
			if m == nil {
				i++
				continue
			}
			v := strings.Trim(m[3], `"'`)
			v = strings.NewReplacer("&#43;", "+", "&#39;", "'", "&#34;", `"`, "&amp;", "&").Replace(v)
			a := strings.ToLower(m[1])
			attrs[a] = v
			if urlAttrs[a] && !local(v) {
				refs = append(refs, fmt.Sprintf("<%s %s=%q>", name, a, v))
			}
			if a == "style" {
				checkCode("style attribute", v)
			}
			i += len(m[0])
		}
		i++
		if name == "script" || name == "style" {
			end := strings.Index(strings.ToLower(page[i:]), "</"+name)
			if end < 0 {
				return append(refs, "an unterminated "+name)
			}
			if attrs["type"] != "application/json" { // data, never run
				checkCode(name, page[i:i+end])
			}
			i += end
		}
	}
	return refs
}

func TestExternalRefs(t *testing.T) {
	// The checker itself: each of these must be caught.
	for _, page := range []string{
		`<img src="x.png">`,
		`<a href="https://example.com">x</a>`,
		`<svg><use xlink:href="other.svg#a"/></svg>`,
		`<script>fetch("/x")</script>`,
		`<script>new XMLHttpRequest()</script>`,
		`<script>a.src = u</script>`,
		`<style>@import "x.css";</style>`,
		`<style>body{background:url(x.png)}</style>`,
		`<div style="background: url('//x/y')"></div>`,
		`<link rel="stylesheet" href="x.css">`,
		`<script src="x.js"></script>`,
	} {
		if len(externalRefs(page)) == 0 {
			t.Errorf("%s: no reference found", page)
		}
	}
	for _, page := range []string{
		`<a href="#def-degree">x</a><p>see https://example.com, src="x"</p>`,
		`<style>@font-face{src:url(data:font/ttf;base64,AAAA)}</style>`,
		`<script type="application/json">{"q":"fetch(http://x)"}</script>`,
		`<script>a.href = "#def-" + k; if (a < b) {}</script>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a xlink:title="src=&#34;https://x&#34;"><text>&lt;img src=x&gt;</text></a></svg>`,
	} {
		if refs := externalRefs(page); len(refs) > 0 {
			t.Errorf("%s: found %q", page, refs)
		}
	}
}

func TestDeterministic(t *testing.T) {
	m, an := builtinModel(t)
	var b bytes.Buffer
	if err := report.Write(context.Background(), &b, m, an, report.Options{Title: "claimnet report: istanbul-2025"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), builtinReport(t)) {
		t.Error("two reports of the same model differ")
	}
}

func TestData(t *testing.T) {
	m, an := builtinModel(t)
	d := pageData(t, builtinReport(t))
	if got := len(d["statements"].([]any)); got != len(m.Statements) {
		t.Errorf("%d statements in the page, the model has %d", got, len(m.Statements))
	}
	if got := len(d["actors"].([]any)); got != len(m.Actors) {
		t.Errorf("%d actors, want %d", got, len(m.Actors))
	}
	// Every quote is there verbatim, with its source's date.
	st := d["statements"].([]any)
	for i, s := range m.Statements {
		got := st[i].(map[string]any)
		if got["q"] != s.Quote || got["d"] != s.Date.String() {
			t.Errorf("statement %d: %v, want quote %q dated %s", i, got, s.Quote, s.Date)
		}
	}
	co := d["coalitions"].(map[string]any)
	if co["modularity"] != an.Coalitions.Modularity || co["polarization"] != an.Coalitions.Polarization {
		t.Errorf("coalitions %v, want Q %v, P %v", co, an.Coalitions.Modularity, an.Coalitions.Polarization)
	}
}

func TestHostileText(t *testing.T) {
	// Names, texts and quotes that would break out of the page if they
	// were put in as markup or code.
	d, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	const evil = `</script><script>alert(1)</script><img src="https://example.com/x.png"> ]]> "' &amp;`
	c := *d.Actors[0]
	c.Name = evil
	d.Actors[0] = &c
	cl := *d.Claims[0]
	cl.Text = evil
	d.Claims[0] = &cl
	s := *d.Statements[0]
	s.Quote = evil
	d.Statements[0] = &s
	ctx := context.Background()
	m, err := graph.Compile(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.Analyze(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := report.Write(ctx, &b, m, an, report.Options{Title: evil, Top: 10}); err != nil {
		t.Fatal(err)
	}
	page := b.Bytes()
	if n := bytes.Count(page, []byte("<script")); n != 3 {
		t.Errorf("%d script elements, want the page's 3", n)
	}
	if bytes.Contains(page, []byte("<img")) {
		t.Error("a name became an element")
	}
	checkSelfContained(t, page)
	if got := pageData(t, page)["title"]; got != evil {
		t.Errorf("title %q, want %q", got, evil)
	}
}

func TestWriteErrors(t *testing.T) {
	m, an := builtinModel(t)
	ctx := context.Background()
	if err := report.Write(ctx, &bytes.Buffer{}, m, an, report.Options{Top: -1}); err == nil || !strings.Contains(err.Error(), "top -1") {
		t.Errorf("Top -1: %v", err)
	}
	other, _ := compileWindow(t, "2025-11-09", "")
	if err := report.Write(ctx, &bytes.Buffer{}, other, &analysis.Analysis{}, report.Options{}); err == nil {
		t.Error("an analysis of another model: no error")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := report.Write(cancelled, &bytes.Buffer{}, m, an, report.Options{}); err == nil {
		t.Error("a cancelled context: no error")
	}
}

// TestDefinitionsFromDocs checks that every definition the page shows is
// docs/measures.md's wording, and that every centrality has one.
func TestDefinitionsFromDocs(t *testing.T) {
	b, err := os.ReadFile("../../docs/measures.md")
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string {
		s = strings.NewReplacer("**", "", "*", "", "`", "").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	docs := norm(string(b))
	keys := map[string]bool{}
	for _, d := range report.Definitions() {
		keys[d.Key] = true
		if !strings.Contains(docs, norm(d.Text)) {
			t.Errorf("%s: %q is not in docs/measures.md", d.Key, d.Text)
		}
		if !strings.Contains(docs, "## "+d.Section) {
			t.Errorf("%s: docs/measures.md has no section %q", d.Key, d.Section)
		}
	}
	for _, k := range append(slices.Clone(analysis.Measures), "contested", "contestation", "reversal", "coalition", "modularity", "polarization") {
		if !keys[k] {
			t.Errorf("no definition of %s", k)
		}
	}
}
