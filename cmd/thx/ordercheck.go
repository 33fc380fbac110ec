package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/thaliumx/thaliumx/node/state"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// expiresInMin is the shortest --expires-in. The node rejects an order
// that expires less than state.ExpiryMarginSeconds after it enters the
// log, and the expiry is signed in whole seconds, so one second more
// leaves room for the call to reach the node.
const expiresInMin = (state.ExpiryMarginSeconds + 1) * time.Second

// expiryFromFlags returns the signed expiry in unix seconds that
// --expires-in or --expiry set, or 0 for none, and checks that it is far
// enough ahead of now for the node to accept.
func expiryFromFlags(expiresIn time.Duration, hasExpiresIn bool, expiry uint64, now time.Time) (uint64, error) {
	if hasExpiresIn {
		if expiresIn < expiresInMin {
			return 0, fmt.Errorf("invalid --expires-in %v: use %v or more, because the node rejects an order that expires less than %d s after it enters the log",
				expiresIn, expiresInMin, state.ExpiryMarginSeconds)
		}
		// Round up so that a fraction of a second never shortens the
		// duration.
		return uint64(now.Add(expiresIn + time.Second - 1).Unix()), nil
	}
	if expiry == 0 {
		return 0, nil
	}
	earliest := uint64(now.Unix()) + state.ExpiryMarginSeconds + 1
	if expiry < earliest {
		ahead := "it has passed"
		if expiry > uint64(now.Unix()) {
			ahead = fmt.Sprintf("it is %d s from now", expiry-uint64(now.Unix()))
		}
		return 0, fmt.Errorf("invalid --expiry %d: %s; use %d or later, because the node rejects an order that expires less than %d s after it enters the log",
			expiry, ahead, earliest, state.ExpiryMarginSeconds)
	}
	return expiry, nil
}

// checkOrderFlags applies the rules that the sequencer checks on the
// time in force, expiry and post-only flags, so that thx order place
// names the flag to change before the passphrase prompt.
func checkOrderFlags(req *client.OrderRequest) error {
	for _, f := range []struct {
		flag, value string
		names       []string
	}{
		{"side", req.Side, []string{"buy", "sell"}},
		{"kind", req.Kind, []string{"limit", "market", "stopLimit", "stopMarket"}},
		{"tif", req.TimeInForce, []string{"GTC", "GTD", "IOC", "FOK"}},
		{"stp", req.SelfTradePrevention, []string{"cancelNewest", "cancelOldest", "cancelBoth"}},
	} {
		if f.value != "" && !slices.ContainsFunc(f.names, func(n string) bool { return strings.EqualFold(n, f.value) }) {
			return fmt.Errorf("invalid --%s %q: use one of %s", f.flag, f.value, strings.Join(f.names, ", "))
		}
	}
	for _, f := range []struct{ flag, value string }{
		{"price", req.Price}, {"quantity", req.Quantity}, {"trigger-price", req.TriggerPrice},
	} {
		if f.value == "" {
			continue
		}
		d, err := decimal.NewFromString(f.value)
		if err != nil {
			return fmt.Errorf("invalid --%s %q: expected a decimal number in whole tokens, such as 1.5", f.flag, f.value)
		}
		if !d.IsPositive() {
			return fmt.Errorf("invalid --%s %s: use a number above 0", f.flag, f.value)
		}
	}
	tif := strings.ToUpper(req.TimeInForce)
	kind := req.Kind
	if tif == "" {
		tif = "GTC"
		if strings.EqualFold(kind, "market") || strings.EqualFold(kind, "stopMarket") {
			tif = "IOC"
		}
	}
	if tif == "GTD" && req.Expiry == 0 {
		return fmt.Errorf("--tif GTD needs an expiry: set --expires-in DURATION (such as 1h) or --expiry UNIX_SECONDS")
	}
	if req.PostOnly && !strings.EqualFold(kind, "limit") {
		return fmt.Errorf("--post-only applies to limit orders, not --kind %s; remove --post-only", kind)
	}
	if req.PostOnly && tif != "GTC" && tif != "GTD" {
		return fmt.Errorf("--post-only applies to GTC and GTD orders, not --tif %s, because an %s order never rests in the book; remove one of them",
			tif, tif)
	}
	return nil
}

// checkMaxFee applies the sequencer's fee rule to --max-fee-bps: the
// order must accept the taker fee unless it is post-only, and the maker
// fee if it may rest in the book.
func checkMaxFee(req *client.OrderRequest, m *rpc.MarketJSON) error {
	if req.MaxFeeBps == nil {
		return nil
	}
	maxFee := *req.MaxFeeBps
	tif := strings.ToUpper(req.TimeInForce)
	mayRest := (strings.EqualFold(req.Kind, "limit") || strings.EqualFold(req.Kind, "stopLimit")) &&
		(tif == "" || tif == "GTC" || tif == "GTD")
	if !req.PostOnly && m.TakerFeeBps > maxFee {
		return fmt.Errorf("invalid --max-fee-bps %d: %s charges takers %d bps; set %d or more, or leave the flag out to accept the larger of the market's fees",
			maxFee, m.Symbol, m.TakerFeeBps, m.TakerFeeBps)
	}
	if mayRest && m.MakerFeeBps > maxFee {
		return fmt.Errorf("invalid --max-fee-bps %d: %s charges makers %d bps; set %d or more, or leave the flag out to accept the larger of the market's fees",
			maxFee, m.Symbol, m.MakerFeeBps, m.MakerFeeBps)
	}
	return nil
}

// findMarket returns the market of symbol. For a symbol the node does not
// list, the error names the symbols it lists.
func findMarket(ctx context.Context, node *client.Client, symbol string) (rpc.MarketJSON, error) {
	market, err := node.Market(ctx, symbol)
	if err == nil {
		return market, nil
	}
	if code, _ := client.ErrorCode(err); code != rpc.CodeUnknownMarket {
		return market, fmt.Errorf("market %s: %w", symbol, explainNodeError(err))
	}
	markets, listErr := node.Markets(ctx)
	if listErr != nil {
		return market, fmt.Errorf("unknown market %q; thx markets lists the node's markets", symbol)
	}
	symbols := make([]string, len(markets))
	for i, m := range markets {
		symbols[i] = m.Symbol
		if strings.EqualFold(m.Symbol, symbol) {
			return market, fmt.Errorf("unknown market %q: symbols are case-sensitive; use --market %s", symbol, m.Symbol)
		}
	}
	if len(symbols) == 0 {
		return market, fmt.Errorf("unknown market %q: the node lists no markets", symbol)
	}
	return market, fmt.Errorf("unknown market %q: the node lists %s", symbol, strings.Join(symbols, ", "))
}
