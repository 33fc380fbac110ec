package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

func marketsCommand() *cli.Command {
	return &cli.Command{
		Name:      "markets",
		Usage:     "print the markets of a running node: symbol, chain, tick and lot sizes, fees",
		UsageText: "thx markets [--rpc URL] [--json]",
		Flags:     []cli.Flag{rpcFlag(), jsonFlag()},
		Action:    runMarkets,
	}
}

func orderGetCommand() *cli.Command {
	return &cli.Command{
		Name:  "get",
		Usage: "print one order by hash: its status, fills and the reason it was rejected or closed",
		UsageText: "thx order get [--rpc URL] [--json] ORDER_HASH\n\n" +
			"An order that a follower forwarded shows here once the sequencer has logged it.",
		Flags:  []cli.Flag{rpcFlag(), jsonFlag()},
		Action: runOrderGet,
	}
}

func runMarkets(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("thx markets takes no arguments, got %q", c.Args().Slice())
	}
	markets, err := callNode(c, func(ctx context.Context, node *client.Client) ([]rpc.MarketJSON, error) {
		return node.Markets(ctx)
	})
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, markets)
	}
	if len(markets) == 0 {
		fmt.Fprintln(c.App.Writer, "no markets")
		return nil
	}
	w := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "SYMBOL\tCHAIN\tID\tTICK SIZE\tLOT SIZE\tMAKER FEE BPS\tTAKER FEE BPS\tSTATUS")
	for _, m := range markets {
		status := "trading"
		if m.Halted {
			status = "halted"
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%d\t%d\t%s\n", m.Symbol, m.ChainID, m.MarketID, m.TickSize, m.LotSize, m.MakerFeeBps, m.TakerFeeBps, status)
	}
	return w.Flush()
}

// orderHashArg returns the one ORDER_HASH argument of thx order command,
// whose hashes thx order printedBy prints.
func orderHashArg(c *cli.Context, command, printedBy string) (common.Hash, error) {
	if c.NArg() != 1 {
		return common.Hash{}, fmt.Errorf("thx order %s takes one ORDER_HASH, got %d arguments; put flags before it", command, c.NArg())
	}
	text := c.Args().First()
	if !isHash(text) {
		return common.Hash{}, fmt.Errorf("invalid ORDER_HASH %q: expected 0x and 64 hex digits, as thx order %s prints", text, printedBy)
	}
	return common.HexToHash(text), nil
}

func runOrderGet(c *cli.Context) error {
	hash, err := orderHashArg(c, "get", "place")
	if err != nil {
		return err
	}
	order, err := callNode(c, func(ctx context.Context, node *client.Client) (rpc.OrderInfoJSON, error) {
		return node.Order(ctx, hash)
	})
	if err != nil {
		return fmt.Errorf("order %s: %w", hash, err)
	}
	if c.Bool("json") {
		return printJSON(c.App.Writer, order)
	}

	w := c.App.Writer
	fmt.Fprintf(w, "order %s %s (placed at log entry %d)\n", order.Hash.Hex(), order.Status, order.PlacedSeq)
	fmt.Fprintf(w, "  %s %s %s %s at %s, %s, filled %s, remaining %s\n",
		order.Side, order.Quantity, order.Market, order.Kind, order.Price, order.TimeInForce, order.Filled, order.Remaining)
	printTriggerAndExpiry(w, &order)
	fmt.Fprintf(w, "  trader %s\n", order.Trader.Hex())
	if order.Reason != "" {
		fmt.Fprintf(w, "  reason: %s\n", order.Reason)
	}
	return nil
}
