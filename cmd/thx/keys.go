package main

import (
	"bufio"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/thaliumx/thaliumx/node"
)

// passwordEnv names the environment variable with the passphrase, used
// when no password file is set. The node reads it directly, never through
// a flag, so the value does not show in the process list.
const passwordEnv = "THX_PASSWORD"

// unlockOperator decrypts the --operator account from the keystore.
func unlockOperator(c *cli.Context, dataDir string) (*ecdsa.PrivateKey, error) {
	text := c.String("operator")
	if text == "" {
		return nil, errors.New("missing --operator: set the address of the Exchange operator's keystore account")
	}
	if !common.IsHexAddress(text) {
		return nil, fmt.Errorf("invalid --operator %q: expected a 0x-prefixed 20-byte hex address", text)
	}
	dir := c.String("keystore")
	if dir == "" {
		dir = node.KeystoreDir(dataDir)
	}
	ks := keystore.NewKeyStore(dir, keystore.StandardScryptN, keystore.StandardScryptP)
	account, err := ks.Find(accounts.Account{Address: common.HexToAddress(text)})
	if err != nil {
		return nil, fmt.Errorf("operator %s not found in keystore %s: import its key file there or set --keystore", text, dir)
	}
	data, err := os.ReadFile(account.URL.Path)
	if err != nil {
		return nil, fmt.Errorf("read the operator's key file: %w", err)
	}
	passphrase, err := readPassphrase(c, fmt.Sprintf("Passphrase of operator %s: ", account.Address))
	if err != nil {
		return nil, err
	}
	key, err := keystore.DecryptKey(data, passphrase)
	if err != nil {
		return nil, fmt.Errorf("unlock operator %s: %w", account.Address, err)
	}
	return key.PrivateKey, nil
}

// readPassphrase returns the passphrase from --password-file, then the
// THX_PASSWORD variable, then a prompt on the terminal.
func readPassphrase(c *cli.Context, prompt string) (string, error) {
	if path := c.String("password-file"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("open --password-file: %w", err)
		}
		defer f.Close()
		line, err := bufio.NewReader(f).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("read --password-file %s: the file is empty or unreadable", path)
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	if pass, ok := os.LookupEnv(passwordEnv); ok {
		return pass, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", fmt.Errorf("no passphrase: set --password-file or %s, or run in a terminal to be prompted", passwordEnv)
	}
	fmt.Fprint(c.App.ErrWriter, prompt)
	pass, err := term.ReadPassword(fd)
	fmt.Fprintln(c.App.ErrWriter)
	if err != nil {
		return "", fmt.Errorf("read the passphrase: %w", err)
	}
	return string(pass), nil
}
