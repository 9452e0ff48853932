//go:build !linux

package main

// physicalMemory is unknown here; defaultQueryMemory falls back.
func physicalMemory() int64 { return 0 }

// setAddressLimit does nothing here: the child's limits are the garbage
// collector's memory limit and the stack limit only.
func setAddressLimit(extra int64) {}
