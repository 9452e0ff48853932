package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimnet/claimnet/internal/testutil"
)

// TestImportDNAErrors runs import dna on DNA's sample with a mistyped
// --claim, and on a copy with a document date out of range: each is a
// clear error, exit 1, and no output directory is left.
func TestImportDNAErrors(t *testing.T) {
	sample := testutil.SharedPath(t, "dna", "sample.dna")
	out := filepath.Join(t.TempDir(), "out")

	code, _, stderr := runCLI(t, "import", "dna", sample, "-o", out, "--claim", "concpt")
	if code != 1 || !strings.Contains(stderr, `no claim variable "concpt" (did you mean "concept"?)`) || strings.Contains(stderr, "not a DNA 3 database") {
		t.Errorf("--claim concpt: exit %d, stderr %q", code, stderr)
	}

	bad := filepath.Join(t.TempDir(), "bad date.dna")
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", bad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE DOCUMENTS SET Date = 404000000000 WHERE ID = (SELECT max(ID) FROM DOCUMENTS)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, _, stderr = runCLI(t, "import", "dna", bad, "-o", out)
	if code != 1 || !strings.Contains(stderr, "Date 404000000000") || !strings.Contains(stderr, "DOCUMENTS row") {
		t.Errorf("bad date: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed import left %s", out)
	}

	code, stdout, stderr := runCLI(t, "import", "dna", sample, "-o", out)
	if code != 0 || !strings.Contains(stdout, "imported") {
		t.Errorf("import: exit %d, %s%s", code, stdout, stderr)
	}
}
