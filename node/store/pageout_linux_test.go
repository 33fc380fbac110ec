package store

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// residentStoreKiB returns the resident kilobytes of the mappings of
// Badger's files in dir, from /proc/self/smaps.
func residentStoreKiB(t *testing.T, dir string) int64 {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	var total int64
	inStore := false
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-"):
			inStore = len(fields) >= 6 && storeFile(dir, fields[5])
		case inStore && len(fields) >= 2 && fields[0] == "Rss:":
			kb, _ := strconv.ParseInt(fields[1], 10, 64)
			total += kb
		}
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}

func TestPageOutReleasesStorePages(t *testing.T) {
	dir := t.TempDir()
	s := openTestStore(t, dir, Options{})
	// Entries of about 1 KiB, in batches whose segments go to the value
	// log, so that the value log and the write-ahead log both hold
	// resident pages.
	for first := uint64(1); first <= 40_000; first += 1_000 {
		entries := makeEntries(first, 1_000)
		for i := range entries {
			entries[i].Payload = append(entries[i].Payload, make([]byte, 1_000)...)
		}
		if err := s.Append(t.Context(), entries...); err != nil {
			t.Fatalf("Append from seq %d: %v", first, err)
		}
	}

	before := residentStoreKiB(t, dir)
	if before < 8<<10 {
		t.Fatalf("store mappings hold %d KiB after 40 MB of appends, expected at least 8 MiB resident", before)
	}
	if err := pageOut(dir); err != nil {
		t.Fatalf("pageOut: %v", err)
	}
	after := residentStoreKiB(t, dir)
	t.Logf("resident store pages: %d KiB before, %d KiB after", before, after)
	if after > before/4 {
		t.Fatalf("store mappings hold %d KiB after pageOut, expected at most a quarter of the %d KiB before", after, before)
	}

	// The pages come back from the disk when read.
	var next uint64 = 1
	err := s.ReplayLog(t.Context(), 1, func(e Entry) error {
		want := append(testPayload(e.Seq), make([]byte, 1_000)...)
		if e.Seq != next || !bytes.Equal(e.Payload, want) {
			t.Fatalf("entry %d after pageOut: seq %d with %d payload bytes, expected seq %d with %d bytes", next, e.Seq, len(e.Payload), next, len(want))
		}
		next++
		return nil
	})
	if err != nil || next != 40_001 {
		t.Fatalf("ReplayLog after pageOut: %v, read through seq %d, expected 40000", err, next-1)
	}
}

func TestStoreFileNames(t *testing.T) {
	dir := "/data/store"
	cases := map[string]bool{
		"/data/store/000001.sst":         true,
		"/data/store/000002.vlog":        true,
		"/data/store/00003.mem":          true,
		"/data/store/MANIFEST":           false,
		"/data/store/snapshots/1.snap":   false,
		"/data/other/000001.sst":         false,
		"/usr/lib/x86_64-linux-gnu/x.so": false,
	}
	for path, want := range cases {
		if got := storeFile(dir, path); got != want {
			t.Errorf("storeFile(%q, %q) = %v, expected %v", dir, path, got, want)
		}
	}
}
