package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gethnode "github.com/ethereum/go-ethereum/node"
)

// holdPort listens on a free port of 127.0.0.1 for the test's duration
// and returns the port.
func holdPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// TestNodeChecksBeforeDevChain runs thx node --dev with the dev chain's
// port taken, so that a check made after the chain starts would fail
// with the port error instead of the expected one.
func TestNodeChecksBeforeDevChain(t *testing.T) {
	devPort, busyPort := holdPort(t), holdPort(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"misspelt role", []string{"--role", "folower"}, `invalid --role "folower": use sequencer or follower`},
		{"follower in dev mode", []string{"--role", "follower"},
			"--dev runs a sequencer on its own chain; a follower takes --chain and --exchange of the sequencer's chain instead"},
		{"http address without host", []string{"--http.addr", "8645"},
			`invalid --http.addr "8645": missing the host; use 127.0.0.1:8645 to listen on this machine only`},
		{"http address not host and port", []string{"--http.addr", "localhost"}, `invalid --http.addr "localhost": expected HOST:PORT`},
		{"http address in use", []string{"--http.addr", fmt.Sprintf("127.0.0.1:%d", busyPort)},
			fmt.Sprintf("listen on --http.addr 127.0.0.1:%d: ", busyPort)},
		{"p2p address in use", []string{"--http.addr", "127.0.0.1:0", "--p2p.listen", fmt.Sprintf("/ip4/127.0.0.1/tcp/%d", busyPort)},
			fmt.Sprintf("p2p address /ip4/127.0.0.1/tcp/%d is in use, perhaps by another node on this machine: stop it or choose another address with --p2p.listen", busyPort)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp()
			app.Writer, app.ErrWriter = io.Discard, io.Discard
			args := append([]string{"thx", "node", "--dev", "--dev.port", fmt.Sprint(devPort)}, tc.args...)
			err := app.Run(args)
			if err == nil {
				t.Fatalf("thx node %v succeeded, expected an error", tc.args)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, expected it to contain %q", err, tc.want)
			}
		})
	}
}

func TestDatadirUsedNamesDirectory(t *testing.T) {
	err := explainDatadirUsed(fmt.Errorf("devchain: create node: %w", gethnode.ErrDatadirUsed), "/data/thx")
	want := "data directory /data/thx is in use by another process, such as a running thx node: stop that node or choose another --datadir: " +
		"devchain: create node: datadir already used by another process"
	if err.Error() != want {
		t.Errorf("error %q, expected %q", err, want)
	}
	other := fmt.Errorf("other failure")
	if got := explainDatadirUsed(other, "/data/thx"); got != other {
		t.Errorf("another error became %q", got)
	}
}

func TestDatadirThatIsAFileRejected(t *testing.T) {
	file := filepath.Join(t.TempDir(), "thx.bak")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := runThx(t, "node", "--dev", "--datadir", file, "--http.addr", "127.0.0.1:0")
	if err == nil || !strings.Contains(err.Error(), "invalid --datadir "+file+": it is a file") {
		t.Fatalf("--datadir naming a file: %v", err)
	}
}

func TestBackupIntoMissingDirectoryRejected(t *testing.T) {
	out := filepath.Join(t.TempDir(), "nodir", "thx.bak")
	_, err := runThx(t, "db", "backup", "--datadir", t.TempDir(), "--out", out)
	if err == nil || !strings.Contains(err.Error(), "does not exist; create it first") {
		t.Fatalf("backup into a missing directory: %v", err)
	}
}
