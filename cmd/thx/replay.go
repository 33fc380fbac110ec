package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/matching/lobster"
)

func replayCommand() *cli.Command {
	return &cli.Command{
		Name:  "replay",
		Usage: "replay recorded order flow through the matching engine",
		Subcommands: []*cli.Command{
			{
				Name:      "lobster",
				Usage:     "replay a NASDAQ LOBSTER sample and check the top of book after every message",
				UsageText: "thx replay lobster --messages FILE --orderbook FILE",
				Description: "Places submissions as limit orders, applies cancellations and deletions to the\n" +
					"named orders, and sends each visible execution as an IOC order of the opposite\n" +
					"side. After every message the engine's best ask and bid (price and size) must\n" +
					"equal that row of the orderbook file; the command stops at the first mismatch.",
				Flags: []cli.Flag{
					&cli.PathFlag{Name: "messages", Usage: "the LOBSTER message `FILE` (*_message_N.csv)", Required: true},
					&cli.PathFlag{Name: "orderbook", Usage: "the LOBSTER orderbook `FILE` (*_orderbook_N.csv) of the same sample", Required: true},
				},
				Action: runReplayLobster,
			},
		},
	}
}

func runReplayLobster(c *cli.Context) error {
	messages, err := os.Open(c.Path("messages"))
	if err != nil {
		return fmt.Errorf("replay lobster: %w", err)
	}
	defer messages.Close()
	orderbook, err := os.Open(c.Path("orderbook"))
	if err != nil {
		return fmt.Errorf("replay lobster: %w", err)
	}
	defer orderbook.Close()

	res, err := lobster.Replay(messages, orderbook)
	if err != nil && res.Matched == 0 {
		// Nothing was replayed, so the files are not a sample's pair and a
		// summary of zeros would only hide the error.
		return fmt.Errorf("replay lobster: %w", err)
	}
	w := c.App.Writer
	fmt.Fprintf(w, "lobster: %d/%d rows match\n", res.Matched, res.Rows)
	fmt.Fprintf(w, "lobster: %d reconstructions (%d unknown orders, %d level fixes, %d revealed levels)\n",
		res.Reconstructions, res.UnknownOrders, res.LevelFixes, res.RevealedLevels)
	fmt.Fprintf(w, "lobster: %d/%d executions (%s) filled the named order first\n",
		res.NamedFirst, res.Executions, percent(res.NamedFirst, res.Executions))
	if err != nil {
		return fmt.Errorf("replay lobster: %w", err)
	}
	return nil
}

// percent formats part/whole with one decimal, using integer arithmetic.
func percent(part, whole int) string {
	if whole == 0 {
		return "n/a"
	}
	tenths := (part*1000 + whole/2) / whole
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10)
}
