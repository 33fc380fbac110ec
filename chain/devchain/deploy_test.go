package devchain

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/thaliumx/thaliumx/contracts/bindings"
)

func callExchange[T any](t *testing.T, c *Chain, d *Deployment, data []byte, unpack func([]byte) (T, error)) T {
	t.Helper()
	instance := bindings.NewExchange().Instance(c.Client(), d.Exchange)
	value, err := bind.Call(instance, &bind.CallOpts{Context: context.Background()}, data, unpack)
	if err != nil {
		t.Fatalf("call Exchange: %v", err)
	}
	return value
}

func checkDeployment(t *testing.T, c *Chain, d *Deployment) {
	t.Helper()
	exchange := bindings.NewExchange()
	accounts := c.Accounts()

	if d.Exchange == (common.Address{}) || d.DeployBlock == 0 {
		t.Fatalf("deployment = %+v, expected an Exchange address and block", d)
	}
	if operator := callExchange(t, c, d, exchange.PackOperator(), exchange.UnpackOperator); operator != accounts[0].Address {
		t.Fatalf("operator = %s, expected account 0 %s", operator, accounts[0].Address)
	}
	if delay := callExchange(t, c, d, exchange.PackCancelDelaySeconds(), exchange.UnpackCancelDelaySeconds); delay != CancelDelaySecondsDefault || d.CancelDelaySeconds != delay {
		t.Fatalf("cancel delay = %d s, deployment records %d s, expected %d s", delay, d.CancelDelaySeconds, CancelDelaySecondsDefault)
	}
	if count := callExchange(t, c, d, exchange.PackMarketCount(), exchange.UnpackMarketCount); count != 2 {
		t.Fatalf("market count = %d, expected 2", count)
	}
	for _, market := range d.Markets {
		onChain := callExchange(t, c, d, exchange.PackMarkets(market.ID), exchange.UnpackMarkets)
		if onChain.Base != market.Base || onChain.Quote != market.Quote || onChain.LotSize.Cmp(market.LotSize) != 0 {
			t.Fatalf("market %d %s on chain = %+v, expected %+v", market.ID, market.Symbol, onChain, market)
		}
	}
	if d.Markets[0].Symbol != "THAL/USDC" || d.Markets[1].Symbol != "WETH/USDC" {
		t.Fatalf("markets = %s, %s, expected THAL/USDC and WETH/USDC", d.Markets[0].Symbol, d.Markets[1].Symbol)
	}

	thal, _ := d.Token("THAL")
	usdc, _ := d.Token("USDC")
	weth, _ := d.Token("WETH")
	expected := map[common.Address]*big.Int{
		thal.Address: new(big.Int).Mul(big.NewInt(1_000_000), pow10(18)),
		usdc.Address: new(big.Int).Mul(big.NewInt(1_000_000), pow10(6)),
		weth.Address: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether)),
	}
	for _, trader := range accounts[1:] {
		for token, amount := range expected {
			balance := callExchange(t, c, d, exchange.PackBalances(trader.Address, token), exchange.UnpackBalances)
			if balance.Cmp(amount) != 0 {
				t.Fatalf("Exchange balance of %s in %s = %s, expected %s", trader.Address, token, balance, amount)
			}
		}
	}
	deposits := callExchange(t, c, d, exchange.PackDepositCount(), exchange.UnpackDepositCount)
	if deposits != uint64(3*(len(accounts)-1)) {
		t.Fatalf("deposit count = %d, expected %d", deposits, 3*(len(accounts)-1))
	}
}

func TestDeployExchangeManual(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	d, err := c.DeployExchange(context.Background(), DeployConfig{})
	if err != nil {
		t.Fatalf("DeployExchange: %v", err)
	}
	checkDeployment(t, c, d)
}

func TestDeployExchangeAutomatic(t *testing.T) {
	c := startChain(t, Config{ChainID: 31337})
	d, err := c.DeployExchange(context.Background(), DeployConfig{})
	if err != nil {
		t.Fatalf("DeployExchange: %v", err)
	}
	checkDeployment(t, c, d)

	// The setup sends its transactions in 4 waves, and each wave lands in
	// a block or two instead of a block for each few transactions. Every
	// block is a second after its parent, so fewer blocks keep the chain's
	// time close to the wall clock.
	head, err := c.Client().HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatalf("read head: %v", err)
	}
	t.Logf("setup of %d traders took %d blocks", len(c.Accounts())-1, head.Number.Uint64())
	if head.Number.Uint64() > 8 {
		t.Fatalf("setup took %d blocks, expected at most 8 for its 4 waves", head.Number.Uint64())
	}
}

func TestDeployExchangeRejectsBadMarkets(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	cases := map[string]MarketSpec{
		"unknown token":  {Base: "DOGE", Quote: "USDC", TickSize: big.NewInt(1), LotSize: big.NewInt(1)},
		"same token":     {Base: "USDC", Quote: "USDC", TickSize: big.NewInt(1), LotSize: big.NewInt(1)},
		"zero tick size": {Base: "THAL", Quote: "USDC", TickSize: big.NewInt(0), LotSize: big.NewInt(1)},
		"no lot size":    {Base: "THAL", Quote: "USDC", TickSize: big.NewInt(1)},
	}
	for name, spec := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := c.DeployExchange(context.Background(), DeployConfig{Markets: []MarketSpec{spec}})
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("DeployExchange error = %v, expected ErrInvalidConfig", err)
			}
		})
	}
	t.Run("cancel delay above maximum", func(t *testing.T) {
		_, err := c.DeployExchange(context.Background(), DeployConfig{CancelDelaySeconds: 604_801})
		if !errors.Is(err, ErrInvalidConfig) {
			t.Fatalf("DeployExchange error = %v, expected ErrInvalidConfig", err)
		}
	})
	head, err := c.Client().BlockNumber(context.Background())
	if err != nil {
		t.Fatalf("BlockNumber: %v", err)
	}
	if head != 0 {
		t.Fatalf("head = %d, expected 0: a rejected config sent transactions", head)
	}
}

func TestDeployExchangeListedMarketRejected(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	// 1 * 1 / 10^18 is not a whole number of USDC base units: the Exchange
	// rejects the listing and DeployExchange names the step.
	_, err := c.DeployExchange(context.Background(), DeployConfig{Markets: []MarketSpec{
		{Base: "THAL", Quote: "USDC", TickSize: big.NewInt(1), LotSize: big.NewInt(1)},
	}})
	if err == nil || !strings.Contains(err.Error(), "list THAL/USDC") {
		t.Fatalf("DeployExchange error = %v, expected one naming the THAL/USDC listing", err)
	}
}
