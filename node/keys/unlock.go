package keys

import (
	"crypto/ecdsa"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// Key is an unlocked account, ready to sign: with chain/eip712.Sign for
// orders, or with go-ethereum's bind.NewKeyedTransactorWithChainID for
// transactions.
type Key struct {
	Address    common.Address
	File       string // the key file it was decrypted from
	PrivateKey *ecdsa.PrivateKey
}

// Wipe overwrites the private key in memory. The Key cannot sign after it.
func (k *Key) Wipe() {
	wipeKey(k.PrivateKey)
}

// Unlock decrypts the key file of address with passphrase.
func (ks *Keystore) Unlock(address common.Address, passphrase string) (*Key, error) {
	account, key, err := ks.decryptAccount(address, passphrase)
	if err != nil {
		return nil, err
	}
	return &Key{Address: account.Address, File: account.File, PrivateKey: key.PrivateKey}, nil
}

// Unlock loads the key of address from the keystore in dir and decrypts it
// with the passphrase from source. It finds the key file before it reads
// the passphrase, so a missing or ambiguous account fails without a
// prompt. The caller signs with the returned Key and wipes it when done.
func Unlock(dir string, address common.Address, source PassphraseSource) (*Key, error) {
	// The scrypt parameters only matter for writing.
	ks, err := Open(dir, StandardKDF)
	if err != nil {
		return nil, err
	}
	if _, err := ks.Find(address); err != nil {
		return nil, err
	}
	passphrase, err := source.Passphrase(fmt.Sprintf("account %s", address))
	if err != nil {
		return nil, err
	}
	return ks.Unlock(address, passphrase)
}
