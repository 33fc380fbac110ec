package main

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
	"github.com/thaliumx/thaliumx/rpc/client/load"
)

// Load targets on the machine that runs the node, printed beside the
// measured figures.
const (
	targetAcceptedShareOfRecovery = 0.70
	// targetP99AtHalfLoad holds at half the target acceptance rate.
	targetP99AtHalfLoad = 20 * time.Millisecond
	targetNodeRSSBytes  = 1 << 30
	// loadRunJudgedMin is the shortest run compared with the targets:
	// a shorter one measures start-up (connections, caches, the first
	// batches) more than the node's steady rate.
	loadRunJudgedMin = 10 * time.Second
)

// loadExpiryDefault is --expiry's default: no expiry, so the orders of
// the rest workload stay resting however long the run takes on a slower
// machine. Every order of a run gets the same expiry, so a node left
// running expires them together, in clock entries of at most
// matching.ExpiriesPerCommandMax orders per market.
const loadExpiryDefault = 0

func benchLoadCommand() *cli.Command {
	return &cli.Command{
		Name:  "load",
		Usage: "drive a running node with pre-signed orders from many accounts over WebSocket",
		UsageText: "thx bench load [--rpc URL] [--market SYMBOL] [--traders N] [--orders N] [--workload trade|rest]\n" +
			"               [--rate N] [--in-flight N] [--connections N] [--per-call N] [--expiry DURATION] [--node-pid PID]",
		Description: "Signs the orders first, on every core, with development accounts 1 to N of --mnemonic, then\n" +
			"measures eip712 signature recovery on every core over the same signatures, then sends the orders\n" +
			"and prints accepted orders per second and the p50 and p99 acknowledgement latency. Start the node\n" +
			"with --rpc.ip-rate 0 --rpc.trader-rate 0, or its rate limits reject most of the load, and with\n" +
			"--dev.accounts above --traders.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "rpc", Value: "ws://" + httpAddrDefault, Usage: "WebSocket JSON-RPC `URL` of the node", EnvVars: []string{"THX_RPC"}},
			&cli.StringFlag{Name: "market", Value: "THAL/USDC", Usage: "market `SYMBOL` of the orders"},
			&cli.StringFlag{Name: "mnemonic", Value: devchain.TestMnemonic, Usage: "BIP-39 mnemonic of the traders' accounts (the dev chain's by default)"},
			&cli.IntFlag{Name: "traders", Value: devchain.AccountsDefault - 1, Usage: fmt.Sprintf("trading accounts, 2 to %d: accounts 1 to N of the mnemonic", devchain.AccountsMax-1)},
			&cli.IntFlag{Name: "orders", Value: 100_000, Usage: "orders to send"},
			&cli.StringFlag{Name: "workload", Value: string(load.Trade), Usage: "trade: half the traders sell and half buy at one price, so most orders trade;\n\trest: buys below and sells above --price on --levels levels, so every order rests"},
			&cli.StringFlag{Name: "price", Value: "1", Usage: "`PRICE` the trade workload trades at and the rest workload rests around"},
			&cli.IntFlag{Name: "levels", Value: 500, Usage: "price levels per side of the rest workload"},
			&cli.Float64Flag{Name: "rate", Usage: "send `N` orders per second (open loop); 0 sends as fast as --in-flight allows"},
			&cli.IntFlag{Name: "in-flight", Value: 256, Usage: "most requests sent and awaiting a reply"},
			&cli.IntFlag{Name: "connections", Value: 8, Usage: "WebSocket connections the orders are spread over"},
			&cli.IntFlag{Name: "per-call", Value: 1, Usage: fmt.Sprintf("orders per request: 1 sends each in a thx_placeOrder call, 2 to %d send them in thx_placeOrders calls", load.PerCallMax)},
			&cli.DurationFlag{Name: "expiry", Value: loadExpiryDefault, Usage: fmt.Sprintf("sign every order with an expiry `DURATION` after signing starts (such as 10m), so that the node drops its hash from\n\tits replay set %d s before that expiry, once the order is closed and settled; 0 signs none, and the node keeps the hashes\n\tforever. Use %v or more, and more than the run takes: the node rejects orders that expire within %d s, and resting orders\n\tleave the book %d s before their expiry. The contract checks expiries against the chain's time, which on a --dev\n\tnode leads the clock by a few seconds after its setup, so use 2m or more there", state.ExpiryMarginSeconds, expiresInMin, state.ExpiryMarginSeconds, state.ExpiryMarginSeconds)},
			&cli.DurationFlag{Name: "recover-time", Value: 2 * time.Second, Usage: "`DURATION` of the signature recovery measurement"},
			&cli.IntFlag{Name: "node-pid", Usage: "`PID` of the node process, whose memory (RSS) is printed after the run (Linux)"},
		},
		Action: runBenchLoad,
	}
}

