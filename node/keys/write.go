package keys

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// keystoreDirMode is the mode of a keystore directory that the package
// creates; geth uses the same.
const keystoreDirMode = 0o700

// Imported is the result of Keystore.Import.
type Imported struct {
	Account
	// Reencrypted is set when a keystore JSON file had no address field.
	// Such a file is invisible to geth's and this package's scans, so the
	// key was stored encrypted again, with the same passphrase and the
	// keystore's scrypt parameters, instead of copied as is.
	Reencrypted bool
}

// NewAccount generates a key and stores it encrypted with passphrase.
func (ks *Keystore) NewAccount(passphrase string) (Account, error) {
	if passphrase == "" {
		return Account{}, fmt.Errorf("%w: choose a passphrase for the new key file", ErrEmptyPassphrase)
	}
	private, err := crypto.GenerateKey()
	if err != nil {
		return Account{}, fmt.Errorf("keys: generate key: %w", err)
	}
	defer wipeKey(private)

	id, err := uuid.NewRandom()
	if err != nil {
		return Account{}, fmt.Errorf("keys: generate key id: %w", err)
	}
	return ks.encryptAndStore(&keystore.Key{Id: id, Address: crypto.PubkeyToAddress(private.PublicKey), PrivateKey: private}, passphrase)
}

// Import adds a parsed key file to the keystore. A keystore JSON file must
// decrypt with passphrase and is then copied byte for byte. A hex private
// key is encrypted with passphrase. Import rejects an address the keystore
// already holds.
func (ks *Keystore) Import(kf *KeyFile, passphrase string) (Imported, error) {
	if kf.Address != (common.Address{}) {
		if err := ks.CheckAbsent(kf.Address); err != nil {
			return Imported{}, err
		}
	}
	switch kf.Format {
	case FormatHexKey:
		return ks.importHexKey(kf, passphrase)
	case FormatKeystore:
		return ks.importKeystoreJSON(kf, passphrase)
	default:
		return Imported{}, fmt.Errorf("%w: unknown format %v", ErrInvalidKeyFile, kf.Format)
	}
}

func (ks *Keystore) importHexKey(kf *KeyFile, passphrase string) (Imported, error) {
	if passphrase == "" {
		return Imported{}, fmt.Errorf("%w: choose a passphrase to encrypt the imported key", ErrEmptyPassphrase)
	}
	id, err := uuid.NewRandom()
	if err != nil {
		return Imported{}, fmt.Errorf("keys: generate key id: %w", err)
	}
	account, err := ks.encryptAndStore(&keystore.Key{Id: id, Address: kf.Address, PrivateKey: kf.key}, passphrase)
	return Imported{Account: account}, err
}

func (ks *Keystore) importKeystoreJSON(kf *KeyFile, passphrase string) (Imported, error) {
	key, header, err := decryptKeyFile(kf.data, passphrase)
	if err != nil {
		return Imported{}, err
	}
	defer wipeKey(key.PrivateKey)

	if header.address != (common.Address{}) {
		account, err := ks.store(key.Address, kf.data)
		return Imported{Account: account}, err
	}
	// Without an address field the address is known only now.
	if err := ks.CheckAbsent(key.Address); err != nil {
		return Imported{}, err
	}
	account, err := ks.encryptAndStore(key, passphrase)
	return Imported{Account: account, Reencrypted: true}, err
}

// CheckAbsent returns ErrAccountExists, with the file, when the keystore
// holds a key file for address. Import checks too; calling CheckAbsent
// first avoids asking for a passphrase that would not be used.
func (ks *Keystore) CheckAbsent(address common.Address) error {
	listing, err := ks.List()
	if err != nil {
		return err
	}
	for _, account := range listing.Accounts {
		if account.Address == address {
			return fmt.Errorf("%w: %s is in %s", ErrAccountExists, address, account.File)
		}
	}
	return nil
}

// Export returns the key file of address encrypted again with
// newPassphrase and the keystore's scrypt parameters. The key keeps its id.
func (ks *Keystore) Export(address common.Address, passphrase, newPassphrase string) ([]byte, error) {
	if newPassphrase == "" {
		return nil, fmt.Errorf("%w: choose a passphrase for the exported key file", ErrEmptyPassphrase)
	}
	_, key, err := ks.decryptAccount(address, passphrase)
	if err != nil {
		return nil, err
	}
	defer wipeKey(key.PrivateKey)

	data, err := keystore.EncryptKey(key, newPassphrase, ks.kdf.ScryptN, ks.kdf.ScryptP)
	if err != nil {
		return nil, fmt.Errorf("keys: encrypt key of %s: %w", address, err)
	}
	return data, nil
}

