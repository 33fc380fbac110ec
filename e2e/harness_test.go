package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// thxBinary is the thx binary under test, set by TestMain.
var thxBinary string

// Time limits of the harness.
const (
	// startWaitMax bounds a node's start: the dev chain, the deployment
	// and the deposits of every development account.
	startWaitMax = 120 * time.Second
	// stopWaitMax bounds a graceful stop, which waits for open batches to
	// settle.
	stopWaitMax = 90 * time.Second
	// pollInterval is the pause between two polls of a condition.
	pollInterval = 50 * time.Millisecond
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// run builds the binary unless THX_BIN names one, and runs the tests.
func run(m *testing.M) (int, error) {
	if bin := os.Getenv("THX_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			return 0, err
		}
		thxBinary = abs
		return m.Run(), nil
	}
	dir, err := os.MkdirTemp("", "thx-e2e-bin-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	thxBinary = filepath.Join(dir, "thx")
	build := exec.Command("go", "build", "-o", thxBinary, "./cmd/thx")
	build.Dir = repoRoot()
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return 0, fmt.Errorf("build thx (set THX_BIN to use a built binary): %w", err)
	}
	return m.Run(), nil
}

// repoRoot returns the repository root, the parent of this package's
// directory.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// devNode is a `thx node --dev` child process.
type devNode struct {
	t       *testing.T
	dataDir string
	args    []string
	cmd     *exec.Cmd
	done    chan error
	// URL is the node's JSON-RPC URL over HTTP, WSURL over WebSocket.
	URL, WSURL string

	mu     sync.Mutex
	stdout strings.Builder
	stderr strings.Builder
}

// nodeOptions are the settings a test changes from startNode's defaults.
type nodeOptions struct {
	// DataDir is a new temporary directory if empty.
	DataDir string
	// Accounts is the number of development accounts, 10 if zero.
	Accounts int
	// Args are added to the command line.
	Args []string
}

// startNode starts a development node on free ports, waits until its
// JSON-RPC server is up and every trader's deposits are credited, and
// stops it when the test ends. Rate limits are off, because the tests
// send more requests than a wallet would.
func startNode(t *testing.T, opts nodeOptions) *devNode {
	t.Helper()
	if opts.DataDir == "" {
		opts.DataDir = t.TempDir()
	}
	if opts.Accounts == 0 {
		opts.Accounts = devchain.AccountsDefault
	}
	args := []string{"node", "--dev", "--dev.port", "0", "--http.addr", "127.0.0.1:0",
		"--datadir", opts.DataDir, "--dev.accounts", fmt.Sprint(opts.Accounts),
		"--rpc.ip-rate", "0", "--rpc.trader-rate", "0"}
	n := &devNode{t: t, dataDir: opts.DataDir, args: append(args, opts.Args...)}
	n.launch()
	t.Cleanup(n.kill)
	n.waitForDeposits(opts.Accounts)
	return n
}

// launch starts the process and waits for the banner's JSON-RPC line.
func (n *devNode) launch() {
	t := n.t
	t.Helper()
	n.done = make(chan error, 1)
	n.mu.Lock()
	n.stdout.Reset()
	n.stderr.Reset()
	n.mu.Unlock()
	n.cmd = exec.Command(thxBinary, n.args...)
	stdout, err := n.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := n.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := n.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", thxBinary, err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go n.copyLines(&wg, stdout, &n.stdout)
	go n.copyLines(&wg, stderr, &n.stderr)
	go func() {
		wg.Wait()
		n.done <- n.cmd.Wait()
	}()

	line := n.waitForLine("JSON-RPC ")
	fields := strings.Fields(line)
	if len(fields) < 3 {
		t.Fatalf("banner line %q has no URLs", line)
	}
	n.URL, n.WSURL = fields[1], fields[2]
}

func (n *devNode) copyLines(wg *sync.WaitGroup, r io.Reader, out *strings.Builder) {
	defer wg.Done()
	s := bufio.NewScanner(r)
	s.Buffer(make([]byte, 64<<10), 1<<20)
	for s.Scan() {
		n.mu.Lock()
		out.WriteString(s.Text())
		out.WriteByte('\n')
		n.mu.Unlock()
	}
}

// output returns what the process wrote so far.
func (n *devNode) output() (stdout, stderr string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.stdout.String(), n.stderr.String()
}

