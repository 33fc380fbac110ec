package store

import (
	"path/filepath"
	"time"
)

// pageOutInterval is how often the store advises the kernel to page out
// the pages of its mapped files.
const pageOutInterval = 3 * time.Second

// runPageOut advises the kernel, every pageOutInterval until stop closes,
// to page out Badger's mapped files: its tables, value logs and the
// memtables' write-ahead logs. Badger writes and reads all of them
// through mmap, so every page it has touched counts in the node's
// resident memory until the kernel needs it back. Without this a node
// with a million resting orders carried about 450 MiB of such pages
// (docs/BENCHMARKS.md). The pages are clean once written, because the
// store syncs every commit, so paging them out loses nothing. A read of
// a paged-out page, such as a query of old history or the page that the
// next append writes into, faults it back in from the disk.
func (s *Store) runPageOut(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	ticker := time.NewTicker(pageOutInterval)
	defer ticker.Stop()
	warned := false
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
			err := pageOut(s.dir)
			switch {
			case err == nil:
			case !warned:
				// A kernel without MADV_PAGEOUT fails every time, so
				// only the first failure is a warning.
				s.log.Warn("store pages not paged out; the node's resident memory includes the store's mapped files", "err", err)
				warned = true
			default:
				s.log.Debug("store pages not paged out", "err", err)
			}
		}
	}
}

// storeFile reports whether path is one of Badger's mapped files in dir.
func storeFile(dir, path string) bool {
	if filepath.Dir(path) != filepath.Clean(dir) {
		return false
	}
	switch filepath.Ext(path) {
	case ".sst", ".vlog", ".mem":
		return true
	}
	return false
}
