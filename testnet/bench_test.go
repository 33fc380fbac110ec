package testnet

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
)

// Settings of BenchmarkNetworkLatency, from the environment.
type netBenchSettings struct {
	nodes    int           // THX_NETBENCH_NODES, 8
	rate     int           // THX_NETBENCH_RATE, orders per second, 5000
	duration time.Duration // THX_NETBENCH_DURATION, 30s
	// probeEvery makes one order in probeEvery a probe (THX_NETBENCH_PROBE_EVERY, 25).
	probeEvery int
	// inFlightMax bounds the requests waiting for their reply.
	inFlightMax int
	// expiry and restExpiry are how long after signing the immediate and
	// the resting orders expire (THX_NETBENCH_EXPIRY, 2m, and
	// THX_NETBENCH_REST_EXPIRY, 5m), 0 for no expiry.
	expiry, restExpiry time.Duration
	// clock counts the expiries from the dev chain's time.
	clock *expiryClock
}

func netBenchSettingsFromEnv(b *testing.B) netBenchSettings {
	s := netBenchSettings{nodes: 8, rate: 5000, duration: 30 * time.Second, probeEvery: 25, inFlightMax: 4096,
		expiry: 2 * time.Minute, restExpiry: 5 * time.Minute, clock: &expiryClock{}}
	for name, target := range map[string]*int{"THX_NETBENCH_NODES": &s.nodes, "THX_NETBENCH_RATE": &s.rate, "THX_NETBENCH_PROBE_EVERY": &s.probeEvery} {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				b.Fatalf("%s=%q is not a positive number", name, v)
			}
			*target = n
		}
	}
	if v := os.Getenv("THX_NETBENCH_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			b.Fatalf("THX_NETBENCH_DURATION=%q is not a positive duration", v)
		}
		s.duration = d
	}
	for name, target := range map[string]*time.Duration{"THX_NETBENCH_EXPIRY": &s.expiry, "THX_NETBENCH_REST_EXPIRY": &s.restExpiry} {
		if v := os.Getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || (d != 0 && d <= state.ExpiryMarginSeconds*time.Second) {
				b.Fatalf("%s=%q is not 0 (no expiry) or a duration above %d s", name, v, state.ExpiryMarginSeconds)
			}
			*target = d
		}
	}
	if s.nodes < 2 {
		b.Fatalf("THX_NETBENCH_NODES is %d; the benchmark needs a sequencer and at least one follower", s.nodes)
	}
	return s
}

// BenchmarkNetworkLatency runs a sequencer and followers, each in its own
// process, and sends signed orders over JSON-RPC to the followers at a
// steady rate. One order in probeEvery is a probe: an immediate-or-cancel
// buy far below the market, which changes one order and nothing else.
// Every node's orders subscription of the probe trader timestamps each
// probe when that node publishes it, which is once its entry is durable
// there. It reports the percentiles of the time from sending a probe to a
// follower to its publication by the sequencer, and from the sequencer's
// publication to the last follower's, and logs each node's resident
// memory and replay set size every ten seconds. Orders sign the expiries
// of netBenchSettings, so that the replay sets level off.
func BenchmarkNetworkLatency(b *testing.B) {
	s := netBenchSettingsFromEnv(b)
	nw := startNetwork(b, 0, func(c *Config) { c.Accounts = 10 })
	nodes := startBenchNodes(b, nw, s.nodes)
	w := newWorkload(nw, testSeed(b))
	probe := w.traders[0]
	waitBenchNodes(b, nodes, w.traders)

	rec := newProbeRecorder(len(nodes))
	for i, n := range nodes {
		rec.subscribe(b, i, n.ready.RPCURL, probe.Address)
	}
	followers := nodes[1:]
	clients := make([]*gethrpc.Client, len(followers))
	for i, f := range followers {
		c, err := gethrpc.DialOptions(context.Background(), f.ready.RPCURL,
			gethrpc.WithHTTPClient(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: s.inFlightMax}}))
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		clients[i] = c
	}

	lead := waitChainLead(b, nw)
	b.Logf("orders expire %v (immediate) and %v (resting) after signing, on the dev chain's time, which leads the wall clock by %v",
		s.expiry, s.restExpiry, lead)
	stopClock := s.clock.track(b, nw)
	b.ResetTimer()
	memory := sampleMemory(nodes, 10*time.Second)
	stats := runLoad(b, s, w, clients, rec)
	time.Sleep(3 * time.Second) // the last probes reach every node
	b.StopTimer()
	samples := memory.stop()
	stopClock()

	reportLatency(b, s, stats, rec)
	reportMemory(b, nodes, samples)
	reportStateHashes(b, nodes)
	checkNotHalted(b, nodes[0], chainLead(b, nw))
	keepLogs(b, nodes)
	if os.Getenv("THX_NETBENCH_PROFILES") != "" {
		for _, n := range nodes {
			n.stop() // writes the profile
		}
	}
}

