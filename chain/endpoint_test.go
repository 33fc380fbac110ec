package chain

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseEndpointAccepted(t *testing.T) {
	cases := []struct {
		setting string
		chainID uint64
		url     string
		ws      bool
	}{
		{"1=https://eth.example/v3/key", 1, "https://eth.example/v3/key", false},
		{"56=wss://bsc.example", 56, "wss://bsc.example", true},
		{" 137=http://127.0.0.1:8545 ", 137, "http://127.0.0.1:8545", false},
		{"sepolia=ws://127.0.0.1:8546", 11155111, "ws://127.0.0.1:8546", true},
		{"Amoy=https://amoy.example", 80002, "https://amoy.example", false},
		{"bsc-testnet=https://bsc-testnet.example", 97, "https://bsc-testnet.example", false},
		{"31337=http://localhost:8545", 31337, "http://localhost:8545", false},
	}
	for _, tc := range cases {
		t.Run(tc.setting, func(t *testing.T) {
			endpoint, err := ParseEndpoint(tc.setting)
			if err != nil {
				t.Fatalf("ParseEndpoint(%q): %v", tc.setting, err)
			}
			if endpoint.ChainID != tc.chainID {
				t.Errorf("chain id = %d, expected %d", endpoint.ChainID, tc.chainID)
			}
			if endpoint.URL != tc.url {
				t.Errorf("URL = %q, expected %q", endpoint.URL, tc.url)
			}
			if endpoint.WebSocket() != tc.ws {
				t.Errorf("WebSocket() = %v, expected %v", endpoint.WebSocket(), tc.ws)
			}
		})
	}
}

func TestParseEndpointRejected(t *testing.T) {
	cases := []struct {
		setting string
		mention string
	}{
		{"https://eth.example", "has no '='"},
		{"0=https://eth.example", `chain id "0"`},
		{"-1=https://eth.example", `chain id "-1"`},
		{"mainnet=https://eth.example", `chain id "mainnet"`},
		{"0x1=https://eth.example", `chain id "0x1"`},
		{"18446744073709551616=https://eth.example", "18446744073709551616"},
		{"1=ftp://eth.example", `scheme "ftp"`},
		{"1=eth.example:8545", "scheme"},
		{"1=http://", "has no host"},
		{"1=", "scheme"},
	}
	for _, tc := range cases {
		t.Run(tc.setting, func(t *testing.T) {
			_, err := ParseEndpoint(tc.setting)
			if !errors.Is(err, ErrInvalidEndpoint) {
				t.Fatalf("ParseEndpoint(%q) error = %v, expected ErrInvalidEndpoint", tc.setting, err)
			}
			if !strings.Contains(err.Error(), tc.mention) {
				t.Fatalf("error %q does not mention %q", err, tc.mention)
			}
		})
	}
}

func TestParseEndpointsRejectsDuplicateChain(t *testing.T) {
	_, err := ParseEndpoints([]string{"1=https://a.example", "ethereum=https://b.example"})
	if !errors.Is(err, ErrDuplicateChain) {
		t.Fatalf("error = %v, expected ErrDuplicateChain", err)
	}
}

func TestParseEndpointsRejectsTooMany(t *testing.T) {
	settings := make([]string, EndpointsMax+1)
	for i := range settings {
		settings[i] = fmt.Sprintf("%d=http://127.0.0.1:8545", i+1)
	}
	if _, err := ParseEndpoints(settings[:EndpointsMax]); err != nil {
		t.Fatalf("%d endpoints: %v", EndpointsMax, err)
	}
	if _, err := ParseEndpoints(settings); !errors.Is(err, ErrTooManyEndpoints) {
		t.Fatalf("%d endpoints: error = %v, expected ErrTooManyEndpoints", len(settings), err)
	}
}

func TestRedactedHidesCredentials(t *testing.T) {
	cases := []struct {
		url      string
		redacted string
	}{
		{"https://mainnet.example/v3/0123456789abcdef", "https://mainnet.example/..."},
		{"wss://user:secret@bsc.example", "wss://bsc.example/..."},
		{"https://polygon.example/?apikey=secret", "https://polygon.example/..."},
		{"http://127.0.0.1:8545", "http://127.0.0.1:8545"},
		{"http://127.0.0.1:8545/", "http://127.0.0.1:8545"},
	}
	for _, tc := range cases {
		endpoint := Endpoint{ChainID: 1, URL: tc.url}
		if got := endpoint.Redacted(); got != tc.redacted {
			t.Errorf("Redacted(%q) = %q, expected %q", tc.url, got, tc.redacted)
		}
	}
	_, err := ParseEndpoint("1=ftp://user:secret@eth.example/key")
	if err == nil || strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "key") {
		t.Fatalf("error %v leaks the URL's credentials", err)
	}
}
