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
	return runThxEnv(t, nil, args...)
}

// runThxEnv runs the binary with extra environment variables, such as
// THX_FROM=ADDRESS.
func runThxEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(thxBinary, args...)
	cmd.Env = append(append(os.Environ(), "THX_PASSWORD=", "THX_RPC=", "THX_FROM="), env...)
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
	errOut := failThx(t, append(append([]string{"order", "cancel"}, signing...), hash)...)
	if want := "thx: order " + hash + " is cancelled; only an open order can be cancelled\n"; errOut != want {
		t.Errorf("second thx order cancel: error output %q, expected %q", errOut, want)
	}
	if out := mustThx(t, "order", "get", "--rpc", n.URL, hash); !strings.Contains(out, "order "+hash+" cancelled") {
		t.Errorf("thx order get does not show the order as cancelled:\n%s", out)
	}
	out = mustThx(t, "order", "list", "--rpc", n.URL, "--history", "--json", address)
	var page rpc.OrdersPageJSON
	if err := json.Unmarshal([]byte(out), &page); err != nil || len(page.Orders) != 1 || page.Orders[0].Status != "cancelled" {
		t.Fatalf("thx order list --history: %v\n%s", err, out)
	}
	if out := mustThx(t, "order", "list", "--rpc", n.URL, address); !strings.Contains(out, "no orders") {
		t.Fatalf("thx order list after the cancel:\n%s", out)
	}

	// Without an ADDRESS argument, balances and order list use THX_FROM.
	fromEnv := []string{"THX_FROM=" + address}
	out, errOut, err := runThxEnv(t, fromEnv, "order", "list", "--rpc", n.URL, "--history")
	if err != nil || !strings.Contains(out, hash) {
		t.Errorf("thx order list with THX_FROM: %v\n%s%s", err, out, errOut)
	}
	out, errOut, err = runThxEnv(t, fromEnv, "balances", "--rpc", n.URL)
	if err != nil || !strings.Contains(out, "THAL") {
		t.Errorf("thx balances with THX_FROM: %v\n%s%s", err, out, errOut)
	}
	if out := mustThx(t, "markets", "--rpc", n.URL); !strings.Contains(out, "THAL/USDC") {
		t.Errorf("thx markets does not list THAL/USDC:\n%s", out)
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
		{"unknown market", place(passFile, "--price", "1", "--market", "DOGE/USDC"), `unknown market "DOGE/USDC": the node lists THAL/USDC`},
		{"lower-case market", place(passFile, "--price", "1", "--market", "thal/usdc"), "symbols are case-sensitive; use --market THAL/USDC"},
		{"wrong passphrase", place(wrongFile, "--price", "1"), "wrong passphrase"},
		{"missing price", place(passFile), "missing --price"},
		{"account not in the keystore", append(place(passFile, "--price", "1"), "--from", devAccounts(t, 3)[2].Address.Hex()), "account not found"},
		{"order above the balance", place(passFile, "--price", "1000000", "--quantity", "100"), "insufficient available balance"},
		{"no node", append(place(passFile, "--price", "1"), "--rpc", "http://127.0.0.1:1"), "is a node running there"},
		{"rpc without a scheme", append(place(passFile, "--price", "1"), "--rpc", "127.0.0.1:1"), `invalid --rpc "127.0.0.1:1": missing the scheme; use http://127.0.0.1:1`},
		{"cancel of a malformed hash", []string{"order", "cancel", "--rpc", n.URL, "--from", account.Address.Hex(), "0x1234"}, "64 hex digits"},
		{"balances of a malformed address", []string{"balances", "--rpc", n.URL, "0x1234"}, "invalid account address"},

		// With the wrong passphrase, each of these fails on the order and
		// not on the passphrase, so thx checked the order before the
		// keystore.
		{"too many decimals, checked first", place(wrongFile, "--price", "1.23456"), "multiples of 0.0001"},
		{"quantity above the maximum", place(wrongFile, "--price", "1", "--quantity", "99999999"), "above the market's maximum quantity"},
		{"zero price", place(wrongFile, "--price", "0"), "invalid --price 0: use a number above 0"},
		{"GTD without expiry", place(wrongFile, "--price", "1", "--tif", "GTD"), "--tif GTD needs an expiry: set --expires-in DURATION"},
		{"expiry too soon", place(wrongFile, "--price", "1", "--expires-in", "5s"), "invalid --expires-in 5s: use 31s or more"},
		{"expiry in the past", place(wrongFile, "--price", "1", "--expiry", "5"), "invalid --expiry 5: it has passed"},
		{"post-only FOK", place(wrongFile, "--price", "1", "--tif", "FOK", "--post-only"), "--post-only applies to GTC and GTD orders, not --tif FOK"},
		{"post-only market order", place(wrongFile, "--price", "1", "--kind", "market", "--post-only"), "--post-only applies to limit orders, not --kind market"},
		{"max fee below the taker fee", place(wrongFile, "--price", "1", "--max-fee-bps", "0"), "invalid --max-fee-bps 0: THAL/USDC charges takers"},
		{"max fee below the maker fee", place(wrongFile, "--price", "1", "--post-only", "--max-fee-bps", "0"), "invalid --max-fee-bps 0: THAL/USDC charges makers"},
		{"negative max fee", place(wrongFile, "--price", "1", "--max-fee-bps", "-1"), "invalid --max-fee-bps -1: use 0 to 10000"},
	}
	for _, tc := range cases {
		if errOut := failThx(t, tc.args...); !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: error output does not contain %q:\n%s", tc.name, tc.want, errOut)
		}
	}

	// The same order twice: the second is a replay, and the hint names the
	// command that shows the first.
	again := place(passFile, "--price", "1", "--quantity", "0.01", "--nonce", "77", "--expiry", "0")
	mustThx(t, again...)
	if errOut := failThx(t, again...); !strings.Contains(errOut, "already placed") || !strings.Contains(errOut, "thx order get 0x") {
		t.Errorf("a replayed order's error output does not name thx order get:\n%s", errOut)
	}
}

// TestBenchLoadRuns drives a dev node with a short load of each workload.
func TestBenchLoadRuns(t *testing.T) {
	n := startNode(t, nodeOptions{Accounts: 5})
	for _, tc := range []struct {
		workload, want string
		extra          []string
	}{
		{"trade", "accepted 400 of 400 orders", nil},
		{"rest", "400 resting orders", nil},
		{"rest", "800 resting orders", []string{"--per-call", "50"}},
	} {
		args := append([]string{"bench", "load", "--rpc", n.WSURL, "--traders", "4", "--orders", "400", "--workload", tc.workload,
			"--recover-time", "100ms", "--node-pid", "0"}, tc.extra...)
		out := mustThx(t, args...)
		for _, want := range []string{tc.want, "accepted 400 of 400 orders", "signature recovery on", "acknowledgement latency p50", "for comparison only: this run lasted"} {
			if !strings.Contains(out, want) {
				t.Fatalf("thx %s does not print %q:\n%s", strings.Join(args, " "), want, out)
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
