// Package keys manages accounts in an encrypted keystore directory, in the
// Web3 Secret Storage format that go-ethereum's accounts/keystore package
// reads and writes. Key files made by geth work here as they are, and key
// files made here work in geth. It also reads the passphrase that unlocks a
// key from a password file, an environment variable or a terminal prompt
// that does not echo.
//
// # What comes from go-ethereum
//
// Encryption and decryption are go-ethereum's keystore.EncryptKey and
// keystore.DecryptKey. Key files are named as geth names them
// (UTC--<time>--<address>), and a directory scan skips the files that geth
// skips: hidden files, names ending in "~", directories and symbolic
// links. The package does not use go-ethereum's KeyStore type. That type
// caches the directory and watches it with a goroutine and an inotify
// handle for the rest of the process. A command that reads the directory
// once needs neither, and it must see a file it has just written.
//
// Before a key file is decrypted, its structure and its key derivation
// parameters are checked (see KeyFileBytesMax and the scrypt and PBKDF2
// limits in keyfile.go). go-ethereum's decoder panics on some malformed
// files, and a file from elsewhere could ask scrypt for far more memory
// than the machine has.
//
// # Concurrency
//
// A Keystore holds only its directory and scrypt parameters, and every
// call reads the directory again. Calls from several goroutines are safe.
// Two processes that import the same key at the same moment can both pass
// the duplicate check and write two files for one address, which Find then
// reports as ambiguous.
//
// # Secrets in memory
//
// Key.Wipe and the import and export paths overwrite private key scalars
// once they are no longer needed. Passphrases are Go strings, which cannot
// be overwritten, and copies made inside go-ethereum's and Go's crypto
// code stay in memory until the garbage collector reuses it. The package
// never logs or prints a passphrase or a private key.
package keys
