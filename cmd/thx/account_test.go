package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/chain/eip712"
	"github.com/thaliumx/thaliumx/node/keys"
)

// accountEnv lists the environment variables the account commands read.
var accountEnv = []string{keys.EnvPassphrase, keys.EnvNewPassphrase, "THX_KEYSTORE", "THX_DATADIR"}

// clearAccountEnv unsets the account variables for the test, so the
// developer's environment cannot change its outcome.
func clearAccountEnv(t *testing.T) {
	t.Helper()
	for _, name := range accountEnv {
		t.Setenv(name, "") // restores the old value after the test
		os.Unsetenv(name)
	}
}

// runAccount runs thx with args. Its input is not a terminal, so no
// command can prompt.
func runAccount(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	app := newApp()
	var out, errOut bytes.Buffer
	app.Reader, app.Writer, app.ErrWriter = strings.NewReader(""), &out, &errOut
	err = app.Run(append([]string{"thx"}, args...))
	return out.String(), errOut.String(), err
}

// writePassword writes a password file with mode 0600 and returns its path.
func writePassword(t *testing.T, passphrase string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "password")
	if err := os.WriteFile(path, []byte(passphrase+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// gethAccount creates a key file with go-ethereum's own keystore code in a
// fresh directory and returns the account and the file's bytes.
func gethAccount(t *testing.T, passphrase string) (accounts.Account, []byte) {
	t.Helper()
	dir := t.TempDir()
	account, err := keystore.StoreKey(dir, passphrase, keystore.LightScryptN, keystore.LightScryptP)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(account.URL.Path)
	if err != nil {
		t.Fatal(err)
	}
	return account, data
}

// listAccounts runs thx account list --json on dir.
func listAccounts(t *testing.T, dir string) listingJSON {
	t.Helper()
	stdout, stderr, err := runAccount(t, "account", "list", "--keystore", dir, "--json")
	if err != nil {
		t.Fatalf("thx account list: %v\n%s", err, stderr)
	}
	var listing listingJSON
	if err := json.Unmarshal([]byte(stdout), &listing); err != nil {
		t.Fatalf("list output is not JSON: %v\n%s", err, stdout)
	}
	return listing
}

func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
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

func assertMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != want {
		t.Errorf("%s has mode %v, expected %v", path, info.Mode().Perm(), want)
	}
}

// outputField returns the value after name at the start of a line.
func outputField(t *testing.T, out, name string) string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if value, ok := strings.CutPrefix(line, name); ok {
			return strings.TrimSpace(value)
		}
	}
	t.Fatalf("output lacks %q:\n%s", name, out)
	return ""
}

func TestAccountNewLightKDF(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	stdout, stderr, err := runAccount(t, "account", "new", "--keystore", dir, "--password-file", writePassword(t, "correct horse"), "--light-kdf")
	if err != nil {
		t.Fatalf("thx account new: %v\n%s", err, stderr)
	}
	address := common.HexToAddress(outputField(t, stdout, "address"))
	file := outputField(t, stdout, "key file")
	if !strings.Contains(stderr, "Back up the key file") {
		t.Errorf("no backup reminder on stderr: %q", stderr)
	}
	assertMode(t, dir, 0o700)
	assertMode(t, file, 0o600)

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	key, err := keystore.DecryptKey(data, "correct horse")
	if err != nil {
		t.Fatalf("geth cannot decrypt the new key file: %v", err)
	}
	if key.Address != address {
		t.Fatalf("key file holds %s, thx printed %s", key.Address, address)
	}
	if n := scryptN(t, data); n != keystore.LightScryptN {
		t.Fatalf("--light-kdf wrote scrypt n = %d, expected %d", n, keystore.LightScryptN)
	}
}

