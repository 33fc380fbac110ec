package keys

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

func TestListMatchesGethKeystore(t *testing.T) {
	dir := t.TempDir()
	geth := keystore.NewKeyStore(dir, keystore.LightScryptN, keystore.LightScryptP)
	for range 3 {
		if _, err := geth.NewAccount("geth pass"); err != nil {
			t.Fatal(err)
		}
	}
	// Files that both scans must skip or reject.
	writeTestFile(t, dir, "README", []byte("not a key"))
	writeTestFile(t, dir, ".hidden", []byte(`{"address":"7ef5a6135f1fd6a02593eedc869c6d41d934aef8"}`))
	writeTestFile(t, dir, "backup~", []byte(`{"address":"7ef5a6135f1fd6a02593eedc869c6d41d934aef8"}`))
	writeTestFile(t, dir, "no-address", []byte(`{"crypto":{}}`))
	writeTestFile(t, dir, "zero", []byte(`{"address":"0000000000000000000000000000000000000000"}`))
	if err := os.Mkdir(filepath.Join(dir, "subdir"), 0o700); err != nil {
		t.Fatal(err)
	}

	ks, err := Open(dir, testKDF)
	if err != nil {
		t.Fatal(err)
	}
	listing, err := ks.List()
	if err != nil {
		t.Fatal(err)
	}
	want := geth.Accounts()
	if len(listing.Accounts) != len(want) {
		t.Fatalf("listed %d accounts, geth lists %d", len(listing.Accounts), len(want))
	}
	for i, account := range listing.Accounts {
		if account.Address != want[i].Address || account.File != want[i].URL.Path {
			t.Errorf("account #%d is %s in %s, geth lists %s in %s", i, account.Address, account.File, want[i].Address, want[i].URL.Path)
		}
	}
	var skipped []string
	for _, s := range listing.Skipped {
		skipped = append(skipped, filepath.Base(s.File)+": "+s.Reason)
	}
	if !slices.Equal(skipped, []string{"README: not keystore JSON", "no-address: no address field", "zero: zero address"}) {
		t.Fatalf("skipped %q", skipped)
	}
}

func TestListMissingDirectory(t *testing.T) {
	ks := openTestKeystore(t)
	listing, err := ks.List()
	if err != nil || len(listing.Accounts) != 0 {
		t.Fatalf("List of a missing directory = %+v, %v; expected no accounts and no error", listing, err)
	}
	if _, err := os.Stat(ks.Dir()); !os.IsNotExist(err) {
		t.Fatalf("List created the directory: %v", err)
	}
}

func TestOpenRejectsFile(t *testing.T) {
	file := writeTestFile(t, t.TempDir(), "keystore", []byte("x"))
	if _, err := Open(file, testKDF); !errors.Is(err, ErrNotDirectory) {
		t.Fatalf("Open of a regular file: %v", err)
	}
}

func TestNewAccountPermissions(t *testing.T) {
	ks := openTestKeystore(t)
	account, err := ks.NewAccount("pass")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]os.FileMode{ks.Dir(): 0o700, account.File: 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s has mode %v, expected %v", path, info.Mode().Perm(), want)
		}
	}
	if !strings.HasPrefix(filepath.Base(account.File), "UTC--") || !strings.HasSuffix(account.File, strings.ToLower(account.Address.Hex()[2:])) {
		t.Errorf("key file name %s does not follow geth's UTC--<time>--<address>", account.File)
	}
}

func TestNewAccountRejectsEmptyPassphrase(t *testing.T) {
	ks := openTestKeystore(t)
	if _, err := ks.NewAccount(""); !errors.Is(err, ErrEmptyPassphrase) {
		t.Fatalf("NewAccount with an empty passphrase: %v", err)
	}
	assertDirUnchanged(t, ks.Dir(), nil)
}

func TestGethReadsNewAccount(t *testing.T) {
	ks := openTestKeystore(t)
	account, err := ks.NewAccount("pass")
	if err != nil {
		t.Fatal(err)
	}
	geth := keystore.NewKeyStore(ks.Dir(), keystore.LightScryptN, keystore.LightScryptP)
	hash := crypto.Keccak256([]byte("message"))
	sig, err := geth.SignHashWithPassphrase(accounts.Account{Address: account.Address}, "pass", hash)
	if err != nil {
		t.Fatalf("geth could not sign with the new key file: %v", err)
	}
	pub, err := crypto.SigToPub(hash, sig)
	if err != nil || crypto.PubkeyToAddress(*pub) != account.Address {
		t.Fatalf("geth's signature recovers to %v (%v), expected %s", pub, err, account.Address)
	}
}

func TestImportKeystoreFileAsIs(t *testing.T) {
	key := newTestKey(t)
	data := encryptTestKey(t, key, "pass")
	ks := openTestKeystore(t)
	kf, err := ParseKeyFile(data)
	if err != nil {
		t.Fatal(err)
	}
	imported, err := ks.Import(kf, "pass")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := os.ReadFile(imported.File)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, data) || imported.Reencrypted {
		t.Fatal("the imported key file differs from the original")
	}

	// A second import of the same key is rejected before decrypting.
	before := dirNames(t, ks.Dir())
	if _, err := ks.Import(kf, "wrong"); !errors.Is(err, ErrAccountExists) || !strings.Contains(err.Error(), imported.File) {
		t.Fatalf("duplicate import: %v", err)
	}
	assertDirUnchanged(t, ks.Dir(), before)
}

func TestImportWrongPassphrase(t *testing.T) {
	kf, err := ParseKeyFile(encryptTestKey(t, newTestKey(t), "pass"))
	if err != nil {
		t.Fatal(err)
	}
	ks := openTestKeystore(t)
	if _, err := ks.Import(kf, "wrong"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("import with a wrong passphrase: %v", err)
	}
	assertDirUnchanged(t, ks.Dir(), nil)
}

