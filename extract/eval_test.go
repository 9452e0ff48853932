package extract

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/annotations"
	"github.com/claimnet/claimnet/internal/testutil"
)

// TestEvaluateCorpus checks the done criterion of the extractor: every
// direct quotation of the curated dataset is found with the right speaker.
func TestEvaluateCorpus(t *testing.T) {
	corpusDir := testutil.SharedPath(t, "corpus")
	gold, err := annotations.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), os.DirFS(corpusDir), gold, New(WithActors(gold.Actors)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rep.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if rep.Gold == 0 {
		t.Fatal("no gold quotations")
	}
	if rep.Right != rep.Gold {
		t.Errorf("%d of %d gold quotations found with the right speaker", rep.Right, rep.Gold)
	}
}