// keepLogs copies each node's log to THX_NETBENCH_LOGS, when it names a
// directory, as node-<i>.log.
func keepLogs(b *testing.B, nodes []*benchNode) {
	dir := os.Getenv("THX_NETBENCH_LOGS")
	if dir == "" {
		return
	}
	for i, n := range nodes {
		data, err := os.ReadFile(n.spec.LogFile)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, fmt.Sprintf("node-%d.log", i)), data, 0o600)
		}
		if err != nil {
			b.Logf("log of node %d not kept: %v", i, err)
		}
	}
}

// benchNode is a node process of the benchmark.
type benchNode = child

// startBenchNodes starts the sequencer process and n-1 follower
// processes, each follower with the sequencer and the previous follower
// as bootnodes.
func startBenchNodes(b *testing.B, nw *Network, n int) []*benchNode {
	b.Helper()
	root := b.TempDir()
	profiles := os.Getenv("THX_NETBENCH_PROFILES")
	spec := nw.ProcessSpecFor(filepath.Join(root, "node-0"))
	spec.Sequencer, spec.Deployment = true, &nw.Dev.Deployment
	if profiles != "" {
		spec.CPUProfile, spec.HeapProfile = filepath.Join(profiles, "node-0.prof"), filepath.Join(profiles, "node-0.heap")
	}
	nodes := []*benchNode{startChild(b, spec)}
	for i := 1; i < n; i++ {
		spec := nw.ProcessSpecFor(filepath.Join(root, fmt.Sprintf("node-%d", i)))
		spec.UnlimitedRPC = true
		if profiles != "" {
			spec.CPUProfile = filepath.Join(profiles, fmt.Sprintf("node-%d.prof", i))
			spec.HeapProfile = filepath.Join(profiles, fmt.Sprintf("node-%d.heap", i))
		}
		spec.Bootnodes = append(slices.Clone(nodes[0].ready.P2P), nodes[i-1].ready.P2P...)
		nodes = append(nodes, startChild(b, spec))
	}
	return nodes
}

// waitBenchNodes waits until the sequencer credited every trader's dev
// deposits and every follower has made its log durable.
func waitBenchNodes(b *testing.B, nodes []*benchNode, traders []devchain.Account) {
	b.Helper()
	waitUntil(b, convergeWait, "the dev deposits and every follower", func() bool {
		for _, a := range traders {
			var balances []json.RawMessage
			if err := nodes[0].call(&balances, "thx_balances", a.Address); err != nil || len(balances) < 3 {
				return false
			}
		}
		var head rpc.SyncingJSON
		if err := nodes[0].call(&head, "thx_syncing"); err != nil {
			return false
		}
		for _, n := range nodes[1:] {
			var s rpc.SyncingJSON
			if err := n.call(&s, "thx_syncing"); err != nil || s.CurrentSeq < head.CurrentSeq {
				return false
			}
		}
		return true
	})
}

