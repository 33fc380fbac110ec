package keys

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The Web3 Secret Storage test vectors, copied from go-ethereum v1.17.10's
// accounts/keystore/testdata/v3_test_vector.json. Neither file has an
// address field.
const (
	vectorPassphrase = "testpassword"
	vectorPrivateKey = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d"
	vectorPBKDF2     = `{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
		"ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
		"kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
		"mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
	vectorScrypt = `{"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
		"ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
		"kdfparams":{"dklen":32,"n":262144,"r":1,"p":8,"salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
		"mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},"id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}`
)

// vectorVersion1 is go-ethereum v1.17.10's accounts/keystore/testdata/
// v1_test_vector.json: a version 1 file with AES-CBC, a capitalized
// "Crypto" field and an address field.
const (
	vectorVersion1 = `{"Crypto":{"cipher":"aes-128-cbc","cipherparams":{"iv":"35337770fc2117994ecdcad026bccff4"},
		"ciphertext":"6143d3192db8b66eabd693d9c4e414dcfaee52abda451af79ccf474dafb35f1bfc7ea013aa9d2ee35969a1a2e8d752d0","kdf":"scrypt",
		"kdfparams":{"dklen":32,"n":262144,"p":1,"r":8,"salt":"9afcddebca541253a2f4053391c673ff9fe23097cd8555d149d929e4ccf1257f"},
		"mac":"3f3d5af884b17a100b0b3232c0636c230a54dc2ac8d986227219b0dd89197644","version":"1"},
		"address":"cb61d5a9c4896fb9658090b597ef0e7be6f7b67e","id":"e25f7c1f-d318-4f29-b62c-687190d4d299","version":"1"}`
	vectorVersion1Passphrase = "g"
	vectorVersion1PrivateKey = "d1b1178d3529626a1a93e073f65028370d14c7eb0936eb42abef05db6f37ad7d"
)

func TestDecryptTestVectors(t *testing.T) {
	cases := []struct {
		name, file, passphrase, privateKey string
		address                            common.Address
		slow                               bool
	}{
		{"pbkdf2", vectorPBKDF2, vectorPassphrase, vectorPrivateKey, common.Address{}, false},
		{"scrypt", vectorScrypt, vectorPassphrase, vectorPrivateKey, common.Address{}, true},
		{"version 1", vectorVersion1, vectorVersion1Passphrase, vectorVersion1PrivateKey,
			common.HexToAddress("cb61d5a9c4896fb9658090b597ef0e7be6f7b67e"), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slow && testing.Short() {
				t.Skip("scrypt with n = 262144 takes about a second")
			}
			kf, err := ParseKeyFile([]byte(tc.file))
			if err != nil {
				t.Fatalf("ParseKeyFile: %v", err)
			}
			if kf.Format != FormatKeystore || kf.Address != tc.address {
				t.Fatalf("parsed as %v with address %s, expected keystore JSON with address %s", kf.Format, kf.Address, tc.address)
			}
			key, _, err := decryptKeyFile([]byte(tc.file), tc.passphrase)
			if err != nil {
				t.Fatalf("decrypt: %v", err)
			}
			if got := hex.EncodeToString(crypto.FromECDSA(key.PrivateKey)); got != tc.privateKey {
				t.Fatalf("decrypted key %s, expected %s", got, tc.privateKey)
			}
			// One more slow derivation would double the test's time.
			if tc.slow {
				return
			}
			if _, _, err := decryptKeyFile([]byte(tc.file), "wrong"); !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("decrypt with a wrong passphrase: %v", err)
			}
		})
	}
}

func TestParseKeyFileHexKey(t *testing.T) {
	key := newTestKey(t)
	digits := hex.EncodeToString(crypto.FromECDSA(key))
	want := crypto.PubkeyToAddress(key.PublicKey)
	for _, text := range []string{digits, "0x" + digits + "\n", "  0X" + strings.ToUpper(digits) + "\r\n"} {
		kf, err := ParseKeyFile([]byte(text))
		if err != nil {
			t.Fatalf("ParseKeyFile(%q): %v", text, err)
		}
		if kf.Format != FormatHexKey || kf.Address != want {
			t.Fatalf("ParseKeyFile(%q) = %v for %s, expected a hex key for %s", text, kf.Format, kf.Address, want)
		}
		words := kf.key.D.Bits()
		kf.Wipe()
		if kf.key.D.Sign() != 0 || slices.ContainsFunc(words, func(w big.Word) bool { return w != 0 }) {
			t.Fatal("Wipe left the private key in memory")
		}
	}
}

func TestParseKeyFileKeystore(t *testing.T) {
	key := newTestKey(t)
	data := encryptTestKey(t, key, "pass")
	kf, err := ParseKeyFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if kf.Format != FormatKeystore || kf.Address != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("parsed as %v for %s", kf.Format, kf.Address)
	}
	if !bytes.Equal(kf.data, data) {
		t.Fatal("ParseKeyFile did not keep the file's bytes")
	}
}

func TestParseKeyFileRejects(t *testing.T) {
	valid := encryptTestKey(t, newTestKey(t), "pass")
	curveOrder := crypto.S256().Params().N
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", []byte(" \n"), ErrInvalidKeyFile},
		{"too large", bytes.Repeat([]byte(" "), KeyFileBytesMax+1), ErrInvalidKeyFile},
		{"short hex", []byte("0xabcdef"), ErrInvalidKeyFile},
		{"not hex", []byte(strings.Repeat("zz", 32)), ErrInvalidKeyFile},
		{"zero key", []byte(strings.Repeat("0", 64)), ErrInvalidKeyFile},
		{"key at curve order", []byte(fmt.Sprintf("%064x", curveOrder)), ErrInvalidKeyFile},
		{"broken JSON", []byte(`{"crypto":`), ErrInvalidKeyFile},
		{"presale wallet", []byte(`{"encseed":"00","ethaddr":"00","email":"","btcaddr":""}`), ErrUnsupportedKeyFile},
		{"no version", editJSON(t, valid, func(f map[string]any) { delete(f, "version") }), ErrInvalidKeyFile},
		{"version 2", editJSON(t, valid, func(f map[string]any) { f["version"] = 2 }), ErrUnsupportedKeyFile},
		{"bad id", editJSON(t, valid, func(f map[string]any) { f["id"] = "x" }), ErrInvalidKeyFile},
		{"bad address", editJSON(t, valid, func(f map[string]any) { f["address"] = "0x12" }), ErrInvalidKeyFile},
		{"no crypto", editJSON(t, valid, func(f map[string]any) { delete(f, "crypto") }), ErrInvalidKeyFile},
		{"cipher", editJSON(t, valid, func(f map[string]any) { cryptoSection(f)["cipher"] = "aes-256-gcm" }), ErrUnsupportedKeyFile},
		{"short iv", editJSON(t, valid, func(f map[string]any) { cryptoSection(f)["cipherparams"] = map[string]any{"iv": "00"} }), ErrInvalidKeyFile},
		{"short mac", editJSON(t, valid, func(f map[string]any) { cryptoSection(f)["mac"] = "00" }), ErrInvalidKeyFile},
		{"no ciphertext", editJSON(t, valid, func(f map[string]any) { delete(cryptoSection(f), "ciphertext") }), ErrInvalidKeyFile},
		{"kdf", editJSON(t, valid, func(f map[string]any) { cryptoSection(f)["kdf"] = "argon2id" }), ErrUnsupportedKeyFile},
		{"no salt", editJSON(t, valid, func(f map[string]any) { delete(kdfParams(f), "salt") }), ErrInvalidKeyFile},
		{"short dklen", editJSON(t, valid, func(f map[string]any) { kdfParams(f)["dklen"] = 16 }), ErrInvalidKeyFile},
		{"no n", editJSON(t, valid, func(f map[string]any) { delete(kdfParams(f), "n") }), ErrInvalidKeyFile},
		{"n not a power of two", editJSON(t, valid, func(f map[string]any) { kdfParams(f)["n"] = 1000 }), ErrInvalidKeyFile},
		{"fractional r", editJSON(t, valid, func(f map[string]any) { kdfParams(f)["r"] = 1.5 }), ErrInvalidKeyFile},
		{"scrypt memory", editJSON(t, valid, func(f map[string]any) { kdfParams(f)["n"] = 1 << 30 }), ErrKDFTooCostly},
		{"scrypt p", editJSON(t, valid, func(f map[string]any) { kdfParams(f)["p"] = 1 << 20 }), ErrKDFTooCostly},
		{"pbkdf2 iterations", editJSON(t, []byte(vectorPBKDF2), func(f map[string]any) { kdfParams(f)["c"] = 1e12 }), ErrKDFTooCostly},
		{"pbkdf2 prf", editJSON(t, []byte(vectorPBKDF2), func(f map[string]any) { kdfParams(f)["prf"] = "hmac-md5" }), ErrUnsupportedKeyFile},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseKeyFile(tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("ParseKeyFile error %v, expected %v", err, tc.want)
			}
			if strings.Contains(string(tc.data), vectorPrivateKey) || strings.Contains(err.Error(), strings.Repeat("0", 64)) {
				t.Fatalf("error %q shows key material", err)
			}
		})
	}
}

func TestParseKeyFileVersion1(t *testing.T) {
	// A version 1 file has AES-CBC ciphertext; a partial block would make
	// go-ethereum's decrypter panic.
	v1 := editJSON(t, encryptTestKey(t, newTestKey(t), "pass"), func(f map[string]any) {
		f["version"] = "1"
		cryptoSection(f)["ciphertext"] = strings.Repeat("ab", 20)
	})
	if _, err := ParseKeyFile(v1); !errors.Is(err, ErrInvalidKeyFile) {
		t.Fatalf("version 1 file with a partial AES block: %v", err)
	}
	whole := editJSON(t, v1, func(f map[string]any) { cryptoSection(f)["ciphertext"] = strings.Repeat("ab", 32) })
	if _, err := ParseKeyFile(whole); err != nil {
		t.Fatalf("version 1 file with whole AES blocks: %v", err)
	}
}
