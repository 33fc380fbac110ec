package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/node/keys"
)

func accountCommand() *cli.Command {
	return &cli.Command{
		Name:  "account",
		Usage: "create, list, import and export accounts in an encrypted keystore (geth's format)",
		Description: "Passphrases come from --password-file, from the THX_PASSWORD environment variable, or from a\n" +
			"prompt that does not echo, in that order. No flag takes a passphrase, because flag values show in\n" +
			"the process list.",
		Subcommands: []*cli.Command{
			{
				Name:      "new",
				Usage:     "generate a key and store it encrypted with a new passphrase",
				UsageText: "thx account new [--keystore DIR | --datadir DIR] [--password-file FILE] [--light-kdf]",
				Flags:     append(keystoreAccountFlags(), lightKDFFlag()),
				Action:    runAccountNew,
			},
			{
				Name:      "list",
				Usage:     "print the address and key file of each account in the keystore",
				UsageText: "thx account list [--keystore DIR | --datadir DIR] [--json]",
				Flags:     append(keystoreDirFlags(), &cli.BoolFlag{Name: "json", Usage: "print JSON instead of text"}),
				Action:    runAccountList,
			},
			{
				Name:  "import",
				Usage: "add a key file: geth's keystore JSON, copied as is, or a hex private key, encrypted with a new passphrase",
				UsageText: "thx account import [--keystore DIR | --datadir DIR] [--password-file FILE] [--light-kdf] FILE\n\n" +
					"A keystore JSON file keeps its passphrase: --password-file or THX_PASSWORD must give it.",
				Flags:  append(keystoreAccountFlags(), lightKDFFlag()),
				Action: runAccountImport,
			},
			{
				Name:  "export",
				Usage: "write an account's key file, encrypted with a new passphrase or copied as is",
				UsageText: "thx account export [--keystore DIR | --datadir DIR] [--password-file FILE] [--new-password-file FILE]\n" +
					"                   [--light-kdf] [--as-is] [--force] --out FILE ADDRESS\n\n" +
					"Flags come before ADDRESS. The new passphrase comes from --new-password-file, THX_NEW_PASSWORD or a prompt.",
				Flags: append(keystoreAccountFlags(),
					&cli.StringFlag{Name: "new-password-file", Usage: "read the new passphrase from the first line of `FILE`"},
					lightKDFFlag(),
					&cli.BoolFlag{Name: "as-is", Usage: "copy the stored key file unchanged; needs no passphrase"},
					&cli.StringFlag{Name: "out", Usage: "write the key file to `FILE` (mode 0600), or to standard output for - (required)"},
					&cli.BoolFlag{Name: "force", Usage: "replace FILE if it exists"},
				),
				Action: runAccountExport,
			},
		},
	}
}

// keystoreDirFlags locate a keystore. --keystore wins over --datadir.
func keystoreDirFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{
			Name:    "keystore",
			Usage:   "keystore directory `DIR` (default: DATADIR/keystore with --datadir, else ~/.thx/keystore)",
			EnvVars: []string{"THX_KEYSTORE"},
		},
		&cli.StringFlag{
			Name:    "datadir",
			Usage:   "node data directory `DIR`, whose keystore subdirectory is the default keystore",
			EnvVars: []string{"THX_DATADIR"},
		},
	}
}

// keystoreAccountFlags locate a keystore and give the passphrase of an
// account in it. Commands that sign with an account (thx node's operator
// key, thx order place) add these flags and call unlockAccount.
func keystoreAccountFlags() []cli.Flag {
	return append(keystoreDirFlags(), &cli.StringFlag{
		Name:  "password-file",
		Usage: "read the passphrase from the first line of `FILE` (else THX_PASSWORD, else a prompt)",
	})
}

func lightKDFFlag() cli.Flag {
	return &cli.BoolFlag{
		Name: "light-kdf",
		Usage: fmt.Sprintf("encrypt with light scrypt parameters (N = %d, p = %d), about 4 MiB and 0.1 s instead of 256 MiB and 1 s; "+
			"much cheaper to guess, so for tests and development only", keys.LightKDF.ScryptN, keys.LightKDF.ScryptP),
	}
}

// unlockAccount decrypts the key of address from the keystore that the
// flags of keystoreAccountFlags name, with the passphrase they give. The
// caller wipes the key when done with it.
func unlockAccount(c *cli.Context, address common.Address) (*keys.Key, error) {
	dir, err := keystoreDir(c)
	if err != nil {
		return nil, err
	}
	key, err := keys.Unlock(dir, address, passphraseSource(c, "password-file", keys.EnvPassphrase))
	return key, explainPassphraseError(err, "--password-file", keys.EnvPassphrase)
}

