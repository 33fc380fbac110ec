package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// rpcURLDefault is the JSON-RPC URL of a node on this machine with the
// default --http.addr.
const rpcURLDefault = "http://" + httpAddrDefault

// callTimeout bounds each command's calls to the node.
const callTimeout = 30 * time.Second

func rpcFlag() cli.Flag {
	return &cli.StringFlag{Name: "rpc", Value: rpcURLDefault, Usage: "JSON-RPC `URL` of the node (http, https, ws or wss)", EnvVars: []string{"THX_RPC"}}
}

func jsonFlag() cli.Flag {
	return &cli.BoolFlag{Name: "json", Usage: "print the node's JSON reply instead of text"}
}

func fromFlag() cli.Flag {
	return &cli.StringFlag{Name: "from", Usage: "`ADDRESS` of the keystore account that signs (required)", EnvVars: []string{"THX_FROM"}}
}

func orderCommand() *cli.Command {
	return &cli.Command{
		Name:  "order",
		Usage: "place, cancel, list and look up orders on a running node, signing with a keystore account",
		Description: "Prices and quantities are decimal strings in whole tokens, as the market's tick and lot allow.\n" +
			"The node returns the EIP-712 payload (thx_typedData); thx checks that it is the order asked for\n" +
			"and signs it with the account of --from, whose passphrase comes from --password-file,\n" +
			"THX_PASSWORD or a prompt.",
		Subcommands: []*cli.Command{
			{
				Name:  "place",
				Usage: "sign and place an order",
				UsageText: "thx order place --from ADDRESS --market SYMBOL --side buy|sell --price P --quantity Q\n" +
					"                [--kind KIND] [--tif TIF] [--post-only] [--stp MODE] [--trigger-price P]\n" +
					"                [--expires-in DURATION | --expiry UNIX] [--nonce N] [--max-fee-bps N] [--rpc URL] [--json]",
				Flags:  orderPlaceFlags(),
				Action: runOrderPlace,
			},
			{
				Name:      "cancel",
				Usage:     "sign and send a cancel of an open order",
				UsageText: "thx order cancel --from ADDRESS [--rpc URL] [--json] ORDER_HASH",
				Flags:     append(keystoreAccountFlags(), fromFlag(), rpcFlag(), jsonFlag()),
				Action:    runOrderCancel,
			},
			{
				Name:        "list",
				Usage:       "list a trader's open orders, or with --history all orders, newest first",
				UsageText:   "thx order list [--history [--limit N] [--cursor C]] [--rpc URL] [--json] [ADDRESS]",
				Description: "Without ADDRESS, the account is THX_FROM's.",
				Flags: []cli.Flag{
					rpcFlag(), jsonFlag(),
					&cli.BoolFlag{Name: "history", Usage: "list every order, not only the open ones, one page at a time"},
					&cli.IntFlag{Name: "limit", Value: 100, Usage: fmt.Sprintf("orders per page with --history, at most %d", rpc.PageLimitMax)},
					&cli.StringFlag{Name: "cursor", Usage: "page `CURSOR` printed after the previous page"},
				},
				Action: runOrderList,
			},
			orderGetCommand(),
		},
	}
}

func balancesCommand() *cli.Command {
	return &cli.Command{
		Name:      "balances",
		Usage:     "print a trader's balances on a running node",
		UsageText: "thx balances [--rpc URL] [--json] [ADDRESS]",
		Description: "Without ADDRESS, the account is THX_FROM's.\n" +
			"Available can be withdrawn or held by new orders; held is reserved for open orders; pending\n" +
			"settlement comes from trades whose batch the chain has not confirmed yet.",
		Flags:  []cli.Flag{rpcFlag(), jsonFlag()},
		Action: runBalances,
	}
}

