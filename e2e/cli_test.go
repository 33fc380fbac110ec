package e2e

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/rpc"
)

// runThx runs the binary and returns its standard output and error.
func runThx(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(thxBinary, args...)
	cmd.Env = append(os.Environ(), "THX_PASSWORD=", "THX_RPC=")
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err
}

// mustThx runs the binary and fails the test if it fails.
func mustThx(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := runThx(t, args...)
	if err != nil {
		t.Fatalf("thx %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// failThx runs the binary, expects it to fail, and returns its error output.
func failThx(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := runThx(t, args...)
	if err == nil {
		t.Fatalf("thx %s succeeded, expected an error\n%s", strings.Join(args, " "), out)
	}
	return errOut
}

// TestTraderCommands imports a development key into a keystore and
// places, lists and cancels an order with thx order, checking the
// balances with thx balances at each step.
func TestTraderCommands(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 3})
	account := devAccounts(t, 2)[1]
	address := account.Address.Hex()

	dir := t.TempDir()
	keystore, passFile, keyFile := filepath.Join(dir, "keystore"), filepath.Join(dir, "pass"), filepath.Join(dir, "key.hex")
	writeFile(t, passFile, "correct horse\n")
	writeFile(t, keyFile, hex.EncodeToString(crypto.FromECDSA(account.Key)))
	mustThx(t, "account", "import", "--keystore", keystore, "--password-file", passFile, "--light-kdf", keyFile)
	signing := []string{"--rpc", n.URL, "--keystore", keystore, "--password-file", passFile, "--from", address}

	out := mustThx(t, "balances", "--rpc", n.URL, address)
	for _, want := range []string{"THAL", "USDC", "WETH", "1000000"} {
		if !strings.Contains(out, want) {
			t.Fatalf("thx balances does not show %q:\n%s", want, out)
		}
	}

	out = mustThx(t, append([]string{"order", "place", "--json", "--market", "THAL/USDC", "--side", "sell",
		"--price", "1.5", "--quantity", "2"}, signing...)...)
	var ack rpc.OrderAckJSON
	if err := json.Unmarshal([]byte(out), &ack); err != nil {
		t.Fatalf("thx order place --json: %v\n%s", err, out)
	}
	if ack.Order.Status != "open" || ack.Order.Price != "1.5" || ack.Order.Quantity != "2" || ack.Order.Trader != account.Address {
		t.Fatalf("placed order %+v, expected an open sell of 2 at 1.5 by %s", ack.Order, address)
	}
	hash := ack.Order.Hash.Hex()

	if out := mustThx(t, "order", "list", "--rpc", n.URL, address); !strings.Contains(out, hash) || !strings.Contains(out, "open") {
		t.Fatalf("thx order list does not show open order %s:\n%s", hash, out)
	}
	balances := balancesByToken(t, n.dial(), account.Address)
	if held := balances[marketBySymbol(t, n.dial(), "THAL/USDC").Base.Address].Held; held != "2" {
		t.Fatalf("THAL held %q after the order, expected 2", held)
	}

	out = mustThx(t, append(append([]string{"order", "cancel"}, signing...), hash)...)
	if !strings.Contains(out, hash+" cancelled") {
		t.Fatalf("thx order cancel:\n%s", out)
	}
	out = mustThx(t, "order", "list", "--rpc", n.URL, "--history", "--json", address)
	var page rpc.OrdersPageJSON
	if err := json.Unmarshal([]byte(out), &page); err != nil || len(page.Orders) != 1 || page.Orders[0].Status != "cancelled" {
		t.Fatalf("thx order list --history: %v\n%s", err, out)
	}
	if out := mustThx(t, "order", "list", "--rpc", n.URL, address); !strings.Contains(out, "no orders") {
		t.Fatalf("thx order list after the cancel:\n%s", out)
	}
}

// TestTraderCommandErrors checks that bad input to thx order fails with a
// message that names the value, before anything is signed.
func TestTraderCommandErrors(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 2})
	account := devAccounts(t, 2)[1]
	dir := t.TempDir()
	keystore, passFile, wrongFile, keyFile := filepath.Join(dir, "keystore"), filepath.Join(dir, "pass"), filepath.Join(dir, "wrong"), filepath.Join(dir, "key.hex")
	writeFile(t, passFile, "correct horse\n")
	writeFile(t, wrongFile, "battery staple\n")
	writeFile(t, keyFile, hex.EncodeToString(crypto.FromECDSA(account.Key)))
	mustThx(t, "account", "import", "--keystore", keystore, "--password-file", passFile, "--light-kdf", keyFile)
	place := func(pass string, extra ...string) []string {
		args := []string{"order", "place", "--rpc", n.URL, "--keystore", keystore, "--password-file", pass,
			"--from", account.Address.Hex(), "--market", "THAL/USDC", "--side", "buy", "--quantity", "1"}
		return append(args, extra...)
	}

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"price with five decimals", place(passFile, "--price", "1.23456"), "multiples of 0.0001"},
		{"unknown market", place(passFile, "--price", "1", "--market", "DOGE/USDC"), "DOGE/USDC"},
		{"wrong passphrase", place(wrongFile, "--price", "1"), "wrong passphrase"},
		{"missing price", place(passFile), "missing --price"},
		{"account not in the keystore", append(place(passFile, "--price", "1"), "--from", devAccounts(t, 3)[2].Address.Hex()), "account not found"},
		{"order above the balance", place(passFile, "--price", "1000000", "--quantity", "100"), "insufficient available balance"},
		{"no node", append(place(passFile, "--price", "1"), "--rpc", "http://127.0.0.1:1"), "is a node running there"},
		{"cancel of a malformed hash", []string{"order", "cancel", "--rpc", n.URL, "--from", account.Address.Hex(), "0x1234"}, "64 hex digits"},
		{"balances of a malformed address", []string{"balances", "--rpc", n.URL, "0x1234"}, "invalid account address"},
	}
	for _, tc := range cases {
		if errOut := failThx(t, tc.args...); !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: error output does not contain %q:\n%s", tc.name, tc.want, errOut)
		}
	}
}

// TestBenchLoadRuns drives a dev node with a short load of each workload.
func TestBenchLoadRuns(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 5})
	for _, tc := range []struct{ workload, want string }{
		{"trade", "accepted 400 of 400 orders"},
		{"rest", "400 resting orders"},
	} {
		out := mustThx(t, "bench", "load", "--rpc", n.WSURL, "--traders", "4", "--orders", "400", "--workload", tc.workload,
			"--recover-time", "100ms", "--node-pid", "0")
		for _, want := range []string{tc.want, "signature recovery on", "acknowledgement latency p50"} {
			if !strings.Contains(out, want) {
				t.Fatalf("thx bench load --workload %s does not print %q:\n%s", tc.workload, want, out)
			}
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