func runBenchLoad(c *cli.Context) error {
	ctx := c.Context
	if err := checkRPCURL(c.String("rpc")); err != nil {
		return err
	}
	if n := c.Int("per-call"); n < 1 || n > load.PerCallMax {
		return fmt.Errorf("bench load: --per-call %d is out of range; give 1 to %d orders per request", n, load.PerCallMax)
	}
	node, err := client.Dial(ctx, c.String("rpc"))
	if err != nil {
		return fmt.Errorf("bench load: %w; start a node with --rpc.ip-rate 0 --rpc.trader-rate 0 and set --rpc", err)
	}
	defer node.Close()
	market, err := node.Market(ctx, c.String("market"))
	if err != nil {
		return fmt.Errorf("bench load: market %s: %w", c.String("market"), err)
	}
	spec, err := loadSpec(c, &market, time.Now())
	if err != nil {
		return err
	}
	w := c.App.Writer
	fmt.Fprintf(w, "bench load: %d %s orders from %d traders on %s; %d connections, %d requests in flight, %s, %s\n",
		spec.Orders, spec.Workload, len(spec.Traders), market.Symbol, c.Int("connections"), c.Int("in-flight"),
		perCallText(c.Int("per-call")), rateText(c.Float64("rate")))

	start := time.Now()
	orders, err := load.Sign(spec)
	if err != nil {
		return fmt.Errorf("bench load: %w", err)
	}
	fmt.Fprintf(w, "bench load: signed %d orders in %v\n", len(orders), time.Since(start).Round(time.Millisecond))
	if err := checkLoadExpiry(spec.Expiry, spec.Orders, c.Float64("rate"), time.Now()); err != nil {
		return err
	}
	if err := checkLoadFunds(ctx, node, &market, orders); err != nil {
		return err
	}
	before, err := load.MeasureRecovery(orders, c.Duration("recover-time"))
	if err != nil {
		return fmt.Errorf("bench load: %w", err)
	}

	opts := load.Options{URL: c.String("rpc"), Symbol: market.Symbol, Connections: c.Int("connections"),
		InFlight: c.Int("in-flight"), RatePerSec: c.Float64("rate"), PerCall: c.Int("per-call")}
	res, err := load.Run(ctx, opts, orders)
	if err != nil {
		return fmt.Errorf("bench load: %w", err)
	}
	after, err := load.MeasureRecovery(orders, c.Duration("recover-time"))
	if err != nil {
		return fmt.Errorf("bench load: %w", err)
	}
	printLoadResult(w, res, before, after, c.Float64("rate"))
	if spec.Workload == load.Rest {
		if err := printRestingOrders(ctx, w, node, market.Symbol); err != nil {
			return err
		}
	}
	if pid := c.Int("node-pid"); pid > 0 {
		return printNodeMemory(w, pid)
	}
	return nil
}

// perCallText names the method the orders go in.
func perCallText(perCall int) string {
	if perCall <= 1 {
		return "one order per thx_placeOrder call"
	}
	return fmt.Sprintf("%d orders per thx_placeOrders call", perCall)
}

