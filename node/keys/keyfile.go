package keys

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/google/uuid"
)

// Limits on the key files the package reads.
const (
	// KeyFileBytesMax bounds a key file's size. A keystore file written by
	// geth is about 500 bytes.
	KeyFileBytesMax = 64 << 10

	// scryptMemoryBytesMax bounds the memory of one scrypt derivation,
	// 128 * r * (N + p) bytes. The standard parameters take 256 MiB.
	scryptMemoryBytesMax = 1 << 30

	// scryptPMax bounds scrypt's parallelization parameter, which
	// multiplies its running time. The light parameters use 6.
	scryptPMax = 16

	// pbkdf2IterationsMax bounds the PBKDF2 iteration count. The Web3
	// Secret Storage test vector uses 262,144.
	pbkdf2IterationsMax = 10_000_000

	// derivedKeyBytesMin is the shortest derived key that go-ethereum can
	// use: it takes the AES key from bytes 0-15 and the MAC key from bytes
	// 16-31. A shorter one would make its decoder panic.
	derivedKeyBytesMin = 32
	derivedKeyBytesMax = 64
)

// KeyFormat is the format of a key file given to ParseKeyFile.
type KeyFormat int

const (
	// FormatKeystore is an encrypted Web3 Secret Storage JSON file, version
	// 3 or geth's older version 1.
	FormatKeystore KeyFormat = iota + 1
	// FormatHexKey is an unencrypted private key: 64 hex digits, with an
	// optional 0x prefix and surrounding white space.
	FormatHexKey
)

func (f KeyFormat) String() string {
	switch f {
	case FormatKeystore:
		return "keystore JSON"
	case FormatHexKey:
		return "hex private key"
	default:
		return fmt.Sprintf("KeyFormat(%d)", int(f))
	}
}

// KeyFile is a parsed key file, ready for Keystore.Import.
type KeyFile struct {
	Format KeyFormat
	// Address is the account of the key. It is zero for a keystore JSON
	// file without an address field.
	Address common.Address

	data []byte            // the file's bytes, for FormatKeystore
	key  *ecdsa.PrivateKey // the private key, for FormatHexKey
}

// Wipe overwrites the private key of a hex key file in memory. Call it
// once the file is imported or rejected.
func (kf *KeyFile) Wipe() {
	if kf.key != nil {
		wipeKey(kf.key)
	}
}

// ParseKeyFile parses the contents of a key file: keystore JSON, whose
// structure and key derivation parameters it checks without decrypting,
// or a hex private key. The error never contains key material.
func ParseKeyFile(data []byte) (*KeyFile, error) {
	if len(data) > KeyFileBytesMax {
		return nil, fmt.Errorf("%w: %d bytes, more than the %d a key file may have", ErrInvalidKeyFile, len(data), KeyFileBytesMax)
	}
	text := bytes.TrimSpace(data)
	if len(text) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrInvalidKeyFile)
	}
	if text[0] == '{' {
		header, err := checkKeyJSON(data)
		if err != nil {
			return nil, err
		}
		return &KeyFile{Format: FormatKeystore, Address: header.address, data: data}, nil
	}

	key, err := parseHexKey(text)
	if err != nil {
		return nil, err
	}
	return &KeyFile{Format: FormatHexKey, Address: crypto.PubkeyToAddress(key.PublicKey), key: key}, nil
}

// LoadKeyFile reads and parses the key file at path. Errors name the path.
func LoadKeyFile(path string) (*KeyFile, error) {
	data, err := readFileBounded(path, KeyFileBytesMax, ErrInvalidKeyFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("key file %s does not exist; give the path of a keystore JSON file or of a file holding a hex private key: %w", path, err)
		}
		return nil, fmt.Errorf("read key file: %w", err)
	}
	kf, err := ParseKeyFile(data)
	if kf == nil || kf.Format == FormatHexKey {
		clear(data) // the unencrypted key, or what might be one
	}
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return kf, nil
}

