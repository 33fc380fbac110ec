package chain

import (
	"slices"
	"strings"
)

// Network describes an EVM network that has a name in the node.
type Network struct {
	// ChainID is the EIP-155 chain id.
	ChainID uint64
	// Name is the short lower-case name accepted in place of the chain id
	// in an endpoint setting, such as "sepolia".
	Name string
	// Title is the human-facing name, such as "BNB Smart Chain".
	Title string
	// NativeSymbol is the symbol of the coin that pays for gas.
	NativeSymbol string
	// Testnet is true for test networks, whose coins have no value.
	Testnet bool
	// Confirmations is the default number of blocks on top of a block
	// (the block itself counts as one) before the node treats its deposits
	// and settlements as final.
	Confirmations uint64
}

// NOTE: the default confirmation counts are conventional choices for an
// exchange, not finality guarantees of the networks. Ethereum finalizes a
// block after two epochs (64 blocks); operators override these in config.
var knownNetworks = []Network{
	{ChainID: 1, Name: "ethereum", Title: "Ethereum", NativeSymbol: "ETH", Confirmations: 12},
	{ChainID: 56, Name: "bsc", Title: "BNB Smart Chain", NativeSymbol: "BNB", Confirmations: 15},
	{ChainID: 97, Name: "bsc-testnet", Title: "BNB Smart Chain testnet", NativeSymbol: "tBNB", Testnet: true, Confirmations: 15},
	{ChainID: 137, Name: "polygon", Title: "Polygon PoS", NativeSymbol: "POL", Confirmations: 64},
	{ChainID: 80002, Name: "amoy", Title: "Polygon Amoy testnet", NativeSymbol: "POL", Testnet: true, Confirmations: 64},
	{ChainID: 11155111, Name: "sepolia", Title: "Sepolia testnet", NativeSymbol: "ETH", Testnet: true, Confirmations: 12},
}

// DefaultConfirmations is the confirmation count used for a chain id that
// is not a known network, such as a development chain.
const DefaultConfirmations = 1

// KnownNetworks returns the networks that have a name, ordered by chain
// id. The slice is a copy.
func KnownNetworks() []Network {
	return slices.Clone(knownNetworks)
}

// LookupNetwork returns the known network with the chain id, and false if
// the chain id is not a known network.
func LookupNetwork(chainID uint64) (Network, bool) {
	for _, n := range knownNetworks {
		if n.ChainID == chainID {
			return n, true
		}
	}
	return Network{}, false
}

// LookupNetworkName returns the known network with the name, compared
// without regard to case, and false if no known network has that name.
func LookupNetworkName(name string) (Network, bool) {
	for _, n := range knownNetworks {
		if strings.EqualFold(n.Name, name) {
			return n, true
		}
	}
	return Network{}, false
}

// NetworkFor returns the known network with the chain id, or for an unknown
// chain id a Network named "chain-<id>" with DefaultConfirmations.
func NetworkFor(chainID uint64) Network {
	if n, ok := LookupNetwork(chainID); ok {
		return n
	}
	return Network{
		ChainID:       chainID,
		Name:          "chain-" + formatUint(chainID),
		Title:         "chain " + formatUint(chainID),
		NativeSymbol:  "ETH",
		Confirmations: DefaultConfirmations,
	}
}
