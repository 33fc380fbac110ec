package watcher

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// CursorStore persists the watcher's cursor, one per chain id. The node
// implements it with its database; MemoryCursorStore and FileCursorStore
// serve tests and tools.
type CursorStore interface {
	// LoadCursor returns the saved cursor of the chain, and false if none
	// was saved.
	LoadCursor(ctx context.Context, chainID uint64) (Cursor, bool, error)
	// SaveCursor replaces the saved cursor of cursor.ChainID.
	SaveCursor(ctx context.Context, cursor Cursor) error
}

// MemoryCursorStore keeps cursors in memory. It is safe for concurrent use.
type MemoryCursorStore struct {
	mu      sync.Mutex
	cursors map[uint64]Cursor
}

// NewMemoryCursorStore returns an empty store.
func NewMemoryCursorStore() *MemoryCursorStore {
	return &MemoryCursorStore{cursors: make(map[uint64]Cursor)}
}

// LoadCursor implements CursorStore.
func (s *MemoryCursorStore) LoadCursor(_ context.Context, chainID uint64) (Cursor, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cursor, ok := s.cursors[chainID]
	return cursor, ok, nil
}

// SaveCursor implements CursorStore.
func (s *MemoryCursorStore) SaveCursor(_ context.Context, cursor Cursor) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cursors[cursor.ChainID] = cursor
	return nil
}

// FileCursorStore keeps each chain's cursor in a JSON file
// "cursor-<chainId>.json" in a directory. A save writes a temporary file
// and renames it, so a crash leaves the old or the new cursor, never a
// torn one.
type FileCursorStore struct {
	dir string
}

// NewFileCursorStore returns a store in dir, which must exist.
func NewFileCursorStore(dir string) (*FileCursorStore, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: cursor directory %q: %w", ErrInvalidConfig, dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%w: cursor directory %q is not a directory", ErrInvalidConfig, dir)
	}
	return &FileCursorStore{dir: dir}, nil
}

func (s *FileCursorStore) path(chainID uint64) string {
	return filepath.Join(s.dir, fmt.Sprintf("cursor-%d.json", chainID))
}

// LoadCursor implements CursorStore.
func (s *FileCursorStore) LoadCursor(_ context.Context, chainID uint64) (Cursor, bool, error) {
	data, err := os.ReadFile(s.path(chainID))
	if errors.Is(err, fs.ErrNotExist) {
		return Cursor{}, false, nil
	}
	if err != nil {
		return Cursor{}, false, fmt.Errorf("watcher: read cursor of chain %d: %w", chainID, err)
	}
	var cursor Cursor
	if err := json.Unmarshal(data, &cursor); err != nil {
		return Cursor{}, false, fmt.Errorf("%w: %s: %w", ErrInvalidCursor, s.path(chainID), err)
	}
	return cursor, true, nil
}

// SaveCursor implements CursorStore.
func (s *FileCursorStore) SaveCursor(_ context.Context, cursor Cursor) error {
	data, err := json.Marshal(cursor)
	if err != nil {
		return fmt.Errorf("watcher: encode cursor: %w", err)
	}
	temp, err := os.CreateTemp(s.dir, "cursor-*.tmp")
	if err != nil {
		return fmt.Errorf("watcher: save cursor of chain %d: %w", cursor.ChainID, err)
	}
	defer os.Remove(temp.Name())
	if _, err := temp.Write(data); err != nil {
		temp.Close()
		return fmt.Errorf("watcher: save cursor of chain %d: %w", cursor.ChainID, err)
	}
	if err := temp.Sync(); err != nil {
		temp.Close()
		return fmt.Errorf("watcher: save cursor of chain %d: %w", cursor.ChainID, err)
	}
	if err := temp.Close(); err != nil {
		return fmt.Errorf("watcher: save cursor of chain %d: %w", cursor.ChainID, err)
	}
	if err := os.Rename(temp.Name(), s.path(cursor.ChainID)); err != nil {
		return fmt.Errorf("watcher: save cursor of chain %d: %w", cursor.ChainID, err)
	}
	return nil
}
