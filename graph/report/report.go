package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/claimnet/claimnet/graph"
	"github.com/claimnet/claimnet/graph/analysis"
	"github.com/claimnet/claimnet/graph/render"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
)

// The page's template, styles and scripts. logic.js holds the functions
// that compute from the data (the date window, contested claims,
// reversals, search, sorting) without touching the page; report.js
// builds and runs the page.
var (
	//go:embed assets/report.html
	pageHTML string
	//go:embed assets/report.css
	styleCSS string
	//go:embed assets/logic.js
	logicJS string
	//go:embed assets/report.js
	mainJS string
	//go:embed assets/go-fonts-license.txt
	fontLicense string
)

var page = template.Must(template.New("report").Parse(pageHTML))

// DefaultTitle heads a report whose Options give no title.
const DefaultTitle = "claimnet report"

// Options configures Write.
type Options struct {
	// Title heads the page; empty means DefaultTitle.
	Title string
	// Top keeps the Top most central actors and claims in the figure
	// (render.Options.Top); 0 draws every actor and claim with a
	// statement. The rest of the page covers every actor and claim
	// whatever Top is.
	Top int
	// Renderer draws the figure; nil means a new one, closed before
	// Write returns.
	Renderer *render.Renderer
}

// Write writes the report of m and its analysis an (which must be
// analysis.Analyze's result for m) to w as one HTML file: the data, the
// figure, the scripts, the styles and the fonts inline, nothing loaded
// from elsewhere. The same m, an and o give the same bytes.
func Write(ctx context.Context, w io.Writer, m *graph.Model, an *analysis.Analysis, o Options) error {
	if o.Top < 0 {
		return fmt.Errorf("report: top %d: want 0 (all) or more", o.Top)
	}
	if o.Title == "" {
		o.Title = DefaultTitle
	}
	doc, err := newDocument(m, an, o.Title)
	if err != nil {
		return err
	}
	svg, edges, err := figure(ctx, m, an, o)
	if err != nil {
		return err
	}
	if doc.Edges, err = edgePairs(m, edges); err != nil {
		return err
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("report: encode data: %w", err)
	}
	v := struct {
		Title, FontLicense string
		Window             string
		// ScriptHashes lets the page's Content-Security-Policy run its
		// own two scripts and nothing else; it also forbids any load
		// from elsewhere (default-src 'none').
		ScriptHashes      string
		Fonts, CSS        template.CSS
		Figure            template.HTML
		Data, Logic, Main template.JS
		Definitions       []Definition
	}{
		Title:        o.Title,
		FontLicense:  fontLicense,
		ScriptHashes: scriptHash(logicJS) + " " + scriptHash(mainJS),
		Fonts:        template.CSS(fontFaces()),
		CSS:          template.CSS(styleCSS),
		Figure:       template.HTML(svg),
		// encoding/json escapes <, > and &, so the data cannot end
		// its script element.
		Data:        template.JS(data),
		Logic:       template.JS(logicJS),
		Main:        template.JS(mainJS),
		Definitions: doc.Definitions,
	}
	if !m.Window.IsZero() {
		v.Window = m.Window.String()
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// figure draws the actor–claim figure as render draws it and returns it
// ready to sit inside the page (the svg element without the XML
// prologue, doctype and comments, its edges drawn by edgeLayer), with
// the titles of its edges.
func figure(ctx context.Context, m *graph.Model, an *analysis.Analysis, o Options) ([]byte, []string, error) {
	fig, err := render.Build(ctx, m, an, render.Options{View: render.ViewActorClaim, Top: o.Top})
	if err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	r := o.Renderer
	if r == nil {
		if r, err = render.NewRenderer(ctx); err != nil {
			return nil, nil, fmt.Errorf("report: %w", err)
		}
		defer r.Close()
	}
	var buf bytes.Buffer
	if err := r.Render(ctx, fig, render.FormatSVG, &buf); err != nil {
		return nil, nil, fmt.Errorf("report: %w", err)
	}
	svg, err := inlineSVG(buf.Bytes())
	if err != nil {
		return nil, nil, err
	}
	return edgeLayer(lightNodes(svg))
}

// edgePairs maps the figure's edge titles to actor and claim indices:
// [a, c] for the stance edge "actor:ID->claim:ID", [-1, -1] for any
// other edge.
func edgePairs(m *graph.Model, titles []string) ([][2]int, error) {
	out := make([][2]int, len(titles))
	for i, t := range titles {
		out[i] = [2]int{-1, -1}
		from, to, ok := strings.Cut(t, "->")
		aid, isActor := strings.CutPrefix(from, "actor:")
		cid, isClaim := strings.CutPrefix(to, "claim:")
		if !ok || !isActor || !isClaim {
			continue
		}
		a, okA := m.ActorIndex(aid)
		c, okC := m.ClaimIndex(cid)
		if !okA || !okC {
			return nil, fmt.Errorf("report: the figure's edge %q names no actor and claim of the model", t)
		}
		out[i] = [2]int{a, c}
	}
	return out, nil
}

// inlineSVG makes the SVG document that Graphviz wrote ready to sit
// inside the page, and lighter for the browser without changing what it
// draws: it drops what comes before the svg element, the comments, and
// the line breaks between elements (each would be a text node), and it
// moves the title of each node and edge, which names its actor, claim or
// actor–claim pair, into a data-id attribute of its group. Graphviz
// escapes "<" in text, so every "<" is markup, and it writes no text
// between elements.
func inlineSVG(svg []byte) ([]byte, error) {
	i := bytes.Index(svg, []byte("<svg"))
	if i < 0 {
		return nil, errors.New("report: the figure has no svg element")
	}
	svg = svg[i:]
	var out bytes.Buffer
	out.Grow(len(svg))
	for len(svg) > 0 {
		j := bytes.Index(svg, []byte("<!--"))
		if j < 0 {
			j = len(svg)
		}
		for _, line := range bytes.Split(svg[:j], []byte("\n")) {
			out.Write(line)
			if len(line) > 0 && line[len(line)-1] != '>' {
				out.WriteByte('\n') // inside a tag or a text: keep the break
			}
		}
		if j == len(svg) {
			break
		}
		k := bytes.Index(svg[j:], []byte("-->"))
		if k < 0 {
			return nil, errors.New("report: the figure has an unterminated comment")
		}
		svg = svg[j+k+len("-->"):]
	}
	b := titledGroup.ReplaceAll(bytes.TrimSpace(out.Bytes()), []byte(`$1 data-id="$2">`))
	// Graphviz wraps each tooltip's link in a group of its own, which
	// draws nothing: one element less per node and edge.
	if n := len(linkGroup.FindAllIndex(b, -1)); n > 0 && n == bytes.Count(b, []byte("</a>")) && n == bytes.Count(b, []byte("</a></g>")) {
		b = linkGroup.ReplaceAll(b, []byte("$1"))
		b = bytes.ReplaceAll(b, []byte("</a></g>"), []byte("</a>"))
	}
	return b, nil
}

// linkGroup matches the group Graphviz wraps a link in, and the link.
var linkGroup = regexp.MustCompile(`<g id="a_[^"]*">(<a [^>]*>)`)

// titledGroup matches the start of a node's or edge's group and its title.
var titledGroup = regexp.MustCompile(`(<g id="(?:node|edge)\d+" class="(?:node|edge)")><title>([^<]*)</title>`)

// scriptHash is the CSP source expression that allows the inline
// script js.
func scriptHash(js string) string {
	h := sha256.Sum256([]byte(js))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// fontFaces declares the Go fonts (regular, bold, italic) as data URLs,
// so the page looks the same on every machine and loads nothing.
func fontFaces() string {
	var b bytes.Buffer
	for _, f := range []struct {
		ttf           []byte
		weight, style string
	}{
		{goregular.TTF, "normal", "normal"},
		{gobold.TTF, "bold", "normal"},
		{goitalic.TTF, "normal", "italic"},
	} {
		fmt.Fprintf(&b, "@font-face{font-family:\"Go\";font-weight:%s;font-style:%s;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n",
			f.weight, f.style, base64.StdEncoding.EncodeToString(f.ttf))
	}
	return b.String()
}
