package keys

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// env returns a LookupEnv over vars, so tests never read the real
// environment.
func env(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		value, ok := vars[name]
		return value, ok
	}
}

func TestPassphraseFileFirstLine(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"one line\n":          "one line",
		"crlf\r\nsecond line": "crlf",
		"no newline":          "no newline",
		" spaces kept \n":     " spaces kept ",
		"\nsecond line":       "",
	}
	for content, want := range cases {
		path := writeTestFile(t, dir, "pw", []byte(content))
		got, err := PassphraseSource{File: path}.Passphrase("test")
		if err != nil || got != want {
			t.Errorf("password file %q gives %q, %v; expected %q", content, got, err, want)
		}
	}
}

func TestPassphraseSourceOrder(t *testing.T) {
	path := writeTestFile(t, t.TempDir(), "pw", []byte("from file\n"))
	vars := env(map[string]string{EnvPassphrase: "from env"})

	got, err := PassphraseSource{File: path, EnvVar: EnvPassphrase, LookupEnv: vars}.Passphrase("test")
	if err != nil || got != "from file" {
		t.Fatalf("file and variable: got %q, %v; expected the file to win", got, err)
	}
	got, err = PassphraseSource{EnvVar: EnvPassphrase, LookupEnv: vars}.Passphrase("test")
	if err != nil || got != "from env" {
		t.Fatalf("variable only: got %q, %v", got, err)
	}
	got, err = PassphraseSource{EnvVar: EnvPassphrase, LookupEnv: env(map[string]string{EnvPassphrase: ""})}.Passphrase("test")
	if err != nil || got != "" {
		t.Fatalf("variable set to the empty string: got %q, %v; expected an empty passphrase", got, err)
	}
}

func TestPassphraseSourceErrors(t *testing.T) {
	dir := t.TempDir()
	none := env(nil)

	// A regular file is not a terminal, so there is nothing to prompt on.
	notTerminal, err := os.Open(writeTestFile(t, dir, "stdin", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer notTerminal.Close()
	_, err = PassphraseSource{EnvVar: EnvPassphrase, Terminal: notTerminal, LookupEnv: none}.Passphrase("account 0x01")
	if !errors.Is(err, ErrNoPassphrase) || !strings.Contains(err.Error(), EnvPassphrase) || !strings.Contains(err.Error(), "account 0x01") {
		t.Fatalf("no source: %v", err)
	}

	missing := dir + "/missing"
	if _, err := (PassphraseSource{File: missing}).Passphrase("test"); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing password file: %v", err)
	}
	large := writeTestFile(t, dir, "large", []byte(strings.Repeat("x", PassphraseFileBytesMax+1)))
	if _, err := (PassphraseSource{File: large}).Passphrase("test"); !errors.Is(err, ErrInvalidPassphraseFile) {
		t.Fatalf("password file above the size limit: %v", err)
	}
	empty := writeTestFile(t, dir, "empty", []byte("\n"))
	_, err = PassphraseSource{File: empty}.NewPassphrase("the new account")
	if !errors.Is(err, ErrEmptyPassphrase) || !strings.Contains(err.Error(), empty) {
		t.Fatalf("new passphrase from an empty password file: %v", err)
	}
	_, err = PassphraseSource{EnvVar: EnvPassphrase, LookupEnv: env(map[string]string{EnvPassphrase: ""})}.NewPassphrase("the new account")
	if !errors.Is(err, ErrEmptyPassphrase) || !strings.Contains(err.Error(), EnvPassphrase) {
		t.Fatalf("new passphrase from an empty variable: %v", err)
	}
}

func TestUnlockWithSource(t *testing.T) {
	ks := openTestKeystore(t)
	account, err := ks.NewAccount("right")
	if err != nil {
		t.Fatal(err)
	}
	right := PassphraseSource{EnvVar: EnvPassphrase, LookupEnv: env(map[string]string{EnvPassphrase: "right"})}
	key, err := Unlock(ks.Dir(), account.Address, right)
	if err != nil {
		t.Fatal(err)
	}
	if key.Address != account.Address || key.File != account.File || crypto.PubkeyToAddress(key.PrivateKey.PublicKey) != account.Address {
		t.Fatalf("unlocked %s from %s, expected %s from %s", key.Address, key.File, account.Address, account.File)
	}
	key.Wipe()
	if _, err := crypto.Sign(crypto.Keccak256([]byte("x")), key.PrivateKey); err == nil {
		t.Fatal("a wiped key still signs")
	}

	wrong := PassphraseSource{EnvVar: EnvPassphrase, LookupEnv: env(map[string]string{EnvPassphrase: "wrong"})}
	if _, err := Unlock(ks.Dir(), account.Address, wrong); !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), account.File) {
		t.Fatalf("unlock with a wrong passphrase: %v", err)
	}

	// A missing account fails before the passphrase is read, so a source
	// with nothing to give is never consulted.
	missing := crypto.PubkeyToAddress(newTestKey(t).PublicKey)
	if _, err := Unlock(ks.Dir(), missing, PassphraseSource{LookupEnv: env(nil)}); !errors.Is(err, ErrAccountNotFound) {
		t.Fatalf("unlock of a missing account: %v", err)
	}
}
