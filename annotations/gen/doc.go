// Package gen makes synthetic annotation datasets of any size, for
// benchmarks and for testing claimnet at scale.
//
// A generated dataset has the shape of a real debate: activity is skewed
// (a few very active actors and much-discussed claims, a long tail of rare
// ones), actors belong to organizations that belong to states or
// governments, each top-level side sits in one of a few camps whose
// leanings differ by topic (so there are coalitions and contested claims),
// a few actor–claim pairs reverse their stance half-way through the
// period, claims support and attack other claims of their topic, and a few
// relations link actors. Quotes are short strings of words; they are not
// drawn from a corpus, so the sources name no file.
//
// Generate builds the dataset in memory; Write writes it as annotation
// files. Both are deterministic: the same Config gives the same dataset,
// byte for byte.
package gen
