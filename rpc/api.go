package rpc

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"

	"github.com/thaliumx/thaliumx/node/ledger"
	"github.com/thaliumx/thaliumx/node/state"
)

// thxAPI is the thx namespace. go-ethereum's server exposes every exported
// method as thx_<name>, so it has no other exported methods.
type thxAPI struct {
	s *Server
}

// call runs one method: it takes a token from the caller IP's bucket,
// runs f, maps its error to a coded Error, and records the call's code and
// latency.
func call[T any](s *Server, ctx context.Context, method string, f func() (T, error)) (T, error) {
	start := time.Now()
	var out T
	err := s.allowIP(ctx)
	if err == nil {
		out, err = f()
	}
	rpcErr := s.toError(method, err)
	if rpcErr != nil {
		s.metrics.observe(method, rpcErr.Code, time.Since(start))
		var zero T
		return zero, rpcErr
	}
	s.metrics.observe(method, 0, time.Since(start))
	return out, nil
}

// rateLimitError is a rate limit hit with the wait until the next token.
type rateLimitError struct {
	err        error
	retryAfter time.Duration
}

func (e *rateLimitError) Error() string { return e.err.Error() }
func (e *rateLimitError) Unwrap() error { return e.err }

func (s *Server) allowIP(ctx context.Context) error {
	if s.ipLimits == nil {
		return nil // no limit, so the address need not be parsed
	}
	ip := remoteIP(gethrpc.PeerInfoFromContext(ctx).RemoteAddr)
	if wait, err := s.ipLimits.allow(ip); err != nil {
		s.metrics.rateLimited.WithLabelValues("ip").Inc()
		s.log.Debug("Rate limited a client IP", "ip", ip, "retry_ms", wait.Milliseconds())
		return &rateLimitError{err: err, retryAfter: wait}
	}
	return nil
}

// allowIPN takes n more tokens of the caller's IP budget, for a call that
// carries n more orders than the one its own token paid for.
func (s *Server) allowIPN(ctx context.Context, n int) error {
	if s.ipLimits == nil {
		return nil
	}
	ip := remoteIP(gethrpc.PeerInfoFromContext(ctx).RemoteAddr)
	if wait, err := s.ipLimits.allowN(ip, n); err != nil {
		s.metrics.rateLimited.WithLabelValues("ip").Inc()
		s.log.Debug("Rate limited a client IP", "ip", ip, "orders", n+1, "retry_ms", wait.Milliseconds())
		return &rateLimitError{err: err, retryAfter: wait}
	}
	return nil
}

func (s *Server) allowTrader(trader common.Address) error {
	// The bucket key is the address's 20 bytes, because Hex computes the
	// EIP-55 checksum, a keccak256, for every call.
	if wait, err := s.traderLimits.allow(string(trader[:])); err != nil {
		s.metrics.rateLimited.WithLabelValues("trader").Inc()
		s.log.Debug("Rate limited a trader", "trader", trader, "retry_ms", wait.Milliseconds())
		return &rateLimitError{err: err, retryAfter: wait}
	}
	return nil
}

// toError maps an error to its code and data. An error without a known
// sentinel is a fault of the node: it is logged and its text withheld.
func (s *Server) toError(method string, err error) *Error {
	if err == nil {
		return nil
	}
	out := errorOf(s.index(), err)
	if out.Code == CodeInternal {
		s.log.Error("JSON-RPC call failed inside the node", "method", method, "err", err)
	}
	return out
}

// errorOf maps an error to its code and data, with amounts in the tokens
// of the markets x lists. It withholds the text of an internal error.
func errorOf(x *marketIndex, err error) *Error {
	var coded *Error
	if errors.As(err, &coded) {
		return coded
	}
	code, reason := codeOf(err)
	out := &Error{Code: code, Message: rejectionMessage(err), Data: ErrorData{Reason: reason}, cause: err}
	var param *paramError
	if errors.As(err, &param) {
		out.Data.Field, out.Data.Value = param.field, param.value
	}
	var limited *rateLimitError
	if errors.As(err, &limited) {
		out.Data.RetryAfterMs = limited.retryAfter.Milliseconds() + 1
	}
	var short *ledger.ShortfallError
	if errors.As(err, &short) {
		out.Data.Shortfall = shortfallJSON(x, short)
		out.Message = shortfallMessage(out.Data.Shortfall)
	}
	if code == CodeInternal {
		out.Message = "internal error; the node logged the cause"
	}
	return out
}

