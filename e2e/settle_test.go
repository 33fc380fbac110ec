package e2e

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// waitSettled waits until the chain has confirmed batch lastBatch and no
// trader has a balance pending settlement.
func waitSettled(n *devNode, c *client.Client, accounts []devchain.Account, lastBatch uint64) {
	n.t.Helper()
	n.poll("settlement of every batch", settleWaitMax, func(ctx context.Context) (bool, error) {
		info, err := c.NodeInfo(ctx)
		if err != nil || info.Chains[0].LastBatch < lastBatch {
			return false, err
		}
		for _, a := range accounts {
			balances, err := c.Balances(ctx, a.Address)
			if err != nil {
				return false, err
			}
			for _, b := range balances {
				if b.PendingSettlementUnits != "0" {
					return false, nil
				}
			}
		}
		return true, nil
	})
}

// waitQuiet waits until thx_nodeInfo reports the same sequence number and
// state hash three times in a row, 300 ms apart, and returns it.
func waitQuiet(n *devNode, c *client.Client) rpc.NodeInfoJSON {
	n.t.Helper()
	var last rpc.NodeInfoJSON
	same := 0
	n.poll("a quiet node", 30*time.Second, func(ctx context.Context) (bool, error) {
		info, err := c.NodeInfo(ctx)
		if err != nil {
			return false, err
		}
		// A busy node reports an older hash until it has been quiet for
		// a second (node.StateWorkQuietGap), so a steady hash counts only
		// at the newest entry.
		var syncing rpc.SyncingJSON
		if err := c.RPC().CallContext(ctx, &syncing, "thx_syncing"); err != nil {
			return false, err
		}
		if info.Seq == last.Seq && info.StateHash == last.StateHash && info.Seq == syncing.CurrentSeq {
			same++
		} else {
			same = 0
		}
		last = info
		time.Sleep(300 * time.Millisecond)
		return same >= 2, nil
	})
	return last
}

// checkLedgerMatchesContract checks that each account's balance on the
// node (available, held and pending withdrawal) equals its Exchange
// balance in every listed token. It also checks that the fees of the
// node's trades equal the Exchange's accrued fees plus what the fee
// recipient collected. tradesWant is the number of trades the caller
// saw, or -1.
func checkLedgerMatchesContract(t *testing.T, c *client.Client, ex *exchangeReader, accounts []devchain.Account, tradesWant int) {
	t.Helper()
	ctx := context.Background()
	markets, err := c.Markets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tokens := map[common.Address]string{}
	for _, m := range markets {
		tokens[m.Base.Address], tokens[m.Quote.Address] = m.Base.Symbol, m.Quote.Symbol
	}

	for _, a := range accounts {
		balances := balancesByToken(t, c, a.Address)
		for token, symbol := range tokens {
			b := balances[token]
			if b.PendingSettlementUnits != "" && b.PendingSettlementUnits != "0" {
				t.Fatalf("%s has %s %s base units pending settlement after every batch settled", a.Address, b.PendingSettlementUnits, symbol)
			}
			node := sumUnits(t, b.AvailableUnits, b.HeldUnits, b.PendingWithdrawalUnits)
			if chain := ex.balance(a.Address, token); node.Cmp(chain) != 0 {
				t.Errorf("%s %s: node ledger %v base units (available %s, held %s), Exchange %v",
					a.Address, symbol, node, b.AvailableUnits, b.HeldUnits, chain)
			}
		}
	}

	fees, trades := tradeFees(t, c, markets, accounts)
	if tradesWant >= 0 && trades != tradesWant {
		t.Errorf("the traders' histories list %d trades, the acknowledgements had %d", trades, tradesWant)
	}
	for token, symbol := range tokens {
		chain := new(big.Int).Add(ex.accruedFees(token), ex.balance(ex.FeeRecipient, token))
		want := fees[token]
		if want == nil {
			want = new(big.Int)
		}
		if chain.Cmp(want) != 0 {
			t.Errorf("%s fees: the node's trades charged %v base units, the Exchange accrued and paid out %v", symbol, want, chain)
		}
	}
}

// tradeFees sums the fees that the accounts paid in their trades of the
// markets, by quote token, and counts the trades. A market's trade list
// holds only the newest trades, so it reads each trader's full history:
// a trade appears there for its maker, who pays the maker fee, and for its
// taker, who pays the taker fee.
func tradeFees(t *testing.T, c *client.Client, markets []rpc.MarketJSON, accounts []devchain.Account) (map[common.Address]*big.Int, int) {
	t.Helper()
	fees := map[common.Address]*big.Int{}
	type tradeKey struct {
		seq   uint64
		index uint32
	}
	seen := map[tradeKey]bool{}
	for _, m := range markets {
		if fees[m.Quote.Address] == nil {
			fees[m.Quote.Address] = new(big.Int)
		}
		sum := fees[m.Quote.Address]
		for _, a := range accounts {
			for _, tr := range traderTrades(t, c, m.Symbol, a.Address) {
				seen[tradeKey{tr.Seq, tr.Index}] = true
				if tr.Maker == a.Address {
					sum.Add(sum, sumUnits(t, tr.MakerFeeUnits))
				}
				if tr.Taker == a.Address {
					sum.Add(sum, sumUnits(t, tr.TakerFeeUnits))
				}
			}
		}
	}
	return fees, len(seen)
}

// traderTrades reads every page of a trader's trades in a market.
func traderTrades(t *testing.T, c *client.Client, symbol string, trader common.Address) []rpc.TradeJSON {
	t.Helper()
	query := client.TradesQuery{Trader: &trader, Page: client.Page{Limit: rpc.PageLimitMax}}
	var out []rpc.TradeJSON
	for {
		page, err := c.Trades(context.Background(), symbol, query)
		if err != nil {
			t.Fatalf("thx_trades %s of %s: %v", symbol, trader, err)
		}
		out = append(out, page.Trades...)
		if page.Next == "" {
			return out
		}
		query.Cursor = page.Next
	}
}

// sumUnits adds decimal strings of base units; "" counts as zero.
func sumUnits(t *testing.T, values ...string) *big.Int {
	t.Helper()
	sum := new(big.Int)
	for _, v := range values {
		if v == "" {
			continue
		}
		x, ok := new(big.Int).SetString(v, 10)
		if !ok {
			t.Fatalf("%q is not a decimal number of base units", v)
		}
		sum.Add(sum, x)
	}
	return sum
}
