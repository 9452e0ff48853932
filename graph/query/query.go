package query

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/itchyny/gojq"
)

// Query is a compiled jq program bound to a Graph. It is safe to run
// several times and from several goroutines.
type Query struct {
	program string
	code    *gojq.Code
	graph   *Graph
	values  []any
	// fields are the indices in docFields of the top-level fields of
	// the document the program may read, unless it may read all of it.
	fields []int
	all    bool
}

// Option configures Compile.
type Option func(*config)

type config struct {
	names  []string
	values []any
}

// WithVar binds $name to value in the program. The value must be a jq
// value: nil, bool, int, float64, string, []any or map[string]any (what
// encoding/json decodes into any, with numbers as float64 or int).
func WithVar(name string, value any) Option {
	return func(c *config) {
		c.names = append(c.names, "$"+strings.TrimPrefix(name, "$"))
		c.values = append(c.values, value)
	}
}

// ParseError is a syntax error in a program, with its position.
type ParseError struct {
	// Program is the program's text.
	Program string
	// Offset is the byte offset of the offending token in Program.
	Offset int
	// Line and Column are the 1-based line and column (in characters)
	// of Offset.
	Line, Column int
	// Msg says what is wrong, e.g. `unexpected token "]"`.
	Msg string
}

// Error formats e as query:LINE:COL: MESSAGE.
func (e *ParseError) Error() string {
	return fmt.Sprintf("query:%d:%d: %s", e.Line, e.Column, e.Msg)
}

// Excerpt returns the line of the program the error is on and, below
// it, a caret under the offending column, each line ending in a newline.
func (e *ParseError) Excerpt() string {
	lines := strings.Split(e.Program, "\n")
	if e.Line < 1 || e.Line > len(lines) {
		return ""
	}
	line := strings.ReplaceAll(lines[e.Line-1], "\t", " ")
	return line + "\n" + strings.Repeat(" ", e.Column-1) + "^\n"
}

func newParseError(program string, err *gojq.ParseError) *ParseError {
	off := min(max(err.Offset-len(err.Token), 0), len(program))
	line := strings.Count(program[:off], "\n") + 1
	start := strings.LastIndexByte(program[:off], '\n') + 1
	col := utf8.RuneCountInString(program[start:off]) + 1
	return &ParseError{Program: program, Offset: off, Line: line, Column: col, Msg: err.Error()}
}

// Compile parses and compiles program against g, with the graph
// functions of the package doc defined. A syntax error is a *ParseError.
func Compile(program string, g *Graph, opts ...Option) (*Query, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	parsed, err := gojq.Parse(program)
	if err != nil {
		var pe *gojq.ParseError
		if errors.As(err, &pe) {
			return nil, newParseError(program, pe)
		}
		return nil, fmt.Errorf("query: %w", err)
	}
	copts := append(g.functions(), gojq.WithVariables(cfg.names))
	code, err := gojq.Compile(parsed, copts...)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	q := &Query{program: program, code: code, graph: g, values: cfg.values}
	read, all := fieldsRead(parsed)
	q.all = all
	for name := range read {
		if i, ok := fieldIndex(name); ok {
			q.fields = append(q.fields, i)
		}
	}
	return q, nil
}

// Check parses and compiles program as Compile does, but without a
// graph: it returns the errors Compile would (a *ParseError for a syntax
// error, or an undefined function or variable) before any dataset is
// loaded.
func Check(program string, opts ...Option) error {
	_, err := Compile(program, &Graph{}, opts...)
	return err
}

// Run runs q on the graph document and calls emit with each result in
// turn. It stops at the first error (a runtime error of the program, ctx
// being done, or emit's error). halt stops the program without an error;
// halt_error's error is a *gojq.HaltError.
func (q *Query) Run(ctx context.Context, emit func(any) error) error {
	iter := q.code.RunWithContext(ctx, q.graph.input(q.fields, q.all), q.values...)
	for {
		v, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := v.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) {
				if halt.Value() == nil {
					return nil
				}
				return halt
			}
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				return fmt.Errorf("query: stopped: %w", err)
			}
			return fmt.Errorf("query: %w", err)
		}
		if err := emit(v); err != nil {
			return err
		}
	}
}

// Eval compiles program against g, runs it and returns every result.
func Eval(ctx context.Context, program string, g *Graph, opts ...Option) ([]any, error) {
	q, err := Compile(program, g, opts...)
	if err != nil {
		return nil, err
	}
	var out []any
	err = q.Run(ctx, func(v any) error {
		out = append(out, v)
		return nil
	})
	return out, err
}

// Encoder writes query results as jq does: each value as JSON on its own,
// indented by two spaces unless Compact, and strings without quotes when
// Raw.
type Encoder struct {
	// Compact writes each value on one line.
	Compact bool
	// Raw writes a string result as its bare text.
	Raw bool
}

// Encode writes v followed by a newline.
func (e Encoder) Encode(w io.Writer, v any) error {
	if s, ok := v.(string); ok && e.Raw {
		_, err := io.WriteString(w, s+"\n")
		return err
	}
	b, err := gojq.Marshal(v)
	if err != nil {
		return fmt.Errorf("query: encode result: %w", err)
	}
	if !e.Compact {
		var buf bytes.Buffer
		if err := json.Indent(&buf, b, "", "  "); err != nil {
			return fmt.Errorf("query: encode result: %w", err)
		}
		b = buf.Bytes()
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ParseValue reads a JSON text into a jq value for WithVar.
func ParseValue(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("not JSON: more than one value")
	}
	return normalize(v), nil
}