// waitForLine waits until a line of standard output contains text.
func (n *devNode) waitForLine(text string) string {
	n.t.Helper()
	deadline := time.Now().Add(startWaitMax)
	for time.Now().Before(deadline) {
		out, _ := n.output()
		for line := range strings.SplitSeq(out, "\n") {
			if strings.Contains(line, text) {
				return line
			}
		}
		select {
		case err := <-n.done:
			n.done <- err
			n.fail("node exited before printing %q: %v", text, err)
		case <-time.After(pollInterval):
		}
	}
	n.fail("node printed no line with %q within %v", text, startWaitMax)
	return ""
}

// fail stops the test with the node's output.
func (n *devNode) fail(format string, args ...any) {
	n.t.Helper()
	out, errOut := n.output()
	n.t.Fatalf(format+"\nnode stdout:\n%s\nnode stderr (last 8 KiB):\n%s", append(args, out, lastBytes(errOut, 8<<10))...)
}

func lastBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}

// waitForDeposits waits until every development trader has a balance in
// each of the three dev tokens.
func (n *devNode) waitForDeposits(accounts int) {
	n.t.Helper()
	c := n.dial()
	defer c.Close()
	traders := devAccounts(n.t, accounts)[1:]
	n.poll("deposits of every development trader", startWaitMax, func(ctx context.Context) (bool, error) {
		for _, a := range traders {
			balances, err := c.Balances(ctx, a.Address)
			if err != nil {
				return false, err
			}
			if len(balances) < 3 {
				return false, nil
			}
		}
		return true, nil
	})
}

// poll calls check until it returns true, and fails the test after
// timeout or on an error.
func (n *devNode) poll(what string, timeout time.Duration, check func(ctx context.Context) (bool, error)) {
	n.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		ok, err := check(ctx)
		cancel()
		if err != nil {
			n.fail("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			n.fail("no %s within %v", what, timeout)
		}
		time.Sleep(pollInterval)
	}
}

// dial connects a client over WebSocket.
func (n *devNode) dial() *client.Client {
	n.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := client.Dial(ctx, n.WSURL)
	if err != nil {
		n.fail("%v", err)
	}
	return c
}

// stop sends SIGINT and waits for a clean exit.
func (n *devNode) stop() {
	n.t.Helper()
	if err := n.cmd.Process.Signal(syscall.SIGINT); err != nil {
		n.t.Fatal(err)
	}
	select {
	case err := <-n.done:
		if err != nil {
			n.fail("node exited with %v after SIGINT", err)
		}
	case <-time.After(stopWaitMax):
		n.fail("node did not stop within %v of SIGINT", stopWaitMax)
	}
	if _, errOut := n.output(); !strings.Contains(errOut, "node stopped") {
		n.fail("no graceful stop in the node's log")
	}
}

// restart starts the node again on the same data directory.
func (n *devNode) restart() {
	n.t.Helper()
	n.launch()
	n.waitForLine("development mode (resumed)")
}

// kill ends the process if it still runs.
func (n *devNode) kill() {
	if n.cmd != nil && n.cmd.ProcessState == nil && n.cmd.Process != nil {
		_ = n.cmd.Process.Kill()
		<-n.done
	}
}

// devAccounts returns the first count development accounts; account 0
// operates the Exchange and receives its fees.
func devAccounts(t *testing.T, count int) []devchain.Account {
	t.Helper()
	accounts, err := devchain.DeriveAccounts(devchain.TestMnemonic, count)
	if err != nil {
		t.Fatal(err)
	}
	return accounts
}

// marketBySymbol returns a listed market.
func marketBySymbol(t *testing.T, c *client.Client, symbol string) rpc.MarketJSON {
	t.Helper()
	m, err := c.Market(context.Background(), symbol)
	if err != nil {
		t.Fatalf("thx_market %s: %v", symbol, err)
	}
	return m
}

// balancesByToken returns a trader's balances on the node by token.
func balancesByToken(t *testing.T, c *client.Client, trader common.Address) map[common.Address]rpc.BalanceJSON {
	t.Helper()
	list, err := c.Balances(context.Background(), trader)
	if err != nil {
		t.Fatalf("thx_balances %s: %v", trader, err)
	}
	out := make(map[common.Address]rpc.BalanceJSON, len(list))
	for _, b := range list {
		out[b.Token] = b
	}
	return out
}
