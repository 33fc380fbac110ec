package store

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// A kill between Badger creating a memtable's write-ahead file or a value
// log file and its first write leaves an empty .mem or .vlog file. Badger
// v4.9.6 then refuses to open the directory: opening the file reports it
// as new (ristretto's z.NewFile, "Create a new file"), and the code that
// opens existing files takes that for an error. An empty file holds no
// entry, so the store removes the files that are still empty and opens
// again. Badger's failed open may already have written a file's header,
// and the second open then takes that file as an empty one.

// emptyFilePatterns are the Badger files that a crash can leave empty.
var emptyFilePatterns = []string{"*.mem", "*.vlog"}

// isEmptyFileErr reports whether err is Badger's refusal of an empty
// memtable or value log file. Badger formats the error with %+v, so only
// the text is left to match.
func isEmptyFileErr(err error) bool {
	return strings.Contains(err.Error(), "Create a new file")
}

// emptyLogFiles returns the paths of the empty .mem and .vlog files in
// dir.
func emptyLogFiles(dir string) []string {
	var empty []string
	for _, pattern := range emptyFilePatterns {
		paths, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			continue // the patterns are fixed and valid
		}
		for _, path := range paths {
			if info, err := os.Stat(path); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
				empty = append(empty, path)
			}
		}
	}
	return empty
}

// removeEmptyLogFiles removes the empty .mem and .vlog files in dir,
// logging each.
func removeEmptyLogFiles(dir string, log *slog.Logger) error {
	for _, path := range emptyLogFiles(dir) {
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("store: remove the empty file %s that a crash left: %w", path, err)
		}
		log.Warn("removed an empty Badger file that a crash left", "path", path)
	}
	return nil
}
