package main

import (
	"strings"
	"testing"
	"time"

	"github.com/thaliumx/thaliumx/rpc"
	"github.com/thaliumx/thaliumx/rpc/client/load"
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

func TestLoadTargetsShortRun(t *testing.T) {
	var out strings.Builder
	res := load.Result{Sent: 2000, Accepted: 2000, Elapsed: 300 * time.Millisecond, P99: 15 * time.Millisecond}
	printLoadTargets(&out, res, 0.2, 0, 4000)
	want := "bench load: for comparison only: this run lasted 300ms, shorter than the 10s a run needs to be judged against the targets " +
		"(accepted orders at least 70% of signature recovery, p99 at most 20ms at --rate 4000); send more --orders\n"
	if out.String() != want {
		t.Errorf("short run output\n%q, expected\n%q", out.String(), want)
	}
}

func TestLoadTargetsLongRun(t *testing.T) {
	res := load.Result{Sent: 200_000, Accepted: 200_000, Elapsed: 20 * time.Second, P99: 15 * time.Millisecond}
	cases := []struct {
		name string
		rate float64
		want string
	}{
		{"closed loop", 0, "bench load: accepted share 75% of signature recovery; the target is at least 70%\n" +
			"bench load: the p99 target (at most 20ms) applies at --rate 4000, half the target load; this run sent as fast as --in-flight allowed\n"},
		{"at a rate", 4000, "bench load: accepted share 75% of signature recovery; the target is at least 70%\n" +
			"bench load: p99 15ms at --rate 4000; the target is at most 20ms at --rate 4000, half the target load\n"},
	}
	for _, tc := range cases {
		var out strings.Builder
		printLoadTargets(&out, res, 0.75, tc.rate, 4000)
		if out.String() != tc.want {
			t.Errorf("%s: output\n%q, expected\n%q", tc.name, out.String(), tc.want)
		}
	}
}

func TestLoadExpiry(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	if got, err := loadExpiry(0, now); err != nil || got != 0 {
		t.Errorf("loadExpiry(0) = %d, %v, expected 0 (no expiry)", got, err)
	}
	if got, err := loadExpiry(10*time.Minute, now); err != nil || got != 1_800_000_600 {
		t.Errorf("loadExpiry(10m) = %d, %v, expected 1800000600", got, err)
	}
	if _, err := loadExpiry(20*time.Second, now); err == nil || !strings.Contains(err.Error(), "--expiry") {
		t.Errorf("loadExpiry(20s) = %v, expected an error naming --expiry", err)
	}
}

func TestCheckLoadExpiry(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	expiry := uint64(1_800_000_600) // 10 minutes from now
	cases := []struct {
		name   string
		expiry uint64
		orders int
		rate   float64
		ok     bool
	}{
		{"no expiry", 0, 1_000_000, 10, true},
		{"closed loop", expiry, 1_000_000, 0, true},
		{"paced run ends in time", expiry, 90_000, 3_000, true},
		{"paced run outlives its orders", expiry, 90_000, 100, false},
		{"paced run within the margin", expiry, 57_500, 100, false},
	}
	for _, tc := range cases {
		err := checkLoadExpiry(tc.expiry, tc.orders, tc.rate, now)
		if tc.ok && err != nil {
			t.Errorf("%s: %v, expected no error", tc.name, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "--expiry")) {
			t.Errorf("%s: %v, expected an error naming --expiry", tc.name, err)
		}
	}
}

// TestCheckLoadExpiryNamesMinimum checks that the error of a paced run
// that outlives its orders gives an --expiry that would pass.
func TestCheckLoadExpiryNamesMinimum(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	err := checkLoadExpiry(uint64(now.Unix()+60), 5000, 50, now)
	if err == nil || !strings.Contains(err.Error(), "use --expiry 2m12s or more") {
		t.Fatalf("5,000 orders at 50/s with a 1 minute expiry: %v, expected it to name --expiry 2m12s", err)
	}
	if err := checkLoadExpiry(uint64(now.Add(2*time.Minute+12*time.Second).Unix()), 5000, 50, now); err != nil {
		t.Fatalf("the named --expiry 2m12s is rejected: %v", err)
	}
}
