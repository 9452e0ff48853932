package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag rewrites golden outputs. Another test file of the
// package may register it first; the test reads it by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden outputs (docs/cookbook.md's outputs)")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	if f == nil {
		return false
	}
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return false
	}
	v, _ := g.Get().(bool)
	return v
}

const cookbookPath = "../../docs/cookbook.md"

// recipe is one command of the cookbook and the output block after it.
type recipe struct {
	line     int      // 1-based line of the command block's opening fence
	args     []string // the command line without "claimnet"
	outStart int      // index of the output block's first content line
	outEnd   int      // index of its closing fence
	want     string
}

// parseCookbook finds each ```sh block that runs claimnet and the fenced
// block that follows it, which holds the command's expected output.
func parseCookbook(lines []string) ([]recipe, error) {
	var out []recipe
	var pending *recipe
	for i := 0; i < len(lines); i++ {
		fence, info := fenceInfo(lines[i])
		if !fence {
			continue
		}
		start := i + 1
		end := start
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		if end == len(lines) {
			return nil, fmt.Errorf("line %d: unclosed code block", i+1)
		}
		body := lines[start:end]
		switch {
		case info == "sh" && len(body) > 0 && strings.HasPrefix(body[0], "claimnet "):
			if pending != nil {
				return nil, fmt.Errorf("line %d: command without an output block", pending.line)
			}
			words, err := shellWords(strings.Join(body, "\n"))
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", i+1, err)
			}
			pending = &recipe{line: i + 1, args: words[1:]}
		case pending != nil && (info == "json" || info == "text"):
			pending.outStart, pending.outEnd = start, end
			pending.want = strings.Join(body, "\n") + "\n"
			if len(body) == 0 {
				pending.want = ""
			}
			out = append(out, *pending)
			pending = nil
		}
		i = end
	}
	if pending != nil {
		return nil, fmt.Errorf("line %d: command without an output block", pending.line)
	}
	return out, nil
}

func fenceInfo(line string) (bool, string) {
	if !strings.HasPrefix(line, "```") {
		return false, ""
	}
	return true, strings.TrimSpace(strings.TrimPrefix(line, "```"))
}

// shellWords splits a command line as a POSIX shell would for the quoting
// the cookbook uses: single quotes, double quotes with \" \\ \$ \`
// escapes, backslash escapes and line continuations outside quotes.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unclosed single quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, errors.New("unclosed double quote")
			}
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			if s[i] != '\n' {
				cur.WriteByte(s[i])
				inWord = true
			}
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 || words[0] != "claimnet" {
		return nil, errors.New("not a claimnet command")
	}
	return words, nil
}

func TestShellWords(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`claimnet query -c '.a | "x y"'`, `query|-c|.a | "x y"`},
		{"claimnet query \\\n  --arg who=x\\ y '.'", `query|--arg|who=x y|.`},
		{`claimnet query "a \"b\" \$c"`, `query|a "b" $c`},
		{"claimnet query '\n.a\n'", "query|\n.a\n"},
	} {
		w, err := shellWords(tt.in)
		if err != nil || strings.Join(w[1:], "|") != tt.want {
			t.Errorf("shellWords(%q) = %q, %v; want %q", tt.in, w, err, tt.want)
		}
	}
	for _, bad := range []string{`claimnet query 'x`, `claimnet query "x`, `jq .`} {
		if _, err := shellWords(bad); err == nil {
			t.Errorf("shellWords(%q): no error", bad)
		}
	}
}

// TestCookbook runs every command of docs/cookbook.md, from the
// repository's root as a reader would, and compares its output with the
// block that follows it. go test -run TestCookbook -update rewrites the
// outputs.
func TestCookbook(t *testing.T) {
	cookbookPath, err := filepath.Abs(cookbookPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir("../..")
	raw, err := os.ReadFile(cookbookPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	recipes, err := parseCookbook(lines)
	if err != nil {
		t.Fatalf("%s: %v", cookbookPath, err)
	}
	if len(recipes) < 10 {
		t.Errorf("%s has %d commands; it should show at least ten", cookbookPath, len(recipes))
	}
	outputs := make([]string, len(recipes))
	for i, r := range recipes {
		if missing := cookbookNeeds(r.args); missing != "" {
			// As testutil.Missing, for one recipe: CI has everything.
			if os.Getenv("CI") != "" {
				t.Errorf("%s:%d: %s", filepath.Base(cookbookPath), r.line, missing)
			} else {
				t.Logf("%s:%d: not run: %s", filepath.Base(cookbookPath), r.line, missing)
			}
			outputs[i] = r.want
			continue
		}
		code, stdout, stderr := runCLI(t, r.args...)
		if code != 0 {
			t.Errorf("%s:%d: exit %d: %s", filepath.Base(cookbookPath), r.line, code, stderr)
			continue
		}
		outputs[i] = stdout
		if !updating() && stdout != r.want {
			t.Errorf("%s:%d: claimnet %s\ngot:\n%s\nwant:\n%s(run go test ./cmd/claimnet -run TestCookbook -update to rewrite the outputs)",
				filepath.Base(cookbookPath), r.line, strings.Join(r.args, " "), stdout, r.want)
		}
	}
	if !updating() || t.Failed() {
		return
	}
	var b strings.Builder
	next := 0
	for i := 0; i < len(lines); i++ {
		if next < len(recipes) && i == recipes[next].outStart {
			b.WriteString(outputs[next])
			i = recipes[next].outEnd - 1
			next++
			continue
		}
		b.WriteString(lines[i] + "\n")
	}
	if err := os.WriteFile(cookbookPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// cookbookNeeds says what a recipe needs that this machine lacks: the
// corpus in ../shared, or git for diff --git; "" when nothing is missing.
func cookbookNeeds(args []string) string {
	for _, a := range args {
		if strings.HasPrefix(a, "../shared") {
			if _, err := os.Stat(a); err != nil {
				return a + " is missing"
			}
		}
		if a == "--git" {
			if _, err := exec.LookPath("git"); err != nil {
				return "git is not installed"
			}
		}
	}
	return ""
}
