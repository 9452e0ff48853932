// Package agree measures intercoder agreement between several codings of
// the same sources: the datasets that different coders annotated.
//
// Compare first unitises the codings: within each source it matches every
// coder's statements to the statements of the other coders whose quotes
// cover an overlapping span of the source text (their character ranges in
// the source when a corpus is given, otherwise the quote texts
// themselves), preferring a statement by the same actor, then on the same
// claim. Each match is a unit; a statement no other coder matched is a
// unit of its own. Over the units it then computes, for the claim, the
// stance and the actor chosen, Krippendorff's nominal α from the
// coincidence matrix (Alpha), the pairwise percent agreement and, for two
// coders, Cohen's κ, and lists the claims coders confused most often.
// docs/measures.md defines every number.
package agree
