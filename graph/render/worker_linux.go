package render

import (
	"os/exec"
	"syscall"
)

// setParentDeathSignal has Linux kill the worker when the parent dies
// without closing it (kill -9), so that no layout goes on running for a
// process that is gone.
func setParentDeathSignal(c *exec.Cmd) {
	if c.SysProcAttr == nil {
		c.SysProcAttr = &syscall.SysProcAttr{}
	}
	c.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
