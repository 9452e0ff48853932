package render

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// The PDF writer of tdewolff/canvas stamps two things with the time of
// writing: the document's /CreationDate and the "modified" date in the
// head table of every embedded font. reproducible rewrites the PDF
// without them, so the same figure gives the same bytes: it drops the
// creation date, sets each font's modified date to its created date
// (fixing the font's checksums), and writes the cross-reference table
// again for the new offsets.

var (
	objRE          = regexp.MustCompile(`(?m)^(\d+) 0 obj\n`)
	streamLengthRE = regexp.MustCompile(`/Length (\d+)`)
	dateRE         = regexp.MustCompile(`/CreationDate ?\([^)]*\)`)
)

func reproducible(pdf []byte) ([]byte, error) {
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	trailer := bytes.LastIndex(pdf, []byte("\ntrailer\n"))
	startxref := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if xref < 0 || trailer < xref || startxref < trailer {
		return nil, fmt.Errorf("pdf: no cross-reference table")
	}
	body := pdf[:xref+1]
	locs := objRE.FindAllSubmatchIndex(body, -1)
	if len(locs) == 0 {
		return nil, fmt.Errorf("pdf: no objects")
	}
	var out bytes.Buffer
	out.Write(body[:locs[0][0]])
	offsets := map[int]int{}
	for i, loc := range locs {
		end := len(body)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		n, _ := strconv.Atoi(string(body[loc[2]:loc[3]]))
		offsets[n] = out.Len()
		obj, err := fixObject(body[loc[0]:end])
		if err != nil {
			return nil, fmt.Errorf("pdf: object %d: %w", n, err)
		}
		out.Write(obj)
	}
	at := out.Len()
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	size := nums[len(nums)-1] + 1
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		off, ok := offsets[n]
		if !ok {
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	out.Write(pdf[trailer+1 : startxref+1])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
	return out.Bytes(), nil
}

// fixObject returns one "N 0 obj ... endobj" without a creation date,
// and with a TrueType font program's modified date fixed.
func fixObject(obj []byte) ([]byte, error) {
	obj = dateRE.ReplaceAll(obj, nil)
	s := bytes.Index(obj, []byte(">>stream\n"))
	if s < 0 || !bytes.Contains(obj[:s], []byte("/FlateDecode")) {
		return obj, nil
	}
	m := streamLengthRE.FindSubmatchIndex(obj[:s])
	if m == nil {
		return nil, fmt.Errorf("stream without /Length")
	}
	n, err := strconv.Atoi(string(obj[m[2]:m[3]]))
	start := s + len(">>stream\n")
	if err != nil || start+n > len(obj) {
		return nil, fmt.Errorf("stream /Length %s", obj[m[2]:m[3]])
	}
	zr, err := zlib.NewReader(bytes.NewReader(obj[start : start+n]))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !fixFontDate(data) {
		return obj, nil
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(data)
	zw.Close()
	var out bytes.Buffer
	out.Write(obj[:m[2]])
	out.WriteString(strconv.Itoa(z.Len()))
	out.Write(obj[m[3]:start])
	out.Write(z.Bytes())
	out.Write(obj[start+n:])
	return out.Bytes(), nil
}

// fixFontDate sets the modified date of a TrueType font program to its
// created date and corrects the head table's checksum and the font's
// checksum adjustment. It reports whether font was a TrueType font.
func fixFontDate(font []byte) bool {
	be := binary.BigEndian
	if len(font) < 12 || be.Uint32(font) != 0x00010000 {
		return false
	}
	num := int(be.Uint16(font[4:]))
	for i := range num {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return false
		}
		if string(font[rec:rec+4]) != "head" {
			continue
		}
		off, length := int(be.Uint32(font[rec+8:])), int(be.Uint32(font[rec+12:]))
		if length < 36 || off+length > len(font) {
			return false
		}
		head := font[off : off+length]
		copy(head[28:36], head[20:28]) // modified = created
		be.PutUint32(head[8:], 0)      // checksumAdjustment, for the sums
		be.PutUint32(font[rec+4:], checksum(head))
		be.PutUint32(head[8:], 0xB1B0AFBA-checksum(font))
		return true
	}
	return false
}

// checksum is the TrueType table checksum: the sum of big-endian 32-bit
// words, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
