package annotations

import (
	"encoding/json"
	"github.com/claimnet/claimnet/internal/testutil"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

const schemaPath = "../docs/claimnet.schema.json"

// TestSchemaMatchesLoader keeps the JSON Schema that editors use in step
// with the keys and values the loader accepts.
func TestSchemaMatchesLoader(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	type obj struct {
		Properties map[string]struct {
			Enum []string `json:"enum"`
		} `json:"properties"`
		Required []string `json:"required"`
	}
	var schema struct {
		obj
		Definitions map[string]obj `json:"definitions"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	keys := func(o obj) []string {
		var k []string
		for name := range o.Properties {
			k = append(k, name)
		}
		sort.Strings(k)
		return k
	}
	sorted := func(s []string) []string {
		s = slices.Clone(s)
		sort.Strings(s)
		return s
	}
	for _, tt := range []struct {
		name string
		o    obj
		want []string
	}{
		{"top level", schema.obj, topKeys},
		{"actor", schema.Definitions["actor"], actorKeys},
		{"claim", schema.Definitions["claim"], claimKeys},
		{"source", schema.Definitions["source"], sourceKeys},
		{"statement", schema.Definitions["statement"], statementKeys},
		{"relation", schema.Definitions["relation"], relationKeys},
	} {
		if got := keys(tt.o); !slices.Equal(got, sorted(tt.want)) {
			t.Errorf("%s: schema keys %v, loader keys %v", tt.name, got, sorted(tt.want))
		}
	}
	if got := schema.Definitions["actor"].Properties["type"].Enum; !slices.Equal(got, ActorTypes) {
		t.Errorf("actor types: schema %v, loader %v", got, ActorTypes)
	}
	if got := schema.Definitions["relation"].Properties["type"].Enum; !slices.Equal(got, RelationTypes) {
		t.Errorf("relation types: schema %v, loader %v", got, RelationTypes)
	}
}

// TestSchemaWithIndependentValidator validates the shipped dataset, and
// rejects broken files, with Python's jsonschema, a validator claimnet
// does not share code with. CI installs python3-jsonschema and python3-yaml.
func TestSchemaWithIndependentValidator(t *testing.T) {
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import jsonschema, yaml").Run() != nil {
		testutil.Missing(t, "needs /usr/bin/python3 with jsonschema and yaml (Debian python3-jsonschema python3-yaml)")
	}
	script := `
import json, sys, yaml, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft7Validator(schema)
class Loader(yaml.SafeLoader):
    pass
# Dates stay strings, as claimnet reads them.
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for path in sys.argv[2:]:
    doc = yaml.load(open(path, encoding="utf-8"), Loader=Loader)
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    print(path, "ok" if not errs else "invalid: " + errs[0].message.splitlines()[0])
`
	files, _ := filepath.Glob("istanbul-2025/*.yaml")
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("statements:\n  - {actor: Bad_Id, claim: c, stance: agree, quote: q}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(py, append([]string{"-c", script, schemaPath}, append(files, bad)...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(files)+1 {
		t.Fatalf("validator output:\n%s", out)
	}
	for _, l := range lines[:len(files)] {
		if !strings.HasSuffix(l, " ok") {
			t.Errorf("schema rejects the dataset: %s", l)
		}
	}
	if !strings.Contains(lines[len(files)], "invalid") {
		t.Errorf("schema accepts a broken file: %s", lines[len(files)])
	}
}
