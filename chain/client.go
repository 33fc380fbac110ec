package chain

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// DialTimeout bounds connecting to one endpoint and reading its chain id.
const DialTimeout = 10 * time.Second

// Client is a connection to one chain whose chain id was checked against
// the configuration when it was dialled.
type Client struct {
	endpoint Endpoint
	network  Network
	rpc      *rpc.Client
	eth      *ethclient.Client
}

// Dial connects to the endpoint, reads eth_chainId and returns an error
// wrapping ErrChainIDMismatch if it differs from endpoint.ChainID, or
// ErrDialFailed if the endpoint cannot be reached within DialTimeout.
func Dial(ctx context.Context, endpoint Endpoint) (*Client, error) {
	ctx, cancel := context.WithTimeout(ctx, DialTimeout)
	defer cancel()

	rpcClient, err := rpc.DialContext(ctx, endpoint.URL)
	if err != nil {
		return nil, fmt.Errorf("%w: chain %d at %s: %w", ErrDialFailed, endpoint.ChainID, endpoint.Redacted(), err)
	}
	client := &Client{
		endpoint: endpoint,
		network:  NetworkFor(endpoint.ChainID),
		rpc:      rpcClient,
		eth:      ethclient.NewClient(rpcClient),
	}
	if err := client.checkChainID(ctx); err != nil {
		rpcClient.Close()
		return nil, err
	}
	return client, nil
}

func (c *Client) checkChainID(ctx context.Context) error {
	reported, err := c.eth.ChainID(ctx)
	if err != nil {
		return fmt.Errorf("%w: chain %d at %s: eth_chainId: %w", ErrDialFailed, c.endpoint.ChainID, c.endpoint.Redacted(), err)
	}
	if !reported.IsUint64() || reported.Uint64() != c.endpoint.ChainID {
		return fmt.Errorf("%w: endpoint %s reports chain id %s but is configured as chain %d: fix the chain id or the URL",
			ErrChainIDMismatch, c.endpoint.Redacted(), reported, c.endpoint.ChainID)
	}
	return nil
}

// ChainID returns the chain id, checked against the endpoint at dial time.
func (c *Client) ChainID() uint64 { return c.endpoint.ChainID }

// Network returns the known network of the chain, or a generic one for an
// unknown chain id.
func (c *Client) Network() Network { return c.network }

// Endpoint returns the endpoint the client was dialled with.
func (c *Client) Endpoint() Endpoint { return c.endpoint }

// Eth returns the typed eth_ client.
func (c *Client) Eth() *ethclient.Client { return c.eth }

// RPC returns the raw JSON-RPC client, for calls ethclient does not wrap.
func (c *Client) RPC() *rpc.Client { return c.rpc }

// Close closes the connection. The client cannot be used afterwards.
func (c *Client) Close() { c.rpc.Close() }

// Clients holds one checked client per configured chain id.
type Clients struct {
	byChainID map[uint64]*Client
	chainIDs  []uint64 // Invariant: sorted, the keys of byChainID.
}

// DialAll dials every endpoint in order. If one fails it closes the clients
// already dialled and returns that endpoint's error, so a node never starts
// with part of its chains.
func DialAll(ctx context.Context, endpoints []Endpoint, logger *slog.Logger) (*Clients, error) {
	if len(endpoints) > EndpointsMax {
		return nil, fmt.Errorf("%w: %d configured, the maximum is %d", ErrTooManyEndpoints, len(endpoints), EndpointsMax)
	}
	clients := &Clients{byChainID: make(map[uint64]*Client, len(endpoints))}
	for _, endpoint := range endpoints {
		if _, ok := clients.byChainID[endpoint.ChainID]; ok {
			clients.Close()
			return nil, fmt.Errorf("%w: chain id %d has two endpoints, keep one", ErrDuplicateChain, endpoint.ChainID)
		}
		client, err := Dial(ctx, endpoint)
		if err != nil {
			clients.Close()
			return nil, err
		}
		clients.byChainID[endpoint.ChainID] = client
		clients.chainIDs = append(clients.chainIDs, endpoint.ChainID)
		if logger != nil {
			logger.Info("chain connected", "chain", endpoint.ChainID, "network", client.network.Title, "url", endpoint.Redacted())
		}
	}
	slices.Sort(clients.chainIDs)
	return clients, nil
}

// Client returns the client for the chain id, or an error wrapping
// ErrUnknownChain.
func (s *Clients) Client(chainID uint64) (*Client, error) {
	client, ok := s.byChainID[chainID]
	if !ok {
		return nil, fmt.Errorf("%w: %d (configured: %v)", ErrUnknownChain, chainID, s.chainIDs)
	}
	return client, nil
}

// ChainIDs returns the configured chain ids in ascending order.
func (s *Clients) ChainIDs() []uint64 { return slices.Clone(s.chainIDs) }

// Close closes every client.
func (s *Clients) Close() {
	for _, client := range s.byChainID {
		client.Close()
	}
}
