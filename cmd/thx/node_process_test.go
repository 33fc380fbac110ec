package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// nodeChildEnv carries the command and arguments of thx, separated by
// newlines, to the test binary that startThxProcess starts as its child.
const nodeChildEnv = "THX_TEST_NODE_CHILD_ARGS"

// TestNodeChild runs thx when startThxProcess starts it.
func TestNodeChild(t *testing.T) {
	args := os.Getenv(nodeChildEnv)
	if args == "" {
		t.Skip("runs only as the child process of startThxProcess")
	}
	ignoreSIGINTIfRequested()
	app := newApp()
	app.Writer, app.ErrWriter = os.Stdout, os.Stderr
	if err := app.Run(append([]string{"thx"}, strings.Split(args, "\n")...)); err != nil {
		t.Fatal(err)
	}
}

// nodeProcess is a thx node running in a child process.
type nodeProcess struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	stdout bytes.Buffer
	stderr bytes.Buffer
	done   chan error
}

// startNodeProcess runs thx node with args in a child process.
func startNodeProcess(t *testing.T, args ...string) *nodeProcess {
	t.Helper()
	return startThxProcess(t, append([]string{"node"}, args...)...)
}

// startThxProcess runs thx with a command and its args in a child process
// that inherits how the test process handles SIGINT.
func startThxProcess(t *testing.T, args ...string) *nodeProcess {
	t.Helper()
	return startThxProcessWith(t, sigintInherited, args...)
}

// sigintAction is how a child test process handles SIGINT until thx
// catches it with signal.Notify.
type sigintAction int

const (
	// sigintInherited keeps the action of the test process.
	sigintInherited sigintAction = iota
	// sigintDefault kills the child, as for a command that a shell starts
	// in the foreground.
	sigintDefault
	// sigintIgnored drops the signal, as for a command that a shell
	// without job control starts with &.
	sigintIgnored
)

// ignoreSIGINTEnv is the variable that makes a child test process ignore
// SIGINT before it runs thx, as if it had inherited SIGINT ignored. The
// parent must not call signal.Ignore for that: with Go 1.26, neither
// signal.Reset nor signal.Stop restores the default action afterwards, so
// every later child would inherit SIGINT ignored too.
const ignoreSIGINTEnv = "THX_TEST_CHILD_IGNORE_SIGINT"

// ignoreSIGINTIfRequested ignores SIGINT in a child test process whose
// parent set ignoreSIGINTEnv.
func ignoreSIGINTIfRequested() {
	if os.Getenv(ignoreSIGINTEnv) != "" {
		signal.Ignore(os.Interrupt)
	}
}

// startWithSIGINT starts cmd, a child test process, with the given
// SIGINT action. A child gets the default action for each signal that
// the parent handles, so the parent handles SIGINT while the child starts.
func startWithSIGINT(cmd *exec.Cmd, action sigintAction) error {
	switch action {
	case sigintDefault:
		signals := make(chan os.Signal, 1)
		signal.Notify(signals, os.Interrupt)
		defer signal.Stop(signals)
	case sigintIgnored:
		cmd.Env = append(cmd.Env, ignoreSIGINTEnv+"=1")
	}
	return cmd.Start()
}

// startThxProcessWith runs thx with a command and its args in a child
// process that starts with the given SIGINT action.
func startThxProcessWith(t *testing.T, action sigintAction, args ...string) *nodeProcess {
	t.Helper()
	p := &nodeProcess{done: make(chan error, 1)}
	p.cmd = exec.Command(os.Args[0], "-test.run=^TestNodeChild$", "-test.v")
	p.cmd.Env = append(os.Environ(), nodeChildEnv+"="+strings.Join(args, "\n"))
	stdout, _ := p.cmd.StdoutPipe()
	stderr, _ := p.cmd.StderrPipe()
	if err := startWithSIGINT(p.cmd, action); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, pipe := range []struct {
		r   io.Reader
		buf *bytes.Buffer
	}{{stdout, &p.stdout}, {stderr, &p.stderr}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := bufio.NewScanner(pipe.r)
			for s.Scan() {
				p.mu.Lock()
				pipe.buf.WriteString(s.Text() + "\n")
				p.mu.Unlock()
			}
		}()
	}
	go func() {
		wg.Wait()
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
		}
	})
	return p
}

func (p *nodeProcess) output() (string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stdout.String(), p.stderr.String()
}

// waitForLine polls stdout until a line contains text and returns it.
func (p *nodeProcess) waitForLine(t *testing.T, text string) string {
	t.Helper()
	return p.waitFor(t, "stdout", text)
}

// waitForLog polls stderr, where thx logs, until a line contains text and
// returns it.
func (p *nodeProcess) waitForLog(t *testing.T, text string) string {
	t.Helper()
	return p.waitFor(t, "stderr", text)
}

func (p *nodeProcess) waitFor(t *testing.T, stream, text string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		out, errOut := p.output()
		if stream == "stderr" {
			out = errOut
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, text) {
				return line
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, errOut := p.output()
	t.Fatalf("no line with %q on %s within 60 s\nstdout:\n%s\nstderr:\n%s", text, stream, out, errOut)
	return ""
}

// stop sends SIGINT and waits for a clean exit.
func (p *nodeProcess) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			_, errOut := p.output()
			t.Fatalf("node exited with %v\n%s", err, errOut)
		}
	case <-time.After(60 * time.Second):
		// SIGQUIT makes the Go runtime print every goroutine's stack, which
		// shows where the shutdown hangs.
		_ = p.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
		}
		_, errOut := p.output()
		t.Fatalf("node did not stop within 60 s of SIGINT; its output after SIGQUIT:\n%s", errOut)
	}
}

