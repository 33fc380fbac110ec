package keys

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
)

// KeystoreFilesMax bounds the number of directory entries a scan reads.
const KeystoreFilesMax = 10_000

// KDF holds the scrypt parameters for key files that a Keystore writes.
// Reading a key file uses the parameters stored in that file.
type KDF struct {
	ScryptN int // CPU and memory cost, a power of two
	ScryptP int // parallelization
}

var (
	// StandardKDF is geth's default: about 256 MiB of memory and about a
	// second of CPU time per encryption or decryption, by go-ethereum's
	// own estimate.
	StandardKDF = KDF{ScryptN: keystore.StandardScryptN, ScryptP: keystore.StandardScryptP}
	// LightKDF is geth's --lightkdf: about 4 MiB and a tenth of a second.
	// It is much cheaper to guess, so use it for tests and development
	// accounts only.
	LightKDF = KDF{ScryptN: keystore.LightScryptN, ScryptP: keystore.LightScryptP}
)

// Account is a key file in a keystore directory and the address it holds.
type Account struct {
	Address common.Address
	File    string // absolute path of the key file
}

// SkippedFile is a file in a keystore directory that a scan did not take
// as a key file, and why.
type SkippedFile struct {
	File   string
	Reason string
}

// Listing is the result of a keystore directory scan.
type Listing struct {
	Accounts []Account // in file name order, as geth lists them
	Skipped  []SkippedFile
}

// Keystore is a directory of encrypted key files.
type Keystore struct {
	dir string // absolute path
	kdf KDF
}

// Open returns the keystore in dir, which need not exist yet: the first
// key file written creates it with mode 0700. kdf sets the scrypt
// parameters of the key files it writes.
func Open(dir string, kdf KDF) (*Keystore, error) {
	if dir == "" {
		return nil, fmt.Errorf("%w: the path is empty", ErrNotDirectory)
	}
	if kdf.ScryptN < 2 || kdf.ScryptN&(kdf.ScryptN-1) != 0 || kdf.ScryptP < 1 {
		return nil, fmt.Errorf("keys: invalid scrypt parameters N = %d, p = %d: N must be a power of two above 1 and p at least 1", kdf.ScryptN, kdf.ScryptP)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("keys: resolve keystore path %s: %w", dir, err)
	}
	info, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("keys: open keystore %s: %w", abs, err)
	case !info.IsDir():
		return nil, fmt.Errorf("%w: %s", ErrNotDirectory, abs)
	}
	return &Keystore{dir: abs, kdf: kdf}, nil
}

// DefaultDir returns the keystore directory of a node's data directory,
// or ~/.thx/keystore when datadir is empty.
func DefaultDir(datadir string) (string, error) {
	if datadir != "" {
		return filepath.Join(datadir, "keystore"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("keys: no home directory for the default keystore (%w); give the keystore directory explicitly", err)
	}
	return filepath.Join(home, ".thx", "keystore"), nil
}

// Dir returns the keystore's absolute path.
func (ks *Keystore) Dir() string { return ks.dir }

// List scans the keystore directory. A directory that does not exist
// holds no accounts. Like geth, it reads only each file's address field.
func (ks *Keystore) List() (Listing, error) {
	var listing Listing
	entries, err := readDirBounded(ks.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return listing, nil
	}
	if err != nil {
		return listing, err
	}

	for _, entry := range entries {
		if skipEntry(entry) {
			continue
		}
		path := filepath.Join(ks.dir, entry.Name())
		address, reason := readAddress(path)
		if reason != "" {
			listing.Skipped = append(listing.Skipped, SkippedFile{File: path, Reason: reason})
			continue
		}
		listing.Accounts = append(listing.Accounts, Account{Address: address, File: path})
	}
	return listing, nil
}

// readDirBounded returns the entries of dir sorted by name, or
// ErrTooManyFiles when there are more than KeystoreFilesMax.
func readDirBounded(dir string) ([]fs.DirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.ReadDir(KeystoreFilesMax + 1)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("keys: read keystore directory %s: %w", dir, err)
	}
	if len(entries) > KeystoreFilesMax {
		return nil, fmt.Errorf("%w: %s has more than %d entries", ErrTooManyFiles, dir, KeystoreFilesMax)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// skipEntry reports the entries that geth's keystore scan skips: editor
// backups, hidden files, directories and anything that is not a regular
// file, symbolic links included.
func skipEntry(entry fs.DirEntry) bool {
	name := entry.Name()
	return strings.HasSuffix(name, "~") || strings.HasPrefix(name, ".") || !entry.Type().IsRegular()
}

// readAddress returns the address field of the key file at path, or why
// the file is not a key file.
func readAddress(path string) (common.Address, string) {
	data, err := readFileBounded(path, KeyFileBytesMax, ErrInvalidKeyFile)
	if errors.Is(err, ErrInvalidKeyFile) {
		return common.Address{}, fmt.Sprintf("larger than %d bytes", KeyFileBytesMax)
	}
	if err != nil {
		return common.Address{}, "unreadable: " + err.Error()
	}
	// Decode only the first JSON value, as geth does.
	var file struct {
		Address string `json:"address"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&file); err != nil {
		return common.Address{}, "not keystore JSON"
	}
	if file.Address == "" {
		return common.Address{}, "no address field"
	}
	address, err := parseAddressField(file.Address)
	if err != nil {
		return common.Address{}, fmt.Sprintf("address field %q is not 40 hex digits", file.Address)
	}
	if address == (common.Address{}) {
		return common.Address{}, "zero address"
	}
	return address, ""
}

// Find returns the one key file that holds address.
func (ks *Keystore) Find(address common.Address) (Account, error) {
	listing, err := ks.List()
	if err != nil {
		return Account{}, err
	}
	var matches []Account
	for _, account := range listing.Accounts {
		if account.Address == address {
			matches = append(matches, account)
		}
	}
	switch len(matches) {
	case 1:
		return matches[0], nil
	case 0:
		count := fmt.Sprintf("%d accounts", len(listing.Accounts))
		if len(listing.Accounts) == 1 {
			count = "1 account"
		}
		return Account{}, fmt.Errorf("%w: %s is not in keystore %s, which contains %s", ErrAccountNotFound, address, ks.dir, count)
	default:
		files := make([]string, len(matches))
		for i, match := range matches {
			files[i] = match.File
		}
		return Account{}, fmt.Errorf("%w: %s is in %d files (%s); move all but one out of %s", ErrAmbiguousAccount, address, len(matches), strings.Join(files, ", "), ks.dir)
	}
}

// readFileBounded reads the file at path. A file larger than limit bytes
// gives an error that wraps tooLarge.
func readFileBounded(path string, limit int64, tooLarge error) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if stat, err := f.Stat(); err == nil && stat.IsDir() {
		return nil, fmt.Errorf("%s %w; give the path of a file", path, ErrIsDirectory)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err // a *fs.PathError, which names the path
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", tooLarge, path, limit)
	}
	return data, nil
}
