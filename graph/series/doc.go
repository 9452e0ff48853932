// Package series computes Discourse Network Analysis networks over moving
// time windows, as DNA 3.1's Exporter does (rDNA's dna_network with
// timeWindow, windowSize and kernel): one network per window, each window
// placed around a mid-point that moves forward by a step, with the
// statements in it weighted equally (no kernel, DNA's classic time
// window) or by a kernel of their distance from the mid-point.
//
// Compute returns the whole series; Each hands the windows over one at a
// time, in order, so that a long series need not be kept in memory.
// WriteJSON and WriteCSV write a series. docs/networks.md defines every
// step, and where DNA's code has a quirk, Options.Corrected chooses the
// corrected behaviour.
package series