// loadSpec builds the workload from the flags, with the expiry counted
// from now.
func loadSpec(c *cli.Context, m *rpc.MarketJSON, now time.Time) (load.Spec, error) {
	count := c.Int("traders")
	if count < 2 || count > devchain.AccountsMax-1 {
		return load.Spec{}, fmt.Errorf("invalid --traders %d: use 2 to %d", count, devchain.AccountsMax-1)
	}
	accounts, err := devchain.DeriveAccounts(c.String("mnemonic"), count+1)
	if err != nil {
		return load.Spec{}, fmt.Errorf("bench load: --mnemonic: %w", err)
	}
	keys := make([]*ecdsa.PrivateKey, 0, count)
	for _, a := range accounts[1:] {
		keys = append(keys, a.Key)
	}
	mid, err := priceTicks(c.String("price"), m)
	if err != nil {
		return load.Spec{}, err
	}
	expiry, err := loadExpiry(c.Duration("expiry"), now)
	if err != nil {
		return load.Spec{}, err
	}
	return load.Spec{
		Market: *m, Traders: keys, Orders: c.Int("orders"), Workload: load.Workload(c.String("workload")),
		MidTicks: mid, Levels: c.Int("levels"), NonceBase: uint64(now.UnixMicro()), Expiry: expiry,
	}, nil
}

// loadExpiry returns the signed expiry in unix seconds that --expiry sets
// from now, or 0 for none.
func loadExpiry(after time.Duration, now time.Time) (uint64, error) {
	if after == 0 {
		return 0, nil
	}
	if after < expiresInMin {
		return 0, fmt.Errorf("invalid --expiry %v: use 0 for none or %v or more, because the node rejects an order that expires less than %d s after it enters the log",
			after, expiresInMin, state.ExpiryMarginSeconds)
	}
	return uint64(now.Add(after).Unix()), nil
}

// checkLoadExpiry rejects a paced run that would still be sending when
// its orders expire, because the node would reject the rest as expired.
// A closed-loop run's length is not known in advance, so it is not
// checked.
func checkLoadExpiry(expiry uint64, orders int, rate float64, now time.Time) error {
	if expiry == 0 || rate <= 0 {
		return nil
	}
	run := time.Duration(float64(orders) / rate * float64(time.Second))
	end := now.Add(run + state.ExpiryMarginSeconds*time.Second)
	if end.Unix() >= int64(expiry) {
		need := (run + (state.ExpiryMarginSeconds+1)*time.Second).Round(time.Second) + time.Second
		return fmt.Errorf("bench load: %d orders at --rate %v take %v, but the orders expire %v from now, and the node rejects them %d s before that; use --expiry %v or more, lower --orders or raise --rate",
			orders, rate, run.Round(time.Second), time.Unix(int64(expiry), 0).Sub(now).Round(time.Second), state.ExpiryMarginSeconds, need)
	}
	return nil
}

// priceTicks converts a decimal price to the market's ticks.
func priceTicks(text string, m *rpc.MarketJSON) (uint64, error) {
	price, err := decimal.NewFromString(text)
	tick, tickErr := decimal.NewFromString(m.TickSize)
	if err != nil || tickErr != nil || !price.IsPositive() {
		return 0, fmt.Errorf("invalid --price %q: expected a positive decimal number", text)
	}
	ticks := price.Div(tick)
	if !ticks.IsInteger() || !ticks.BigInt().IsUint64() {
		return 0, fmt.Errorf("invalid --price %q: %s prices are multiples of %s", text, m.Symbol, m.TickSize)
	}
	return ticks.BigInt().Uint64(), nil
}

func rateText(rate float64) string {
	if rate == 0 {
		return "as fast as the in-flight limit allows"
	}
	return fmt.Sprintf("%.0f orders/s", rate)
}

