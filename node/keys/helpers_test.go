package keys

import (
	"crypto/ecdsa"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// testKDF keeps tests fast; reading a key file uses the parameters in it.
var testKDF = KDF{ScryptN: 1 << 4, ScryptP: 1}

func newTestKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// encryptTestKey returns a version 3 keystore file of key made by
// go-ethereum's keystore.EncryptKey.
func encryptTestKey(t *testing.T, key *ecdsa.PrivateKey, passphrase string) []byte {
	t.Helper()
	data, err := keystore.EncryptKey(&keystore.Key{Id: uuid.New(), Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: key},
		passphrase, testKDF.ScryptN, testKDF.ScryptP)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// editJSON decodes a keystore file, lets edit change it and encodes it.
func editJSON(t *testing.T, data []byte, edit func(file map[string]any)) []byte {
	t.Helper()
	var file map[string]any
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	edit(file)
	out, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func cryptoSection(file map[string]any) map[string]any {
	return file["crypto"].(map[string]any)
}

func kdfParams(file map[string]any) map[string]any {
	return cryptoSection(file)["kdfparams"].(map[string]any)
}

// dirNames lists the names in dir, or nil when it does not exist.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, entry := range entries {
		names = append(names, entry.Name())
	}
	return names
}

func assertDirUnchanged(t *testing.T, dir string, before []string) {
	t.Helper()
	if after := dirNames(t, dir); !slices.Equal(before, after) {
		t.Fatalf("directory %s changed from %q to %q", dir, before, after)
	}
}

func writeTestFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func openTestKeystore(t *testing.T) *Keystore {
	t.Helper()
	ks, err := Open(filepath.Join(t.TempDir(), "keystore"), testKDF)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}
