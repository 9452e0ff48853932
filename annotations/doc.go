// Package annotations defines claimnet's annotation format: the actors of a
// debate, the claims they make, the sources they are quoted in, and each
// actor's stance on each claim with the verbatim quote as evidence.
//
// A dataset is a directory of YAML files. Load reads and validates one,
// keeping the file, line and column of every entry so that each problem is
// reported where the analyst can fix it; CheckCorpus verifies the quotes
// against the source texts; Encode writes entries back in the format.
// The format is documented in docs/format.md and described for editors by
// the JSON Schema in docs/claimnet.schema.json.
//
// The package embeds the first dataset, the Afghanistan–Pakistan talks in
// Doha and Istanbul (October–November 2025): see Embedded.
package annotations
