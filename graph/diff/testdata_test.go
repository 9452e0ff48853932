package diff

// oldVersion and newVersion are two versions of a small dataset that
// differ in every way Compare reports; see TestCompareEveryKind.
var oldVersion = map[string]string{
	"codebook.yaml": `actors:
  - {id: a1, name: Amir, type: person}
  - {id: a2, name: Bina, type: person}
  - {id: a3, name: Chen, type: person}
  - {id: a4, name: Dara, type: person}
  - {id: a5, name: Eli, type: person}
  - {id: a7, name: Gul, type: person}
claims:
  - {id: c1, text: The truce holds.}
  - {id: c2, text: The border opens.}
  - {id: c3, text: Trade resumes.}
`,
	"s1.yaml": `source: {id: s1, title: One, published: 2025-01-01}
statements:
  - {actor: a1, claim: c1, stance: support, quote: "a1 on c1"}
  - {actor: a2, claim: c1, stance: support, quote: "a2 on c1"}
  - {actor: a3, claim: c1, stance: oppose, quote: "a3 on c1"}
  - {actor: a3, claim: c2, stance: support, quote: "a3 on c2"}
  - {actor: a4, claim: c2, stance: support, quote: "a4 on c2"}
  - {actor: a5, claim: c2, stance: support, quote: "a5 on c2"}
relations:
  - {from: a1, type: criticizes, to: a3, quote: "a1 criticizes a3", date: 2025-01-01}
  - {from: a2, type: cooperates-with, to: a1, quote: "a2 works with a1"}
`,
	"s2.yaml": `source: {id: s2, title: Two}
statements:
  - {actor: a1, claim: c3, stance: support, quote: "a1 on c3"}
`,
}

var newVersion = map[string]string{
	"codebook.yaml": `actors:
  - {id: a1, name: Amir Khan, type: person}
  - {id: a2, name: Bina, type: person}
  - {id: a3, name: Chen, type: person}
  - {id: a4, name: Dara, type: person}
  - {id: a5, name: Eli, type: person}
  - {id: a6, name: Farid, type: person}
claims:
  - {id: c1, text: The truce holds.}
  - {id: c2, text: The border opens for trade.}
  - {id: c4, text: Talks resume.}
`,
	"s1.yaml": `source: {id: s1, title: One (revised), published: 2025-01-01}
statements:
  - {actor: a1, claim: c1, stance: support, quote: "a1 on c1"}
  - {actor: a2, claim: c1, stance: support, quote: "a2 on c1"}
  - {actor: a3, claim: c1, stance: support, quote: "a3 on c1"}
  - {actor: a3, claim: c2, stance: support, quote: "a3 on c2"}
  - {actor: a4, claim: c2, stance: support, quote: "a4 on c2"}
  - {actor: a5, claim: c2, stance: oppose, quote: "a5 on c2"}
  - {actor: a4, claim: c2, stance: oppose, quote: "a4 again on c2"}
relations:
  - {from: a1, type: criticizes, to: a3, quote: "a1 criticizes a3", date: 2025-01-02}
`,
	"s3.yaml": `source: {id: s3, title: Three}
statements:
  - {actor: a6, claim: c4, stance: support, quote: "a6 on c4"}
  - {actor: a4, claim: c4, stance: support, quote: "a4 on c4"}
relations:
  - {from: a6, type: mediates, to: [a1, a3], quote: "a6 mediates"}
`,
}