// probeRecorder keeps when each node published each probe.
type probeRecorder struct {
	mu   sync.Mutex
	sent map[common.Hash]time.Time
	// seen[i] maps a probe to when node i published it.
	seen []map[common.Hash]time.Time
	subs []*gethrpc.ClientSubscription
}

func newProbeRecorder(nodes int) *probeRecorder {
	r := &probeRecorder{sent: map[common.Hash]time.Time{}, seen: make([]map[common.Hash]time.Time, nodes)}
	for i := range r.seen {
		r.seen[i] = map[common.Hash]time.Time{}
	}
	return r
}

// subscribe opens a WebSocket to a node and records the probe trader's
// order events.
func (r *probeRecorder) subscribe(b *testing.B, i int, url string, trader common.Address) {
	b.Helper()
	client, err := gethrpc.Dial("ws" + strings.TrimPrefix(url, "http"))
	if err != nil {
		b.Fatalf("dial node %d's WebSocket: %v", i, err)
	}
	b.Cleanup(client.Close)
	events := make(chan struct {
		Hash common.Hash `json:"hash"`
	}, 1<<16)
	sub, err := client.Subscribe(context.Background(), "thx", events, "orders", trader)
	if err != nil {
		b.Fatalf("subscribe to node %d: %v", i, err)
	}
	r.subs = append(r.subs, sub)
	go func() {
		for ev := range events {
			now := time.Now()
			r.mu.Lock()
			if _, ok := r.seen[i][ev.Hash]; !ok {
				r.seen[i][ev.Hash] = now
			}
			r.mu.Unlock()
		}
	}()
}

func (r *probeRecorder) markSent(h common.Hash, at time.Time) {
	r.mu.Lock()
	r.sent[h] = at
	r.mu.Unlock()
}

// loadStats counts what the load generator did.
type loadStats struct {
	sent, acked, failed, probes atomic.Int64
	elapsed                     time.Duration
	firstErr                    atomic.Pointer[error]
}

// runLoad sends orders at s.rate for s.duration, round-robin over the
// followers, with at most s.inFlightMax waiting for their reply.
func runLoad(b *testing.B, s netBenchSettings, w *workload, clients []*gethrpc.Client, rec *probeRecorder) *loadStats {
	stats := &loadStats{}
	slots := make(chan struct{}, s.inFlightMax)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(s.duration)
	rng := rand.New(rand.NewPCG(uint64(start.UnixNano()), 7))
	for i := 0; time.Now().Before(deadline); i++ {
		// Pace by the schedule: order i is due at start + i/rate.
		if due := start.Add(time.Duration(i) * time.Second / time.Duration(s.rate)); time.Until(due) > 0 {
			time.Sleep(time.Until(due))
		}
		slots <- struct{}{}
		wg.Add(1)
		isProbe := i%s.probeEvery == 0
		client := clients[i%len(clients)]
		seed := rng.Uint64()
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			sendOrder(w, s, client, rec, stats, isProbe, seed)
		}()
	}
	wg.Wait()
	stats.elapsed = time.Since(start)
	return stats
}

// sendOrder signs one order and places it. A probe is trader 0's
// immediate-or-cancel buy at one tick, which no sell reaches.
func sendOrder(w *workload, s netBenchSettings, client *gethrpc.Client, rec *probeRecorder, stats *loadStats, isProbe bool, seed uint64) {
	var order *state.SignedOrder
	if isProbe {
		probe := eip712.Order{Market: 1, Side: eip712.Buy, Kind: eip712.Limit, TimeInForce: eip712.IOC, Price: 1, Quantity: 1,
			Expiry: s.clock.after(s.expiry)}
		order = w.sign(0, probe)
	} else {
		order = loadOrder(w, s, seed)
	}
	params := map[string]any{"order": orderParams(order), "signature": hexutil.Encode(order.Signature[:])}
	sent := time.Now()
	if isProbe {
		rec.markSent(w.domain.OrderHash(order.Order), sent)
		stats.probes.Add(1)
	}
	stats.sent.Add(1)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var ack struct {
		Seq uint64 `json:"seq"`
	}
	if err := client.CallContext(ctx, &ack, "thx_placeOrder", params); err != nil {
		stats.failed.Add(1)
		err = fmt.Errorf("order of %s: %w", order.Order.Trader, err)
		stats.firstErr.CompareAndSwap(nil, &err)
		return
	}
	stats.acked.Add(1)
}

