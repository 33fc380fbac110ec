package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/node"
)

// parseNode runs thx node with args and returns the configuration it
// would start, without starting it.
func parseNode(t *testing.T, args ...string) (node.Config, error) {
	t.Helper()
	var cfg node.Config
	cmd := nodeCommand()
	cmd.Action = func(c *cli.Context) error {
		cleanup := func() error { return nil }
		var err error
		cfg, _, err = buildNodeConfig(c, slog.New(slog.NewTextHandler(io.Discard, nil)), &cleanup)
		return err
	}
	app := &cli.App{Name: "thx", Commands: []*cli.Command{cmd}, Writer: io.Discard, ErrWriter: io.Discard}
	err := app.Run(append([]string{"thx", "node"}, args...))
	return cfg, err
}

// newOperator writes a keystore with one account protected by pass.
func newOperator(t *testing.T, dir, pass string) string {
	t.Helper()
	ks := keystore.NewKeyStore(dir, keystore.LightScryptN, keystore.LightScryptP)
	account, err := ks.NewAccount(pass)
	if err != nil {
		t.Fatal(err)
	}
	return account.Address.Hex()
}

const exchangeAddr = "0x00000000000000000000000000000000000e0001"

func TestNodeSettingsPrecedence(t *testing.T) {
	dir := t.TempDir()
	operator := newOperator(t, node.KeystoreDir(dir), "secret")
	passFile := filepath.Join(dir, "pass")
	if err := os.WriteFile(passFile, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	toml := filepath.Join(dir, "node.toml")
	content := "batch-interval = \"3s\"\nchain = [\"1=https://rpc.example\"]\nexchange = [\"1=" + exchangeAddr + "\"]\n" +
		"operator = \"" + operator + "\"\npassword-file = \"" + passFile + "\"\ndatadir = \"" + dir + "\"\n[log]\nlevel = \"debug\"\n"
	if err := os.WriteFile(toml, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	cfg, err := parseNode(t, "--config", toml)
	if err != nil {
		t.Fatalf("settings from the file: %v", err)
	}
	if cfg.BatchInterval != 3*time.Second || cfg.DataDir != dir || len(cfg.Chains) != 1 || cfg.OperatorKey == nil {
		t.Fatalf("from the file: interval %s datadir %s chains %d key %v", cfg.BatchInterval, cfg.DataDir, len(cfg.Chains), cfg.OperatorKey != nil)
	}
	if got := crypto.PubkeyToAddress(cfg.OperatorKey.PublicKey).Hex(); got != operator {
		t.Fatalf("unlocked %s, expected %s", got, operator)
	}

	t.Setenv("THX_BATCH_INTERVAL", "4s")
	if cfg, err = parseNode(t, "--config", toml); err != nil || cfg.BatchInterval != 4*time.Second {
		t.Fatalf("environment over the file: interval %s, err %v; expected 4s", cfg.BatchInterval, err)
	}
	if cfg, err = parseNode(t, "--config", toml, "--batch-interval", "5s"); err != nil || cfg.BatchInterval != 5*time.Second {
		t.Fatalf("flag over the environment: interval %s, err %v; expected 5s", cfg.BatchInterval, err)
	}
}

func TestNodeChainSettings(t *testing.T) {
	dir := t.TempDir()
	operator := newOperator(t, node.KeystoreDir(dir), "pw")
	t.Setenv("THX_PASSWORD", "pw")
	base := []string{"--datadir", dir, "--operator", operator}

	cfg, err := parseNode(t, append(base, "--chain", "sepolia=wss://rpc.example/ws", "--exchange", "11155111="+exchangeAddr,
		"--confirmations", "sepolia=3", "--start-block", "11155111=42")...)
	if err != nil {
		t.Fatalf("valid chain settings: %v", err)
	}
	c := cfg.Chains[0]
	if c.ChainID != 11155111 || c.Confirmations != 3 || c.StartBlock != 42 || c.Endpoint != "wss://rpc.example/ws" || c.Exchange.Hex() != "0x00000000000000000000000000000000000E0001" {
		t.Fatalf("chain %+v", c)
	}

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"exchange missing", []string{"--chain", "1=https://a.example"}, "has no Exchange address"},
		{"exchange without chain", []string{"--chain", "1=https://a.example", "--exchange", "1=" + exchangeAddr, "--exchange", "56=" + exchangeAddr}, "no --chain endpoint"},
		{"bad address", []string{"--chain", "1=https://a.example", "--exchange", "1=0x12"}, "not a 0x-prefixed"},
		{"no chain", nil, "no chain configured"},
		{"bad operator", []string{"--chain", "1=https://a.example", "--exchange", "1=" + exchangeAddr, "--operator", "bob"}, "invalid --operator"},
	}
	for _, tc := range cases {
		_, err := parseNode(t, append(base, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, expected one containing %q", tc.name, err, tc.want)
		}
	}
	if _, err := parseNode(t, "--chain", "1=https://a.example"); err == nil || !strings.Contains(err.Error(), "missing --datadir") {
		t.Errorf("no data directory: %v", err)
	}
}

func TestWrongPassphraseIsRejected(t *testing.T) {
	dir := t.TempDir()
	operator := newOperator(t, node.KeystoreDir(dir), "right")
	t.Setenv("THX_PASSWORD", "wrong")
	_, err := parseNode(t, "--datadir", dir, "--operator", operator, "--chain", "1=https://a.example", "--exchange", "1="+exchangeAddr)
	if err == nil || !strings.Contains(err.Error(), "unlock operator") {
		t.Fatalf("wrong passphrase: %v", err)
	}
}

func TestNodeSettingErrors(t *testing.T) {
	badType := filepath.Join(t.TempDir(), "node.toml")
	if err := os.WriteFile(badType, []byte("batch-interval = 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing config file", []string{"--config", "/nonexistent/node.toml"}, "config file /nonexistent/node.toml: no such file"},
		{"duration as a number in the config file", []string{"--config", badType}, `write a duration as a quoted string with a unit, such as "5s"`},
		{"zero dev accounts", []string{"--dev", "--dev.accounts", "0"}, "invalid --dev.accounts 0: use 1 to 100"},
		{"zero dev chain id", []string{"--dev", "--dev.chainid", "0"}, "invalid --dev.chainid 0: use a positive chain id"},
		{"argument before flags", []string{"--dev", "0xf39F", "--dev.port", "0"}, `thx node takes no arguments, got ["0xf39F" "--dev.port" "0"]`},
	}
	for _, tc := range cases {
		_, err := runThx(t, append([]string{"node"}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, expected one containing %q", tc.name, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "inner error") {
			t.Errorf("%s: error %q nests altsrc's inner errors", tc.name, err)
		}
	}
}

// usedPort listens on a free port of 127.0.0.1 until the test ends and
// returns the port.
func usedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l.Addr().(*net.TCPAddr).Port
}

// devPortInUseHint returns the hint that thx adds to the error when the dev
// chain's port is taken.
func devPortInUseHint(port int) string {
	return fmt.Sprintf("Port %d on 127.0.0.1 is in use, perhaps by another dev node or chain: "+
		"choose another with --dev.port PORT, or --dev.port 0 for any free port", port)
}

func TestDevChainPortInUse(t *testing.T) {
	port := usedPort(t)
	_, err := parseNode(t, "--dev", "--dev.port", fmt.Sprint(port), "--dev.accounts", "2", "--datadir", t.TempDir())
	want := devPortInUseHint(port)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, expected one containing %q", err, want)
	}
}
