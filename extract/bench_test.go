package extract

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// genDoc writes a synthetic news text of about size bytes, the same for
// the same seed: paragraphs of narration with direct quotations in the
// common attribution patterns, reported speech, scare quotes, and a
// donation appeal printed twice at the end.
func genDoc(seed uint64, size int) string {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := []string{"ka", "ro", "mi", "len", "dar", "su", "vi", "tan", "bel", "or", "ne", "za", "hu", "gri"}
	name := func() string {
		w := func() string {
			s := syl[r.IntN(len(syl))] + syl[r.IntN(len(syl))]
			if r.IntN(2) == 0 {
				s += syl[r.IntN(len(syl))]
			}
			return strings.ToUpper(s[:1]) + s[1:]
		}
		return w() + " " + w()
	}
	filler := []string{
		"The talks resumed after a pause of several weeks, and both delegations arrived with long lists of demands.",
		"Traders at the crossing said prices had doubled since the closure began in the autumn.",
		"Observers noted that neither side had published the text of the draft agreement.",
		"The ministry described the measures as a “temporary arrangement” pending a review.",
		"Officials from the provincial government declined to comment on the reports.",
	}
	var b strings.Builder
	for b.Len() < size {
		n := name()
		switch r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "“We will not accept any conditions imposed from outside,” %s said on Monday.\n", n)
		case 1:
			fmt.Fprintf(&b, "Foreign Minister %s said: “Our patience has limits, and the deadline is near.” The minister added that talks would continue.\n", n)
		case 2:
			fmt.Fprintf(&b, "%s, a shopkeeper in the old market, lamented, “Nobody buys anything anymore, and the roads are empty.”\n", n)
		case 3:
			fmt.Fprintf(&b, "%s insisted that the ceasefire was holding despite the incidents, while critics rejected the claim.\n", n)
		case 4:
			fmt.Fprintf(&b, "According to %s, the negotiators had agreed on a monitoring mechanism before the talks collapsed.\n", n)
		default:
			fmt.Fprintf(&b, "%s %s\n", filler[r.IntN(len(filler))], filler[r.IntN(len(filler))])
		}
	}
	appeal := "Support independent reporting: every contribution, however small, keeps this newsroom going.\n"
	b.WriteString(appeal)
	b.WriteString(appeal)
	return b.String()
}

// genInputs returns n generated documents of about size bytes, each made
// only when it is opened, so that a streaming run holds one at a time.
func genInputs(n, size int) []Input {
	in := make([]Input, n)
	for i := range in {
		in[i] = Input{Name: fmt.Sprintf("gen-%d.txt", i), Open: func() (io.ReadCloser, error) {
			return io.NopCloser(strings.NewReader(genDoc(uint64(i), size))), nil
		}}
	}
	return in
}