func TestImportAddressMismatch(t *testing.T) {
	other := crypto.PubkeyToAddress(newTestKey(t).PublicKey)
	data := editJSON(t, encryptTestKey(t, newTestKey(t), "pass"), func(f map[string]any) { f["address"] = other.Hex() })
	kf, err := ParseKeyFile(data)
	if err != nil {
		t.Fatal(err)
	}
	ks := openTestKeystore(t)
	if _, err := ks.Import(kf, "pass"); !errors.Is(err, ErrAddressMismatch) {
		t.Fatalf("import of a file whose address field names another account: %v", err)
	}
	assertDirUnchanged(t, ks.Dir(), nil)
}

func TestImportWithoutAddressReencrypts(t *testing.T) {
	kf, err := ParseKeyFile([]byte(vectorPBKDF2))
	if err != nil {
		t.Fatal(err)
	}
	ks := openTestKeystore(t)
	imported, err := ks.Import(kf, vectorPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := crypto.HexToECDSA(vectorPrivateKey)
	if !imported.Reencrypted || imported.Address != crypto.PubkeyToAddress(want.PublicKey) {
		t.Fatalf("imported %+v, expected a re-encrypted key for %s", imported, crypto.PubkeyToAddress(want.PublicKey))
	}
	key, err := ks.Unlock(imported.Address, vectorPassphrase)
	if err != nil {
		t.Fatalf("unlock the re-encrypted key with the same passphrase: %v", err)
	}
	if key.PrivateKey.D.Cmp(want.D) != 0 {
		t.Fatal("the re-encrypted key file holds another key")
	}
}

func TestImportHexKey(t *testing.T) {
	key := newTestKey(t)
	kf, err := ParseKeyFile([]byte("0x" + common.Bytes2Hex(crypto.FromECDSA(key)) + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	ks := openTestKeystore(t)
	if _, err := ks.Import(kf, ""); !errors.Is(err, ErrEmptyPassphrase) {
		t.Fatalf("hex key import with an empty passphrase: %v", err)
	}
	imported, err := ks.Import(kf, "pass")
	if err != nil {
		t.Fatal(err)
	}
	unlocked, err := ks.Unlock(crypto.PubkeyToAddress(key.PublicKey), "pass")
	if err != nil {
		t.Fatal(err)
	}
	if unlocked.File != imported.File || unlocked.PrivateKey.D.Cmp(key.D) != 0 {
		t.Fatal("the imported key file does not hold the hex key")
	}
}

func TestExportReencrypts(t *testing.T) {
	ks := openTestKeystore(t)
	account, err := ks.NewAccount("old")
	if err != nil {
		t.Fatal(err)
	}
	data, err := ks.Export(account.Address, "old", "new")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keystore.DecryptKey(data, "old"); !errors.Is(err, keystore.ErrDecrypt) {
		t.Fatalf("the exported file opens with the old passphrase: %v", err)
	}
	key, err := keystore.DecryptKey(data, "new")
	if err != nil || key.Address != account.Address {
		t.Fatalf("geth decrypts the exported file to %v, %v; expected %s", key, err, account.Address)
	}

	if _, err := ks.Export(account.Address, "wrong", "new"); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("export with a wrong passphrase: %v", err)
	}
	if _, err := ks.Export(account.Address, "old", ""); !errors.Is(err, ErrEmptyPassphrase) {
		t.Fatalf("export with an empty new passphrase: %v", err)
	}
}

func TestFindAmbiguousAndMissing(t *testing.T) {
	ks := openTestKeystore(t)
	account, err := ks.NewAccount("pass")
	if err != nil {
		t.Fatal(err)
	}
	missing := crypto.PubkeyToAddress(newTestKey(t).PublicKey)
	if _, err := ks.Find(missing); !errors.Is(err, ErrAccountNotFound) || !strings.Contains(err.Error(), ks.Dir()+", which contains 1 account") {
		t.Fatalf("Find of a missing account in a keystore of one: %v", err)
	}

	data, _ := os.ReadFile(account.File)
	copyPath := writeTestFile(t, ks.Dir(), "copy-of-key", data)
	_, err = ks.Find(account.Address)
	if !errors.Is(err, ErrAmbiguousAccount) || !strings.Contains(err.Error(), copyPath) || !strings.Contains(err.Error(), account.File) {
		t.Fatalf("Find with two files for one account: %v", err)
	}
}

func TestUnlockChecksRequestedAddress(t *testing.T) {
	// A key file swapped in under another account's address field fails
	// the address check, even before the requested-address check.
	ks := openTestKeystore(t)
	victim := crypto.PubkeyToAddress(newTestKey(t).PublicKey)
	data := editJSON(t, encryptTestKey(t, newTestKey(t), "pass"), func(f map[string]any) { f["address"] = victim.Hex() })
	if err := os.MkdirAll(ks.Dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, ks.Dir(), "swapped", data)
	if _, err := ks.Unlock(victim, "pass"); !errors.Is(err, ErrAddressMismatch) {
		t.Fatalf("unlock of a swapped key file: %v", err)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.json")
	if err := WriteFile(path, []byte("one"), false); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), false); !errors.Is(err, ErrFileExists) {
		t.Fatalf("WriteFile over an existing file: %v", err)
	}
	if err := WriteFile(path, []byte("three"), true); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(data) != "three" || info.Mode().Perm() != 0o600 {
		t.Fatalf("file holds %q with mode %v, expected %q with mode 0600", data, info.Mode().Perm(), "three")
	}
	if names := dirNames(t, filepath.Dir(path)); !slices.Equal(names, []string{"out.json"}) {
		t.Fatalf("WriteFile left %q behind", names)
	}
}