// loadOrder is a random order of one of the load traders around one USDC:
// a resting order within ten ticks of it, or, a little more often, an
// immediate-or-cancel order that crosses every resting one. The takers
// consume what the makers add, so the book stays small over a long run.
//
// Immediate orders expire s.expiry after signing and resting ones
// s.restExpiry after, which bounds each node's replay set to about the
// orders of the last few minutes. The contract rejects an order whose
// expiry is past the block's time at its first settlement, so the
// expiries count from the dev chain's time (expiryClock).
// NOTE: the dev chain seals one block per settle transaction, each at
// least a second after the last, so at more than one batch a second its
// time runs further ahead of the wall clock during the run. A resting
// order that first trades after the lead has grown by more than its
// remaining life makes its batch revert, which halts the market.
// checkNotHalted fails the run when that happened.
func loadOrder(w *workload, s netBenchSettings, seed uint64) *state.SignedOrder {
	rng := rand.New(rand.NewPCG(seed, seed>>7))
	trader := 1 + rng.IntN(len(w.traders)-1)
	o := eip712.Order{Market: 1, Side: eip712.Side(rng.IntN(2)), Kind: eip712.Limit, TimeInForce: eip712.GTC,
		Price: uint64(10_000 + rng.IntN(21) - 10), Quantity: uint64(1 + rng.IntN(5)), Expiry: s.clock.after(s.restExpiry)}
	if rng.IntN(100) < 55 {
		o.TimeInForce, o.Price, o.Expiry = eip712.IOC, 10_030, s.clock.after(s.expiry)
		if o.Side == eip712.Sell {
			o.Price = 9_970
		}
	}
	return w.sign(trader, o)
}

// expiryClock gives the orders' expiries on the dev chain's time, which
// leads the wall clock after bursts of blocks.
type expiryClock struct {
	// leadSeconds is the chain's last lead over the wall clock.
	leadSeconds atomic.Int64
}

// after returns the unix second d after the chain's time, or 0 for d = 0.
func (c *expiryClock) after(d time.Duration) uint64 {
	if d == 0 {
		return 0
	}
	return uint64(time.Now().Add(d).Unix() + c.leadSeconds.Load())
}

