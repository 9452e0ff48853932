package extract

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

// Input is one document to extract from: a name for reports and a way to
// open it when its turn comes.
type Input struct {
	Name string
	Open func() (io.ReadCloser, error)
}

// FileInputs returns an Input for each named file, opened only when its
// turn comes; the name "-" stands for stdin.
func FileInputs(names []string, stdin io.Reader) []Input {
	in := make([]Input, len(names))
	for i, name := range names {
		if name == "-" {
			in[i] = Input{Name: "-", Open: func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }}
			continue
		}
		in[i] = Input{Name: name, Open: func() (io.ReadCloser, error) { return os.Open(name) }}
	}
	return in
}

// ExtractAll extracts from each input in turn and passes each document to
// fn before it opens the next, so memory stays that of one document
// however large the corpus. After each document it reports progress to
// the WithProgress function. It stops at the first error from an input
// or from fn, or when ctx is done.
func (e *Extractor) ExtractAll(ctx context.Context, inputs []Input, fn func(*Document) error) error {
	for i, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		doc, err := e.extractInput(ctx, in)
		if err != nil {
			return err
		}
		if err := fn(doc); err != nil {
			return err
		}
		if e.progress != nil {
			e.progress(i+1, len(inputs))
		}
	}
	return nil
}

func (e *Extractor) extractInput(ctx context.Context, in Input) (*Document, error) {
	r, err := in.Open()
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	defer r.Close()
	return e.Extract(ctx, in.Name, r)
}

// ProgressBar returns a progress function for WithProgress that draws a
// bar on w, redrawn in place with a carriage return and ended with a
// newline after the last document. Draw it only on a terminal.
func ProgressBar(w io.Writer) func(done, total int) {
	const width = 30
	return func(done, total int) {
		if total <= 0 {
			return
		}
		done = min(max(done, 0), total)
		fill := width * done / total
		end := ""
		if done >= total {
			end = "\n"
		}
		fmt.Fprintf(w, "\rextract [%s%s] %d/%d%s", strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, total, end)
	}
}
