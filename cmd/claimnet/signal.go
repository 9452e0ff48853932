package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// signalError is the cause of a command's cancellation by a signal.
type signalError struct{ sig syscall.Signal }

func (e signalError) Error() string {
	switch e.sig {
	case syscall.SIGINT:
		return "interrupted"
	case syscall.SIGTERM:
		return "terminated"
	}
	return fmt.Sprintf("stopped by signal %d", int(e.sig))
}

// status is the exit status of a command stopped by the signal: 128+N, as
// a shell reports a process killed by signal N.
func (e signalError) status() int { return 128 + int(e.sig) }

// notifySignals cancels with a signalError on the first SIGINT or SIGTERM
// and then restores their default action (the process is killed), so that a second Ctrl-C stops
// a command that does not return. stop ends the watch.
func notifySignals(cancel func(error)) (stop func()) {
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case s := <-ch:
			sig, _ := s.(syscall.Signal)
			cancel(signalError{sig})
			signal.Stop(ch) // the default action again
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}