// track reads the chain's lead every second until the returned function
// is called.
func (c *expiryClock) track(b *testing.B, nw *Network) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for {
			c.leadSeconds.Store(int64(max(chainLead(b, nw), 0) / time.Second))
			select {
			case <-done:
				return
			case <-ticker.C:
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// chainLeadMax is the lead of the dev chain's time over the wall clock
// that the load waits for, well below ExpiryMarginSeconds. The setup's
// waves of transactions leave the chain a few seconds ahead, and the
// lead falls by a second each second the chain seals no block.
const chainLeadMax = 5 * time.Second

// waitChainLead waits up to two minutes for the dev chain's lead over
// the wall clock to fall to chainLeadMax, and returns the last lead read.
func waitChainLead(b *testing.B, nw *Network) time.Duration {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		lead := chainLead(b, nw)
		if lead <= chainLeadMax || time.Now().After(deadline) {
			return lead
		}
		time.Sleep(time.Second)
	}
}

// chainLead returns how far the dev chain's head block time is ahead of
// the wall clock, to the second.
func chainLead(b *testing.B, nw *Network) time.Duration {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	head, err := nw.Dev.Chain.Client().HeaderByNumber(ctx, nil)
	if err != nil {
		b.Logf("dev chain head not read: %v", err)
		return 0
	}
	return time.Unix(int64(head.Time), 0).Sub(time.Now().Truncate(time.Second))
}

// checkNotHalted fails the benchmark when the sequencer halted THAL/USDC
// after a settlement batch failed, because the orders after it were
// rejected and the figures do not describe a working network.
func checkNotHalted(b *testing.B, sequencer *benchNode, lead time.Duration) {
	var m rpc.MarketJSON
	if err := sequencer.call(&m, "thx_market", "THAL/USDC"); err != nil {
		b.Errorf("THAL/USDC not read from the sequencer: %v", err)
		return
	}
	b.Logf("at the end the dev chain's time leads the wall clock by %v", lead)
	if m.Halted {
		b.Errorf("the sequencer halted THAL/USDC after a failed settlement batch; with the chain %v ahead of the wall clock, "+
			"orders may have expired on chain before they settled: raise THX_NETBENCH_REST_EXPIRY or set it to 0", lead)
	}
}

// orderParams is the order object of thx_placeOrder, in ticks and lots.
func orderParams(o *state.SignedOrder) map[string]any {
	side, tif := "buy", "GTC"
	if o.Order.Side == eip712.Sell {
		side = "sell"
	}
	if o.Order.TimeInForce == eip712.IOC {
		tif = "IOC"
	}
	return map[string]any{
		"market": "THAL/USDC", "trader": o.Order.Trader, "side": side, "timeInForce": tif,
		"priceTicks": strconv.FormatUint(o.Order.Price, 10), "quantityLots": strconv.FormatUint(o.Order.Quantity, 10),
		"maxFeeBps": o.Order.MaxFeeBps, "nonce": strconv.FormatUint(o.Order.Nonce, 10),
		"expiry": strconv.FormatUint(o.Order.Expiry, 10),
	}
}

// reportLatency reports the two latencies of every probe that every node
// published.
func reportLatency(b *testing.B, s netBenchSettings, stats *loadStats, rec *probeRecorder) {
	probes, missing := rec.latencies()
	toSequencer := make([]time.Duration, len(probes))
	toFollowers := make([]time.Duration, len(probes))
	for i, p := range probes {
		toSequencer[i], toFollowers[i] = p.toSequencer, p.toFollowers
	}
	rate := float64(stats.acked.Load()) / stats.elapsed.Seconds()
	b.Logf("%d nodes, target %d orders/s for %s: sent %d, acknowledged %d (%.0f/s), failed %d, probes %d (%d not seen on every node)",
		s.nodes, s.rate, s.duration, stats.sent.Load(), stats.acked.Load(), rate, stats.failed.Load(), stats.probes.Load(), missing)
	if p := stats.firstErr.Load(); p != nil {
		b.Logf("first failure: %v", *p)
	}
	if len(toSequencer) == 0 {
		b.Fatal("no probe reached every node")
	}

	p50a, p99a := percentile(toSequencer, 50), percentile(toSequencer, 99)
	p50b, p99b := percentile(toFollowers, 50), percentile(toFollowers, 99)
	b.Logf("follower submission to the sequencer's log: p50 %s, p99 %s, max %s", p50a, p99a, percentile(toSequencer, 100))
	b.Logf("sequencer's log to the last follower:      p50 %s, p99 %s, max %s", p50b, p99b, percentile(toFollowers, 100))
	b.Logf("largest latency in ms of the probes sent in each 10 s, submission to sequencer and sequencer to all:\n%s",
		strings.Join(latencyTimeline(probes, 10*time.Second), "\n"))
	b.ReportMetric(rate, "orders/s")
	b.ReportMetric(ms(p50a), "submit-to-seq-p50-ms")
	b.ReportMetric(ms(p99a), "submit-to-seq-p99-ms")
	b.ReportMetric(ms(p50b), "seq-to-all-p50-ms")
	b.ReportMetric(ms(p99b), "seq-to-all-p99-ms")
}

// probeLatency is one probe's time from sending to the sequencer's
// publication and from there to the last follower's.
type probeLatency struct {
	sent                     time.Time
	toSequencer, toFollowers time.Duration
}

// latencies returns the latencies of every probe that every node
// published, in the order they were sent, and how many probes some node
// did not publish.
func (r *probeRecorder) latencies() (probes []probeLatency, missing int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for h, sent := range r.sent {
		atSequencer, ok := r.seen[0][h]
		if !ok {
			missing++
			continue
		}
		last, complete := atSequencer, true
		for _, seen := range r.seen[1:] {
			at, ok := seen[h]
			if !ok {
				complete = false
				break
			}
			if at.After(last) {
				last = at
			}
		}
		if !complete {
			missing++
			continue
		}
		probes = append(probes, probeLatency{sent: sent, toSequencer: atSequencer.Sub(sent), toFollowers: last.Sub(atSequencer)})
	}
	slices.SortFunc(probes, func(a, b probeLatency) int { return a.sent.Compare(b.sent) })
	return probes, missing
}

// latencyTimeline returns a line per window of the run, by the probes'
// sending time: the largest latency of each kind among the window's
// probes. It shows when the slow probes were sent, to set beside the
// memory samples.
func latencyTimeline(probes []probeLatency, window time.Duration) []string {
	if len(probes) == 0 {
		return nil
	}
	start := probes[0].sent
	var lines []string
	for i := 0; i < len(probes); {
		w := probes[i].sent.Sub(start) / window
		var toSequencer, toFollowers time.Duration
		n := 0
		for ; i < len(probes) && probes[i].sent.Sub(start)/window == w; i++ {
			toSequencer = max(toSequencer, probes[i].toSequencer)
			toFollowers = max(toFollowers, probes[i].toFollowers)
			n++
		}
		lines = append(lines, fmt.Sprintf("%4ds  %4d probes  %7.1f  %7.1f", int64(w*window/time.Second), n, ms(toSequencer), ms(toFollowers)))
	}
	return lines
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// percentile returns the p-th percentile of ds by the nearest-rank method.
func percentile(ds []time.Duration, p int) time.Duration {
	slices.Sort(ds)
	rank := (p*len(ds) + 99) / 100
	return ds[max(rank, 1)-1]
}

// memorySampler reads each node's resident memory from /proc.
type memorySampler struct {
	stopCh  chan struct{}
	done    chan struct{}
	samples [][]residentMemory // by sample, then node
}

// residentMemory is a process's resident memory in kilobytes: anonymous
// pages (the Go heap, stacks, Badger's caches and memtables) and pages of
// mapped files (Badger's value log and tables).
// It also carries the node's thx_replay_set_orders gauge, -1 when missing.
// memtable is the number of the newest Badger memtable file (NNNNN.mem)
// in the node's store, -1 when none is found. When it changes between two
// samples, the memtable rotated and a flush began.
type residentMemory struct{ anonKB, fileKB, replaySet, memtable int64 }

func sampleMemory(nodes []*benchNode, every time.Duration) *memorySampler {
	m := &memorySampler{stopCh: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(m.done)
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		for {
			row := make([]residentMemory, len(nodes))
			for i, n := range nodes {
				row[i] = readResident(n.ready.PID)
				row[i].replaySet = readReplaySet(n.ready.RPCURL)
				row[i].memtable = newestMemtable(filepath.Join(n.spec.DataDir, "store"))
			}
			m.samples = append(m.samples, row)
			select {
			case <-m.stopCh:
				return
			case <-ticker.C:
			}
		}
	}()
	return m
}

func (m *memorySampler) stop() [][]residentMemory {
	close(m.stopCh)
	<-m.done
	return m.samples
}

// readResident reads RssAnon and RssFile of a process, -1 when missing.
func readResident(pid int) residentMemory {
	out := residentMemory{anonKB: -1, fileKB: -1}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return out
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		name, rest, ok := strings.Cut(scanner.Text(), ":")
		fields := strings.Fields(rest)
		if !ok || len(fields) == 0 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[0], 10, 64)
		switch name {
		case "RssAnon":
			out.anonKB = kb
		case "RssFile":
			out.fileKB = kb
		}
	}
	return out
}