// BenchmarkExtract measures throughput over a generated corpus of 200
// documents of 8 KB.
func BenchmarkExtract(b *testing.B) {
	docs := make([]string, 200)
	total := 0
	for i := range docs {
		docs[i] = genDoc(uint64(i), 8<<10)
		total += len(docs[i])
	}
	e := New()
	ctx := context.Background()
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range docs {
			if _, err := e.ExtractText(ctx, docs[i][:0], d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractAllStreaming streams corpora of growing size through
// ExtractAll into a JSONWriter and reports the bytes allocated and the
// peak heap per run: allocation per document stays the same and the heap
// stays flat as the corpus grows tenfold.
func BenchmarkExtractAllStreaming(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var peak uint64
			for b.Loop() {
				peak = max(peak, streamPeak(b, n))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// streamPeak streams n generated documents and returns the largest live
// heap seen, sampled every 50 documents.
func streamPeak(tb testing.TB, n int) uint64 {
	var peak uint64
	var ms runtime.MemStats
	e := New(WithProgress(func(done, _ int) {
		if done%50 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}))
	jw := NewJSONWriter(io.Discard)
	if err := e.ExtractAll(context.Background(), genInputs(n, 8<<10), jw.Write); err != nil {
		tb.Fatal(err)
	}
	if err := jw.Close(); err != nil {
		tb.Fatal(err)
	}
	return peak
}

// TestStreamingMemoryFlat runs a corpus and one ten times larger through
// ExtractAll and checks that allocation per document and the peak heap do
// not grow with the corpus: nothing is kept from one document to the next.
func TestStreamingMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 1,100 generated documents")
	}
	measure := func(n int) (perDoc float64, peak uint64) {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		peak = streamPeak(t, n)
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n), peak
	}
	small, smallPeak := measure(100)
	large, largePeak := measure(1000)
	t.Logf("100 docs: %.0f B/doc, peak heap %.1f MiB; 1000 docs: %.0f B/doc, peak heap %.1f MiB",
		small, float64(smallPeak)/(1<<20), large, float64(largePeak)/(1<<20))
	if large > 1.2*small {
		t.Errorf("allocation per document grows with the corpus: %.0f B/doc for 100, %.0f for 1000", small, large)
	}
	if largePeak > smallPeak+8<<20 {
		t.Errorf("peak heap grows with the corpus: %d B for 100, %d for 1000", smallPeak, largePeak)
	}
}

// genShape writes a text of about size bytes in one of the shapes a large
// input can take, the same for the same seed:
//
//	news      genDoc's mix of quotations, reported speech and narration
//	quotes    nothing but attributed quotations, a new speaker each time
//	noquotes  narration only
//	oneline   genDoc's text with every newline made a space: one paragraph
//	repeats   the same few paragraphs over and over, with truncated copies
//	glued     sentences with words glued across a full stop (web.addresses)
//	surname   thousands of people who share one surname, each referred to by it
func genShape(shape string, seed uint64, size int) string {
	switch shape {
	case "news":
		return genDoc(seed, size)
	case "oneline":
		return strings.ReplaceAll(genDoc(seed, size), "\n", " ")
	}
	r := rand.New(rand.NewPCG(seed, 11))
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		switch shape {
		case "quotes":
			fmt.Fprintf(&b, "“Point %d is not negotiable, and we said so,” Speaker%d Name%d said. Then Name%d added: “We will see.”\n", i, i, r.IntN(1000), r.IntN(1000))
		case "noquotes":
			fmt.Fprintf(&b, "The committee met for the %dth time on Tuesday and adjourned without a vote on the budget for the coming year.\n", i)
		case "repeats":
			p := fmt.Sprintf("Paragraph %d of the report says that the crossing stays closed until further notice, officials said.", r.IntN(50))
			if r.IntN(3) == 0 {
				p = p[:len(p)-r.IntN(40)-1]
			}
			b.WriteString(p + "\n")
		case "surname":
			given := []byte("Ka")
			for n := i; n > 0; n /= 26 {
				given = append(given, byte('a'+n%26))
			}
			fmt.Fprintf(&b, "“Point %d is not negotiable,” %s Smith said. Smith added: “We will see.” Later Smith left.\n", i, given)
		case "glued":
			fmt.Fprintf(&b, "See the statement at www.ministry%d.gov for the full text, and the reply at news.example%d.org today.\n", i, i)
		default:
			panic("unknown shape " + shape)
		}
	}
	return b.String()
}

// BenchmarkExtractLarge extracts one large document of each shape at two
// sizes, so that the time and bytes per byte of input show whether the
// extractor is linear (they stay the same when the size grows fourfold).
func BenchmarkExtractLarge(b *testing.B) {
	ctx := context.Background()
	for _, shape := range []string{"news", "quotes", "noquotes", "oneline", "repeats", "glued", "surname"} {
		for _, size := range []int{1 << 20, 4 << 20} {
			text := genShape(shape, 1, size)
			b.Run(fmt.Sprintf("%s/MiB=%d", shape, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					doc, err := New().ExtractText(ctx, "large.txt", text)
					if err != nil {
						b.Fatal(err)
					}
					if err := EncodeDraft(io.Discard, DraftFile(doc)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
