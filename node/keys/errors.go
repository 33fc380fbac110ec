package keys

import "errors"

// Sentinel errors. Functions wrap them with %w and the values involved
// (address, file, limit), so callers test with errors.Is and operators read
// the values in the message.
var (
	// ErrNotDirectory is returned when the keystore path exists but is not
	// a directory.
	ErrNotDirectory = errors.New("keys: keystore path is not a directory")

	// ErrTooManyFiles is returned when a keystore directory has more
	// entries than KeystoreFilesMax.
	ErrTooManyFiles = errors.New("keys: too many files in keystore directory")

	// ErrAccountNotFound is returned when no key file in the keystore holds
	// the requested address.
	ErrAccountNotFound = errors.New("keys: account not found")

	// ErrAmbiguousAccount is returned when more than one key file holds the
	// requested address.
	ErrAmbiguousAccount = errors.New("keys: more than one key file for account")

	// ErrAccountExists is returned by Import when the keystore already holds
	// a key file for the address.
	ErrAccountExists = errors.New("keys: account already in keystore")

	// ErrWrongPassphrase is returned when a passphrase does not decrypt a
	// key file: the MAC computed from it does not match the file's.
	ErrWrongPassphrase = errors.New("keys: wrong passphrase")

	// ErrInvalidKeyFile is returned for a file that is neither a well-formed
	// keystore JSON file nor a hex private key, or that is too large.
	ErrInvalidKeyFile = errors.New("keys: invalid key file")

	// ErrIsDirectory is returned where a key file or passphrase file is
	// named but the path is a directory. Its text follows the path.
	ErrIsDirectory = errors.New("is a directory")

	// ErrUnsupportedKeyFile is returned for a well-formed file in a format
	// the package cannot decrypt: an unknown version, cipher or key
	// derivation function, or an Ethereum presale wallet.
	ErrUnsupportedKeyFile = errors.New("keys: unsupported key file")

	// ErrKDFTooCostly is returned for a key file whose key derivation
	// parameters would take more memory or time than the package allows.
	ErrKDFTooCostly = errors.New("keys: key derivation parameters above limit")

	// ErrAddressMismatch is returned when a key file's address field does
	// not match the address of the key it decrypts to.
	ErrAddressMismatch = errors.New("keys: key file address does not match its key")

	// ErrNoPassphrase is returned when a PassphraseSource has no password
	// file, its environment variable is not set and it has no terminal to
	// prompt on.
	ErrNoPassphrase = errors.New("keys: no passphrase given")

	// ErrEmptyPassphrase is returned when a new key file would be encrypted
	// with an empty passphrase, which anyone who copies the file can guess.
	ErrEmptyPassphrase = errors.New("keys: empty passphrase")

	// ErrPassphraseMismatch is returned when the two passphrases typed at a
	// prompt for a new key file differ.
	ErrPassphraseMismatch = errors.New("keys: passphrases do not match")

	// ErrInvalidPassphraseFile is returned for a password file larger than
	// PassphraseFileBytesMax.
	ErrInvalidPassphraseFile = errors.New("keys: invalid password file")

	// ErrFileExists is returned by WriteFile when the target exists and
	// replacing it was not requested.
	ErrFileExists = errors.New("keys: file exists")
)
