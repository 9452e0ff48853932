package report_test

// Tests that open the report in a real browser: Debian's chromium,
// headless, driven over the DevTools protocol by chromedp. Without
// chromium they skip, except in CI (.ci/run installs it), where they
// fail.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/internal/testutil"
)

var screenshot = flag.String("screenshot", "", "write the screenshot of TestBrowser (an actor selected, its quotes listed) to `FILE`, e.g. ../../docs/report.png")

// Window size of the browser, in CSS pixels; the screenshot has this size.
const viewW, viewH = 1400, 900

// browser starts a headless chromium for the test and returns its
// context. The browser is closed when the test ends. With -short (CI's
// run under the race detector) the test is skipped.
func browser(t testing.TB) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("the browser tests take tens of seconds; they run without -short")
	}
	var path string
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		testutil.Missing(t, "chromium is not installed (apt-get install chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.WindowSize(viewW, viewH),
		chromedp.DisableGPU,
		// Keep the browser from going out on its own (it never needs to).
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // chromium refuses root otherwise
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// session records what a page did while the test drove it: the console
// messages (calls, exceptions, browser log entries) and every request.
type session struct {
	ctx      context.Context
	url      string
	mu       sync.Mutex
	console  []chromedp.ConsoleMessage
	requests []string
}

// open loads the HTML file at path in a new tab of the browser and waits
// until the report's script has run.
func open(t testing.TB, bctx context.Context, path string) *session {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	s := &session{ctx: ctx, url: (&url.URL{Scheme: "file", Path: abs}).String()}
	console := chromedp.Console(ctx)
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.console = append(s.console, m)
			s.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range requests {
			if err != nil {
				return
			}
			s.mu.Lock()
			s.requests = append(s.requests, ev.Request.URL)
			s.mu.Unlock()
		}
	}()
	perf := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, performance.Enable, performance.EnableParams{})
		return err
	})
	if err := chromedp.Do(ctx, perf, chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(s.url)); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.ready === "1"`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatalf("the report did not become ready: %v; console: %v", err, s.messages())
	}
	return s
}

// metrics returns the page's run-time metrics (Performance.getMetrics):
// TaskDuration, ScriptDuration, LayoutDuration, RecalcStyleDuration (in
// seconds of the page's main thread) and the others.
func (s *session) metrics(t testing.TB) map[string]float64 {
	t.Helper()
	res, err := chromedp.Call(s.ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, m := range res.Metrics {
		out[m.Name] = m.Value
	}
	return out
}

func (s *session) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.console {
		out = append(out, m.String())
	}
	return out
}

// errors lists the console's errors, warnings and exceptions.
func (s *session) errors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.console {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
			out = append(out, m.String())
		}
	}
	return out
}

// foreign lists the requests for anything but the file itself (inline
// data: URLs are the file's own bytes).
func (s *session) foreign() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, u := range s.requests {
		if u != s.url && !strings.HasPrefix(u, "data:") {
			out = append(out, u)
		}
	}
	return out
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t testing.TB, s *session, expr string) T {
	t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

func do(t testing.TB, s *session, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(s.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// centre returns the middle of the element sel selects, in the window's
// coordinates.
func centre(t testing.TB, s *session, sel string) (x, y float64) {
	t.Helper()
	p := eval[[]float64](t, s, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); return [r.x + r.width/2, r.y + r.height/2]; })()`, sel))
	return p[0], p[1]
}

func nodeSel(label string) string {
	return fmt.Sprintf(`#cn-figure g.node[aria-label=%q]`, label)
}

