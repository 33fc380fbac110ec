package crashtest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// Outcome holds the progress one child reported before it was killed.
type Outcome struct {
	Ready         bool
	ReadySeq      uint64
	AckedThrough  uint64
	SnapshotSaved uint64
	// ExitedEarly is set when the child ended before the kill.
	ExitedEarly bool
	Stderr      string
}

// Kill sets when a trial kills its child: After the child reported ready,
// or After its start when BeforeReady is set, to crash it during recovery.
type Kill struct {
	After       time.Duration
	BeforeReady bool
}

// readyTimeout bounds the wait for a child's ready line.
const readyTimeout = 60 * time.Second

// RunTrial starts cmd, reads its protocol lines, kills it with SIGKILL at
// the moment kill sets, and returns the progress it reported. cmd must not
// have Stdout or Stderr set.
func RunTrial(ctx context.Context, cmd *exec.Cmd, kill Kill) (Outcome, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return Outcome{}, err
	}
	var stderr strings.Builder
	cmd.Stderr = &limitedWriter{w: &stderr, left: 64 << 10}
	if err := cmd.Start(); err != nil {
		return Outcome{}, fmt.Errorf("start child: %w", err)
	}

	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()

	var out Outcome
	killAt := time.After(kill.After)
	if !kill.BeforeReady {
		killAt = nil
	}
	readyBy := time.After(readyTimeout)
	for done := false; !done; {
		select {
		case line, ok := <-lines:
			if !ok {
				out.ExitedEarly = true
				done = true
				break
			}
			if err := out.parse(line); err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				return out, err
			}
			if out.Ready && killAt == nil && !kill.BeforeReady {
				killAt = time.After(kill.After)
			}
		case <-killAt:
			done = true
		case <-readyBy:
			if !out.Ready {
				cmd.Process.Kill()
				cmd.Wait()
				return out, fmt.Errorf("child not ready after %s; stderr: %s", readyTimeout, stderr.String())
			}
		case <-ctx.Done():
			done = true
		}
	}

	// SIGKILL, then collect what the child wrote before it died.
	cmd.Process.Kill()
	for line := range lines {
		if err := out.parse(line); err != nil {
			cmd.Wait()
			return out, err
		}
	}
	cmd.Wait()
	out.Stderr = stderr.String()
	return out, nil
}

func (o *Outcome) parse(line string) error {
	var a, b uint64
	switch {
	case strings.HasPrefix(line, "ready "):
		if _, err := fmt.Sscanf(line, "ready %d", &a); err != nil {
			return fmt.Errorf("malformed child line %q", line)
		}
		o.Ready, o.ReadySeq = true, a
	case strings.HasPrefix(line, "ack "):
		if _, err := fmt.Sscanf(line, "ack %d %d", &a, &b); err != nil || b < a {
			return fmt.Errorf("malformed child line %q", line)
		}
		o.AckedThrough = max(o.AckedThrough, b)
	case strings.HasPrefix(line, "snap "):
		if _, err := fmt.Sscanf(line, "snap %d", &a); err != nil {
			return fmt.Errorf("malformed child line %q", line)
		}
		o.SnapshotSaved = max(o.SnapshotSaved, a)
	}
	// Other lines come from the test framework and are ignored.
	return nil
}

// limitedWriter keeps the first left bytes written to it.
type limitedWriter struct {
	w    io.Writer
	left int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.left > 0 {
		n := min(len(p), l.left)
		l.w.Write(p[:n])
		l.left -= n
	}
	return len(p), nil
}