func callRPC(t *testing.T, url, method string, result any) {
	t.Helper()
	body := `{"jsonrpc":"2.0","id":1,"method":"` + method + `","params":[]}`
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var reply struct {
		Result json.RawMessage `json:"result"`
		Error  any             `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil || reply.Error != nil {
		t.Fatalf("%s: decode %v, error %v", method, err, reply.Error)
	}
	if err := json.Unmarshal(reply.Result, result); err != nil {
		t.Fatalf("%s result %s: %v", method, reply.Result, err)
	}
}

// checkBanner reports each of wants that the banner out lacks.
func checkBanner(t *testing.T, name, out string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("%s lacks %q:\n%s", name, want, out)
		}
	}
}

func TestNodeDevProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thx node --dev in a child process")
	}
	dir := t.TempDir()
	args := []string{"--dev", "--dev.port", "0", "--dev.accounts", "3", "--http.addr", "127.0.0.1:0", "--datadir", dir}
	p := startNodeProcess(t, args...)
	url := strings.Fields(p.waitForLine(t, "JSON-RPC"))[1]
	p.waitForLine(t, "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
	p.waitForLine(t, "Press Ctrl-C to stop the node.")
	out, _ := p.output()
	checkBanner(t, "banner of a new dev node", out,
		"development mode (new)",
		"chain id 1337",
		"Their private keys below are public test keys",
		"each trader deposited 1,000,000 THAL, 1,000,000 USDC and 100 WETH",
		// Account 0's key, the first key of the test mnemonic.
		"   0  0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266  operator and fee recipient, no deposits\n"+
			"      private key 0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n",
		"   2  0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC  trader\n",
		"Data directory  "+dir+"\n",
	)

	var markets []struct {
		Symbol string `json:"symbol"`
	}
	callRPC(t, url, "thx_markets", &markets)
	if len(markets) != 2 || markets[0].Symbol != "THAL/USDC" || markets[1].Symbol != "WETH/USDC" {
		t.Fatalf("markets over JSON-RPC: %+v", markets)
	}
	p.stop(t)
	if _, errOut := p.output(); !strings.Contains(errOut, "node stopped") {
		t.Fatalf("no graceful stop in the log:\n%s", errOut)
	}

	p = startNodeProcess(t, args...)
	p.waitForLine(t, "development mode (resumed)")
	p.stop(t)
}

func TestNodeDevProcessTemporaryDatadir(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thx node --dev in a child process")
	}
	p := startNodeProcess(t, "--dev", "--dev.port", "0", "--dev.accounts", "2", "--http.addr", "127.0.0.1:0")
	line := p.waitForLine(t, "Data directory")
	p.waitForLine(t, "Press Ctrl-C to stop the node.")
	if !strings.HasSuffix(line, "(temporary, removed at exit; --datadir DIR keeps the data)") {
		t.Errorf("banner line %q does not say that the data directory is temporary", line)
	}
	p.stop(t)
}

func TestTestnetProcessBanner(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thx testnet in a child process")
	}
	dir := t.TempDir()
	p := startThxProcess(t, "testnet", "--nodes", "2", "--dev.port", "0", "--dev.accounts", "2", "--datadir", dir)
	p.waitForLine(t, "Press Ctrl-C to stop every node and the chain.")
	out, _ := p.output()
	checkBanner(t, "testnet banner", out,
		"ThaliumX local network: 2 nodes on 127.0.0.1",
		"node 0   sequencer  http://127.0.0.1:",
		"node 1   follower   http://127.0.0.1:",
		"Data directory  "+dir+"\n",
		"Their private keys, which thx node --dev prints, are public test keys",
		"   1  0x70997970C51812dc3A010C7d01b50e0d17dc79C8  trader, tokens deposited\n",
	)
	p.stop(t)
}

// TestProcessSignalDuringStart sends SIGINT to thx testnet and thx node
// --dev once the dev chain has logged its start, which comes before the
// banner. thx must stop what it started and exit cleanly without printing
// the banner, with SIGINT at its default action or ignored.
func TestProcessSignalDuringStart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs thx in a child process")
	}
	commands := []struct {
		name string
		args []string
		// stopping is the message thx prints when the signal stops the start.
		stopping string
	}{
		{"testnet", []string{"testnet", "--nodes", "2"}, "stopping the network"},
		{"node", []string{"node", "--dev", "--http.addr", "127.0.0.1:0"}, "stopping the start"},
	}
	actions := []struct {
		name   string
		action sigintAction
	}{
		{"default", sigintDefault},
		{"ignored", sigintIgnored},
	}
	for _, cmd := range commands {
		for _, tc := range actions {
			t.Run(cmd.name+"/"+tc.name, func(t *testing.T) {
				args := append(slices.Clone(cmd.args), "--dev.port", "0", "--dev.accounts", "2",
					"--datadir", t.TempDir(), "--log.level", "info")
				p := startThxProcessWith(t, tc.action, args...)
				p.waitForLog(t, "dev chain started")
				p.stop(t)

				out, errOut := p.output()
				if !strings.Contains(errOut, cmd.stopping) {
					t.Errorf("stderr lacks %q after SIGINT:\n%s", cmd.stopping, errOut)
				}
				if strings.Contains(out, "Press Ctrl-C") {
					t.Errorf("the banner printed after SIGINT during the start:\n%s", out)
				}
			})
		}
	}
}
