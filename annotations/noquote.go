package annotations

// NoQuote is the quote of a statement imported without evidence, such as
// a row of a statement table without a quote (claimnet import csv). Such a
// dataset loads and analyses like any other, but CheckCorpus reports each
// statement whose quote is NoQuote as lacking evidence.
const NoQuote = "[no quote]"
