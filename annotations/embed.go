package annotations

import (
	"embed"
	"io/fs"
)

//go:embed istanbul-2025
var embedded embed.FS

// EmbeddedName is the name of the dataset built into the package.
const EmbeddedName = "istanbul-2025"

// Embedded returns the built-in dataset's files, so that the claimnet
// binary works anywhere without a checkout: the Afghanistan–Pakistan talks
// in Doha and Istanbul, October–November 2025.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, EmbeddedName)
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// LoadEmbedded loads the built-in dataset; see Embedded.
func LoadEmbedded() (*Dataset, error) {
	return Load(Embedded(), ".")
}