// checkLoadFunds checks that each trader's available balance covers the
// holds of all its orders at once, the worst case of the run.
func checkLoadFunds(ctx context.Context, node *client.Client, m *rpc.MarketJSON, orders []load.SignedOrder) error {
	quotePerTickLot := new(big.Int).SetUint64(uint64(m.QuotePerTickLot))
	lotUnits, ok := new(big.Int).SetString(m.LotSizeUnits, 10)
	if !ok {
		return fmt.Errorf("bench load: market %s has lot size %q", m.Symbol, m.LotSizeUnits)
	}
	needs := map[common.Address]*[2]big.Int{} // quote, base
	for i := range orders {
		o := &orders[i].Order
		need := needs[o.Trader]
		if need == nil {
			need = new([2]big.Int)
			needs[o.Trader] = need
		}
		if o.Side == eip712.Buy {
			quote := new(big.Int).SetUint64(o.Price)
			quote.Mul(quote, new(big.Int).SetUint64(o.Quantity)).Mul(quote, quotePerTickLot)
			fee := new(big.Int).Mul(quote, big.NewInt(int64(o.MaxFeeBps)))
			need[0].Add(&need[0], quote.Add(quote, fee.Div(fee, big.NewInt(10_000))))
		} else {
			need[1].Add(&need[1], new(big.Int).Mul(new(big.Int).SetUint64(o.Quantity), lotUnits))
		}
	}
	for trader, need := range needs {
		if err := checkTraderFunds(ctx, node, m, trader, need); err != nil {
			return err
		}
	}
	return nil
}

func checkTraderFunds(ctx context.Context, node *client.Client, m *rpc.MarketJSON, trader common.Address, need *[2]big.Int) error {
	balances, err := node.Balances(ctx, trader)
	if err != nil {
		return fmt.Errorf("bench load: balances of %s: %w", trader, err)
	}
	for i, token := range []rpc.TokenJSON{m.Quote, m.Base} {
		have := new(big.Int)
		for _, b := range balances {
			if b.Token == token.Address {
				have.SetString(b.AvailableUnits, 10)
			}
		}
		if have.Cmp(&need[i]) < 0 {
			return fmt.Errorf("bench load: trader %s has %v base units of %s available and the run may hold %v; "+
				"start the node with --dev.accounts above --traders, or send fewer orders", trader.Hex(), have, token.Symbol, &need[i])
		}
	}
	return nil
}