// ReadKeyFile returns the key file of address as it is stored.
func (ks *Keystore) ReadKeyFile(address common.Address) (Account, []byte, error) {
	account, err := ks.Find(address)
	if err != nil {
		return Account{}, nil, err
	}
	data, err := readFileBounded(account.File, KeyFileBytesMax, ErrInvalidKeyFile)
	if err != nil {
		return Account{}, nil, fmt.Errorf("keys: read key file of %s: %w", address, err)
	}
	return account, data, nil
}

// decryptAccount finds the key file of address and decrypts it.
func (ks *Keystore) decryptAccount(address common.Address, passphrase string) (Account, *keystore.Key, error) {
	account, data, err := ks.ReadKeyFile(address)
	if err != nil {
		return Account{}, nil, err
	}
	key, _, err := decryptKeyFile(data, passphrase)
	if err != nil {
		return Account{}, nil, fmt.Errorf("key file %s: %w", account.File, err)
	}
	// The address field matched the key, but check what was requested too.
	if key.Address != address {
		wipeKey(key.PrivateKey)
		return Account{}, nil, fmt.Errorf("%w: key file %s decrypts to %s, not %s", ErrAddressMismatch, account.File, key.Address, address)
	}
	return account, key, nil
}

// decryptKeyFile checks a keystore JSON file, decrypts it with go-ethereum
// and checks that its address field, if any, matches the key.
func decryptKeyFile(data []byte, passphrase string) (*keystore.Key, keyHeader, error) {
	header, err := checkKeyJSON(data)
	if err != nil {
		return nil, header, err
	}
	key, err := keystore.DecryptKey(data, passphrase)
	if errors.Is(err, keystore.ErrDecrypt) {
		return nil, header, fmt.Errorf("%w: the MAC computed from it does not match the file's", ErrWrongPassphrase)
	}
	if err != nil {
		return nil, header, fmt.Errorf("%w: %v", ErrInvalidKeyFile, err)
	}
	if header.address != (common.Address{}) && header.address != key.Address {
		wipeKey(key.PrivateKey)
		return nil, header, fmt.Errorf("%w: the address field is %s but the key is for %s", ErrAddressMismatch, header.address, key.Address)
	}
	return key, header, nil
}

func (ks *Keystore) encryptAndStore(key *keystore.Key, passphrase string) (Account, error) {
	data, err := keystore.EncryptKey(key, passphrase, ks.kdf.ScryptN, ks.kdf.ScryptP)
	if err != nil {
		return Account{}, fmt.Errorf("keys: encrypt key of %s: %w", key.Address, err)
	}
	return ks.store(key.Address, data)
}

// store writes a key file under geth's name for address, creating the
// keystore directory if needed.
func (ks *Keystore) store(address common.Address, data []byte) (Account, error) {
	if err := os.MkdirAll(ks.dir, keystoreDirMode); err != nil {
		return Account{}, fmt.Errorf("keys: create keystore directory: %w", err)
	}
	path := filepath.Join(ks.dir, keyFileName(address, time.Now().UTC()))
	if err := WriteFile(path, data, false); err != nil {
		return Account{}, err
	}
	return Account{Address: address, File: path}, nil
}

// keyFileName returns geth's name for a key file made at t (in UTC):
// UTC--<ISO 8601 time with dashes for colons>--<address in lowercase hex>.
func keyFileName(address common.Address, t time.Time) string {
	return fmt.Sprintf("UTC--%04d-%02d-%02dT%02d-%02d-%02d.%09dZ--%x",
		t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), address[:])
}

// WriteFile writes data to path with mode 0600. It writes a hidden
// temporary file beside path, syncs it, moves it into place and syncs the
// directory, so path never holds a partial file and a key file survives a
// crash. Unless replace is set, an existing path is an error. The
// directory must exist.
func WriteFile(path string, data []byte, replace bool) error {
	if _, err := os.Lstat(path); err == nil && !replace {
		return fmt.Errorf("%w: %s", ErrFileExists, path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("keys: check %s: %w", path, err)
	}

	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*") // mode 0600
	if err != nil {
		return fmt.Errorf("keys: create temporary file beside %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after a rename

	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("keys: write %s: %w", path, err)
	}
	if err := moveIntoPlace(tmp.Name(), path, replace); err != nil {
		return err
	}
	return syncDir(dir)
}

// moveIntoPlace renames tmp to path. Without replace it links tmp to path
// instead, which fails if path exists, even one created since WriteFile's
// check. On a file system without hard links it falls back to a rename,
// which would replace such a file.
func moveIntoPlace(tmp, path string, replace bool) error {
	if !replace {
		err := os.Link(tmp, path)
		if err == nil {
			return nil // the deferred Remove drops the temporary name
		}
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%w: %s", ErrFileExists, path)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("keys: move %s into place: %w", path, err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("keys: open directory %s to sync it: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("keys: sync directory %s: %w", dir, err)
	}
	return nil
}