func keystoreDir(c *cli.Context) (string, error) {
	if dir := c.String("keystore"); dir != "" {
		return dir, nil
	}
	return keys.DefaultDir(c.String("datadir"))
}

func openKeystore(c *cli.Context) (*keys.Keystore, error) {
	dir, err := keystoreDir(c)
	if err != nil {
		return nil, err
	}
	kdf := keys.StandardKDF
	if c.Bool("light-kdf") {
		kdf = keys.LightKDF
	}
	return keys.Open(dir, kdf)
}

// passphraseSource reads the passphrase from the file named by fileFlag,
// else from envVar, else from a prompt when the app's input is a terminal.
func passphraseSource(c *cli.Context, fileFlag, envVar string) keys.PassphraseSource {
	terminal, _ := c.App.Reader.(*os.File)
	return keys.PassphraseSource{
		File:      c.String(fileFlag),
		EnvVar:    envVar,
		Terminal:  terminal,
		PromptOut: c.App.ErrWriter,
	}
}

// explainPassphraseError adds the flag and the variable that would have
// given the missing passphrase.
func explainPassphraseError(err error, fileFlag, envVar string) error {
	if errors.Is(err, keys.ErrNoPassphrase) {
		return fmt.Errorf("%w; pass %s FILE or set %s", err, fileFlag, envVar)
	}
	return err
}

func runAccountNew(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("thx account new takes no arguments, got %q; put flags such as --keystore before any argument", c.Args().Slice())
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	passphrase, err := passphraseSource(c, "password-file", keys.EnvPassphrase).NewPassphrase("the new account")
	if err != nil {
		return explainPassphraseError(err, "--password-file", keys.EnvPassphrase)
	}
	account, err := ks.NewAccount(passphrase)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "address   %s\nkey file  %s\n", account.Address, account.File)
	fmt.Fprintln(c.App.ErrWriter, "Back up the key file and keep the passphrase: without both, the account cannot be recovered.")
	return nil
}

type accountJSON struct {
	Address string `json:"address"`
	File    string `json:"file"`
}

type skippedJSON struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

type listingJSON struct {
	Keystore string        `json:"keystore"`
	Accounts []accountJSON `json:"accounts"`
	Skipped  []skippedJSON `json:"skipped"`
}

func runAccountList(c *cli.Context) error {
	if c.NArg() > 0 {
		return fmt.Errorf("thx account list takes no arguments, got %q; put flags such as --keystore before any argument", c.Args().Slice())
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	if _, err := os.Stat(ks.Dir()); errors.Is(err, fs.ErrNotExist) {
		if c.String("keystore") != "" {
			return fmt.Errorf("keystore directory %s does not exist; check the path, or create an account there with thx account new --keystore %s",
				ks.Dir(), ks.Dir())
		}
		if !c.Bool("json") {
			fmt.Fprintf(c.App.Writer, "no accounts: keystore directory %s does not exist yet; thx account new creates it\n", ks.Dir())
			return nil
		}
	}
	listing, err := ks.List()
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return printListingJSON(c.App.Writer, ks.Dir(), listing)
	}

	for _, skipped := range listing.Skipped {
		fmt.Fprintf(c.App.ErrWriter, "skipped %s: %s\n", skipped.File, skipped.Reason)
	}
	if len(listing.Accounts) == 0 {
		fmt.Fprintf(c.App.Writer, "no accounts in keystore %s\n", ks.Dir())
		return nil
	}
	tw := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
	for i, account := range listing.Accounts {
		fmt.Fprintf(tw, "#%d\t%s\t%s\n", i, account.Address, account.File)
	}
	return tw.Flush()
}

