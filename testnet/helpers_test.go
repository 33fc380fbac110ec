package testnet

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/contracts/bindings"
	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/p2p"
	"github.com/thaliumx/thaliumx/rpc"
)

// processSpecEnv names the spec file of a follower process: a test binary
// started with it runs RunProcess instead of the tests.
const processSpecEnv = "THX_TESTNET_PROCESS_SPEC"

func TestMain(m *testing.M) {
	if spec := os.Getenv(processSpecEnv); spec != "" {
		if err := RunProcess(spec); err != nil {
			fmt.Fprintln(os.Stderr, "testnet process:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// convergeWait bounds the waits for the network to settle and converge.
const convergeWait = 3 * time.Minute

// Sizes of the network tests. THX_TESTNET_ORDERS sets the order count of
// the full-size run (make test-network uses 20,000).
const (
	ordersDefault = 2_000
	ordersShort   = 400
)

// orderCount returns the number of orders a network test submits.
func orderCount(t *testing.T) int {
	if v := os.Getenv("THX_TESTNET_ORDERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("THX_TESTNET_ORDERS=%q is not a positive number of orders", v)
		}
		return n
	}
	if testing.Short() {
		return ordersShort
	}
	return ordersDefault
}

// testSeed returns THX_TESTNET_SEED, or a new seed, and logs it.
func testSeed(t testing.TB) uint64 {
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("THX_TESTNET_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatalf("THX_TESTNET_SEED=%q is not a number", v)
		}
	}
	t.Logf("seed %d; rerun with THX_TESTNET_SEED=%d", seed, seed)
	return seed
}

// testLogger writes to the test log at the level of THX_TEST_LOG, or
// discards everything when it is unset.
func testLogger(t testing.TB) *slog.Logger {
	var level slog.Level
	if os.Getenv("THX_TEST_LOG") == "" || level.UnmarshalText([]byte(os.Getenv("THX_TEST_LOG"))) != nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: level}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// testLimits shorten the host's intervals, so that meshes form and gaps
// are repaired quickly.
func testLimits() p2p.Limits {
	return p2p.Limits{
		HeartbeatInterval:    200 * time.Millisecond,
		ScoreInspectInterval: 200 * time.Millisecond,
		GapReportDelay:       100 * time.Millisecond,
		GapReportInterval:    500 * time.Millisecond,
		BootnodeBackoffMin:   50 * time.Millisecond,
		BootnodeBackoffMax:   time.Second,
		SyncRetryDelay:       50 * time.Millisecond,
		SyncRoundsMax:        40,
	}
}

// startNetwork starts a network of n nodes in a temporary directory and
// closes it when the test ends.
func startNetwork(t testing.TB, n int, edit func(*Config)) *Network {
	t.Helper()
	cfg := Config{Nodes: n, DataDir: t.TempDir(), Accounts: 9, Limits: testLimits(), Logger: testLogger(t)}
	if edit != nil {
		edit(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), convergeWait)
	defer cancel()
	nw, err := Start(ctx, cfg)
	if err != nil {
		t.Fatalf("start network: %v", err)
	}
	t.Cleanup(func() {
		if err := nw.Close(); err != nil {
			t.Errorf("close network: %v", err)
		}
	})
	return nw
}

// waitUntil polls cond until it holds or timeout passes.
func waitUntil(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// workload makes random signed orders of the network's traders on
// THAL/USDC, with prices around one USDC so that about half trade.
type workload struct {
	domain  eip712.Domain
	traders []devchain.Account
	nonces  []atomic.Uint64

	mu  sync.Mutex
	rng *rand.Rand
}

func newWorkload(nw *Network, seed uint64) *workload {
	accounts := nw.Dev.Chain.Accounts()[1:]
	return &workload{
		domain:  eip712.Domain{ChainID: nw.Dev.Deployment.ChainID, VerifyingContract: nw.Dev.Deployment.Exchange},
		traders: accounts, nonces: make([]atomic.Uint64, len(accounts)),
		rng: rand.New(rand.NewPCG(seed, seed^0x5bd1e995)),
	}
}

// order returns the next random order, signed.
func (w *workload) order() *state.SignedOrder {
	w.mu.Lock()
	i := w.rng.IntN(len(w.traders))
	side := eip712.Side(w.rng.IntN(2))
	price := uint64(10_000 + w.rng.IntN(41) - 20)
	qty := uint64(1 + w.rng.IntN(5))
	tif := eip712.GTC
	if w.rng.IntN(10) == 0 {
		tif = eip712.IOC
	}
	w.mu.Unlock()
	return w.sign(i, eip712.Order{Market: 1, Side: side, Kind: eip712.Limit, TimeInForce: tif, Price: price, Quantity: qty})
}

// sign fills trader i's address, a fee cap and the next nonce, and signs.
func (w *workload) sign(i int, o eip712.Order) *state.SignedOrder {
	o.Trader = w.traders[i].Address
	o.MaxFeeBps = 50
	o.Nonce = w.nonces[i].Add(1)
	_, sig, err := w.domain.SignOrder(o, w.traders[i].Key)
	if err != nil {
		panic(err)
	}
	return &state.SignedOrder{ChainID: w.domain.ChainID, Order: o, Signature: sig}
}

// waitDeposits waits until the sequencer credited every trader's dev
// deposits.
func waitDeposits(t testing.TB, nw *Network, w *workload) {
	t.Helper()
	waitUntil(t, convergeWait, "the dev deposits to be credited", func() bool {
		for _, a := range w.traders {
			balances, _ := nw.Sequencer().Node.Balances(a.Address)
			if len(balances) < 3 {
				return false
			}
		}
		return true
	})
}

// submitRoundRobin places count orders, order i on the running node
// i mod len(members), from workers goroutines, and returns how many each
// node acknowledged. Any error fails the test.
func submitRoundRobin(t testing.TB, members []*Member, w *workload, count, workers int) []int {
	t.Helper()
	acked, err := submitCounting(members, w, count, workers, nil)
	if err != nil {
		t.Fatal(err)
	}
	return acked
}

// submitCounting is submitRoundRobin that adds each acknowledgement to
// total, when not nil, as it comes, and returns the first error instead
// of failing the test, so that it may run on another goroutine.
func submitCounting(members []*Member, w *workload, count, workers int, total *atomic.Int64) ([]int, error) {
	acked := make([]atomic.Int64, len(members))
	next := atomic.Int64{}
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= count || failed.Load() != nil {
					return
				}
				m := members[i%len(members)]
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				_, err := m.Node.PlaceOrder(ctx, w.order())
				cancel()
				if err != nil {
					err = fmt.Errorf("order %d at node %d: %w", i, m.Index, err)
					failed.CompareAndSwap(nil, &err)
					return
				}
				acked[i%len(members)].Add(1)
				if total != nil {
					total.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	out := make([]int, len(members))
	for i := range acked {
		out[i] = int(acked[i].Load())
	}
	if p := failed.Load(); p != nil {
		return out, *p
	}
	return out, nil
}

// waitSettled waits until no trader of w has funds pending settlement on
// the sequencer, so every trade made so far is settled on chain.
func waitSettled(t testing.TB, nw *Network, w *workload) {
	t.Helper()
	waitUntil(t, convergeWait, "every trade to settle on chain", func() bool {
		for _, a := range w.traders {
			balances, _ := nw.Sequencer().Node.Balances(a.Address)
			for _, b := range balances {
				if !b.PendingSettlement.IsZero() {
					return false
				}
			}
		}
		return true
	})
}

// waitConverged waits until every running node has made the sequencer's
// last entry durable, reports the state hash after that very entry, lists
// the same markets, and is not syncing. The sequencer hashes at a bounded rate, so this
// holds once the log is quiet for a moment, at the latest after its next
// tick.
func waitConverged(t testing.TB, nw *Network) {
	t.Helper()
	var last string
	deadline := time.Now().Add(convergeWait)
	for {
		members := nw.Members()
		infos := make([]rpc.NodeInfo, len(members))
		head := members[0].Node.Syncing().CurrentSeq
		markets := len(members[0].Node.Markets())
		same := true
		for i, m := range members {
			infos[i] = m.Node.NodeInfo()
			s := m.Node.Syncing()
			same = same && !s.Syncing && s.CurrentSeq == head && infos[i].Seq == head &&
				infos[i].StateHash == infos[0].StateHash && len(m.Node.Markets()) == markets
		}
		if same && infos[0].StateHash != (common.Hash{}) {
			return
		}
		last = describeInfos(members, infos)
		if time.Now().After(deadline) {
			t.Fatalf("nodes did not converge within %s on the sequencer's seq %d: %s", convergeWait, head, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func describeInfos(members []*Member, infos []rpc.NodeInfo) string {
	out := ""
	for i, info := range infos {
		if i < len(members) {
			out += fmt.Sprintf("node %d at seq %d hash %s; ", members[i].Index, info.Seq, info.StateHash.TerminalString())
		}
	}
	return out
}

// checkSameViews compares what every node serves with the sequencer's
// view: each market's whole book, and every trader's balances and open
// orders. Call it once trading stopped and every trade settled. It
// compares again until the views agree or convergeWait passes, because
// the sequencer applies an entry a moment before it is durable and the
// followers receive it.
func checkSameViews(t testing.TB, nw *Network, w *workload) {
	t.Helper()
	deadline := time.Now().Add(convergeWait)
	for {
		diff := viewDifference(nw, w)
		if diff == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(diff)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// viewDifference returns the first difference between a node's views and
// the sequencer's, or "" when there is none.
func viewDifference(nw *Network, w *workload) string {
	seq := nw.Sequencer().Node
	for _, m := range nw.Members()[1:] {
		for _, market := range seq.Markets() {
			want, err := seq.OrderBook(market.Symbol, 1000)
			if err != nil {
				return err.Error()
			}
			got, err := m.Node.OrderBook(market.Symbol, 1000)
			if err != nil {
				return fmt.Sprintf("node %d book of %s: %v", m.Index, market.Symbol, err)
			}
			if fmt.Sprint(got.Bids, got.Asks) != fmt.Sprint(want.Bids, want.Asks) {
				return fmt.Sprintf("node %d book of %s differs from the sequencer's:\n%v %v\n%v %v", m.Index, market.Symbol, got.Bids, got.Asks, want.Bids, want.Asks)
			}
		}
		for _, a := range w.traders {
			got, _ := m.Node.Balances(a.Address)
			want, _ := seq.Balances(a.Address)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				return fmt.Sprintf("node %d balances of %s are %v, the sequencer's %v", m.Index, a.Address, got, want)
			}
			gotOpen, _ := m.Node.OpenOrders(a.Address)
			wantOpen, _ := seq.OpenOrders(a.Address)
			if len(gotOpen) != len(wantOpen) {
				return fmt.Sprintf("node %d has %d open orders of %s, the sequencer %d", m.Index, len(gotOpen), a.Address, len(wantOpen))
			}
		}
	}
	return ""
}

// checkSettledOnce checks that the Exchange settled every trade the
// sequencer made exactly once: one BatchSettled event per batch id, their
// trade counts adding up to the sequencer's trades, and every trader's
// Exchange balance equal to its ledger balance.
func checkSettledOnce(t testing.TB, nw *Network, w *workload) {
	t.Helper()
	client := nw.Dev.Chain.Client()
	exchange := bindings.NewExchange()
	event := exchange.GetABI().Events["BatchSettled"]
	logs, err := client.FilterLogs(context.Background(), ethereum.FilterQuery{
		Addresses: []common.Address{nw.Dev.Deployment.Exchange}, Topics: [][]common.Hash{{event.ID}},
	})
	if err != nil {
		t.Fatalf("read BatchSettled events: %v", err)
	}
	seen := map[uint64]bool{}
	settled := uint64(0)
	for i := range logs {
		ev, err := exchange.UnpackBatchSettledEvent(&logs[i])
		if err != nil {
			t.Fatal(err)
		}
		if seen[ev.BatchId] {
			t.Fatalf("batch %d settled twice", ev.BatchId)
		}
		seen[ev.BatchId] = true
		settled += ev.Trades.Uint64()
	}
	made := metricSum(t, nw.Sequencer(), "thx_trades_total")
	if settled != uint64(made) || made == 0 {
		t.Fatalf("the Exchange settled %d trades in %d batches, the sequencer made %v", settled, len(seen), made)
	}
	t.Logf("%d trades settled in %d batches", settled, len(seen))

	seq := nw.Sequencer().Node
	for _, a := range w.traders {
		balances, _ := seq.Balances(a.Address)
		for _, b := range balances {
			checkBalanceOnChain(t, nw, a.Address, b)
		}
	}
}

func checkBalanceOnChain(t testing.TB, nw *Network, trader common.Address, b ledger.Balance) {
	t.Helper()
	exchange := bindings.NewExchange()
	out, err := nw.Dev.Chain.Client().CallContract(context.Background(), ethereum.CallMsg{
		To: &nw.Dev.Deployment.Exchange, Data: exchange.PackBalances(trader, b.Asset.Token)}, nil)
	if err != nil {
		t.Fatalf("read Exchange balance: %v", err)
	}
	onChain, err := exchange.UnpackBalances(out)
	if err != nil {
		t.Fatal(err)
	}
	total := new(big.Int).Add(b.Available.ToBig(), b.Held.ToBig())
	total.Add(total, b.PendingSettlement.ToBig())
	total.Add(total, b.PendingWithdrawal.ToBig())
	if onChain.Cmp(total) != 0 {
		t.Fatalf("%s holds %s of token %s on chain, the ledger %s", trader, onChain, b.Asset.Token, total)
	}
}

// metricSum sums the samples of a counter in a node's registry.
func metricSum(t testing.TB, m *Member, name string) float64 {
	t.Helper()
	families, err := m.Node.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range families {
		if f.GetName() == name {
			for _, s := range f.GetMetric() {
				sum += s.GetCounter().GetValue()
			}
		}
	}
	return sum
}

// metricWithLabel sums the samples of a counter whose labels include
// value.
func metricWithLabel(t testing.TB, m *Member, name, value string) float64 {
	t.Helper()
	families, err := m.Node.Metrics().Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetValue() == value {
					sum += s.GetCounter().GetValue()
				}
			}
		}
	}
	return sum
}

// child is a follower running in a child process: this test binary
// started with processSpecEnv.
type child struct {
	t     testing.TB
	spec  ProcessSpec
	path  string
	cmd   *exec.Cmd
	ready ProcessReady
}

func startChild(t testing.TB, spec ProcessSpec) *child {
	t.Helper()
	if err := os.MkdirAll(spec.DataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	c := &child{t: t, spec: spec, path: filepath.Join(spec.DataDir, "spec.json")}
	data, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	c.start()
	t.Cleanup(c.stop)
	return c
}

// start runs the process and waits for its ready file.
func (c *child) start() {
	c.t.Helper()
	_ = os.Remove(c.spec.ReadyFile)
	c.cmd = exec.Command(os.Args[0], "-test.run=^$")
	c.cmd.Env = append(os.Environ(), processSpecEnv+"="+c.path)
	c.cmd.Stderr = os.Stderr
	if err := c.cmd.Start(); err != nil {
		c.t.Fatalf("start follower process: %v", err)
	}
	waitUntil(c.t, convergeWait, "the follower process to be ready", func() bool {
		data, err := os.ReadFile(c.spec.ReadyFile)
		return err == nil && json.Unmarshal(data, &c.ready) == nil
	})
}

// kill kills the process with SIGKILL and reaps it.
func (c *child) kill() {
	c.t.Helper()
	if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		c.t.Fatalf("kill follower process %d: %v", c.cmd.Process.Pid, err)
	}
	_ = c.cmd.Wait()
}

// stop stops a running process with SIGTERM and waits for it.
func (c *child) stop() {
	if c.cmd == nil || c.cmd.ProcessState != nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Minute):
		_ = c.cmd.Process.Kill()
		<-done
	}
}

// call makes a JSON-RPC call to the process and decodes its result.
func (c *child) call(result any, method string, params ...any) error {
	client, err := dialRPC(c.ready.RPCURL)
	if err != nil {
		return err
	}
	defer client.Close()
	return client.Call(result, method, params...)
}

func dialRPC(url string) (*gethrpc.Client, error) { return gethrpc.Dial(url) }