func orderPlaceFlags() []cli.Flag {
	return append(keystoreAccountFlags(), fromFlag(), rpcFlag(), jsonFlag(),
		&cli.StringFlag{Name: "market", Usage: "market `SYMBOL`, such as THAL/USDC (required)"},
		&cli.StringFlag{Name: "side", Usage: "buy or sell (required)"},
		&cli.StringFlag{Name: "price", Usage: "limit `PRICE` in quote tokens per base token, or the worst price of a market order (required)"},
		&cli.StringFlag{Name: "quantity", Usage: "`QUANTITY` in base tokens (required)"},
		&cli.StringFlag{Name: "kind", Value: "limit", Usage: "limit, market, stopLimit or stopMarket"},
		&cli.StringFlag{Name: "tif", Usage: "time in force: GTC, GTD, IOC or FOK (default GTC; IOC for market orders; GTD with an expiry)"},
		&cli.BoolFlag{Name: "post-only", Usage: "reject the order if it would trade on arrival"},
		&cli.StringFlag{Name: "stp", Value: "cancelNewest", Usage: "self-trade prevention: cancelNewest, cancelOldest or cancelBoth"},
		&cli.StringFlag{Name: "trigger-price", Usage: "trigger `PRICE` of a stop order"},
		&cli.DurationFlag{Name: "expires-in", Usage: fmt.Sprintf("expire the order after `DURATION` (%v or more)", expiresInMin)},
		&cli.Uint64Flag{Name: "expiry", Usage: "expire the order at `UNIX` seconds"},
		&cli.Uint64Flag{Name: "nonce", Usage: "order nonce `N` (default: the current unix time in milliseconds)"},
		&cli.IntFlag{Name: "max-fee-bps", Usage: "highest fee rate `BPS` the order accepts, 0 to 10000", DefaultText: "the larger of the market's fees"},
	)
}

// orderRequest builds the order of thx order place from its flags.
func orderRequest(c *cli.Context, trader common.Address) (client.OrderRequest, error) {
	req := client.OrderRequest{
		Market: c.String("market"), Trader: trader, Side: c.String("side"), Kind: c.String("kind"),
		TimeInForce: c.String("tif"), PostOnly: c.Bool("post-only"), SelfTradePrevention: c.String("stp"),
		Price: c.String("price"), TriggerPrice: c.String("trigger-price"), Quantity: c.String("quantity"),
		Nonce: rpc.Uint64(c.Uint64("nonce")), Expiry: rpc.Uint64(c.Uint64("expiry")),
	}
	for _, name := range []string{"market", "side", "price", "quantity"} {
		if c.String(name) == "" {
			return req, fmt.Errorf("missing --%s: thx order place needs --market, --side, --price and --quantity", name)
		}
	}
	if c.IsSet("expires-in") && c.IsSet("expiry") {
		return req, errors.New("--expires-in and --expiry both set an expiry; keep one")
	}
	expiry, err := expiryFromFlags(c.Duration("expires-in"), c.IsSet("expires-in"), c.Uint64("expiry"), time.Now())
	if err != nil {
		return req, err
	}
	req.Expiry = rpc.Uint64(expiry)
	if req.Expiry != 0 && req.TimeInForce == "" {
		req.TimeInForce = "GTD"
	}
	if err := checkOrderFlags(&req); err != nil {
		return req, err
	}
	if !c.IsSet("nonce") {
		req.Nonce = rpc.Uint64(time.Now().UnixMilli())
	}
	if fee := c.Int("max-fee-bps"); c.IsSet("max-fee-bps") {
		if fee < 0 || fee > 10_000 {
			return req, fmt.Errorf("invalid --max-fee-bps %d: use 0 to 10000 (100%%), or leave the flag out to accept the larger of the market's fees", fee)
		}
		capped := uint16(fee)
		req.MaxFeeBps = &capped
	}
	return req, nil
}

func runOrderPlace(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("thx order place takes no arguments, got %q; put every value in a flag", c.Args().Slice())
	}
	trader, err := fromAddress(c)
	if err != nil {
		return err
	}
	req, err := orderRequest(c, trader)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.Context, callTimeout)
	defer cancel()
	node, err := dialNode(ctx, c)
	if err != nil {
		return err
	}
	defer node.Close()
	// Check the order before the passphrase prompt: the market and fee
	// here, the prices and quantities in the node's thx_typedData.
	market, err := findMarket(ctx, node, req.Market)
	if err != nil {
		return err
	}
	if err := checkMaxFee(&req, &market); err != nil {
		return err
	}
	prepared, err := node.PrepareOrder(ctx, req)
	if err != nil {
		return fmt.Errorf("order not placed: %w", explainNodeError(err))
	}

	key, err := unlockAccount(c, trader)
	if err != nil {
		return err
	}
	signed, err := prepared.Sign(key.PrivateKey)
	key.Wipe()
	if err != nil {
		return err
	}
	ack, err := node.PlaceOrder(ctx, signed)
	if client.ErrorReason(err) == "replayed" {
		// The node's message names thx_order, the JSON-RPC method.
		return fmt.Errorf("%w; thx order get %s shows it from the command line", err, prepared.Hash().Hex())
	}
	if err != nil {
		return err
	}
	return printAck(c, &ack)
}

