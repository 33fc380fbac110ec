package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/chain/devchain"
	"github.com/thaliumx/thaliumx/node"
)

// printDevBanner prints what a developer needs to connect to a --dev
// node: URLs, chain id, contract addresses, and the development accounts
// with their private keys. Those keys derive from the published test
// mnemonic, so printing them gives away nothing, and wallets can import
// them from the banner.
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
	fmt.Fprintf(w, "  Data directory  %s%s\n", cfg.DataDir, temporaryNote(c.String("datadir") == ""))
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
	printDevAccounts(w, dev)
	fmt.Fprintf(w, "\n  Press Ctrl-C to stop the node.\n\n")
}

// printDevAccounts lists the development accounts with their keys and
// prints what each trader deposited.
func printDevAccounts(w io.Writer, dev *node.Dev) {
	fmt.Fprintf(w, "\n  Development accounts, from the public test mnemonic\n  %q (path m/44'/60'/0'/0/i).\n", devchain.TestMnemonic)
	fmt.Fprintf(w, "  Their private keys below are public test keys: anyone can derive them, so never send real funds to them.\n")
	fmt.Fprintf(w, "  At the first start each trader deposited %s THAL, %s USDC and %s WETH into the Exchange.\n\n",
		groupThousands(devchain.DepositTHALWholeDefault), groupThousands(devchain.DepositUSDCWholeDefault),
		groupThousands(devchain.DepositWETHWholeDefault))
	for i, a := range dev.Chain.Accounts() {
		role := "trader"
		if i == 0 {
			role = "operator and fee recipient, no deposits"
		}
		fmt.Fprintf(w, "  %2d  %s  %s\n", i, a.Address, role)
		fmt.Fprintf(w, "      private key 0x%x\n", crypto.FromECDSA(a.Key))
	}
}

// temporaryNote returns the banner's note after a data directory that
// thx created for this run and removes at exit.
func temporaryNote(temporary bool) string {
	if temporary {
		return "  (temporary, removed at exit; --datadir DIR keeps the data)"
	}
	return ""
}

// groupThousands formats n with a comma between groups of three digits.
func groupThousands(n int64) string {
	digits := fmt.Sprint(n)
	var out strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out.WriteByte(',')
		}
		out.WriteRune(r)
	}
	return out.String()
}
