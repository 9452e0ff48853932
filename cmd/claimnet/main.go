// Command claimnet validates, analyses, renders, queries and exports
// actor–claim networks from YAML annotations of news and opinion texts.
//
// The command only parses flags and calls the library packages; run
// "claimnet help" for the subcommands.
package main

import (
	"os"
)

func main() {
	if inGraphvizWorker() {
		os.Exit(serveGraphviz())
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
