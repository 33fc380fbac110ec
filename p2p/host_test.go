package p2p

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multiaddr"
	manet "github.com/multiformats/go-multiaddr/net"
)

func TestIdentityPersistedAcrossRestarts(t *testing.T) {
	cfg := testConfig(t)
	first := startHost(t, cfg, Handlers{})
	id := first.ID()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(cfg.DataDir, IdentityFileName)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("identity file mode %04o, expected 0600", mode)
	}

	cfg.Registry = nil
	second := startHost(t, cfg, Handlers{})
	if second.ID() != id {
		t.Fatalf("peer id %s after restart, expected %s", second.ID(), id)
	}
}

func TestIdentityFileRejected(t *testing.T) {
	tests := []struct {
		name string
		edit func(path string) error
	}{
		{"readable by others", func(path string) error { return os.Chmod(path, 0o644) }},
		{"damaged", func(path string) error { return os.WriteFile(path, []byte("not a key"), 0o600) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := LoadOrCreateIdentity(dir); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, IdentityFileName)
			if err := tt.edit(path); err != nil {
				t.Fatal(err)
			}
			_, err := LoadOrCreateIdentity(dir)
			if !errors.Is(err, ErrIdentityFile) || !strings.Contains(err.Error(), path) {
				t.Fatalf("error %v, expected %v naming %s", err, ErrIdentityFile, path)
			}
		})
	}
}

// A host redials its bootnode after the bootnode restarts on the same
// address with the same identity.
func TestBootnodeReconnectsAfterRestart(t *testing.T) {
	bootCfg := testConfig(t)
	boot := startHost(t, bootCfg, Handlers{})
	bootAddrs := boot.host.Addrs()
	bootID := boot.ID()

	cfg := testConfig(t)
	cfg.Bootnodes = boot.Addrs()
	h := startHost(t, cfg, Handlers{})
	waitFor(t, "the bootnode connection", func() bool { return h.ConnectedTo(bootID) })

	if err := boot.Close(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the bootnode to disconnect", func() bool { return !h.ConnectedTo(bootID) })

	bootCfg.ListenAddrs = bootAddrs
	bootCfg.Registry = nil
	restarted := startHost(t, bootCfg, Handlers{})
	if restarted.ID() != bootID {
		t.Fatalf("bootnode restarted as %s, expected %s", restarted.ID(), bootID)
	}
	waitFor(t, "the host to reconnect to the restarted bootnode", func() bool { return h.ConnectedTo(bootID) })
}

func TestConnectOverQUIC(t *testing.T) {
	a := startHost(t, testConfig(t), Handlers{})
	b := startHost(t, testConfig(t), Handlers{})
	var quicAddr multiaddr.Multiaddr
	for _, addr := range b.Addrs() {
		if strings.Contains(addr.String(), "/quic-v1") {
			quicAddr = addr
		}
	}
	if quicAddr == nil {
		t.Fatalf("no QUIC address among %v", b.Addrs())
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := a.Connect(ctx, quicAddr); err != nil {
		t.Fatal(err)
	}
	conns := a.host.Network().ConnsToPeer(b.ID())
	if len(conns) == 0 || !strings.Contains(conns[0].RemoteMultiaddr().String(), "/quic-v1") {
		t.Fatalf("connections %v, expected one over QUIC", conns)
	}
}

// A loopback-only host refuses to dial anything else.
func TestLoopbackOnlyRefusesOtherAddresses(t *testing.T) {
	a := startHost(t, testConfig(t), Handlers{})
	b := startHost(t, testConfig(t), Handlers{})
	// 192.0.2.0/24 is reserved for documentation (RFC 5737), so no host
	// responds there, and the gater stops the dial before any packet.
	addr := multiaddr.StringCast("/ip4/192.0.2.1/tcp/4001/p2p/" + b.ID().String())
	if manet.IsIPLoopback(addr) {
		t.Fatal("test address is loopback")
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitTimeout)
	defer cancel()
	if err := a.Connect(ctx, addr); err == nil {
		t.Fatal("a loopback-only host dialled 192.0.2.1")
	}
}

func TestConfigRejected(t *testing.T) {
	tests := []struct {
		name string
		edit func(cfg *Config)
	}{
		{"no data directory", func(cfg *Config) { cfg.DataDir = "" }},
		{"no chain id", func(cfg *Config) { cfg.Log.ChainID = 0 }},
		{"no exchange", func(cfg *Config) { cfg.Log.Contract = common.Address{} }},
		{"no operator", func(cfg *Config) { cfg.Operator = common.Address{} }},
		{"peer water marks", func(cfg *Config) { cfg.Limits.PeersLow, cfg.Limits.PeersHigh = 10, 5 }},
		{"negative limit", func(cfg *Config) { cfg.Limits.PendingBatchesMax = -1 }},
		{"small sync response", func(cfg *Config) { cfg.Limits.SyncResponseBytesMax = 1024 }},
		{"rejections per message", func(cfg *Config) { cfg.Limits.RejectionsPerMessageMax = rejectionsLimit + 1 }},
		{"rejections above the message size", func(cfg *Config) { cfg.Limits.BatchBytesMax = rejectionMessageBytesMax(16) }},
		{"bootnode without peer id", func(cfg *Config) {
			cfg.Bootnodes = []multiaddr.Multiaddr{multiaddr.StringCast("/ip4/127.0.0.1/tcp/4001")}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig(t)
			tt.edit(&cfg)
			if _, err := New(cfg, Handlers{}); !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("error %v, expected %v", err, ErrInvalidConfig)
			}
		})
	}
}

func TestBootnodeIsSelfRejected(t *testing.T) {
	cfg := testConfig(t)
	h := startHost(t, cfg, Handlers{})
	addrs := h.Addrs()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	cfg.Bootnodes = addrs
	cfg.Registry = nil
	if _, err := New(cfg, Handlers{}); !errors.Is(err, ErrInvalidConfig) {
		t.Fatalf("error %v, expected %v", err, ErrInvalidConfig)
	}
}

// mDNS itself is not started in tests, because it multicasts on every
// interface; the handler of discovered peers is tested directly.
func TestMDNSPeerFoundConnects(t *testing.T) {
	a := startHost(t, testConfig(t), Handlers{})
	b := startHost(t, testConfig(t), Handlers{})
	n := &mdnsNotifee{h: a, slots: make(chan struct{}, mdnsDialsMax)}

	foreign := peerInfo(b)
	foreign.Addrs = []multiaddr.Multiaddr{multiaddr.StringCast("/ip4/192.0.2.1/tcp/4001")}
	n.HandlePeerFound(foreign)
	if a.ConnectedTo(b.ID()) {
		t.Fatal("a loopback-only host dialled a non-loopback address found by mDNS")
	}

	n.HandlePeerFound(peerInfo(b))
	if !a.ConnectedTo(b.ID()) {
		t.Fatal("the host did not connect to a peer found by mDNS")
	}
}

func peerInfo(h *Host) peer.AddrInfo {
	return peer.AddrInfo{ID: h.ID(), Addrs: h.host.Addrs()}
}