// reportMemory logs each node's resident memory over the run, in MiB, as
// anonymous+file, and its replay set in thousands of order hashes.
func reportMemory(b *testing.B, nodes []*benchNode, samples [][]residentMemory) {
	var lines []string
	for t, row := range samples {
		cells := make([]string, len(row))
		for i, r := range row {
			rotated := ""
			if t > 0 && r.memtable != samples[t-1][i].memtable {
				rotated = "*"
			}
			cells[i] = fmt.Sprintf("%d+%d/%.1fk%s", r.anonKB/1024, r.fileKB/1024, float64(r.replaySet)/1000, rotated)
		}
		lines = append(lines, fmt.Sprintf("%4ds  %s", t*10, strings.Join(cells, " ")))
	}
	b.Logf("resident memory in MiB (anonymous+file) / replay set in thousands of hashes, every 10 s, node 0 (sequencer) to node %d; * marks a new Badger memtable since the last sample:\n%s",
		len(nodes)-1, strings.Join(lines, "\n"))
}

// newestMemtable returns the number of the newest memtable file in a
// Badger directory, -1 when there is none or the directory cannot be read.
func newestMemtable(dir string) int64 {
	entries, err := os.ReadDir(dir)
	newest := int64(-1)
	if err != nil {
		return newest
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".mem")
		if !ok {
			continue
		}
		if id, err := strconv.ParseInt(name, 10, 64); err == nil && id > newest {
			newest = id
		}
	}
	return newest
}

