//go:build !linux

package render

import "os/exec"

// setParentDeathSignal does nothing where the system has no parent death
// signal: a worker whose parent dies ends when its current layout does,
// as its standard input is closed.
func setParentDeathSignal(*exec.Cmd) {}