func printListingJSON(w io.Writer, dir string, listing keys.Listing) error {
	out := listingJSON{Keystore: dir, Accounts: []accountJSON{}, Skipped: []skippedJSON{}}
	for _, account := range listing.Accounts {
		out.Accounts = append(out.Accounts, accountJSON{Address: account.Address.Hex(), File: account.File})
	}
	for _, skipped := range listing.Skipped {
		out.Skipped = append(out.Skipped, skippedJSON{File: skipped.File, Reason: skipped.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func runAccountImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return fmt.Errorf("thx account import takes one key file, got %d arguments %q; put flags before the file", c.NArg(), c.Args().Slice())
	}
	path := c.Args().First()
	kf, err := keys.LoadKeyFile(path)
	if err != nil {
		return fmt.Errorf("account import: %w", err)
	}
	defer kf.Wipe()
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}
	// A file without an address field is checked for duplicates once decrypted.
	if kf.Address != (common.Address{}) {
		if err := ks.CheckAbsent(kf.Address); err != nil {
			return err
		}
	}

	source := passphraseSource(c, "password-file", keys.EnvPassphrase)
	var passphrase string
	if kf.Format == keys.FormatKeystore {
		passphrase, err = source.Passphrase("key file " + path)
	} else {
		passphrase, err = source.NewPassphrase(fmt.Sprintf("account %s", kf.Address))
	}
	if err != nil {
		return explainPassphraseError(err, "--password-file", keys.EnvPassphrase)
	}
	imported, err := ks.Import(kf, passphrase)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}

	fmt.Fprintf(c.App.Writer, "address   %s\nkey file  %s\n", imported.Address, imported.File)
	switch {
	case imported.Reencrypted:
		fmt.Fprintln(c.App.ErrWriter, "The key file had no address field, so the key was stored encrypted again with the same passphrase.")
	case kf.Format == keys.FormatHexKey:
		fmt.Fprintf(c.App.ErrWriter, "%s holds the key unencrypted: delete it once the new key file and its passphrase are backed up.\n", path)
	}
	return nil
}

func runAccountExport(c *cli.Context) error {
	address, err := addressArg(c)
	if err != nil {
		return err
	}
	asIs := c.Bool("as-is")
	if asIs && (c.IsSet("new-password-file") || c.Bool("light-kdf")) {
		return errors.New("--as-is copies the key file unchanged, so --new-password-file and --light-kdf do not apply; drop them or drop --as-is")
	}
	out := c.String("out")
	if out == "" {
		return errors.New("missing --out FILE: name the file to write, or - for standard output")
	}
	if out != "-" && !c.Bool("force") {
		if _, err := os.Lstat(out); err == nil {
			return fmt.Errorf("output file %s exists; choose another name or pass --force to replace it", out)
		}
	}
	ks, err := openKeystore(c)
	if err != nil {
		return err
	}

	var data []byte
	if asIs {
		_, data, err = ks.ReadKeyFile(address)
	} else {
		data, err = exportReencrypted(c, ks, address)
	}
	if err != nil {
		return err
	}
	return writeExport(c, address, out, data, asIs)
}

func exportReencrypted(c *cli.Context, ks *keys.Keystore, address common.Address) ([]byte, error) {
	// Fail on a missing account before asking for passphrases.
	if _, err := ks.Find(address); err != nil {
		return nil, err
	}
	passphrase, err := passphraseSource(c, "password-file", keys.EnvPassphrase).Passphrase(fmt.Sprintf("account %s", address))
	if err != nil {
		return nil, explainPassphraseError(err, "--password-file", keys.EnvPassphrase)
	}
	newPassphrase, err := passphraseSource(c, "new-password-file", keys.EnvNewPassphrase).NewPassphrase("the exported key file")
	if err != nil {
		return nil, explainPassphraseError(err, "--new-password-file", keys.EnvNewPassphrase)
	}
	return ks.Export(address, passphrase, newPassphrase)
}

func writeExport(c *cli.Context, address common.Address, out string, data []byte, asIs bool) error {
	encryption := "encrypted with the new passphrase"
	if asIs {
		encryption = "as stored"
	}
	if out == "-" {
		if _, err := fmt.Fprintf(c.App.Writer, "%s\n", data); err != nil {
			return fmt.Errorf("write key file to standard output: %w", err)
		}
		fmt.Fprintf(c.App.ErrWriter, "exported %s, %s\n", address, encryption)
		return nil
	}
	if err := keys.WriteFile(out, data, c.Bool("force")); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "exported %s to %s, %s\n", address, out, encryption)
	return nil
}

// addressArg parses the one ADDRESS argument: 40 hex digits, with or
// without 0x.
func addressArg(c *cli.Context) (common.Address, error) {
	args := c.Args().Slice()
	if len(args) != 1 {
		for _, arg := range args {
			if strings.HasPrefix(arg, "-") {
				return common.Address{}, fmt.Errorf("flag %s comes after the address; put flags before ADDRESS", arg)
			}
		}
		return common.Address{}, fmt.Errorf("expected one account ADDRESS, got %d arguments %q", len(args), args)
	}
	if !common.IsHexAddress(args[0]) {
		return common.Address{}, fmt.Errorf("invalid account address %q: expected 40 hex digits, optionally prefixed with 0x", args[0])
	}
	return common.HexToAddress(args[0]), nil
}