func shortfallJSON(x *marketIndex, e *ledger.ShortfallError) *ShortfallJSON {
	asset := e.Account.Asset
	t, _ := x.token(asset)
	out := &ShortfallJSON{ChainID: asset.ChainID, Token: asset.Token, Symbol: t.symbol}
	out.Needed, out.NeededUnits = x.amounts(asset, &e.Needed)
	out.Available, out.AvailableUnits = x.amounts(asset, &e.Have)
	return out
}

// shortfallMessage states an insufficient balance in whole tokens, where
// the ledger's own message has base units and internal ids.
func shortfallMessage(s *ShortfallJSON) string {
	token := fmt.Sprintf("of token %s on chain %d", s.Token.Hex(), s.ChainID)
	if s.Symbol == "" || s.Needed == "" {
		return fmt.Sprintf("%v: needs %s base units %s, and %s are available; deposit more or ask for less",
			ledger.ErrInsufficientAvailable, s.NeededUnits, token, s.AvailableUnits)
	}
	return fmt.Sprintf("%v: needs %s %s (%s base units %s), and %s %s are available; deposit more or ask for less",
		ledger.ErrInsufficientAvailable, s.Needed, s.Symbol, s.NeededUnits, token, s.Available, s.Symbol)
}

// index returns the markets as they are now.
func (s *Server) index() *marketIndex {
	return newMarketIndex(s.backend.Markets())
}

// market returns a listed market by symbol.
func (s *Server) market(field, symbol string) (state.MarketView, error) {
	m, ok := s.backend.Market(symbol)
	if !ok {
		reason := "no market has this symbol; thx_markets lists them"
		if listed := s.symbolFolded(symbol); listed != "" {
			reason = fmt.Sprintf("no market has this symbol; symbols are case-sensitive, so send %q", listed)
		}
		return m, &paramError{field: field, value: clip(symbol), kind: state.ErrUnknownMarket, reason: reason}
	}
	return m, nil
}

// symbolFolded returns the listed symbol that equals symbol but for case,
// or "" if none does. It runs only on the error path.
func (s *Server) symbolFolded(symbol string) string {
	for _, m := range s.backend.Markets() {
		if strings.EqualFold(m.Symbol, symbol) {
			return m.Symbol
		}
	}
	return ""
}

// Markets returns the listed markets.
func (a *thxAPI) Markets(ctx context.Context) ([]MarketJSON, error) {
	return call(a.s, ctx, "thx_markets", func() ([]MarketJSON, error) {
		markets := a.s.backend.Markets()
		out := make([]MarketJSON, len(markets))
		for i := range markets {
			out[i] = marketJSON(&markets[i])
		}
		return out, nil
	})
}

// Market returns one market by symbol.
func (a *thxAPI) Market(ctx context.Context, symbol *symbolArgument) (*MarketJSON, error) {
	return call(a.s, ctx, "thx_market", func() (*MarketJSON, error) {
		_, m, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		out := marketJSON(&m)
		return &out, nil
	})
}

// OrderBook returns up to depth aggregated levels per side.
func (a *thxAPI) OrderBook(ctx context.Context, symbol *symbolArgument, depth *depthArgument) (*BookJSON, error) {
	return call(a.s, ctx, "thx_orderBook", func() (*BookJSON, error) {
		name, m, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		n, err := depth.decode("depth", a.s.cfg.BookDepthDefault, a.s.cfg.BookDepthMax)
		if err != nil {
			return nil, err
		}
		book, err := a.s.backend.OrderBook(name, n)
		if err != nil {
			return nil, err
		}
		out := bookJSON(&m, &book)
		return &out, nil
	})
}

// Trades returns a market's newest trades, or with options.trader one
// trader's trades in the market, one page at a time.
func (a *thxAPI) Trades(ctx context.Context, symbol *symbolArgument, options *validJSON) (*TradesPageJSON, error) {
	return call(a.s, ctx, "thx_trades", func() (*TradesPageJSON, error) {
		name, _, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		trader, page, err := a.s.decodeTradesOptions(options)
		if err != nil {
			return nil, err
		}
		var trades []state.Trade
		var next Cursor
		if trader == (common.Address{}) {
			trades, err = a.s.backend.RecentTrades(name, page.Limit)
		} else {
			trades, next, err = a.s.backend.TraderTrades(trader, name, page)
		}
		if err != nil {
			return nil, err
		}
		return &TradesPageJSON{Trades: a.s.index().tradesJSON(trades), Next: cursorText(next)}, nil
	})
}

