package benchmark

import (
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/thaliumx/thaliumx/matching"
)

// Result holds one workload's figures.
type Result struct {
	Name           string
	Commands       int // measured, after the warm-up
	Warmup         int // commands applied after seeding and not measured
	CommandsPerSec float64
	// CPUPerCmd is the process's user and system CPU time per command in
	// the throughput pass. Unlike CommandsPerSec it hardly changes when
	// other programs compete for the cores.
	CPUPerCmd time.Duration
	// AllocsPerCmd counts heap allocations in the steady state: during the
	// measured commands, after seeding and the warm-up.
	AllocsPerCmd   float64
	P50, P99, P999 time.Duration
	Max            time.Duration
	RestingOrders  int     // after seeding
	BytesPerOrder  float64 // heap growth while seeding, per resting order
}

func (r Result) String() string {
	return fmt.Sprintf("%-12s %8d cmds %9.0f cmds/s %6v cpu/cmd %.4f allocs/cmd after %d warm-up p50 %v p99 %v p99.9 %v max %v %d resting %.0f B/order",
		r.Name, r.Commands, r.CommandsPerSec, r.CPUPerCmd, r.AllocsPerCmd, r.Warmup, r.P50, r.P99, r.P999, r.Max,
		r.RestingOrders, r.BytesPerOrder)
}

// eventsCap is the starting capacity of the event buffer; a flash-crash
// sweep needs more, and the buffer grows during the warm-up and is then
// reused.
const eventsCap = 4096

// preparedBook is a workload's book after seeding and the warm-up.
type preparedBook struct {
	book          *matching.Book
	events        []matching.Event // the event buffer, grown to what the workload needs
	restingOrders int              // after seeding
	bytesPerOrder float64          // heap growth while seeding, per resting order
}

// prepareBook builds the workload's starting book, measures the heap it
// took per resting order (without the event buffer, which the caller
// owns), and then applies the warm-up.
func prepareBook(w *Workload) (preparedBook, error) {
	var p preparedBook
	var before, after runtime.MemStats
	p.events = make([]matching.Event, 0, eventsCap)
	runtime.GC()
	runtime.ReadMemStats(&before)
	book, err := matching.NewBook(w.Config)
	if err != nil {
		return p, err
	}
	for _, cmd := range w.Seed {
		if p.events, err = book.Apply(cmd, p.events[:0]); err != nil {
			return p, fmt.Errorf("seeding %s: %w", w.Name, err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	p.book, p.restingOrders = book, book.RestingOrders()
	p.bytesPerOrder = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(max(p.restingOrders, 1))

	for i, cmd := range w.Warmup {
		if p.events, err = book.Apply(cmd, p.events[:0]); err != nil {
			return p, fmt.Errorf("%s warm-up command %d: %w", w.Name, i, err)
		}
	}
	return p, nil
}

// Measure runs w and returns its figures.
func Measure(w *Workload) (Result, error) {
	res := Result{Name: w.Name, Commands: len(w.Commands), Warmup: len(w.Warmup)}

	// Pass 1: throughput and allocations, no clock inside the loop.
	p, err := prepareBook(w)
	if err != nil {
		return res, err
	}
	book, events := p.book, p.events
	res.RestingOrders, res.BytesPerOrder = p.restingOrders, p.bytesPerOrder
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpuStart := cpuTime()
	start := time.Now()
	for i := range w.Commands {
		if events, err = book.Apply(w.Commands[i], events[:0]); err != nil {
			return res, fmt.Errorf("%s command %d: %w", w.Name, i, err)
		}
	}
	elapsed := time.Since(start)
	res.CPUPerCmd = (cpuTime() - cpuStart) / time.Duration(len(w.Commands))
	runtime.ReadMemStats(&after)
	res.CommandsPerSec = float64(len(w.Commands)) / elapsed.Seconds()
	res.AllocsPerCmd = float64(after.Mallocs-before.Mallocs) / float64(len(w.Commands))

	// Pass 2: latency of each command, on a fresh book.
	if p, err = prepareBook(w); err != nil {
		return res, err
	}
	book, events = p.book, p.events
	lat := make([]time.Duration, len(w.Commands))
	for i := range w.Commands {
		t0 := time.Now()
		events, _ = book.Apply(w.Commands[i], events[:0])
		lat[i] = time.Since(t0)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	res.P50, res.P99, res.P999, res.Max = pct(0.50), pct(0.99), pct(0.999), lat[len(lat)-1]
	return res, nil
}

// Worst combines results into the worst figure of each kind.
func Worst(results []Result) Result {
	w := Result{Name: "worst"}
	for i, r := range results {
		if i == 0 || r.CommandsPerSec < w.CommandsPerSec {
			w.CommandsPerSec = r.CommandsPerSec
		}
		w.Commands += r.Commands
		w.Warmup += r.Warmup
		w.AllocsPerCmd = max(w.AllocsPerCmd, r.AllocsPerCmd)
		w.CPUPerCmd = max(w.CPUPerCmd, r.CPUPerCmd)
		w.P50, w.P99, w.P999, w.Max = max(w.P50, r.P50), max(w.P99, r.P99), max(w.P999, r.P999), max(w.Max, r.Max)
		w.BytesPerOrder = max(w.BytesPerOrder, r.BytesPerOrder)
	}
	return w
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
