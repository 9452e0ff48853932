// Package extract drafts annotations from raw text: it reads plain-text
// (UTF-8) news and opinion documents and proposes statements — who said
// what, in which words, where — so that the analyst reviews rather than
// types.
//
// An Extractor finds three kinds of statement:
//
//   - Direct quotations, in typographic (“…”, «…»), ASCII ("…") or
//     doubled-apostrophe (two apostrophes each side, the New York Times' style) marks,
//     and in single marks (‘…’, '…') where these enclose two words or more
//     at a word boundary, attributed by the patterns of news writing:
//     `“…,” X said`, `“…,” said X`, `X said: “…”`, `X, a trader in Y,
//     lamented, “…”`, `X told journalists, “…”`, `According to X, “…”`,
//     `X's statement, “…”`, `X responded with his own words: “…”`,
//     `…,” and added, “…”`, and partial quotations that complete a clause
//     of speech (`X urged Y to “…”`), with any speech verb of a long list
//     in any position of the sentence (`“…” of the plan, X said`, `X
//     assured Y that Z takes this “…”`), long appositions and party labels
//     (`X, director of … and a professor at …, said`, `Rep. X (D-Ohio)
//     said`), dash signatures (`“…” ― X`), transcript labels (`"X: …`),
//     roundups (`X, a teacher: “…”`) and a paragraph that ends with a
//     colon (`The Ledger reported:`). A paragraph that opens a quotation
//     without closing it continues into the next paragraph when that one
//     opens with a quotation mark; an unattributed quotation that opens
//     its sentence right after another, or right after a sentence of
//     reported speech (`…, X said. “…”`), continues that speaker. A
//     participle right after a name attributes too (`footage of X asking,
//     “…”`).
//   - Reported speech: `X insisted that …`, `X demanded …`, `X rejected
//     …`, `X accused Y of …`, `X denied …`, `According to X, …`. The
//     quote is the proposition as the text words it, and the stance comes
//     from the verb: verbs of rejection and denial oppose, the others
//     (say, insist, demand, stress, urge, warn, accuse …) support. Speech
//     under a modal or negation ("should insist") is left out. The
//     attribution may also follow the proposition (`…, a source said.`,
//     `…, said X, a lawyer for Y.`, `…, according to the latest poll.`)
//     or interrupt it (`The museum, X said, will open in May.`, quoted
//     verbatim with the attribution), and a subject the mention rules do
//     not know ("Several cast members said …") leaves the speaker empty.
//   - Terms: a quoted word or short phrase used as a label (scare quotes,
//     “strategic assets”). A quotation of at most four words (see
//     WithTermWords) is a term unless it is set off as an utterance
//     (`“Never,” she said`), is a whole sentence, or completes a clause
//     of speech with three words or more. Terms are no statements; they
//     are reported, attributed where the text attributes them, so the
//     analyst can see who uses a label; a label after "as" is the
//     sentence subject's (`X has gone after Y as a “con artist”`, but not
//     `known as` or `such as`), and a quotation joined to the one before
//     by "and" or "or" shares its speaker (`as a “…” and a “…”`). A term
//     that nothing attributes,
//     and any quotation in the headline, is of kind Scare: the writer's
//     own scare quotes, no one's speech or label.
//
// Speakers are resolved by coreference within the document: a full name
// is remembered with the roles the text gives it (titles, appositions), so
// a later surname ("Asif") or role ("the minister") refers to the most
// recent compatible named person, and "he" or "she" to the most salient
// person of that gender (the one who last spoke or opened a sentence;
// gender from titles, gendered roles, common first names and earlier
// pronouns), never to a place, an organisation or a name given after
// "the". "The newspaper" refers to the outlet named last; a description
// with a proper noun ("the Ohio businessman") that names no known person
// is itself the speaker. When the text does not say who speaks, the
// speaker is left empty and Statement.Why says why. Quotations in a
// title-case headline are no speech, and a quoted title of a work is of
// kind Title. A one-word name that
// the text also uses on its own ("Pakistan") is not taken for part of a
// longer name. With WithActors, speakers are matched to known actors by
// id, name, alias (which may declare metonyms: a capital standing for its
// government), a word of a person's name, or, for an unnamed role, the
// words of an actor's role. Named speakers that match no actor are
// proposed as new actors with ids made by annotations.SuggestID
// ("Khawaja Asif" gives khawaja-asif).
//
// Before extraction, scraping noise is skipped: paragraphs that repeat an
// earlier one (a donation appeal printed twice), paragraphs that are a
// truncated copy of an earlier one, sentences that repeat, and a copy of
// earlier text pasted onto a sentence ("…diplomacy.rritory without…").
//
// The rules use general English word lists only (speech verbs, role
// nouns, pronouns, function words); none names a person, place or phrase
// of a particular corpus (the first names that tell a gender are common
// English given names).
//
// With WithClaims, each statement is linked to the dataset's closest claim
// by BM25 over the claims' texts, the actors they are about and the quotes
// already coded for them, with stemmed and synonym-folded words, scoring
// the quote and, at a lower weight, the clause that reports it (ClaimMatch,
// with the runner-up and the best candidates); it is linked above a
// relative threshold or when the best claim is clearly ahead of the
// runner-up, and otherwise proposes a new claim whose text is a clean
// proposition; its stance comes from the text (verbs of
// denial, rejection and criticism; a negation against the linked claim),
// with the cue in Statement.Cue. Dates such as "on Sunday" or "November
// 2" are resolved against WithPublished or a dated dateline.
//
// # Output
//
// WriteJSON and JSONWriter write the statements of each document as JSON,
// streaming one document at a time, with the byte offsets of each quote
// in the original document. DraftFile turns a Document into a draft
// annotation file for annotations.Encode (or EncodeDraft, which writes
// the same bytes in pieces for very large drafts): a statement that the
// claim retrieval does not link to an existing claim gets a placeholder
// claim of its own, todo-SOURCE-N, whose text is the quote made a clean
// proposition, and every statement a note beginning "draft:" with its
// kind, verb, stance cue, date words and claim case. A Drafter with a
// Dataset copies into the drafts the dataset's actors and claims they use,
// so that a directory of drafts is valid as written (`claimnet check`
// accepts it on its own); delete those copies when merging the drafts
// into the dataset. Reviewing a draft means rewriting each todo claim into
// its proposition or pointing the statement at an existing claim,
// checking speaker and stance, and removing the draft notes. Terms and
// titles are listed in the file's head comment.
//
// # Scale
//
// Extract holds one document in memory; ExtractAll streams any number of
// inputs, handing each document on before it opens the next, and reports
// progress to a WithProgress function (ProgressBar draws one on a
// terminal). Time and memory are linear in the size of a document
// whatever its shape (many quotations, none, one paragraph without line
// breaks, repeats), up to MaxDocumentSize (64 MiB), which is an error.
// Text that is not UTF-8 is refused with its file, line and column.
// SourceIDs checks that the files of a corpus give distinct drafts.
// Evaluate measures the extractor against a curated dataset.
package extract
