package p2p

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/libp2p/go-libp2p/core/crypto"
)

const (
	// IdentityFileName is the file in the data directory that holds the
	// host's private key, in libp2p's protobuf key encoding.
	IdentityFileName = "p2p_identity.key"

	// identityFileBytesMax bounds the key file read; an Ed25519 key takes
	// 68 bytes.
	identityFileBytesMax = 4096
)

// LoadOrCreateIdentity returns the host key stored in dir, creating an
// Ed25519 key there on first use. The file has mode 0600; a file that other
// users can read or write is rejected, because the key is the node's
// identity on the network.
func LoadOrCreateIdentity(dir string) (crypto.PrivKey, error) {
	path := filepath.Join(dir, IdentityFileName)
	key, err := loadIdentity(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("p2p: create data directory %s for the identity key: %w", dir, err)
	}
	key, _, err = crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("p2p: generate identity key: %w", err)
	}
	data, err := crypto.MarshalPrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("p2p: encode identity key: %w", err)
	}
	if err := writeFileAtomic(path, data); err != nil {
		return nil, err
	}
	return key, nil
}

func loadIdentity(path string) (crypto.PrivKey, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: open %s: %w", ErrIdentityFile, path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: stat %s: %w", ErrIdentityFile, path, err)
	}
	if mode := info.Mode().Perm(); mode&0o077 != 0 {
		return nil, fmt.Errorf("%w: %s has mode %04o, which lets other users read or change the node's key; run chmod 600 %s",
			ErrIdentityFile, path, mode, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, identityFileBytesMax+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %w", ErrIdentityFile, path, err)
	}
	if len(data) > identityFileBytesMax {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes; it is not a key file", ErrIdentityFile, path, identityFileBytesMax)
	}
	key, err := crypto.UnmarshalPrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%w: decode %s: %w; restore the file from a backup, or delete it to start with a new peer id", ErrIdentityFile, path, err)
	}
	return key, nil
}

// writeFileAtomic writes data to a temporary file with mode 0600, syncs it
// and links it to path, so a crash leaves either no key file or a whole
// one. It refuses to replace an existing file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, IdentityFileName+".tmp-*")
	if err != nil {
		return fmt.Errorf("p2p: create identity key file in %s: %w", dir, err)
	}
	defer os.Remove(tmp.Name())
	if err := writeAndSync(tmp, data); err != nil {
		return fmt.Errorf("p2p: write identity key file %s: %w", tmp.Name(), err)
	}
	// Link fails when path exists, unlike rename, so a key written by a
	// concurrent start is never replaced.
	if err := os.Link(tmp.Name(), path); err != nil {
		return fmt.Errorf("p2p: install identity key file %s: %w", path, err)
	}
	return syncDir(dir)
}

func writeAndSync(f *os.File, data []byte) error {
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("p2p: open %s to sync it: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("p2p: sync directory %s: %w", dir, err)
	}
	return nil
}
