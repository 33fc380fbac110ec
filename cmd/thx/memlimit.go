package main

import (
	"fmt"
	"log/slog"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"
)

// memoryLimitDefault is the default soft limit of the node's Go heap. A
// node with a million resting orders has about 460 MB of live heap.
// Badger's mapped files add up to about 200 MiB to its RSS between the
// store's page-outs (node/store/pageout.go), so this limit keeps such a
// node within a 1 GiB budget (docs/BENCHMARKS.md). With the
// runtime's default of no limit, the heap grows to twice the live data
// before a collection. The limit makes the collector run earlier instead.
// It is soft, as runtime/debug.SetMemoryLimit documents: allocations never
// fail, and when the live data alone exceeds it the runtime caps the
// collector at about half the CPU (Go's GC CPU limiter).
//
// NOTE: a node whose live heap nears the limit (more than about a million
// resting orders) spends more and more CPU on collection. Raise the limit
// to about 1.3 times its live heap (go_memstats_heap_inuse_bytes after a
// collection, on /metrics).
const memoryLimitDefault = "600MiB"

// sizeUnits are the suffixes parseByteSize accepts, in bytes.
var sizeUnits = []struct {
	suffix string
	bytes  int64
}{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1},
}

// parseByteSize parses a size such as "900MiB", "1GiB" or "0" (bytes).
func parseByteSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	unit := int64(1)
	for _, u := range sizeUnits {
		if digits, ok := strings.CutSuffix(s, u.suffix); ok {
			s, unit = strings.TrimSpace(digits), u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q: expected a non-negative integer with an optional unit B, KiB, MiB or GiB", s)
	}
	if n > math.MaxInt64/unit {
		return 0, fmt.Errorf("invalid size %q: larger than %d bytes", s, int64(math.MaxInt64))
	}
	return n * unit, nil
}

// applyMemoryLimit sets the Go runtime's soft memory limit from
// --memory-limit. A GOMEMLIMIT environment variable wins over the flag's
// default, so the runtime's own setting keeps working; 0 turns the limit
// off.
func applyMemoryLimit(c *cli.Context, logger *slog.Logger) error {
	if env := os.Getenv("GOMEMLIMIT"); env != "" && !c.IsSet("memory-limit") {
		logger.Info("memory limit from GOMEMLIMIT", "limit", env)
		return nil
	}
	limit, err := parseByteSize(c.String("memory-limit"))
	if err != nil {
		return fmt.Errorf("--memory-limit: %w", err)
	}
	if limit == 0 {
		debug.SetMemoryLimit(math.MaxInt64)
		logger.Info("memory limit off")
		return nil
	}
	debug.SetMemoryLimit(limit)
	logger.Info("memory limit set", "limit_mib", limit>>20)
	return nil
}
