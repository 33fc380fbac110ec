package devchain

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/btcsuite/btcd/btcutil/hdkeychain"
	"github.com/btcsuite/btcd/chaincfg"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/tyler-smith/go-bip39"
)

// TestMnemonic is the published development mnemonic that Hardhat, Foundry
// and Ganache also use. Its keys are public: never send real funds to them.
const TestMnemonic = "test test test test test test test test test test test junk"

// AccountsMax is the maximum number of development accounts derived and
// funded by one chain.
const AccountsMax = 100

// Account is a development account derived from a mnemonic.
type Account struct {
	Address common.Address
	Key     *ecdsa.PrivateKey
	// Path is the BIP-32 derivation path, m/44'/60'/0'/0/index.
	Path string
}

// DeriveAccounts derives the first count accounts of the mnemonic (with an
// empty BIP-39 passphrase) at m/44'/60'/0'/0/i, the path MetaMask and
// Hardhat use, so the same mnemonic imported into a wallet shows the same
// addresses.
func DeriveAccounts(mnemonic string, count int) ([]Account, error) {
	if count < 0 || count > AccountsMax {
		return nil, fmt.Errorf("%w: account count %d is outside 0..%d", ErrInvalidConfig, count, AccountsMax)
	}
	seed, err := bip39.NewSeedWithErrorChecking(mnemonic, "")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidMnemonic, err)
	}
	parent, err := deriveExternalChain(seed)
	if err != nil {
		return nil, err
	}
	accounts := make([]Account, 0, count)
	for index := range count {
		account, err := deriveAccount(parent, uint32(index))
		if err != nil {
			return nil, err
		}
		accounts = append(accounts, account)
	}
	return accounts, nil
}

// deriveExternalChain returns the extended key at m/44'/60'/0'/0.
func deriveExternalChain(seed []byte) (*hdkeychain.ExtendedKey, error) {
	key, err := hdkeychain.NewMaster(seed, &chaincfg.MainNetParams)
	if err != nil {
		return nil, fmt.Errorf("devchain: derive master key: %w", err)
	}
	path := []uint32{
		hdkeychain.HardenedKeyStart + 44,
		hdkeychain.HardenedKeyStart + 60,
		hdkeychain.HardenedKeyStart + 0,
		0,
	}
	for _, child := range path {
		key, err = key.Derive(child)
		if err != nil {
			return nil, fmt.Errorf("devchain: derive key at child %d: %w", child, err)
		}
	}
	return key, nil
}

func deriveAccount(parent *hdkeychain.ExtendedKey, index uint32) (Account, error) {
	child, err := parent.Derive(index)
	if err != nil {
		return Account{}, fmt.Errorf("devchain: derive account %d: %w", index, err)
	}
	btcKey, err := child.ECPrivKey()
	if err != nil {
		return Account{}, fmt.Errorf("devchain: private key of account %d: %w", index, err)
	}
	key, err := crypto.ToECDSA(btcKey.Serialize())
	if err != nil {
		return Account{}, fmt.Errorf("devchain: convert key of account %d: %w", index, err)
	}
	return Account{
		Address: crypto.PubkeyToAddress(key.PublicKey),
		Key:     key,
		Path:    fmt.Sprintf("m/44'/60'/0'/0/%d", index),
	}, nil
}