func runOrderCancel(c *cli.Context) error {
	hash, err := orderHashArg(c, "cancel", "list")
	if err != nil {
		return err
	}
	trader, err := fromAddress(c)
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(c.Context, callTimeout)
	defer cancel()
	node, err := dialNode(ctx, c)
	if err != nil {
		return err
	}
	defer node.Close()
	// Check the order before the passphrase prompt.
	order, err := node.Order(ctx, hash)
	if err != nil {
		return fmt.Errorf("order %s: %w", hash, explainNodeError(err))
	}
	if order.Trader != trader {
		return fmt.Errorf("order %s belongs to %s, not --from %s", hash, order.Trader.Hex(), trader.Hex())
	}
	if order.Status != "open" {
		return fmt.Errorf("order %s is %s; only an open order can be cancelled", hash, order.Status)
	}

	key, err := unlockAccount(c, trader)
	if err != nil {
		return err
	}
	signed, err := node.SignCancel(ctx, trader, hash, key.PrivateKey)
	key.Wipe()
	if err != nil {
		return err
	}
	ack, err := node.CancelOrder(ctx, signed)
	if err != nil {
		return err
	}
	return printAck(c, &ack)
}

func runOrderList(c *cli.Context) error {
	trader, err := traderArg(c)
	if err != nil {
		return err
	}
	limit := c.Int("limit")
	if c.Bool("history") && (limit < 1 || limit > rpc.PageLimitMax) {
		return fmt.Errorf("invalid --limit %d: use 1 to %d", limit, rpc.PageLimitMax)
	}
	ctx, cancel := context.WithTimeout(c.Context, callTimeout)
	defer cancel()
	node, err := dialNode(ctx, c)
	if err != nil {
		return err
	}
	defer node.Close()
	if !c.Bool("history") {
		orders, err := node.OpenOrders(ctx, trader)
		if err != nil {
			return explainNodeError(err)
		}
		return printOrders(c, orders, "")
	}

	page, err := node.OrderHistory(ctx, trader, client.Page{Cursor: c.String("cursor"), Limit: limit})
	if err != nil {
		return explainNodeError(err)
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, page)
	}
	return printOrders(c, page.Orders, page.Next)
}

func runBalances(c *cli.Context) error {
	trader, err := traderArg(c)
	if err != nil {
		return err
	}
	balances, err := callNode(c, func(ctx context.Context, node *client.Client) ([]rpc.BalanceJSON, error) {
		return node.Balances(ctx, trader)
	})
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, balances)
	}
	if len(balances) == 0 {
		fmt.Fprintf(c.App.Writer, "%s has no balance on this node; deposit into the Exchange first\n", trader.Hex())
		return nil
	}
	w := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TOKEN\tCHAIN\tAVAILABLE\tHELD\tPENDING SETTLEMENT\tPENDING WITHDRAWAL")
	for _, b := range balances {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\t%s\n", b.Symbol, b.ChainID, b.Available, b.Held, b.PendingSettlement, b.PendingWithdrawal)
	}
	return w.Flush()
}

// fromAddress returns the --from account.
func fromAddress(c *cli.Context) (common.Address, error) {
	text := c.String("from")
	if text == "" {
		return common.Address{}, errors.New("missing --from: set the ADDRESS of the keystore account that signs (thx account list shows them)")
	}
	if !common.IsHexAddress(text) {
		return common.Address{}, fmt.Errorf("invalid --from %q: expected a 0x-prefixed 20-byte hex address", text)
	}
	return common.HexToAddress(text), nil
}

// traderArg returns the ADDRESS argument, or without one the address in
// THX_FROM, the account that thx order place signs with.
func traderArg(c *cli.Context) (common.Address, error) {
	from := os.Getenv("THX_FROM")
	if c.NArg() > 0 || from == "" {
		return addressArg(c)
	}
	if !common.IsHexAddress(from) {
		return common.Address{}, fmt.Errorf("invalid THX_FROM %q: expected a 0x-prefixed 20-byte hex address", from)
	}
	return common.HexToAddress(from), nil
}

