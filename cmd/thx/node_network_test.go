package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/node"
)

// parseNodeNetwork runs thx node with args and returns the configuration
// with its role and network, without starting it.
func parseNodeNetwork(t *testing.T, dev bool, args ...string) (node.Config, error) {
	t.Helper()
	var cfg node.Config
	cmd := nodeCommand()
	cmd.Action = func(c *cli.Context) error {
		cleanup := func() error { return nil }
		var err error
		if !dev {
			cfg, _, err = buildNodeConfig(c, slog.New(slog.NewTextHandler(io.Discard, nil)), &cleanup)
		}
		if err == nil {
			err = configureNetwork(c, &cfg, dev)
		}
		return err
	}
	app := &cli.App{Name: "thx", Commands: []*cli.Command{cmd}, Writer: io.Discard, ErrWriter: io.Discard}
	err := app.Run(append([]string{"thx", "node"}, args...))
	return cfg, err
}

const bootnode = "/ip4/127.0.0.1/tcp/30645/p2p/12D3KooWEQ33gfnhtmDJ38vssCurFPS6qsWhZaBPtby3CdNB47cE"

func TestNodeFollowerSettings(t *testing.T) {
	dir := t.TempDir()
	cfg, err := parseNodeNetwork(t, false, "--datadir", dir, "--role", "follower", "--chain", "1=https://a.example",
		"--exchange", "1="+exchangeAddr, "--bootnodes", bootnode)
	if err != nil {
		t.Fatalf("follower without an operator account: %v", err)
	}
	if cfg.Role != node.RoleFollower || cfg.OperatorKey != nil || cfg.Network == nil {
		t.Fatalf("role %q, operator key set %v, network %v", cfg.Role, cfg.OperatorKey != nil, cfg.Network)
	}
	if len(cfg.Network.Bootnodes) != 1 || cfg.Network.Bootnodes[0].String() != bootnode {
		t.Fatalf("bootnodes %v", cfg.Network.Bootnodes)
	}
	want := []string{"/ip4/127.0.0.1/tcp/30645", "/ip4/127.0.0.1/udp/30645/quic-v1"}
	if len(cfg.Network.ListenAddrs) != 2 || cfg.Network.ListenAddrs[0].String() != want[0] || cfg.Network.ListenAddrs[1].String() != want[1] {
		t.Fatalf("default listen addresses %v, expected %v", cfg.Network.ListenAddrs, want)
	}
}

func TestNodeFollowerCommitInterval(t *testing.T) {
	cases := []struct {
		flag string
		want time.Duration
	}{
		{"", node.FollowerLogCommitIntervalDefault},
		{"10ms", 10 * time.Millisecond},
		{"0", -1},
	}
	for _, tc := range cases {
		args := []string{"--datadir", t.TempDir(), "--role", "follower", "--chain", "1=https://a.example",
			"--exchange", "1=" + exchangeAddr, "--bootnodes", bootnode}
		if tc.flag != "" {
			args = append(args, "--log.commit-interval", tc.flag)
		}
		cfg, err := parseNodeNetwork(t, false, args...)
		if err != nil {
			t.Fatalf("--log.commit-interval %q: %v", tc.flag, err)
		}
		if got := cfg.Store.LogCommitInterval; got != tc.want {
			t.Errorf("--log.commit-interval %q: store interval %s, expected %s", tc.flag, got, tc.want)
		}
	}
}

func TestNodeNetworkOnlyWhenAsked(t *testing.T) {
	cfg, err := parseNodeNetwork(t, true)
	if err != nil || cfg.Network != nil || cfg.Role != node.RoleSequencer {
		t.Fatalf("--dev without p2p settings: network %v role %q err %v, expected a sequencer alone", cfg.Network, cfg.Role, err)
	}
	cfg, err = parseNodeNetwork(t, true, "--p2p.listen", "/ip4/127.0.0.1/tcp/0", "--p2p.mdns")
	if err != nil || cfg.Network == nil || !cfg.Network.MDNS || cfg.Network.ListenAddrs[0].String() != "/ip4/127.0.0.1/tcp/0" {
		t.Fatalf("--dev with p2p settings: network %+v err %v", cfg.Network, err)
	}
}

func TestNodeNetworkSettingErrors(t *testing.T) {
	cases := []struct {
		name string
		dev  bool
		args []string
		want string
	}{
		{"unknown role", true, []string{"--role", "leader"}, "invalid --role"},
		{"follower in dev mode", true, []string{"--role", "follower"}, "--dev runs a sequencer"},
		{"mdns in dev mode", true, []string{"--p2p.mdns"}, ""},
		{"mdns without dev", false, []string{"--p2p.mdns"}, "for --dev only"},
		{"bad listen address", true, []string{"--p2p.listen", "127.0.0.1:30645"}, "invalid --p2p.listen"},
		{"bad bootnode", true, []string{"--bootnodes", "/ip4/127.0.0.1/tcp/x"}, "invalid --bootnodes"},
		{"commit interval of a sequencer", true, []string{"--log.commit-interval", "10ms"}, "--log.commit-interval 10ms applies to --role follower only"},
		{"commit interval too long", false, []string{"--log.commit-interval", "2s"}, "invalid --log.commit-interval 2s: use 0"},
		{"negative commit interval", false, []string{"--log.commit-interval", "-5ms"}, "invalid --log.commit-interval -5ms"},
	}
	for _, tc := range cases {
		args := tc.args
		if !tc.dev {
			args = append([]string{"--datadir", t.TempDir(), "--role", "follower", "--chain", "1=https://a.example",
				"--exchange", "1=" + exchangeAddr, "--bootnodes", bootnode}, args...)
		}
		_, err := parseNodeNetwork(t, tc.dev, args...)
		if tc.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, expected one containing %q", tc.name, err, tc.want)
		}
	}
	_, err := parseNodeNetwork(t, false, "--datadir", t.TempDir(), "--role", "follower", "--chain", "1=https://a.example",
		"--exchange", "1="+exchangeAddr)
	if err == nil || !strings.Contains(err.Error(), "needs --bootnodes") {
		t.Errorf("follower without bootnodes: %v", err)
	}
}

func TestTestnetRejectsNodeCount(t *testing.T) {
	for _, n := range []string{"0", "65"} {
		app := &cli.App{Name: "thx", Commands: []*cli.Command{testnetCommand()}, Writer: io.Discard, ErrWriter: io.Discard}
		err := app.Run([]string{"thx", "testnet", "--nodes", n, "--datadir", t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), "invalid --nodes "+n) {
			t.Errorf("--nodes %s: error %v, expected an invalid --nodes error", n, err)
		}
	}
}

func TestTestnetRejectsArguments(t *testing.T) {
	app := &cli.App{Name: "thx", Commands: []*cli.Command{testnetCommand()}, Writer: io.Discard, ErrWriter: io.Discard}
	err := app.Run([]string{"thx", "testnet", "--nodes", "1", "extra", "--dev.port", "0"})
	want := `thx testnet takes no arguments, got ["extra" "--dev.port" "0"]`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, expected one containing %q", err, want)
	}
}

func TestTestnetDevPortInUse(t *testing.T) {
	port := usedPort(t)
	app := &cli.App{Name: "thx", Commands: []*cli.Command{testnetCommand()}, Writer: io.Discard, ErrWriter: io.Discard}
	err := app.Run([]string{"thx", "testnet", "--nodes", "1", "--dev.port", fmt.Sprint(port), "--datadir", t.TempDir()})
	want := devPortInUseHint(port)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, expected one containing %q", err, want)
	}
}
