package main

import (
	"testing"

	"github.com/thaliumx/thaliumx/rpc"
)

func TestParseProcStatus(t *testing.T) {
	status := "Name:\tthx\nVmPeak:\t 3863844 kB\nVmHWM:\t 1131192 kB\nVmRSS:\t  948488 kB\nRssAnon:\t  730876 kB\n"
	rss, peak, err := parseProcStatus(status)
	if err != nil || rss != 948488<<10 || peak != 1131192<<10 {
		t.Fatalf("parseProcStatus = %d, %d, %v; expected %d and %d bytes", rss, peak, err, 948488<<10, 1131192<<10)
	}
	if _, _, err := parseProcStatus("Name:\tthx\nVmRSS:\t 12 kB\n"); err == nil {
		t.Fatal("parseProcStatus accepted a status without VmHWM")
	}
}

func TestPriceTicks(t *testing.T) {
	m := &rpc.MarketJSON{Symbol: "THAL/USDC", TickSize: "0.0001"}
	cases := []struct {
		price string
		ticks uint64
		ok    bool
	}{
		{"1", 10_000, true},
		{"1.2345", 12_345, true},
		{"0.0001", 1, true},
		{"1.23456", 0, false},
		{"0", 0, false},
		{"-1", 0, false},
		{"one", 0, false},
	}
	for _, tc := range cases {
		ticks, err := priceTicks(tc.price, m)
		if tc.ok != (err == nil) || ticks != tc.ticks {
			t.Errorf("priceTicks(%q) = %d, %v; expected %d, ok %v", tc.price, ticks, err, tc.ticks, tc.ok)
		}
	}
}
