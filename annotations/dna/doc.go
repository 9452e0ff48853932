// Package dna imports a Discourse Network Analyzer (DNA 3) database into
// claimnet's annotation format.
//
// A DNA 3 database is an SQLite file. Its DOCUMENTS hold the texts with
// their title, author, source and date (seconds since 1970, UTC); its
// STATEMENTS are spans of a document's text (Start and Stop, in UTF-16
// code units as Java counts them) of one statement type, whose variables
// (VARIABLES) take their values from DATASHORTTEXT, which points into
// ENTITIES, and from DATABOOLEAN or DATAINTEGER.
//
// Read maps the usual "DNA Statement" type onto claimnet: the values of
// the actor variable (organization by default, or person) become actors,
// the concepts claims, the agreement qualifier the stance (1 support, 0
// oppose), the documents sources, and each statement's text span its
// verbatim quote, dated by its document. Write saves the result as an
// annotation dataset with the document texts as its corpus, so that
// claimnet check --corpus DIR/corpus DIR verifies every quote.
package dna
