//go:build !linux

package store

// pageOut does nothing outside Linux, which alone has MADV_PAGEOUT.
func pageOut(dir string) error { return nil }
