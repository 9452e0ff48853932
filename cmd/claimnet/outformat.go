package main

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
)

// outputFormat picks the format a command writes: the --format flag when
// given, else the one the -o file's extension names, else def. An output
// file whose extension names no format the command writes, or another
// format than --format, is a usage error (exit 2): writing SVG into
// figure.pdf or JSON into table.csv would only fail later, in the reader.
// byExt maps lower-case extensions (".svg") to the formats a file of that
// name may hold, the first being the one the extension picks; dirFormats
// are the formats written into a directory, whose -o has no extension to
// check.
func outputFormat(cmd, out, flag string, flagSet bool, def string, byExt map[string][]string, dirFormats ...string) (string, error) {
	if out == "" || out == "-" {
		if flagSet {
			return flag, nil
		}
		return def, nil
	}
	for _, d := range dirFormats {
		if flagSet && flag == d {
			return flag, nil
		}
	}
	ext := strings.ToLower(filepath.Ext(out))
	formats, ok := byExt[ext]
	switch {
	case ext == "" && flagSet:
		return flag, nil
	case ext == "":
		return def, nil
	case !ok:
		return "", usagef("%s: -o %s: claimnet does not write %s files; give a file name ending in %s, or --format", cmd, out, ext, extList(byExt))
	case flagSet && !slices.Contains(formats, flag):
		return "", usagef("%s: -o %s names a %s file but --format is %s; make them agree", cmd, out, strings.Join(formats, " or "), flag)
	case flagSet:
		return flag, nil
	}
	return formats[0], nil
}

// extList lists the extensions of byExt, sorted, for a message.
func extList(byExt map[string][]string) string {
	return strings.Join(slices.Sorted(maps.Keys(byExt)), ", ")
}
