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
// Other shapes of debate are a Config field away, for benchmarks that
// must hold whatever the data look like: Uniform activity, a plain Zipf
// law of any Exponent, ids in order of popularity (Order), each claim's
// statements split between support and oppose (StanceSplit), and the
// sizes, for few claims with many actors or the reverse. WithShape sets
// the named presets (uniform, few-claims, many-claims, zipf11,
// popular-first). The zero values keep the default shape, byte for byte.
// Sizes are capped (MaxStatements and the others) at what fits in memory.
//
// Generate builds the dataset in memory; Write writes it as annotation
// files. Both are deterministic: the same Config gives the same dataset,
// byte for byte.
package gen
