package keys

import (
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// FuzzParseKeyFile checks that no key file makes ParseKeyFile, or
// go-ethereum's decryption of a file that ParseKeyFile accepts, panic.
// Run it with: go test ./node/keys -run '^$' -fuzz FuzzParseKeyFile -parallel 1
func FuzzParseKeyFile(f *testing.F) {
	key, err := crypto.GenerateKey()
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(vectorPBKDF2))
	f.Add([]byte(vectorScrypt))
	f.Add([]byte("0x" + hex.EncodeToString(crypto.FromECDSA(key))))
	f.Add([]byte(`{"version":"1","crypto":{"cipher":"aes-128-cbc","ciphertext":"00","cipherparams":{"iv":"00"},"kdf":"scrypt","kdfparams":{}}}`))
	f.Add([]byte(`{"encseed":"00"}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		kf, err := ParseKeyFile(data)
		if err != nil {
			return
		}
		if kf.Format == FormatKeystore && cheapKDF(data) {
			// Any error is fine; a panic fails the fuzz run.
			_, _, _ = decryptKeyFile(data, "fuzz")
		}
	})
}

// cheapKDF reports whether a key file's derivation takes little enough
// time to run on every fuzz input.
func cheapKDF(data []byte) bool {
	var file struct {
		Crypto struct {
			KDFParams map[string]any `json:"kdfparams"`
		} `json:"crypto"`
	}
	if json.Unmarshal(data, &file) != nil {
		return false
	}
	for name, limit := range map[string]float64{"n": 1 << 10, "r": 8, "p": 4, "c": 1 << 10} {
		if value, ok := file.Crypto.KDFParams[name].(float64); ok && value > limit {
			return false
		}
	}
	return true
}
