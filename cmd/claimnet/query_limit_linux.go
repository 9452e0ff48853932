package main

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// physicalMemory is the machine's memory in bytes.
func physicalMemory() int64 {
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err != nil {
		return 0
	}
	return int64(si.Totalram) * int64(si.Unit)
}

// setAddressLimit lets the process's address space grow by at most extra
// bytes over what it has mapped now (RLIMIT_AS), or keeps a lower limit
// already set. The Go runtime reserves address space beyond the heap it
// uses, so the limit is counted from the current size, not from zero.
func setAddressLimit(extra int64) {
	now := mappedBytes()
	if now <= 0 {
		return
	}
	var cur syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &cur); err != nil {
		return
	}
	want := uint64(now + extra)
	if cur.Cur != rlimInfinity && cur.Cur <= want {
		return
	}
	lim := syscall.Rlimit{Cur: want, Max: cur.Max}
	if cur.Max != rlimInfinity && cur.Max < want {
		lim.Cur = cur.Max
	}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim)
}

// mappedBytes is the process's virtual memory size (VmSize).
func mappedBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmSize:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// rlimInfinity is RLIM_INFINITY as the Rlimit fields have it.
const rlimInfinity = ^uint64(0)
