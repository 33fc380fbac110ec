package main

import (
	"crypto/ecdsa"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"
)

// unlockOperator decrypts the --operator account from the keystore, with
// the passphrase from --password-file, THX_PASSWORD or a prompt.
func unlockOperator(c *cli.Context) (*ecdsa.PrivateKey, error) {
	text := c.String("operator")
	if text == "" {
		return nil, errors.New("missing --operator: set the address of the Exchange operator's keystore account")
	}
	if !common.IsHexAddress(text) {
		return nil, fmt.Errorf("invalid --operator %q: expected a 0x-prefixed 20-byte hex address", text)
	}
	key, err := unlockAccount(c, common.HexToAddress(text))
	if err != nil {
		return nil, fmt.Errorf("unlock operator %s: %w", text, err)
	}
	return key.PrivateKey, nil
}
