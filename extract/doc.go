// Package extract drafts annotations from raw text.
package extract
