package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/node"
)

// printDevBanner prints what a developer needs to connect to a --dev
// node: URLs, chain id, contract addresses and the development accounts.
// It prints the published test mnemonic, never a private key.
func printDevBanner(c *cli.Context, cfg node.Config, dev *node.Dev, rpcAddr string) {
	w := c.App.Writer
	d := dev.Deployment
	state := "new"
	if dev.Resumed {
		state = "resumed"
	}
	fmt.Fprintf(w, "\nThaliumX node, development mode (%s)\n\n", state)
	fmt.Fprintf(w, "  JSON-RPC        http://%s  ws://%s\n", rpcAddr, rpcAddr)
	if c.Bool("http.dapp") {
		fmt.Fprintf(w, "  dApp            http://%s/\n", rpcAddr)
	}
	fmt.Fprintf(w, "  Data directory  %s\n", cfg.DataDir)
	fmt.Fprintf(w, "  Dev chain       %s  %s  (chain id %d)\n", dev.Chain.HTTPURL(), dev.Chain.WSURL(), d.ChainID)
	fmt.Fprintf(w, "  Exchange        %s\n", d.Exchange)
	for _, t := range d.Tokens {
		fmt.Fprintf(w, "  %-14s  %s  (%d decimals)\n", t.Symbol, t.Address, t.Decimals)
	}
	var markets []string
	for _, m := range d.Markets {
		markets = append(markets, fmt.Sprintf("%s (id %d)", m.Symbol, m.ID))
	}
	fmt.Fprintf(w, "  Markets         %s\n", strings.Join(markets, ", "))
	fmt.Fprintf(w, "\n  Development accounts, from the public test mnemonic\n  %q (path m/44'/60'/0'/0/i).\n", devchain.TestMnemonic)
	fmt.Fprintf(w, "  Never send real funds to them: anyone can derive their keys.\n\n")
	for i, a := range dev.Chain.Accounts() {
		role := "trader, tokens deposited"
		if i == 0 {
			role = "operator and fee recipient"
		}
		fmt.Fprintf(w, "  %2d  %s  %s\n", i, a.Address, role)
	}
	fmt.Fprintln(w)
}
