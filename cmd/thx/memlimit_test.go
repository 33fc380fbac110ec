package main

import "testing"

func TestParseByteSize(t *testing.T) {
	cases := []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"1024", 1024},
		{"512B", 512},
		{"4KiB", 4 << 10},
		{"900MiB", 900 << 20},
		{"1GiB", 1 << 30},
		{" 2 GiB ", 2 << 30},
	}
	for _, c := range cases {
		got, err := parseByteSize(c.in)
		if err != nil {
			t.Errorf("parseByteSize(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("parseByteSize(%q) = %d, expected %d", c.in, got, c.want)
		}
	}
}

func TestParseByteSizeRejectsInvalid(t *testing.T) {
	for _, in := range []string{"", "-1", "1.5GiB", "1GB", "MiB", "9999999999GiB"} {
		if got, err := parseByteSize(in); err == nil {
			t.Errorf("parseByteSize(%q) = %d, expected an error", in, got)
		}
	}
}