func TestAccountNewStandardKDF(t *testing.T) {
	if testing.Short() {
		t.Skip("standard scrypt takes about a second and 256 MiB")
	}
	clearAccountEnv(t)
	t.Setenv(keys.EnvPassphrase, "from the environment")
	dir := filepath.Join(t.TempDir(), "keystore")
	stdout, stderr, err := runAccount(t, "account", "new", "--keystore", dir)
	if err != nil {
		t.Fatalf("thx account new: %v\n%s", err, stderr)
	}
	data, err := os.ReadFile(outputField(t, stdout, "key file"))
	if err != nil {
		t.Fatal(err)
	}
	if n := scryptN(t, data); n != keystore.StandardScryptN {
		t.Fatalf("default scrypt n = %d, expected geth's standard %d", n, keystore.StandardScryptN)
	}
	if _, err := keystore.DecryptKey(data, "from the environment"); err != nil {
		t.Fatalf("the key file does not open with the passphrase from %s: %v", keys.EnvPassphrase, err)
	}
}

func scryptN(t *testing.T, data []byte) int {
	t.Helper()
	var file struct {
		Crypto struct {
			KDFParams struct {
				N int `json:"n"`
			} `json:"kdfparams"`
		} `json:"crypto"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file.Crypto.KDFParams.N
}

func TestAccountNewRejectsBadPassphraseSources(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	missing := filepath.Join(t.TempDir(), "no-such-password")
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"no source", nil, []string{"no passphrase given", "--password-file", keys.EnvPassphrase}},
		{"missing password file", []string{"--password-file", missing}, []string{missing, "no such file"}},
		{"empty password file", []string{"--password-file", writePassword(t, "")}, []string{"empty passphrase", "password file", "not empty"}},
		{"password file is a directory", []string{"--password-file", filepath.Dir(missing)}, []string{filepath.Dir(missing), "is a directory", "path of a file"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"account", "new", "--keystore", dir, "--light-kdf"}, tc.args...)
			_, _, err := runAccount(t, args...)
			if err == nil {
				t.Fatal("thx account new succeeded")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			if names := dirEntries(t, dir); names != nil {
				t.Fatalf("a failed thx account new left %q in the keystore", names)
			}
		})
	}
}

func TestAccountListGethKeystore(t *testing.T) {
	clearAccountEnv(t)
	dir := t.TempDir()
	geth := keystore.NewKeyStore(dir, keystore.LightScryptN, keystore.LightScryptP)
	for range 2 {
		if _, err := geth.NewAccount("geth pass"); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("operator notes"), 0o600); err != nil {
		t.Fatal(err)
	}

	listing := listAccounts(t, dir)
	want := geth.Accounts()
	if len(listing.Accounts) != len(want) {
		t.Fatalf("thx lists %d accounts, geth %d", len(listing.Accounts), len(want))
	}
	for i, account := range listing.Accounts {
		if account.Address != want[i].Address.Hex() || account.File != want[i].URL.Path {
			t.Errorf("account #%d: thx lists %+v, geth %s in %s", i, account, want[i].Address.Hex(), want[i].URL.Path)
		}
	}
	if len(listing.Skipped) != 1 || filepath.Base(listing.Skipped[0].File) != "notes.txt" {
		t.Errorf("skipped %+v, expected notes.txt", listing.Skipped)
	}

	stdout, stderr, err := runAccount(t, "account", "list", "--keystore", dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, account := range want {
		if line := fmt.Sprintf("#%d  %s  %s\n", i, account.Address.Hex(), account.URL.Path); !strings.Contains(stdout, line) {
			t.Errorf("text listing lacks account #%d %s:\n%s", i, account.Address.Hex(), stdout)
		}
	}
	if !strings.Contains(stderr, "skipped "+filepath.Join(dir, "notes.txt")) {
		t.Errorf("stderr does not name the skipped file: %q", stderr)
	}
}

func TestAccountListDefaultKeystore(t *testing.T) {
	clearAccountEnv(t)
	home, datadir := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)

	// A keystore that does not exist yet is listed as empty unless
	// --keystore names it.
	missing := func(dir string) string {
		return "no accounts: keystore directory " + dir + " does not exist yet; thx account new creates it\n"
	}
	empty := func(dir string) string { return "no accounts in keystore " + dir + "\n" }
	cases := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"home", nil, nil, missing(filepath.Join(home, ".thx", "keystore"))},
		{"datadir", []string{"--datadir", datadir}, nil, missing(filepath.Join(datadir, "keystore"))},
		{"keystore wins", []string{"--datadir", datadir, "--keystore", home}, nil, empty(home)},
		{"THX_DATADIR", nil, map[string]string{"THX_DATADIR": datadir}, missing(filepath.Join(datadir, "keystore"))},
		{"THX_KEYSTORE", nil, map[string]string{"THX_KEYSTORE": home}, empty(home)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for name, value := range tc.env {
				t.Setenv(name, value)
			}
			stdout, _, err := runAccount(t, append([]string{"account", "list"}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != tc.want {
				t.Fatalf("thx account list printed %q, expected %q", stdout, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(home, ".thx")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("listing created the default keystore: %v", err)
	}
}

func TestAccountListMissingKeystore(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "nonexistent")
	_, _, err := runAccount(t, "account", "list", "--keystore", dir)
	want := "keystore directory " + dir + " does not exist"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("list of a missing keystore: error %v, expected one containing %q", err, want)
	}
}

func TestAccountListRejectsFile(t *testing.T) {
	clearAccountEnv(t)
	file := writePassword(t, "not a directory")
	_, _, err := runAccount(t, "account", "list", "--keystore", file)
	if !errors.Is(err, keys.ErrNotDirectory) || !strings.Contains(err.Error(), file) {
		t.Fatalf("list of a regular file: %v", err)
	}
}

func TestAccountImportGethFileAsIs(t *testing.T) {
	clearAccountEnv(t)
	account, data := gethAccount(t, "geth pass")
	dir := filepath.Join(t.TempDir(), "keystore")
	stdout, stderr, err := runAccount(t, "account", "import", "--keystore", dir, "--password-file", writePassword(t, "geth pass"), account.URL.Path)
	if err != nil {
		t.Fatalf("thx account import: %v\n%s", err, stderr)
	}
	file := outputField(t, stdout, "key file")
	if common.HexToAddress(outputField(t, stdout, "address")) != account.Address {
		t.Fatalf("imported %s, expected %s", outputField(t, stdout, "address"), account.Address)
	}
	stored, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stored, data) {
		t.Fatal("the imported key file differs from geth's")
	}
	assertMode(t, file, 0o600)
	assertMode(t, dir, 0o700)

	listing := listAccounts(t, dir)
	if len(listing.Accounts) != 1 || listing.Accounts[0].Address != account.Address.Hex() {
		t.Fatalf("after import the keystore lists %+v", listing.Accounts)
	}
}

func TestAccountImportWrongPassphrase(t *testing.T) {
	clearAccountEnv(t)
	account, _ := gethAccount(t, "geth pass")
	dir := filepath.Join(t.TempDir(), "keystore")
	t.Setenv(keys.EnvPassphrase, "not the passphrase")
	_, _, err := runAccount(t, "account", "import", "--keystore", dir, account.URL.Path)
	if !errors.Is(err, keys.ErrWrongPassphrase) || !strings.Contains(err.Error(), account.URL.Path) {
		t.Fatalf("import with a wrong passphrase: %v", err)
	}
	if names := dirEntries(t, dir); names != nil {
		t.Fatalf("a failed import left %q", names)
	}
}

func TestAccountImportDuplicate(t *testing.T) {
	clearAccountEnv(t)
	t.Setenv(keys.EnvPassphrase, "geth pass")
	account, _ := gethAccount(t, "geth pass")
	dir := filepath.Join(t.TempDir(), "keystore")
	stdout, _, err := runAccount(t, "account", "import", "--keystore", dir, account.URL.Path)
	if err != nil {
		t.Fatal(err)
	}
	first := outputField(t, stdout, "key file")
	before := dirEntries(t, dir)

	_, _, err = runAccount(t, "account", "import", "--keystore", dir, account.URL.Path)
	if !errors.Is(err, keys.ErrAccountExists) || !strings.Contains(err.Error(), first) {
		t.Fatalf("second import of one key file: %v", err)
	}
	if after := dirEntries(t, dir); !slices.Equal(before, after) {
		t.Fatalf("a rejected import changed the keystore from %q to %q", before, after)
	}
}

func TestAccountImportHexKey(t *testing.T) {
	clearAccountEnv(t)
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	address := crypto.PubkeyToAddress(key.PublicKey)
	hexFile := filepath.Join(t.TempDir(), "key.hex")
	if err := os.WriteFile(hexFile, []byte("0x"+hex.EncodeToString(crypto.FromECDSA(key))+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "keystore")
	password := writePassword(t, "hex pass")

	stdout, stderr, err := runAccount(t, "account", "import", "--keystore", dir, "--password-file", password, "--light-kdf", hexFile)
	if err != nil {
		t.Fatalf("thx account import of a hex key: %v\n%s", err, stderr)
	}
	file := outputField(t, stdout, "key file")
	assertMode(t, file, 0o600)
	if !strings.Contains(stderr, hexFile+" holds the key unencrypted") {
		t.Errorf("no warning about the unencrypted file on stderr: %q", stderr)
	}
	data, _ := os.ReadFile(file)
	stored, err := keystore.DecryptKey(data, "hex pass")
	if err != nil || stored.Address != address || stored.PrivateKey.D.Cmp(key.D) != 0 {
		t.Fatalf("the key file does not hold the imported key for %s: %v", address, err)
	}

	// The same key again, and the same account as keystore JSON, are duplicates.
	if _, _, err := runAccount(t, "account", "import", "--keystore", dir, "--password-file", password, hexFile); !errors.Is(err, keys.ErrAccountExists) {
		t.Fatalf("second import of the hex key: %v", err)
	}
	if _, _, err := runAccount(t, "account", "import", "--keystore", dir, "--password-file", password, file); !errors.Is(err, keys.ErrAccountExists) {
		t.Fatalf("import of the account's own key file: %v", err)
	}
}

func TestAccountImportRejectsBadFiles(t *testing.T) {
	clearAccountEnv(t)
	t.Setenv(keys.EnvPassphrase, "pass")
	src := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(src, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	_, gethData := gethAccount(t, "pass")
	costly := strings.Replace(string(gethData), `"n":4096`, `"n":1073741824`, 1)
	if costly == string(gethData) {
		t.Fatal("the geth key file has no \"n\":4096 to edit")
	}

	cases := []struct {
		name string
		path string
		want error
	}{
		{"missing", filepath.Join(src, "no-such-file"), fs.ErrNotExist},
		{"directory", t.TempDir(), keys.ErrIsDirectory},
		{"empty", write("empty", ""), keys.ErrInvalidKeyFile},
		{"text", write("text", "hello"), keys.ErrInvalidKeyFile},
		{"short hex", write("short", "0xabcdef"), keys.ErrInvalidKeyFile},
		{"presale wallet", write("presale.json", `{"encseed":"00","ethaddr":"00"}`), keys.ErrUnsupportedKeyFile},
		{"scrypt above limit", write("costly.json", costly), keys.ErrKDFTooCostly},
	}
	dir := filepath.Join(t.TempDir(), "keystore")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runAccount(t, "account", "import", "--keystore", dir, "--light-kdf", tc.path)
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.path) {
				t.Fatalf("import of %s: %v, expected %v naming the file", tc.path, err, tc.want)
			}
			if names := dirEntries(t, dir); names != nil {
				t.Fatalf("a failed import left %q", names)
			}
		})
	}
}

func TestAccountImportArgs(t *testing.T) {
	clearAccountEnv(t)
	dir := t.TempDir()
	for _, args := range [][]string{nil, {"a.json", "b.json"}} {
		_, _, err := runAccount(t, append([]string{"account", "import", "--keystore", dir}, args...)...)
		if err == nil || !strings.Contains(err.Error(), "takes one key file") {
			t.Errorf("import with arguments %q: %v", args, err)
		}
	}
}

// newLightAccount creates an account with thx and returns its address.
func newLightAccount(t *testing.T, dir, passwordFile string) common.Address {
	t.Helper()
	stdout, stderr, err := runAccount(t, "account", "new", "--keystore", dir, "--password-file", passwordFile, "--light-kdf")
	if err != nil {
		t.Fatalf("thx account new: %v\n%s", err, stderr)
	}
	return common.HexToAddress(outputField(t, stdout, "address"))
}

func TestAccountExportReencrypts(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	oldPassword := writePassword(t, "old pass")
	address := newLightAccount(t, dir, oldPassword)
	out := filepath.Join(t.TempDir(), "exported.json")

	stdout, stderr, err := runAccount(t, "account", "export", "--keystore", dir, "--password-file", oldPassword,
		"--new-password-file", writePassword(t, "new pass"), "--light-kdf", "--out", out, address.Hex())
	if err != nil {
		t.Fatalf("thx account export: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "exported "+address.Hex()+" to "+out) {
		t.Errorf("export printed %q", stdout)
	}
	assertMode(t, out, 0o600)
	data, _ := os.ReadFile(out)
	if _, err := keystore.DecryptKey(data, "old pass"); !errors.Is(err, keystore.ErrDecrypt) {
		t.Fatalf("the exported file opens with the old passphrase: %v", err)
	}

	// geth imports the exported file with the new passphrase.
	geth := keystore.NewKeyStore(t.TempDir(), keystore.LightScryptN, keystore.LightScryptP)
	imported, err := geth.Import(data, "new pass", "geth pass")
	if err != nil || imported.Address != address {
		t.Fatalf("geth imports the exported file as %s, %v; expected %s", imported.Address, err, address)
	}
}

func TestAccountExportFromEnvironment(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	address := newLightAccount(t, dir, writePassword(t, "old pass"))
	t.Setenv(keys.EnvPassphrase, "old pass")
	t.Setenv(keys.EnvNewPassphrase, "new pass")

	stdout, stderr, err := runAccount(t, "account", "export", "--keystore", dir, "--light-kdf", "--out", "-", address.Hex())
	if err != nil {
		t.Fatalf("thx account export --out -: %v\n%s", err, stderr)
	}
	key, err := keystore.DecryptKey([]byte(stdout), "new pass")
	if err != nil || key.Address != address {
		t.Fatalf("standard output holds no key file for %s that opens with %s: %v", address, keys.EnvNewPassphrase, err)
	}
	if !strings.Contains(stderr, "exported "+address.Hex()) {
		t.Errorf("the export message is not on stderr: %q", stderr)
	}

	// Without the new passphrase there is nothing to encrypt with.
	os.Unsetenv(keys.EnvNewPassphrase)
	_, _, err = runAccount(t, "account", "export", "--keystore", dir, "--out", "-", address.Hex())
	if !errors.Is(err, keys.ErrNoPassphrase) || !strings.Contains(err.Error(), "--new-password-file") || !strings.Contains(err.Error(), keys.EnvNewPassphrase) {
		t.Fatalf("export without a new passphrase: %v", err)
	}
}

func TestAccountExportAsIs(t *testing.T) {
	clearAccountEnv(t)
	account, data := gethAccount(t, "geth pass")
	out := filepath.Join(t.TempDir(), "copy.json")
	// No passphrase source is set: a copy needs none.
	stdout, stderr, err := runAccount(t, "account", "export", "--keystore", filepath.Dir(account.URL.Path), "--as-is", "--out", out, account.Address.Hex())
	if err != nil {
		t.Fatalf("thx account export --as-is: %v\n%s", err, stderr)
	}
	copied, _ := os.ReadFile(out)
	if !bytes.Equal(copied, data) {
		t.Fatal("the copy differs from the stored key file")
	}
	assertMode(t, out, 0o600)
	if !strings.Contains(stdout, "as stored") {
		t.Errorf("export printed %q", stdout)
	}
}

func TestAccountExportErrors(t *testing.T) {
	clearAccountEnv(t)
	dir := filepath.Join(t.TempDir(), "keystore")
	password := writePassword(t, "pass")
	address := newLightAccount(t, dir, password).Hex()
	newPassword := writePassword(t, "new pass")
	outDir := t.TempDir()
	existing := filepath.Join(outDir, "existing.json")
	if err := os.WriteFile(existing, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := common.HexToAddress("0x00000000000000000000000000000000000000aa").Hex()
	out := filepath.Join(outDir, "out.json")

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"wrong passphrase", []string{"--password-file", newPassword, "--new-password-file", newPassword, "--out", out, address}, "wrong passphrase"},
		{"missing account", []string{"--password-file", password, "--new-password-file", newPassword, "--out", out, missing}, "not in keystore " + dir},
		{"existing output", []string{"--as-is", "--out", existing, address}, "pass --force"},
		{"no --out", []string{"--as-is", address}, "missing --out"},
		{"invalid address", []string{"--as-is", "--out", out, "0x1234"}, `invalid account address "0x1234"`},
		{"flag after address", []string{address, "--out", out}, "put flags before ADDRESS"},
		{"as-is with new passphrase", []string{"--as-is", "--new-password-file", newPassword, "--out", out, address}, "--as-is copies"},
		{"missing new password file", []string{"--password-file", password, "--new-password-file", filepath.Join(outDir, "nope"), "--out", out, address}, "no such file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"account", "export", "--keystore", dir}, tc.args...)
			_, _, err := runAccount(t, args...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("export %q: %v, expected an error containing %q", tc.args, err, tc.want)
			}
			if names := dirEntries(t, outDir); !slices.Equal(names, []string{"existing.json"}) {
				t.Fatalf("a failed export left %q", names)
			}
			if contents, _ := os.ReadFile(existing); string(contents) != "keep me" {
				t.Fatal("a failed export changed an existing file")
			}
		})
	}

	if _, _, err := runAccount(t, "account", "export", "--keystore", dir, "--as-is", "--force", "--out", existing, address); err != nil {
		t.Fatalf("export --force: %v", err)
	}
	if replaced, _ := os.ReadFile(existing); !strings.Contains(string(replaced), strings.ToLower(address[2:])) {
		t.Fatal("export --force did not replace the file")
	}
}

func TestAccountAmbiguousAddress(t *testing.T) {
	clearAccountEnv(t)
	account, data := gethAccount(t, "pass")
	dir := filepath.Dir(account.URL.Path)
	copyPath := filepath.Join(dir, "copy-of-key.json")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := runAccount(t, "account", "export", "--keystore", dir, "--as-is", "--out", filepath.Join(t.TempDir(), "out"), account.Address.Hex())
	if !errors.Is(err, keys.ErrAmbiguousAccount) || !strings.Contains(err.Error(), copyPath) {
		t.Fatalf("export of an address with two key files: %v", err)
	}
}

// signCommand is a command built the way thx node and thx order place
// use the account helpers: it unlocks --account and signs a digest.
func signCommand(signature *eip712.Signature) *cli.Command {
	return &cli.Command{
		Name:  "sign",
		Flags: append(keystoreAccountFlags(), &cli.StringFlag{Name: "account"}),
		Action: func(c *cli.Context) error {
			key, err := unlockAccount(c, common.HexToAddress(c.String("account")))
			if err != nil {
				return err
			}
			defer key.Wipe()
			*signature, err = eip712.Sign(common.Hash{1}, key.PrivateKey)
			return err
		},
	}
}

func TestUnlockAccountSigns(t *testing.T) {
	clearAccountEnv(t)
	account, _ := gethAccount(t, "geth pass")
	dir := filepath.Dir(account.URL.Path)
	var signature eip712.Signature
	app := newApp()
	app.Commands = append(app.Commands, signCommand(&signature))
	app.Reader = strings.NewReader("")

	args := []string{"thx", "sign", "--keystore", dir, "--password-file", writePassword(t, "geth pass"), "--account", account.Address.Hex()}
	if err := app.Run(args); err != nil {
		t.Fatalf("unlock and sign: %v", err)
	}
	if err := eip712.Verify(common.Hash{1}, signature[:], account.Address); err != nil {
		t.Fatalf("the signature does not verify for %s: %v", account.Address, err)
	}

	args[5] = writePassword(t, "wrong")
	if err := app.Run(args); !errors.Is(err, keys.ErrWrongPassphrase) {
		t.Fatalf("unlock with a wrong passphrase: %v", err)
	}
	err := app.Run([]string{"thx", "sign", "--keystore", dir, "--account", account.Address.Hex()})
	if !errors.Is(err, keys.ErrNoPassphrase) || !strings.Contains(err.Error(), "--password-file") {
		t.Fatalf("unlock without a passphrase source: %v", err)
	}
}
