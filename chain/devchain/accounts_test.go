package devchain

import (
	"encoding/hex"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The first accounts of TestMnemonic as Hardhat and Foundry print them.
var testMnemonicAccounts = []struct {
	address string
	key     string
}{
	{"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"},
	{"0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"},
	{"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"},
}

func TestDeriveAccountsTestMnemonic(t *testing.T) {
	accounts, err := DeriveAccounts(TestMnemonic, len(testMnemonicAccounts))
	if err != nil {
		t.Fatalf("DeriveAccounts: %v", err)
	}
	for i, expected := range testMnemonicAccounts {
		got := accounts[i]
		if got.Address != common.HexToAddress(expected.address) {
			t.Errorf("account %d address = %s, expected %s", i, got.Address, expected.address)
		}
		if key := hex.EncodeToString(crypto.FromECDSA(got.Key)); key != expected.key {
			t.Errorf("account %d key = %s, expected %s", i, key, expected.key)
		}
		if got.Address != crypto.PubkeyToAddress(got.Key.PublicKey) {
			t.Errorf("account %d address %s does not match its key", i, got.Address)
		}
	}
	if accounts[2].Path != "m/44'/60'/0'/0/2" {
		t.Errorf("account 2 path = %q, expected m/44'/60'/0'/0/2", accounts[2].Path)
	}
}

func TestDeriveAccountsRejectsBadInput(t *testing.T) {
	cases := []struct {
		name     string
		mnemonic string
		count    int
		expected error
	}{
		{"bad checksum", "test test test test test test test test test test test test", 1, ErrInvalidMnemonic},
		{"unknown word", "test test test test test test test test test test test thalium", 1, ErrInvalidMnemonic},
		{"empty", "", 1, ErrInvalidMnemonic},
		{"negative count", TestMnemonic, -1, ErrInvalidConfig},
		{"count above maximum", TestMnemonic, AccountsMax + 1, ErrInvalidConfig},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			accounts, err := DeriveAccounts(tc.mnemonic, tc.count)
			if !errors.Is(err, tc.expected) {
				t.Fatalf("DeriveAccounts error = %v, expected %v", err, tc.expected)
			}
			if accounts != nil {
				t.Fatalf("DeriveAccounts returned %d accounts with an error", len(accounts))
			}
		})
	}
}
