package e2e

import (
	"context"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/thaliumx/thaliumx/contracts/bindings"
	"github.com/thaliumx/thaliumx/rpc/client"
)

// exchangeReader reads the Exchange contract over the dev chain's public
// eth_ JSON-RPC, as any wallet would.
type exchangeReader struct {
	t        *testing.T
	eth      *ethclient.Client
	exchange common.Address
	abi      *bindings.Exchange
	// FeeRecipient receives the fees that collectFees moves out of
	// accruedFees.
	FeeRecipient common.Address
}

// dialExchange connects to the chain and Exchange that thx_nodeInfo names.
func dialExchange(t *testing.T, c *client.Client) *exchangeReader {
	t.Helper()
	ctx := context.Background()
	info, err := c.NodeInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Chains) != 1 || info.Chains[0].RPCURL == "" {
		t.Fatalf("thx_nodeInfo chains %+v, expected the dev chain with its RPC URL", info.Chains)
	}
	eth, err := ethclient.DialContext(ctx, info.Chains[0].RPCURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(eth.Close)
	r := &exchangeReader{t: t, eth: eth, exchange: info.Chains[0].Exchange, abi: bindings.NewExchange()}
	out := r.call(r.abi.PackFeeRecipient())
	if r.FeeRecipient, err = r.abi.UnpackFeeRecipient(out); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *exchangeReader) call(data []byte) []byte {
	r.t.Helper()
	out, err := r.eth.CallContract(context.Background(), ethereum.CallMsg{To: &r.exchange, Data: data}, nil)
	if err != nil {
		r.t.Fatalf("call Exchange %s: %v", r.exchange, err)
	}
	return out
}

// balance returns balances(trader, token) in base units.
func (r *exchangeReader) balance(trader, token common.Address) *big.Int {
	r.t.Helper()
	v, err := r.abi.UnpackBalances(r.call(r.abi.PackBalances(trader, token)))
	if err != nil {
		r.t.Fatal(err)
	}
	return v
}

// accruedFees returns the fees of a token not yet collected.
func (r *exchangeReader) accruedFees(token common.Address) *big.Int {
	r.t.Helper()
	v, err := r.abi.UnpackAccruedFees(r.call(r.abi.PackAccruedFees(token)))
	if err != nil {
		r.t.Fatal(err)
	}
	return v
}