// Ticker returns a market's last price and 24-hour statistics.
func (a *thxAPI) Ticker(ctx context.Context, symbol *symbolArgument) (*TickerJSON, error) {
	return call(a.s, ctx, "thx_ticker", func() (*TickerJSON, error) {
		name, m, err := a.s.marketArgument("symbol", symbol)
		if err != nil {
			return nil, err
		}
		t, err := a.s.backend.Ticker(name)
		if err != nil {
			return nil, err
		}
		out := tickerJSON(&m, &t)
		return &out, nil
	})
}

// Order returns an order by hash, open or done.
func (a *thxAPI) Order(ctx context.Context, hash *hashArgument) (*OrderInfoJSON, error) {
	return call(a.s, ctx, "thx_order", func() (*OrderInfoJSON, error) {
		h, err := hash.decode("hash")
		if err != nil {
			return nil, err
		}
		info, err := a.s.backend.Order(h)
		if err != nil {
			return nil, err
		}
		out := a.s.index().orderInfoJSON(&info)
		return &out, nil
	})
}

// OpenOrders returns a trader's open orders, oldest first.
func (a *thxAPI) OpenOrders(ctx context.Context, trader *addressArgument) ([]OrderInfoJSON, error) {
	return call(a.s, ctx, "thx_openOrders", func() ([]OrderInfoJSON, error) {
		address, err := trader.decode("trader")
		if err != nil {
			return nil, err
		}
		orders, err := a.s.backend.OpenOrders(address)
		if err != nil {
			return nil, err
		}
		return a.s.index().orderInfosJSON(orders), nil
	})
}

// OrderHistory returns a trader's orders, newest first, one page at a time.
func (a *thxAPI) OrderHistory(ctx context.Context, trader *addressArgument, page *validJSON) (*OrdersPageJSON, error) {
	return call(a.s, ctx, "thx_orderHistory", func() (*OrdersPageJSON, error) {
		address, p, err := a.s.decodeTraderPage(trader, page)
		if err != nil {
			return nil, err
		}
		orders, next, err := a.s.backend.OrderHistory(address, p)
		if err != nil {
			return nil, err
		}
		return &OrdersPageJSON{Orders: a.s.index().orderInfosJSON(orders), Next: cursorText(next)}, nil
	})
}

// Balances returns a trader's balances in every token it holds.
func (a *thxAPI) Balances(ctx context.Context, trader *addressArgument) ([]BalanceJSON, error) {
	return call(a.s, ctx, "thx_balances", func() ([]BalanceJSON, error) {
		address, err := trader.decode("trader")
		if err != nil {
			return nil, err
		}
		balances, err := a.s.backend.Balances(address)
		if err != nil {
			return nil, err
		}
		x := a.s.index()
		out := make([]BalanceJSON, len(balances))
		for i := range balances {
			out[i] = x.balanceJSON(&balances[i])
		}
		return out, nil
	})
}

// Deposits returns a trader's credited deposits, newest first.
func (a *thxAPI) Deposits(ctx context.Context, trader *addressArgument, page *validJSON) (*DepositsPageJSON, error) {
	return call(a.s, ctx, "thx_deposits", func() (*DepositsPageJSON, error) {
		address, p, err := a.s.decodeTraderPage(trader, page)
		if err != nil {
			return nil, err
		}
		deposits, next, err := a.s.backend.Deposits(address, p)
		if err != nil {
			return nil, err
		}
		x := a.s.index()
		out := &DepositsPageJSON{Deposits: make([]DepositJSON, len(deposits)), Next: cursorText(next)}
		for i := range deposits {
			out.Deposits[i] = x.depositJSON(&deposits[i])
		}
		return out, nil
	})
}