// parseHexKey decodes 64 hex digits with an optional 0x prefix. It works on
// bytes, never a string, so that the caller can wipe the text.
func parseHexKey(text []byte) (*ecdsa.PrivateKey, error) {
	digits := bytes.TrimPrefix(bytes.TrimPrefix(text, []byte("0x")), []byte("0X"))
	if len(digits) != 64 {
		return nil, fmt.Errorf("%w: neither keystore JSON nor a hex private key (expected 64 hex digits, found %d characters)", ErrInvalidKeyFile, len(digits))
	}
	raw := make([]byte, 32)
	defer clear(raw)
	if _, err := hex.Decode(raw, digits); err != nil {
		return nil, fmt.Errorf("%w: the private key has a character that is not a hex digit", ErrInvalidKeyFile)
	}
	key, err := crypto.ToECDSA(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: 64 hex digits that are not a secp256k1 private key (zero, or not below the curve order)", ErrInvalidKeyFile)
	}
	return key, nil
}

// keyJSON is the part of a keystore file that checkKeyJSON reads. As in
// go-ethereum's decoder, field names match without regard to case.
type keyJSON struct {
	Address string          `json:"address"`
	Crypto  *cryptoJSON     `json:"crypto"`
	ID      string          `json:"id"`
	Version json.RawMessage `json:"version"`
	EncSeed string          `json:"encseed"` // set in presale wallets only
}

type cryptoJSON struct {
	Cipher       string           `json:"cipher"`
	CipherText   string           `json:"ciphertext"`
	CipherParams cipherParamsJSON `json:"cipherparams"`
	KDF          string           `json:"kdf"`
	KDFParams    map[string]any   `json:"kdfparams"`
	MAC          string           `json:"mac"`
}

type cipherParamsJSON struct {
	IV string `json:"iv"`
}

// keyHeader is the result of checkKeyJSON: the fields of a keystore file
// that its callers need.
type keyHeader struct {
	address common.Address // zero when the file has no address field
	version int            // 1 or 3
}

// checkKeyJSON checks everything go-ethereum's keystore.DecryptKey reads
// without a check of its own, so that DecryptKey returns an error instead
// of panicking and never runs a key derivation above the limits.
func checkKeyJSON(data []byte) (keyHeader, error) {
	var header keyHeader
	var file keyJSON
	if err := json.Unmarshal(data, &file); err != nil {
		return header, fmt.Errorf("%w: not valid keystore JSON: %v", ErrInvalidKeyFile, err)
	}
	if file.EncSeed != "" {
		return header, fmt.Errorf("%w: this is an Ethereum presale wallet; convert it with geth wallet import, then import the key file geth writes", ErrUnsupportedKeyFile)
	}

	version, err := keyFileVersion(file.Version)
	if err != nil {
		return header, err
	}
	header.version = version
	if file.Address != "" {
		if header.address, err = parseAddressField(file.Address); err != nil {
			return header, err
		}
	}
	if _, err := uuid.Parse(file.ID); err != nil {
		return header, fmt.Errorf("%w: id %q is not a UUID", ErrInvalidKeyFile, file.ID)
	}
	if file.Crypto == nil {
		return header, fmt.Errorf("%w: no crypto section", ErrInvalidKeyFile)
	}
	if err := checkCipher(file.Crypto, version); err != nil {
		return header, err
	}
	return header, checkKDF(file.Crypto)
}

func keyFileVersion(raw json.RawMessage) (int, error) {
	switch strings.TrimSpace(string(raw)) {
	case "3":
		return 3, nil
	case `"1"`:
		return 1, nil
	case "":
		return 0, fmt.Errorf("%w: no version field", ErrInvalidKeyFile)
	default:
		return 0, fmt.Errorf("%w: version %s (supported: 3, and \"1\" from old geth releases)", ErrUnsupportedKeyFile, raw)
	}
}

func parseAddressField(field string) (common.Address, error) {
	digits := strings.TrimPrefix(strings.TrimPrefix(field, "0x"), "0X")
	raw, err := hex.DecodeString(digits)
	if err != nil || len(raw) != common.AddressLength {
		return common.Address{}, fmt.Errorf("%w: address field %q is not 40 hex digits", ErrInvalidKeyFile, field)
	}
	return common.BytesToAddress(raw), nil
}

