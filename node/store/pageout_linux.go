package store

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// pageOut reads the process's mappings from /proc/self/maps and advises
// the kernel to page out the store's files among them (MADV_PAGEOUT,
// Linux 5.4 and later). The advice only reclaims pages and drops no
// data: if Badger unmapped a file in the meantime, the call fails with
// ENOMEM or reclaims whatever is mapped there now.
func pageOut(dir string) error {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		// Each line is "start-end perms offset dev inode path".
		fields := strings.Fields(scanner.Text())
		if len(fields) < 6 || !storeFile(dir, fields[5]) {
			continue
		}
		start, end, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		lo, err1 := strconv.ParseUint(start, 16, 64)
		hi, err2 := strconv.ParseUint(end, 16, 64)
		if err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), unix.MADV_PAGEOUT)
		if errno != 0 && errno != unix.ENOMEM {
			return fmt.Errorf("madvise MADV_PAGEOUT on %s failed: %w", fields[5], errno)
		}
	}
	return scanner.Err()
}