func printLoadResult(w io.Writer, res load.Result, before, after, rate float64) {
	recovery := (before + after) / 2
	share := res.AcceptedPerSec() / recovery
	fmt.Fprintf(w, "bench load: signature recovery on %d cores: %.0f/s before the run, %.0f/s after\n", runtime.GOMAXPROCS(0), before, after)
	fmt.Fprintf(w, "bench load: accepted %d of %d orders in %v: %.0f orders/s, %.0f%% of signature recovery\n",
		res.Accepted, res.Sent, res.Elapsed.Round(time.Millisecond), res.AcceptedPerSec(), 100*share)
	fmt.Fprintf(w, "bench load: acknowledgement latency p50 %v, p99 %v, max %v\n",
		res.P50.Round(10*time.Microsecond), res.P99.Round(10*time.Microsecond), res.Max.Round(10*time.Microsecond))
	fmt.Fprintf(w, "bench load: p99 of the parts: sent %v after it was due, replied %v after it was sent\n",
		res.SendLagP99.Round(10*time.Microsecond), res.RoundTripP99.Round(10*time.Microsecond))
	printLoadTargets(w, res, share, rate, recovery*targetAcceptedShareOfRecovery/2)
	if len(res.Rejected) == 0 {
		return
	}
	codes := make([]int, 0, len(res.Rejected))
	for code := range res.Rejected {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	var parts []string
	for _, code := range codes {
		parts = append(parts, fmt.Sprintf("%d × code %d", res.Rejected[code], code))
	}
	fmt.Fprintf(w, "bench load: rejected %s; first: %s\n", strings.Join(parts, ", "), res.FirstRejection)
	if res.Rejected[rpc.CodeRateLimited] > 0 {
		fmt.Fprintln(w, "bench load: the node's rate limits rejected orders; start it with --rpc.ip-rate 0 --rpc.trader-rate 0")
	}
}

// printLoadTargets prints the targets beside the run's figures, or a note
// that the run is too short to compare with them.
func printLoadTargets(w io.Writer, res load.Result, share, rate, halfLoad float64) {
	if res.Elapsed < loadRunJudgedMin {
		fmt.Fprintf(w, "bench load: for comparison only: this run lasted %v, shorter than the %v a run needs to be judged against the targets "+
			"(accepted orders at least %.0f%% of signature recovery, p99 at most %v at --rate %.0f); send more --orders\n",
			res.Elapsed.Round(time.Millisecond), loadRunJudgedMin, 100*targetAcceptedShareOfRecovery, targetP99AtHalfLoad, halfLoad)
		return
	}
	fmt.Fprintf(w, "bench load: accepted share %.0f%% of signature recovery; the target is at least %.0f%%\n", 100*share, 100*targetAcceptedShareOfRecovery)
	if rate == 0 {
		fmt.Fprintf(w, "bench load: the p99 target (at most %v) applies at --rate %.0f, half the target load; this run sent as fast as --in-flight allowed\n",
			targetP99AtHalfLoad, halfLoad)
		return
	}
	fmt.Fprintf(w, "bench load: p99 %v at --rate %.0f; the target is at most %v at --rate %.0f, half the target load\n",
		res.P99.Round(10*time.Microsecond), rate, targetP99AtHalfLoad, halfLoad)
}

// printRestingOrders prints the orders resting in the market's book.
func printRestingOrders(ctx context.Context, w io.Writer, node *client.Client, symbol string) error {
	book, err := node.OrderBook(ctx, symbol, rpc.DefaultConfig().BookDepthMax)
	if err != nil {
		return fmt.Errorf("bench load: book of %s: %w", symbol, err)
	}
	orders := 0
	for _, l := range slices.Concat(book.Bids, book.Asks) {
		orders += int(l.Orders)
	}
	fmt.Fprintf(w, "bench load: %s book: %d resting orders on %d bid and %d ask levels (the first %d per side)\n",
		symbol, orders, len(book.Bids), len(book.Asks), rpc.DefaultConfig().BookDepthMax)
	return nil
}

// printNodeMemory prints the resident memory of the node process from
// /proc (Linux).
func printNodeMemory(w io.Writer, pid int) error {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return fmt.Errorf("bench load: memory of --node-pid %d: %w", pid, err)
	}
	rss, peak, err := parseProcStatus(string(data))
	if err != nil {
		return fmt.Errorf("bench load: /proc/%d/status: %w", pid, err)
	}
	fmt.Fprintf(w, "bench load: node process %d: RSS %d MiB, peak RSS %d MiB; the target is below %d MiB\n",
		pid, rss>>20, peak>>20, targetNodeRSSBytes>>20)
	return nil
}

// parseProcStatus returns VmRSS and VmHWM of a /proc/PID/status file in
// bytes.
func parseProcStatus(status string) (rss, peak uint64, err error) {
	values := map[string]*uint64{"VmRSS:": &rss, "VmHWM:": &peak}
	found := 0
	for line := range strings.SplitSeq(status, "\n") {
		fields := strings.Fields(line)
		if len(fields) != 3 || fields[2] != "kB" || values[fields[0]] == nil {
			continue
		}
		kib, err := strconv.ParseUint(fields[1], 10, 64)
		if err != nil {
			return 0, 0, fmt.Errorf("line %q: %w", line, err)
		}
		*values[fields[0]] = kib << 10
		found++
	}
	if found != len(values) {
		return 0, 0, errors.New("no VmRSS and VmHWM lines in kB")
	}
	return rss, peak, nil
}