func checkCipher(c *cryptoJSON, version int) error {
	if version == 3 && c.Cipher != "aes-128-ctr" {
		return fmt.Errorf("%w: cipher %q (supported: aes-128-ctr)", ErrUnsupportedKeyFile, c.Cipher)
	}
	iv, err := hex.DecodeString(c.CipherParams.IV)
	if err != nil || len(iv) != 16 {
		return fmt.Errorf("%w: cipherparams.iv %q is not 32 hex digits", ErrInvalidKeyFile, c.CipherParams.IV)
	}
	cipherText, err := hex.DecodeString(c.CipherText)
	if err != nil || len(cipherText) == 0 {
		return fmt.Errorf("%w: ciphertext is missing or not hex", ErrInvalidKeyFile)
	}
	// Version 1 files use AES-CBC, whose decrypter panics on a partial block.
	if version == 1 && len(cipherText)%16 != 0 {
		return fmt.Errorf("%w: ciphertext of %d bytes is not a whole number of AES blocks", ErrInvalidKeyFile, len(cipherText))
	}
	if mac, err := hex.DecodeString(c.MAC); err != nil || len(mac) != 32 {
		return fmt.Errorf("%w: mac %q is not 64 hex digits", ErrInvalidKeyFile, c.MAC)
	}
	return nil
}

func checkKDF(c *cryptoJSON) error {
	salt, ok := c.KDFParams["salt"].(string)
	if !ok {
		return fmt.Errorf("%w: kdfparams.salt is missing or not a string", ErrInvalidKeyFile)
	}
	if _, err := hex.DecodeString(salt); err != nil {
		return fmt.Errorf("%w: kdfparams.salt is not hex", ErrInvalidKeyFile)
	}
	if _, err := intParam(c.KDFParams, "dklen", derivedKeyBytesMin, derivedKeyBytesMax); err != nil {
		return err
	}

	switch c.KDF {
	case "scrypt":
		return checkScrypt(c.KDFParams)
	case "pbkdf2":
		if prf, _ := c.KDFParams["prf"].(string); prf != "hmac-sha256" {
			return fmt.Errorf("%w: PBKDF2 function %q (supported: hmac-sha256)", ErrUnsupportedKeyFile, c.KDFParams["prf"])
		}
		_, err := intParam(c.KDFParams, "c", 1, pbkdf2IterationsMax)
		return err
	default:
		return fmt.Errorf("%w: key derivation function %q (supported: scrypt, pbkdf2)", ErrUnsupportedKeyFile, c.KDF)
	}
}

func checkScrypt(params map[string]any) error {
	n, err := intParam(params, "n", 2, math.MaxInt32)
	if err != nil {
		return err
	}
	if n&(n-1) != 0 {
		return fmt.Errorf("%w: scrypt n = %d is not a power of two", ErrInvalidKeyFile, n)
	}
	r, err := intParam(params, "r", 1, math.MaxInt32)
	if err != nil {
		return err
	}
	p, err := intParam(params, "p", 1, math.MaxInt32)
	if err != nil {
		return err
	}
	if p > scryptPMax {
		return fmt.Errorf("%w: scrypt p = %d, above the limit of %d", ErrKDFTooCostly, p, scryptPMax)
	}
	// n and r are below 2^31 and p below 2^5, so the product fits in 64 bits.
	memory := uint64(128) * uint64(r) * (uint64(n) + uint64(p))
	if memory > scryptMemoryBytesMax {
		return fmt.Errorf("%w: scrypt n = %d, r = %d would take %d bytes of memory, above the limit of %d", ErrKDFTooCostly, n, r, memory, scryptMemoryBytesMax)
	}
	return nil
}

// intParam returns the whole number params[name], which must lie in
// [lowest, highest]. JSON numbers decode to float64.
func intParam(params map[string]any, name string, lowest, highest int) (int, error) {
	value, ok := params[name].(float64)
	if !ok {
		return 0, fmt.Errorf("%w: kdfparams.%s is missing or not a number", ErrInvalidKeyFile, name)
	}
	if value != math.Trunc(value) || value < float64(lowest) {
		return 0, fmt.Errorf("%w: kdfparams.%s = %v, expected a whole number of at least %d", ErrInvalidKeyFile, name, value, lowest)
	}
	if value > float64(highest) {
		return 0, fmt.Errorf("%w: kdfparams.%s = %v, above the limit of %d", ErrKDFTooCostly, name, value, highest)
	}
	return int(value), nil
}

// wipeKey overwrites a private key's scalar in memory and sets it to zero,
// which no signer accepts.
func wipeKey(key *ecdsa.PrivateKey) {
	if key != nil && key.D != nil {
		clear(key.D.Bits())
		key.D.SetInt64(0)
	}
}