// readReplaySet reads the thx_replay_set_orders gauge from a node's
// /metrics, -1 when it cannot.
func readReplaySet(rpcURL string) int64 {
	v, ok := readMetrics(rpcURL, "thx_replay_set_orders")["thx_replay_set_orders"]
	if !ok {
		return -1
	}
	return int64(v)
}

// readMetrics reads the named samples without labels from a node's
// /metrics. A sample that is missing or does not parse is left out.
func readMetrics(rpcURL string, names ...string) map[string]float64 {
	out := make(map[string]float64, len(names))
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(rpcURL + "/metrics")
	if err != nil {
		return out
	}
	defer resp.Body.Close()
	scanner := bufio.NewScanner(resp.Body)
	for scanner.Scan() {
		name, value, ok := strings.Cut(scanner.Text(), " ")
		if !ok || !slices.Contains(names, name) {
			continue
		}
		if f, err := strconv.ParseFloat(value, 64); err == nil {
			out[name] = f
		}
	}
	return out
}

// reportStateHashes logs how many state hashes each node computed, the
// sequencer to publish and a follower to check, and their mean time.
func reportStateHashes(b *testing.B, nodes []*benchNode) {
	cells := make([]string, len(nodes))
	for i, n := range nodes {
		m := readMetrics(n.ready.RPCURL, "thx_state_hash_seconds_count", "thx_state_hash_seconds_sum")
		count, sum := m["thx_state_hash_seconds_count"], m["thx_state_hash_seconds_sum"]
		mean := 0.0
		if count > 0 {
			mean = sum / count * 1000
		}
		cells[i] = fmt.Sprintf("%.0f (%.2f ms)", count, mean)
	}
	b.Logf("state hashes computed (mean time), node 0 (sequencer) to node %d: %s", len(nodes)-1, strings.Join(cells, ", "))
}