func isHash(s string) bool {
	if !strings.HasPrefix(s, "0x") || len(s) != 66 {
		return false
	}
	for _, r := range s[2:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// callNode dials the node of --rpc, makes one call with callTimeout and
// closes the connection. An error that did not come from the node gets
// explainNodeError's hint.
func callNode[T any](c *cli.Context, call func(context.Context, *client.Client) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(c.Context, callTimeout)
	defer cancel()
	node, err := dialNode(ctx, c)
	if err != nil {
		var zero T
		return zero, err
	}
	defer node.Close()
	result, err := call(ctx, node)
	return result, explainNodeError(err)
}

func dialNode(ctx context.Context, c *cli.Context) (*client.Client, error) {
	if err := checkRPCURL(c.String("rpc")); err != nil {
		return nil, err
	}
	node, err := client.Dial(ctx, c.String("rpc"))
	return node, explainNodeError(err)
}

// checkRPCURL rejects a --rpc URL without a scheme, which go-ethereum's
// dialer would report as a malformed path.
func checkRPCURL(url string) error {
	if strings.Contains(url, "://") {
		return nil
	}
	return fmt.Errorf("invalid --rpc %q: missing the scheme; use http://%s for calls or ws://%s for subscriptions", url, url, url)
}

// explainNodeError adds a hint to an error that did not come from the
// node, such as a refused connection: over HTTP the first call, not the
// dial, finds out that no node listens.
func explainNodeError(err error) error {
	if err == nil {
		return nil
	}
	if _, fromNode := client.ErrorCode(err); fromNode || errors.Is(err, client.ErrInvalidRequest) {
		return err // an error from the node, or from checks before the request
	}
	return fmt.Errorf("%w; is a node running there? Set --rpc or THX_RPC to its JSON-RPC URL", err)
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printAck prints the order after a place or cancel, and its trades.
func printAck(c *cli.Context, ack *rpc.OrderAckJSON) error {
	if c.Bool("json") {
		return printJSON(c.App.Writer, ack)
	}
	w := c.App.Writer
	o := &ack.Order
	fmt.Fprintf(w, "order %s %s (log entry %d)\n", o.Hash.Hex(), o.Status, ack.Seq)
	fmt.Fprintf(w, "  %s %s %s %s at %s, %s, filled %s, remaining %s\n",
		o.Side, o.Quantity, o.Market, o.Kind, o.Price, o.TimeInForce, o.Filled, o.Remaining)
	printTriggerAndExpiry(w, o)
	if o.Reason != "" {
		fmt.Fprintf(w, "  reason: %s\n", o.Reason)
	}
	for _, t := range ack.Trades {
		fmt.Fprintf(w, "  trade: %s at %s for %s, fees %s (maker) and %s (taker), settlement batch %d\n",
			t.Quantity, t.Price, t.Quote, t.MakerFee, t.TakerFee, t.Batch)
	}
	return nil
}

// printTriggerAndExpiry prints the trigger price of a stop order with
// whether a trade has reached it, and the signed expiry, which the line of
// the order's terms leaves out.
func printTriggerAndExpiry(w io.Writer, o *rpc.OrderInfoJSON) {
	if o.Kind == "stopLimit" || o.Kind == "stopMarket" {
		state := "triggered"
		switch {
		case o.Triggered:
		case o.Status == "open" && o.Side == "sell":
			state = "waiting for a trade at or below it"
		case o.Status == "open":
			state = "waiting for a trade at or above it"
		default:
			state = "never triggered"
		}
		fmt.Fprintf(w, "  trigger price %s, %s\n", o.TriggerPrice, state)
	}
	if o.Expiry != 0 {
		expiry := time.Unix(int64(o.Expiry), 0).UTC().Format(time.RFC3339)
		fmt.Fprintf(w, "  expiry %s (unix %d)\n", expiry, uint64(o.Expiry))
	}
}

// triggerColumn is a stop order's trigger price in thx order list, with
// "(triggered)" once a trade has triggered it, and "-" for other kinds.
func triggerColumn(o *rpc.OrderInfoJSON) string {
	if o.Kind != "stopLimit" && o.Kind != "stopMarket" {
		return "-"
	}
	if o.Triggered {
		return o.TriggerPrice + " (triggered)"
	}
	return o.TriggerPrice
}

func printOrders(c *cli.Context, orders []rpc.OrderInfoJSON, next string) error {
	if c.Bool("json") {
		return printJSON(c.App.Writer, orders)
	}
	if len(orders) == 0 {
		fmt.Fprintln(c.App.Writer, "no orders")
		return nil
	}
	w := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "HASH\tMARKET\tSIDE\tKIND\tPRICE\tTRIGGER\tQUANTITY\tFILLED\tSTATUS")
	for _, o := range orders {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", o.Hash.Hex(), o.Market, o.Side, o.Kind+" "+o.TimeInForce, o.Price,
			triggerColumn(&o), o.Quantity, o.Filled, o.Status)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if next != "" {
		fmt.Fprintf(c.App.Writer, "more: --cursor %s\n", next)
	}
	return nil
}