// Withdrawals returns a trader's withdrawals, newest first.
func (a *thxAPI) Withdrawals(ctx context.Context, trader *addressArgument, page *validJSON) (*WithdrawalsPageJSON, error) {
	return call(a.s, ctx, "thx_withdrawals", func() (*WithdrawalsPageJSON, error) {
		address, p, err := a.s.decodeTraderPage(trader, page)
		if err != nil {
			return nil, err
		}
		withdrawals, next, err := a.s.backend.Withdrawals(address, p)
		if err != nil {
			return nil, err
		}
		x := a.s.index()
		out := &WithdrawalsPageJSON{Withdrawals: make([]WithdrawalInfoJSON, len(withdrawals)), Next: cursorText(next)}
		for i := range withdrawals {
			out.Withdrawals[i] = x.withdrawalInfoJSON(&withdrawals[i])
		}
		return out, nil
	})
}

// NodeInfo describes the node.
func (a *thxAPI) NodeInfo(ctx context.Context) (*NodeInfoJSON, error) {
	return call(a.s, ctx, "thx_nodeInfo", func() (*NodeInfoJSON, error) {
		info := a.s.backend.NodeInfo()
		out := nodeInfoJSON(&info)
		return &out, nil
	})
}

// Syncing reports how far the node's log is behind its peers'.
func (a *thxAPI) Syncing(ctx context.Context) (*SyncingJSON, error) {
	return call(a.s, ctx, "thx_syncing", func() (*SyncingJSON, error) {
		status := a.s.backend.Syncing()
		out := syncingJSON(&status)
		return &out, nil
	})
}

// decodeTraderPage decodes the trader and the optional page of a history
// method.
func (s *Server) decodeTraderPage(trader *addressArgument, page *validJSON) (common.Address, Page, error) {
	address, err := trader.decode("trader")
	if err != nil {
		return address, Page{}, err
	}
	p, err := s.decodePage("page", page)
	return address, p, err
}

// cursorBytesMax bounds a decoded page cursor.
const cursorBytesMax = 256

// decodePage decodes an optional {cursor, limit} object.
func (s *Server) decodePage(path string, raw *validJSON) (Page, error) {
	page := Page{Limit: s.cfg.PageLimitDefault}
	if raw == nil {
		return page, nil
	}
	o := decodeFields(&objectFields{path: path, shape: "{cursor, limit}"}, *raw)
	s.pageMembers(o, &page)
	return page, o.finish()
}

// pageMembers takes the cursor and limit members of o into page.
func (s *Server) pageMembers(o *objectFields, page *Page) {
	if limit, ok := o.uint("limit"); ok {
		if limit < 1 || limit > PageLimitMax {
			o.fail(invalidParam(o.name("limit"), fmt.Sprint(limit), "expected 1 to %d items", PageLimitMax))
		}
		page.Limit = int(limit)
	}
	if text, ok := o.str("cursor"); ok && text != "" {
		cursor, err := decodeCursor(text)
		if err != nil {
			o.fail(invalidParam(o.name("cursor"), clip(text), "%v", err))
		}
		page.Cursor = cursor
	}
}

// errNotCursor is decodeCursor's error for text that no page returned.
var errNotCursor = errors.New("expected the 0x-hex cursor of a previous page")

func decodeCursor(text string) (Cursor, error) {
	if len(text) < 2 || text[:2] != "0x" || len(text)%2 != 0 {
		return nil, errNotCursor
	}
	if (len(text)-2)/2 > cursorBytesMax {
		return nil, fmt.Errorf("longer than %d bytes", cursorBytesMax)
	}
	cursor, err := decodeHex(text, (len(text)-2)/2)
	if err != nil {
		return nil, errNotCursor
	}
	return cursor, nil
}

// decodeTradesOptions decodes thx_trades' optional {trader, cursor, limit}.
func (s *Server) decodeTradesOptions(raw *validJSON) (common.Address, Page, error) {
	page := Page{Limit: s.cfg.PageLimitDefault}
	if raw == nil {
		return common.Address{}, page, nil
	}
	o := decodeFields(&objectFields{path: "options", shape: "{trader, cursor, limit}"}, *raw)
	trader, hasTrader := o.address("trader")
	s.pageMembers(o, &page)
	if err := o.finish(); err != nil {
		return common.Address{}, page, err
	}
	if !hasTrader && len(page.Cursor) > 0 {
		return common.Address{}, page, invalidParam("options.cursor", cursorText(page.Cursor),
			"the market's recent trades have one page; a cursor needs options.trader")
	}
	return trader, page, nil
}
