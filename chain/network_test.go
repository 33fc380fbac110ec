package chain

import "testing"

func TestKnownNetworksChainIDs(t *testing.T) {
	expected := map[string]uint64{
		"ethereum":    1,
		"sepolia":     11155111,
		"bsc":         56,
		"bsc-testnet": 97,
		"polygon":     137,
		"amoy":        80002,
	}
	networks := KnownNetworks()
	if len(networks) != len(expected) {
		t.Fatalf("%d known networks, expected %d", len(networks), len(expected))
	}
	for name, chainID := range expected {
		byName, ok := LookupNetworkName(name)
		if !ok {
			t.Fatalf("network %q not known", name)
		}
		if byName.ChainID != chainID {
			t.Errorf("network %q has chain id %d, expected %d", name, byName.ChainID, chainID)
		}
		byID, ok := LookupNetwork(chainID)
		if !ok || byID.Name != name {
			t.Errorf("LookupNetwork(%d) = %q, %v, expected %q", chainID, byID.Name, ok, name)
		}
		if byID.Confirmations == 0 {
			t.Errorf("network %q has no default confirmations", name)
		}
	}
}

func TestNetworkForUnknownChain(t *testing.T) {
	network := NetworkFor(1337)
	if network.ChainID != 1337 || network.Name != "chain-1337" || network.Confirmations != DefaultConfirmations {
		t.Fatalf("NetworkFor(1337) = %+v", network)
	}
	if _, ok := LookupNetwork(1337); ok {
		t.Fatal("chain 1337 is known, expected unknown")
	}
}

func TestKnownNetworksReturnsCopy(t *testing.T) {
	networks := KnownNetworks()
	networks[0].ChainID = 999
	if n, _ := LookupNetworkName(networks[0].Name); n.ChainID == 999 {
		t.Fatal("changing the returned slice changed the known networks")
	}
}
