package devchain

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/rpc"
)

func TestNetVersionMatchesChainID(t *testing.T) {
	c := startChain(t, Config{ChainID: 31337, Manual: true})
	client, err := rpc.DialContext(context.Background(), c.HTTPURL())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer client.Close()
	var version string
	if err := client.Call(&version, "net_version"); err != nil {
		t.Fatalf("net_version: %v", err)
	}
	if version != "31337" {
		t.Fatalf("net_version = %q, expected 31337 like eth_chainId", version)
	}
}

func TestBrowserOriginAllowed(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	body := strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}`)
	request, err := http.NewRequest(http.MethodPost, c.HTTPURL(), body)
	if err != nil {
		t.Fatalf("NewRequest: %v", err)
	}
	request.Header.Set("Content-Type", "application/json")
	request.Header.Set("Origin", "http://localhost:5173")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, expected 200", response.StatusCode)
	}
	if allowed := response.Header.Get("Access-Control-Allow-Origin"); allowed != "*" && allowed != "http://localhost:5173" {
		t.Fatalf("Access-Control-Allow-Origin = %q, expected the dApp's origin to be allowed", allowed)
	}
}

func TestServersListenOnLoopback(t *testing.T) {
	c := startChain(t, Config{ChainID: 1337, Manual: true})
	for _, url := range []string{c.HTTPURL(), c.WSURL()} {
		if !strings.Contains(url, "://127.0.0.1:") {
			t.Fatalf("server URL %q is not on 127.0.0.1", url)
		}
	}
}

func TestSeparateWebSocketPort(t *testing.T) {
	wsPort := freePort(t)
	c := startChain(t, Config{ChainID: 1337, Manual: true, WSPort: wsPort})
	if portOf(t, c.WSURL()) != wsPort {
		t.Fatalf("WebSocket URL %s, expected port %d", c.WSURL(), wsPort)
	}
	if portOf(t, c.HTTPURL()) == wsPort {
		t.Fatalf("HTTP URL %s shares the WebSocket port", c.HTTPURL())
	}
	client := dial(t, c.WSURL())
	if _, err := client.ChainID(context.Background()); err != nil {
		t.Fatalf("ChainID over WebSocket: %v", err)
	}
}
