package chain

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// EndpointsMax is the maximum number of chain endpoints one node connects
// to at once.
const EndpointsMax = 32

// Endpoint is one configured chain: the chain id the operator expects and
// the JSON-RPC URL that serves it.
type Endpoint struct {
	ChainID uint64
	// URL is an http, https, ws or wss URL. It may carry an API key in its
	// path, query or user info, so print Redacted instead.
	URL string
}

// WebSocket reports whether the endpoint's URL uses ws or wss, which
// supports subscriptions.
func (e Endpoint) WebSocket() bool {
	return strings.HasPrefix(e.URL, "ws://") || strings.HasPrefix(e.URL, "wss://")
}

// Redacted returns the URL with user info, path and query replaced, so that
// an API key never reaches a log line or an error message.
func (e Endpoint) Redacted() string {
	return redactURL(e.URL)
}

// String returns "chainId=redacted URL".
func (e Endpoint) String() string {
	return formatUint(e.ChainID) + "=" + e.Redacted()
}

// ParseEndpoint parses one endpoint setting of the form "chainId=url",
// where chainId is a positive decimal chain id or the name of a known
// network (for example "sepolia=wss://...").
func ParseEndpoint(setting string) (Endpoint, error) {
	idText, rawURL, ok := strings.Cut(strings.TrimSpace(setting), "=")
	if !ok {
		return Endpoint{}, fmt.Errorf("%w: %q has no '=': write chainId=url, for example 11155111=https://rpc.example", ErrInvalidEndpoint, redactSetting(setting))
	}
	chainID, err := parseChainID(idText)
	if err != nil {
		return Endpoint{}, err
	}
	if err := checkURL(rawURL); err != nil {
		return Endpoint{}, err
	}
	return Endpoint{ChainID: chainID, URL: rawURL}, nil
}

// ParseEndpoints parses several endpoint settings and rejects a chain id
// configured twice or more than EndpointsMax settings.
func ParseEndpoints(settings []string) ([]Endpoint, error) {
	if len(settings) > EndpointsMax {
		return nil, fmt.Errorf("%w: %d configured, the maximum is %d", ErrTooManyEndpoints, len(settings), EndpointsMax)
	}
	endpoints := make([]Endpoint, 0, len(settings))
	seen := make(map[uint64]bool, len(settings))
	for _, setting := range settings {
		endpoint, err := ParseEndpoint(setting)
		if err != nil {
			return nil, err
		}
		if seen[endpoint.ChainID] {
			return nil, fmt.Errorf("%w: chain id %d has two endpoints, keep one", ErrDuplicateChain, endpoint.ChainID)
		}
		seen[endpoint.ChainID] = true
		endpoints = append(endpoints, endpoint)
	}
	return endpoints, nil
}

func parseChainID(text string) (uint64, error) {
	text = strings.TrimSpace(text)
	if network, ok := LookupNetworkName(text); ok {
		return network.ChainID, nil
	}
	chainID, err := strconv.ParseUint(text, 10, 64)
	if err != nil || chainID == 0 {
		return 0, fmt.Errorf("%w: chain id %q is neither a positive decimal number nor a known network name (%s)", ErrInvalidEndpoint, text, knownNames())
	}
	return chainID, nil
}

func checkURL(rawURL string) error {
	parsed, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("%w: URL %q does not parse: write an http, https, ws or wss URL", ErrInvalidEndpoint, redactURL(rawURL))
	}
	switch parsed.Scheme {
	case "http", "https", "ws", "wss":
	default:
		return fmt.Errorf("%w: URL %q has scheme %q: use http, https, ws or wss", ErrInvalidEndpoint, redactURL(rawURL), parsed.Scheme)
	}
	if parsed.Host == "" {
		return fmt.Errorf("%w: URL %q has no host", ErrInvalidEndpoint, redactURL(rawURL))
	}
	return nil
}

// redactURL keeps the scheme and host of a URL and replaces anything that
// may hold a credential.
func redactURL(rawURL string) string {
	parsed, err := url.Parse(rawURL)
	if err != nil || parsed.Host == "" {
		return "<unparsable URL>"
	}
	redacted := parsed.Scheme + "://" + parsed.Host
	if parsed.User != nil || (parsed.Path != "" && parsed.Path != "/") || parsed.RawQuery != "" {
		redacted += "/..."
	}
	return redacted
}

func redactSetting(setting string) string {
	if strings.Contains(setting, "://") {
		return redactURL(setting)
	}
	return setting
}

func knownNames() string {
	names := make([]string, 0, len(knownNetworks))
	for _, n := range knownNetworks {
		names = append(names, n.Name)
	}
	return strings.Join(names, ", ")
}

func formatUint(v uint64) string {
	return strconv.FormatUint(v, 10)
}
