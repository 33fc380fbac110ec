package chain

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func FuzzParseEndpoint(f *testing.F) {
	for _, seed := range []string{
		"1=https://eth.example/v3/key", "sepolia=wss://x", "0=http://a", "=", "1=", "a=b=c",
		"56=ws://user:pass@host:1/path?q=1", "18446744073709551615=http://h",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, setting string) {
		endpoint, err := ParseEndpoint(setting)
		if err != nil {
			if !errors.Is(err, ErrInvalidEndpoint) {
				t.Fatalf("ParseEndpoint(%q) error %v does not wrap ErrInvalidEndpoint", setting, err)
			}
			return
		}
		if endpoint.ChainID == 0 {
			t.Fatalf("ParseEndpoint(%q) accepted chain id 0", setting)
		}
		parsed, err := url.Parse(endpoint.URL)
		if err != nil || parsed.Host == "" {
			t.Fatalf("ParseEndpoint(%q) accepted URL %q", setting, endpoint.URL)
		}
		redacted := endpoint.Redacted()
		if parsed.User != nil && strings.Contains(redacted, parsed.User.String()) {
			t.Fatalf("Redacted() = %q keeps the user info of %q", redacted, endpoint.URL)
		}
	})
}
