package chain_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/thaliumx/thaliumx/chain"
	"github.com/thaliumx/thaliumx/chain/devchain"
)

func startDevChain(t *testing.T, chainID uint64) *devchain.Chain {
	t.Helper()
	c, err := devchain.Start(devchain.Config{ChainID: chainID, Manual: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("start dev chain %d: %v", chainID, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestDialChecksChainID(t *testing.T) {
	dev := startDevChain(t, 1337)
	for _, url := range []string{dev.HTTPURL(), dev.WSURL()} {
		client, err := chain.Dial(context.Background(), chain.Endpoint{ChainID: 1337, URL: url})
		if err != nil {
			t.Fatalf("Dial %s: %v", url, err)
		}
		head, err := client.Eth().BlockNumber(context.Background())
		if err != nil {
			t.Fatalf("BlockNumber over %s: %v", url, err)
		}
		if head != 0 {
			t.Fatalf("head = %d on a fresh manual chain, expected 0", head)
		}
		client.Close()
	}
}

func TestDialRejectsChainIDMismatch(t *testing.T) {
	dev := startDevChain(t, 1337)
	_, err := chain.Dial(context.Background(), chain.Endpoint{ChainID: 1, URL: dev.HTTPURL()})
	if !errors.Is(err, chain.ErrChainIDMismatch) {
		t.Fatalf("Dial error = %v, expected ErrChainIDMismatch", err)
	}
	for _, mention := range []string{"1337", "chain 1"} {
		if !strings.Contains(err.Error(), mention) {
			t.Errorf("error %q does not mention %q", err, mention)
		}
	}
}

func TestDialUnreachableEndpoint(t *testing.T) {
	// A port that was free a moment ago: nothing listens there.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	url := "http://" + listener.Addr().String()
	listener.Close()

	_, err = chain.Dial(context.Background(), chain.Endpoint{ChainID: 1337, URL: url})
	if !errors.Is(err, chain.ErrDialFailed) {
		t.Fatalf("Dial error = %v, expected ErrDialFailed", err)
	}
}

func TestDialAllTwoChains(t *testing.T) {
	first := startDevChain(t, 1337)
	second := startDevChain(t, 31337)
	clients, err := chain.DialAll(context.Background(), []chain.Endpoint{second.Endpoint(), first.Endpoint()}, nil)
	if err != nil {
		t.Fatalf("DialAll: %v", err)
	}
	defer clients.Close()

	ids := clients.ChainIDs()
	if len(ids) != 2 || ids[0] != 1337 || ids[1] != 31337 {
		t.Fatalf("ChainIDs = %v, expected [1337 31337]", ids)
	}
	for _, id := range ids {
		client, err := clients.Client(id)
		if err != nil {
			t.Fatalf("Client(%d): %v", id, err)
		}
		reported, err := client.Eth().ChainID(context.Background())
		if err != nil {
			t.Fatalf("ChainID: %v", err)
		}
		if reported.Uint64() != id {
			t.Fatalf("client for %d reports chain id %s", id, reported)
		}
	}
	if _, err := clients.Client(1); !errors.Is(err, chain.ErrUnknownChain) {
		t.Fatalf("Client(1) error = %v, expected ErrUnknownChain", err)
	}
}

func TestDialAllFailsWhole(t *testing.T) {
	dev := startDevChain(t, 1337)
	endpoints := []chain.Endpoint{dev.Endpoint(), {ChainID: 56, URL: dev.HTTPURL()}}
	clients, err := chain.DialAll(context.Background(), endpoints, nil)
	if !errors.Is(err, chain.ErrChainIDMismatch) {
		t.Fatalf("DialAll error = %v, expected ErrChainIDMismatch", err)
	}
	if clients != nil {
		t.Fatal("DialAll returned clients with an error")
	}
}