// builtinFile writes the built-in dataset's report into the test's
// directory.
func builtinFile(t testing.TB) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(p, builtinReport(t), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBrowser(t *testing.T) {
	bctx := browser(t)
	m, _ := builtinModel(t)
	s := open(t, bctx, builtinFile(t))

	t.Run("figure", func(t *testing.T) {
		// Every active actor and claim of the built-in dataset is a node.
		want := 0
		for a := range m.Actors {
			if m.ActorActive(a) {
				want++
			}
		}
		for c := range m.Claims {
			if m.ClaimActive(c) {
				want++
			}
		}
		if got := eval[int](t, s, `document.querySelectorAll("#cn-figure g.node[role=button]").length`); got != want {
			t.Errorf("%d nodes in the figure, want %d", got, want)
		}
		if got := eval[string](t, s, `document.getElementById("cn-count").dataset.nodes`); got != fmt.Sprint(want) {
			t.Errorf("count says %s nodes, want %d", got, want)
		}
	})

	t.Run("click an actor", func(t *testing.T) {
		x, y := centre(t, s, nodeSel("Khawaja Asif"))
		do(t, s, chromedp.MouseClickXY(x, y))
		if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected`); got != "actor:khawaja-asif" {
			t.Fatalf("selected %q after clicking Khawaja Asif", got)
		}
		text := eval[string](t, s, `document.getElementById("cn-panel").innerText`)
		n := 0
		for _, st := range m.Statements {
			if st.Actor != "khawaja-asif" {
				continue
			}
			n++
			if !strings.Contains(text, st.Quote) {
				t.Errorf("the panel lacks the quote %q", st.Quote)
			}
			src := m.Data.Source(st.Source)
			if !strings.Contains(text, src.Title) || !strings.Contains(text, src.Outlet) || !strings.Contains(text, st.Date.String()) {
				t.Errorf("the panel lacks the source %q, %q, %s", src.Title, src.Outlet, st.Date)
			}
		}
		if n == 0 {
			t.Fatal("Khawaja Asif has no statements")
		}
		if got := eval[int](t, s, `document.querySelectorAll("#cn-panel .cn-stmt").length`); got != n {
			t.Errorf("%d statements listed, want %d", got, n)
		}
		for _, w := range []string{"direct speech", "▲ supports"} {
			if !strings.Contains(text, w) {
				t.Errorf("the panel does not say %q", w)
			}
		}
		// The selection highlights the actor's neighbourhood.
		if !eval[bool](t, s, `document.querySelector("#cn-figure svg").classList.contains("cn-focus")`) {
			t.Error("the figure is not focused on the selection")
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		// Khawaja Asif found by the search, his neighbourhood in view,
		// the mouse away from the figure.
		do(t, s, chromedp.Evaluate[chromedp.Void](`document.getElementById("cn-q").value = ""`),
			chromedp.SendKeys(chromedp.ID("cn-q"), "Khawaja Asif"), chromedp.KeyEvent(kb.Enter), chromedp.Blur(chromedp.ID("cn-q")),
			chromedp.MouseEvent(chromedp.MouseMoved, viewW-5, viewH-5))
		if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected`); got != "actor:khawaja-asif" {
			t.Fatalf("selected %q", got)
		}
		img, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil {
			t.Fatalf("the screenshot is not a PNG: %v", err)
		}
		if cfg.Width < viewW || cfg.Height < viewH {
			t.Errorf("screenshot %d×%d, want at least %d×%d", cfg.Width, cfg.Height, viewW, viewH)
		}
		out := *screenshot
		if out == "" {
			out = filepath.Join(t.TempDir(), "report.png")
		}
		if err := os.WriteFile(out, img, 0o644); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("hover", func(t *testing.T) {
		// Escape clears the selection; fit shows the whole figure again.
		do(t, s, chromedp.Focus(chromedp.ID("cn-figure")), chromedp.KeyEvent(kb.Escape), chromedp.Click(chromedp.ID("cn-zoom-fit")))
		if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected || ""`); got != "" {
			t.Errorf("Escape leaves %q selected", got)
		}
		x, y := centre(t, s, nodeSel("Khawaja Asif"))
		do(t, s, chromedp.MouseEvent(chromedp.MouseMoved, x, y))
		// The node, its edges and its claims.
		a, _ := m.ActorIndex("khawaja-asif")
		claims := map[int]bool{}
		for _, e := range m.ActorEdges(a) {
			claims[m.Stances[e].Claim] = true
		}
		if got := eval[int](t, s, `document.querySelectorAll("#cn-figure g.node.cn-nb").length`); got != 1+len(claims) {
			t.Errorf("%d nodes highlighted, want %d", got, 1+len(claims))
		}
		do(t, s, chromedp.MouseEvent(chromedp.MouseMoved, 2, 2))
		if eval[bool](t, s, `document.querySelector("#cn-figure svg").classList.contains("cn-focus")`) {
			t.Error("the highlight stays after the mouse left")
		}
	})

	t.Run("click a claim", func(t *testing.T) {
		do(t, s, chromedp.Click(chromedp.ID("cn-zoom-fit")))
		c, _ := m.ClaimIndex("kabul-shelters-ttp")
		x, y := centre(t, s, nodeSel("Claim: "+m.Claims[c].Text))
		do(t, s, chromedp.MouseClickXY(x, y))
		if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected`); got != "claim:kabul-shelters-ttp" {
			t.Fatalf("selected %q", got)
		}
		text := eval[string](t, s, `document.getElementById("cn-panel").innerText`)
		for _, h := range []string{"Supporters (", "Opposers ("} {
			if !strings.Contains(text, h) {
				t.Errorf("the claim's panel has no %q", h)
			}
		}
		for _, st := range m.Statements {
			if st.Claim == "kabul-shelters-ttp" && !strings.Contains(text, st.Quote) {
				t.Errorf("the panel lacks the quote %q", st.Quote)
			}
		}
	})

	t.Run("argument links", func(t *testing.T) {
		// The first argument edge: its source claim's panel names the
		// target under Supports or Attacks, and the target's names the
		// source under Supported by or Attacked by.
		e := m.Arguments[0]
		from, to := m.Claims[e.From], m.Claims[e.To]
		heads := map[string][2]string{graph.Supports: {"Supports", "Supported by"}, graph.Attacks: {"Attacks", "Attacked by"}}[e.Type]
		for i, c := range []struct{ id, head, other string }{{from.ID, heads[0], to.Text}, {to.ID, heads[1], from.Text}} {
			do(t, s, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`claimnetReport.select("claim", %q)`, c.id)))
			got := eval[[]string](t, s, fmt.Sprintf(`[...document.querySelectorAll("#cn-panel h3")].filter(h => h.textContent === %q)
				.map(h => h.nextElementSibling.innerText)`, c.head))
			if len(got) != 1 || !strings.Contains(got[0], c.other) {
				t.Errorf("claim %d (%s): under %q %q, want %q", i, c.id, c.head, got, c.other)
			}
		}
	})

	t.Run("click an edge", func(t *testing.T) {
		do(t, s, chromedp.KeyEvent(kb.Escape), chromedp.Click(chromedp.ID("cn-zoom-fit")))
		// The middle of a stance edge's line, by its length: a copy of
		// its subpath in the edge layer, measured and removed.
		p := eval[[]float64](t, s, `(() => {
			const doc = claimnetReport.doc;
			const e = doc.edges.findIndex(p => p[0] >= 0);
			const layer = [...document.querySelectorAll("#cn-figure g.cn-edges > path.cn-e[fill=none]")];
			let d = "";
			for (const path of layer) {
				const parts = path.getAttribute("d").split(/(?=M)/);
				const i = claimnetReport.edgesOf(path).indexOf(e);
				if (i >= 0) { d = parts[i]; break; }
			}
			const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
			path.setAttribute("d", d);
			layer[0].parentNode.appendChild(path);
			const pt = path.getPointAtLength(path.getTotalLength() / 2);
			const r = new DOMPoint(pt.x, pt.y).matrixTransform(path.getScreenCTM());
			path.remove();
			return [r.x, r.y, e];
		})()`)
		want := eval[string](t, s, fmt.Sprintf(`(() => { const p = claimnetReport.doc.edges[%d]; return "edge:" + claimnetReport.doc.actors[p[0]].id + "->" + claimnetReport.doc.claims[p[1]].id; })()`, int(p[2])))
		// Hovering the edge highlights it, with a tooltip.
		do(t, s, chromedp.MouseEvent(chromedp.MouseMoved, p[0], p[1]))
		if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](fmt.Sprintf(`(claimnetReport.state.hover || {}).e === %d && !!document.querySelector("#cn-figure g.cn-hl > title")`, int(p[2])),
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Errorf("hovering the middle of %s does not highlight it: %v", want, err)
		}
		do(t, s, chromedp.MouseClickXY(p[0], p[1]))
		got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected || ""`)
		if got != want {
			t.Fatalf("selected %q after clicking the middle of the edge %s", got, want)
		}
		// The selected edge is drawn again on top, thicker.
		if n := eval[int](t, s, `document.querySelectorAll("#cn-figure g.cn-hl path.cn-sel[d]").length`); n == 0 {
			t.Error("the selected edge is not drawn on top")
		}
		if n := eval[int](t, s, `document.querySelectorAll("#cn-panel .cn-stmt").length`); n == 0 {
			t.Error("the edge's panel lists no statement")
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, tc := range []struct{ query, want string }{
			{"khawaja", "actor:khawaja-asif"},
			{"Pakistan Army", "actor:pakistan-military"},   // an alias
			{"kabul-shelters", "claim:kabul-shelters-ttp"}, // an id
		} {
			do(t, s, chromedp.Evaluate[chromedp.Void](`document.getElementById("cn-q").value = ""`), chromedp.SendKeys(chromedp.ID("cn-q"), tc.query))
			if n := eval[int](t, s, `document.querySelectorAll("#cn-results [role=option]").length`); n == 0 {
				t.Errorf("search %q: no result", tc.query)
				continue
			}
			do(t, s, chromedp.KeyEvent(kb.Enter))
			if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected`); got != tc.want {
				t.Errorf("search %q, Enter: selected %q, want %q", tc.query, got, tc.want)
			}
		}
	})

	t.Run("date range", func(t *testing.T) {
		before := eval[string](t, s, `document.getElementById("cn-count").dataset.nodes`)
		// The keyboard moves the range: from its start to the last day.
		do(t, s, chromedp.Focus(chromedp.ID("cn-from")), chromedp.KeyEvent(kb.End))
		last := eval[string](t, s, `document.getElementById("cn-to-out").textContent`)
		// The page redraws at the next animation frame.
		if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](fmt.Sprintf(`document.getElementById("cn-count").dataset.nodes !== %q`, before),
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Errorf("the node count stays %s with the range on %s alone", before, last)
		}
		after := eval[string](t, s, `document.getElementById("cn-count").dataset.nodes`)
		shown := eval[int](t, s, `document.querySelectorAll("#cn-figure g.node[role=button]:not(.cn-off)").length`)
		if fmt.Sprint(shown) != after {
			t.Errorf("%d nodes shown, the count says %s", shown, after)
		}
		want := activeInWindow(t, last, last)
		if shown != want {
			t.Errorf("%d nodes shown for %s..%s, the model compiled with --from %s --to %s has %d", shown, last, last, last, last, want)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-reset")))
		if got := eval[string](t, s, `document.getElementById("cn-count").dataset.nodes`); got != before {
			t.Errorf("after Reset %s nodes, want %s", got, before)
		}
	})

	t.Run("date range: contested claims and reversals", func(t *testing.T) {
		// A range that changes both the contested claims and the
		// reversals of the whole dataset.
		var dates []string
		for _, st := range m.Statements {
			if d := st.Date.String(); d != "" && !slices.Contains(dates, d) {
				dates = append(dates, d)
			}
		}
		slices.Sort(dates)
		contested := func(an *analysis.Analysis) []string {
			var out []string
			for c, r := range an.Claims {
				if r.Contested {
					out = append(out, m.Claims[c].Text)
				}
			}
			slices.Sort(out)
			return out
		}
		reversals := func(an *analysis.Analysis) []string {
			var out []string
			for _, r := range an.Reversals {
				a, _ := m.ActorIndex(r.Actor)
				c, _ := m.ClaimIndex(r.Claim)
				out = append(out, m.Actors[a].Name+" | "+m.Claims[c].Text)
			}
			slices.Sort(out)
			return out
		}
		_, full := compileWindow(t, "", "")
		j, k := -1, -1
		var want *analysis.Analysis
		for span := len(dates) - 2; span >= 0 && k < 0; span-- {
			for i := 0; i+span < len(dates) && k < 0; i++ {
				_, an := compileWindow(t, dates[i], dates[i+span])
				if len(contested(an)) > 0 && !slices.Equal(contested(an), contested(full)) && !slices.Equal(reversals(an), reversals(full)) {
					j, k, want = i, i+span, an
				}
			}
		}
		if k < 0 {
			t.Fatalf("no range changes both the contested claims and the reversals (%d reversals in all)", len(full.Reversals))
		}
		t.Logf("%s..%s: %d contested claims, %d reversals; %d and %d in all", dates[j], dates[k],
			len(contested(want)), len(want.Reversals), len(contested(full)), len(full.Reversals))
		rows := func(tab, table string, cols int) []string {
			do(t, s, chromedp.Click(chromedp.ID(tab)))
			got := eval[[]string](t, s, fmt.Sprintf(`[...document.querySelectorAll("#%s tbody tr")].map(tr => [...tr.cells].slice(0, %d).map(td => td.innerText).join(" | "))`, table, cols))
			slices.Sort(got)
			return got
		}
		do(t, s, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const from = document.getElementById("cn-from"), to = document.getElementById("cn-to");
			from.value = "%d";
			to.value = "%d";
			to.dispatchEvent(new Event("input"));
		})()`, j, k)))
		if _, err := chromedp.Run(s.ctx, chromedp.Poll[bool](fmt.Sprintf(`claimnetReport.state.an.window.from === %q && claimnetReport.state.an.window.to === %q`, dates[j], dates[k]),
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("the page did not move to %s..%s: %v", dates[j], dates[k], err)
		}
		if got, w := rows("cn-tab-contested", "cn-t-contested", 1), contested(want); !slices.Equal(got, w) {
			t.Errorf("%s..%s: the contested claims table lists %q; --from/--to give %q", dates[j], dates[k], got, w)
		}
		if got, w := rows("cn-tab-reversals", "cn-t-reversals", 2), reversals(want); !slices.Equal(got, w) {
			t.Errorf("%s..%s: the reversals table lists %q; --from/--to give %q", dates[j], dates[k], got, w)
		}
		// Reset brings back those of the whole dataset.
		do(t, s, chromedp.Click(chromedp.ID("cn-reset")))
		if got, w := rows("cn-tab-reversals", "cn-t-reversals", 2), reversals(full); !slices.Equal(got, w) {
			t.Errorf("after Reset the reversals table lists %q, want %q", got, w)
		}
		if got, w := rows("cn-tab-contested", "cn-t-contested", 1), contested(full); !slices.Equal(got, w) {
			t.Errorf("after Reset the contested claims table lists %q, want %q", got, w)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-tab-actors")))
	})

	t.Run("filters", func(t *testing.T) {
		do(t, s, chromedp.Click(chromedp.ID("cn-contested")))
		bad := eval[[]string](t, s, `[...document.querySelectorAll("#cn-figure g.node[role=button]:not(.cn-off)")]
			.map(g => g.getAttribute("aria-label")).filter(l => l.startsWith("Claim: "))
			.filter(l => !claimnetReport.doc.claims.find(c => "Claim: " + c.text === l).contested)`)
		if len(bad) > 0 {
			t.Errorf("contested only shows uncontested claims: %q", bad)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-contested")))
		do(t, s, chromedp.SetValue(chromedp.ID("cn-type"), "person"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById("cn-type").dispatchEvent(new Event("change"))`))
		types := eval[[]string](t, s, `[...document.querySelectorAll("#cn-figure g.node[role=button]:not(.cn-off)")]
			.map(g => claimnetReport.doc.actors.find(a => a.name === g.getAttribute("aria-label"))).filter(a => a).map(a => a.type)`)
		if len(types) == 0 || slices.ContainsFunc(types, func(s string) bool { return s != "person" }) {
			t.Errorf("actor type person shows actors of types %q", types)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-reset")))
	})

	t.Run("pan and zoom", func(t *testing.T) {
		vb := func() string {
			return eval[string](t, s, `document.querySelector("#cn-figure svg").getAttribute("viewBox")`)
		}
		do(t, s, chromedp.KeyEvent(kb.Escape), chromedp.Click(chromedp.ID("cn-zoom-fit")))
		home := vb()
		x, y := centre(t, s, "#cn-figure")
		do(t, s, chromedp.MouseEvent(chromedp.MouseWheel, x, y, func(p *input.DispatchMouseEventParams) {
			// The protocol wants both deltas and cdproto leaves out a zero.
			p.DeltaX, p.DeltaY = 1e-3, -300
		}))
		zoomed := vb()
		if width(t, zoomed) >= width(t, home) {
			t.Errorf("the wheel did not zoom in: %s, then %s", home, zoomed)
		}
		// Drag from an empty corner.
		do(t, s,
			chromedp.MouseEvent(chromedp.MousePressed, 20, 200, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseMoved, 80, 260, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseMoved, 140, 320, chromedp.ButtonLeft),
			chromedp.MouseEvent(chromedp.MouseReleased, 140, 320, chromedp.ButtonLeft))
		if vb() == zoomed {
			t.Error("dragging did not pan")
		}
		// Two fingers moving apart zoom in.
		do(t, s, chromedp.Click(chromedp.ID("cn-zoom-fit")))
		pinch(t, s, x, y)
		if width(t, vb()) >= width(t, home) {
			t.Errorf("pinching did not zoom in: %s", vb())
		}
		// The keyboard: + zooms in, 0 fits.
		do(t, s, chromedp.Focus(chromedp.ID("cn-figure")), chromedp.KeyEvent("+"))
		if width(t, vb()) >= width(t, home) {
			t.Error("+ did not zoom in")
		}
		do(t, s, chromedp.KeyEvent("0"))
		if vb() != home {
			t.Errorf("0 gives %s, want %s", vb(), home)
		}
	})

	t.Run("labels", func(t *testing.T) {
		// The built-in figure's labels can be read when it is seen whole;
		// zoomed out until a label would be under 3 pixels high, they are
		// not drawn, and zoomed in again they are.
		shown := func() int {
			return eval[int](t, s, `[...document.querySelectorAll("#cn-figure svg text")].filter(x => x.getBBox().width > 0 && getComputedStyle(x).display !== "none").length`)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-zoom-fit")))
		all := eval[int](t, s, `document.querySelectorAll("#cn-figure svg g.node[role=button] text").length`)
		if n := shown(); all == 0 || n < all {
			t.Errorf("seen whole, %d texts drawn; the nodes have %d", n, all)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-zoom-out")), chromedp.Click(chromedp.ID("cn-zoom-out")), chromedp.Click(chromedp.ID("cn-zoom-out")))
		if n := shown(); n != 0 {
			t.Errorf("zoomed out to %s, %d texts drawn, want none", eval[string](t, s, `document.querySelector("#cn-figure svg").getAttribute("viewBox")`), n)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-zoom-fit")))
		if n := shown(); n < all {
			t.Errorf("back to the whole figure, %d texts drawn, want %d", n, all)
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		// Tab from the figure reaches the first node; Enter opens it.
		do(t, s, chromedp.Focus(chromedp.ID("cn-figure")), chromedp.KeyEvent(kb.Tab))
		label := eval[string](t, s, `document.activeElement.getAttribute("aria-label") || ""`)
		if label == "" {
			t.Fatal("Tab from the figure does not reach a node")
		}
		do(t, s, chromedp.KeyEvent(kb.Enter))
		if got := eval[string](t, s, `document.getElementById("cn-panel").dataset.selected || ""`); got == "" {
			t.Errorf("Enter on %q selects nothing", label)
		}
		do(t, s, chromedp.KeyEvent("/"))
		if id := eval[string](t, s, `document.activeElement.id`); id != "cn-q" {
			t.Errorf("/ focuses %q, want the search box", id)
		}
	})

	t.Run("tables", func(t *testing.T) {
		first := func() string {
			return eval[string](t, s, `document.querySelector("#cn-t-actors tbody tr td").innerText`)
		}
		byDegree := first()
		do(t, s, chromedp.Click(chromedp.CSS("#cn-t-actors thead th:first-child button")))
		if eval[string](t, s, `document.querySelector("#cn-t-actors thead th:first-child").getAttribute("aria-sort")`) != "ascending" {
			t.Error("sorting by name does not set aria-sort")
		}
		if first() == byDegree {
			t.Errorf("sorting by name leaves %q first", byDegree)
		}
		// Every measure's header links to its definition.
		hrefs := eval[[]string](t, s, `[...document.querySelectorAll(".cn-tab th a.cn-def")].map(a => a.getAttribute("href"))`)
		for _, h := range hrefs {
			if !eval[bool](t, s, fmt.Sprintf(`!!document.getElementById(%q)`, strings.TrimPrefix(h, "#"))) {
				t.Errorf("%s names no definition", h)
			}
		}
		if len(hrefs) < 12 {
			t.Errorf("%d links to definitions in the tables' headers, want one per measure column", len(hrefs))
		}
		// The coalitions' table, made when its tab is first open: a row
		// per coalition, and the modularity.
		do(t, s, chromedp.Click(chromedp.ID("cn-tab-coalitions")))
		rows := eval[int](t, s, `document.querySelectorAll("#cn-t-coalitions tbody tr").length`)
		if want := eval[int](t, s, `claimnetReport.doc.coalitions.groups.length`); want == 0 || rows != want {
			t.Errorf("the coalitions' table has %d rows, want %d", rows, want)
		}
		if text := eval[string](t, s, `document.getElementById("cn-t-coalitions").innerText`); !strings.Contains(text, "modularity Q") {
			t.Errorf("the coalitions' tab does not give the modularity: %.80q", text)
		}
		do(t, s, chromedp.Click(chromedp.ID("cn-tab-actors")))
	})

	t.Run("no errors, no requests", func(t *testing.T) {
		if errs := s.errors(); len(errs) > 0 {
			t.Errorf("console errors: %q", errs)
		}
		if f := s.foreign(); len(f) > 0 {
			t.Errorf("the page requested %q", f)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func width(t testing.TB, viewBox string) float64 {
	t.Helper()
	var x, y, w, h float64
	if _, err := fmt.Sscan(viewBox, &x, &y, &w, &h); err != nil {
		t.Fatalf("viewBox %q: %v", viewBox, err)
	}
	return w
}

// pinch moves two touch points apart around (x, y).
func pinch(t testing.TB, s *session, x, y float64) {
	t.Helper()
	touch := func(typ input.DispatchTouchEventType, d float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{
				{X: x - d, Y: y, ID: ptr(1.0)},
				{X: x + d, Y: y, ID: ptr(2.0)},
			}}
			if typ == input.DispatchTouchEventTypeTouchEnd {
				p.TouchPoints = []*input.TouchPoint{}
			}
			_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, p)
			return err
		})
	}
	do(t, s,
		touch(input.DispatchTouchEventTypeTouchStart, 20),
		touch(input.DispatchTouchEventTypeTouchMove, 40),
		touch(input.DispatchTouchEventTypeTouchMove, 60),
		touch(input.DispatchTouchEventTypeTouchMove, 80),
		touch(input.DispatchTouchEventTypeTouchEnd, 80))
}

// TestLogicJS runs assets/logic_test.js, the tests of logic.js.
func TestLogicJS(t *testing.T) {
	bctx := browser(t)
	var page strings.Builder
	page.WriteString("<!DOCTYPE html><html><body><script>")
	for _, f := range []string{"assets/logic.js", "assets/logic_test.js"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		page.Write(b)
		page.WriteString("\n</script><script>")
	}
	page.WriteString(`document.body.dataset.ready = "1";</script></body></html>`)
	p := filepath.Join(t.TempDir(), "logic.html")
	if err := os.WriteFile(p, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := open(t, bctx, p)
	for _, f := range eval[[]string](t, s, `runClaimnetLogicTests()`) {
		t.Error(f)
	}
	if errs := s.errors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

// TestDateWindows checks the page's date range against the library: for
// every window the range can make on the built-in dataset, the
// statements, contested claims, contestation and reversals that
// logic.js computes are those of graph.Compile with the same --from and
// --to and analysis.Analyze.
func TestDateWindows(t *testing.T) {
	bctx := browser(t)
	s := open(t, bctx, builtinFile(t))
	m, _ := builtinModel(t)
	var dates []string
	for _, st := range m.Statements {
		if d := st.Date.String(); d != "" && !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
	}
	slices.Sort(dates)
	windows := [][2]string{{"", ""}, {dates[1], ""}, {"", dates[len(dates)-2]}}
	for i := range dates {
		for j := i; j < len(dates); j++ {
			windows = append(windows, [2]string{dates[i], dates[j]})
		}
	}
	type result struct {
		Statements   int                `json:"statements"`
		Contested    []string           `json:"contested"`
		Contestation map[string]float64 `json:"contestation"`
		Reversals    []string           `json:"reversals"`
	}
	for _, w := range windows {
		got := eval[result](t, s, fmt.Sprintf(`(() => {
			const doc = claimnetReport.doc;
			const an = ClaimnetLogic.analyse(doc, {from: %q, to: %q});
			const r = {statements: an.inWin.reduce((a, b) => a + b, 0), contested: [], contestation: {}, reversals: []};
			doc.claims.forEach((c, i) => { if (an.contested[i]) { r.contested.push(c.id); r.contestation[c.id] = an.contestation[i]; } });
			an.reversals.forEach(x => r.reversals.push(doc.actors[x.a].id + " " + doc.claims[x.c].id + " " + x.first + " " + x.last));
			return r;
		})()`, w[0], w[1]))
		mw, an := compileWindow(t, w[0], w[1])
		want := result{Statements: len(mw.Statements), Contestation: map[string]float64{}}
		for _, c := range an.Claims {
			if c.Contested {
				want.Contested = append(want.Contested, c.ID)
				want.Contestation[c.ID] = c.Contestation
			}
		}
		for _, r := range an.Reversals {
			want.Reversals = append(want.Reversals, r.Actor+" "+r.Claim+" "+r.First.String()+" "+r.Last.String())
		}
		if got.Statements != want.Statements || !slices.Equal(got.Contested, want.Contested) || !slices.Equal(got.Reversals, want.Reversals) {
			t.Errorf("window %s..%s: the page has %d statements, contested %q, reversals %q; --from/--to give %d, %q, %q",
				w[0], w[1], got.Statements, got.Contested, got.Reversals, want.Statements, want.Contested, want.Reversals)
		}
		for id, v := range want.Contestation {
			if got.Contestation[id] != v {
				t.Errorf("window %s..%s: contestation of %s is %v in the page, %v in the analysis", w[0], w[1], id, got.Contestation[id], v)
			}
		}
	}
	t.Logf("%d windows", len(windows))
}
