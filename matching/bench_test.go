package matching_test

import (
	"flag"
	"testing"

	"github.com/thaliumx/thaliumx/matching/benchmark"
)

var benchCommands = flag.Int("bench.commands", 1_000_000, "measured commands per workload in BenchmarkEngine")

// BenchmarkEngine runs each workload shape once per iteration and reports
// commands per second, allocations per command after the warm-up, latency
// percentiles per command and heap bytes per resting order. Run it with
// -benchtime=1x: one iteration is a whole stream of -bench.commands measured
// commands, after a warm-up of a fifth as many.
func BenchmarkEngine(b *testing.B) {
	for _, shape := range benchmark.Shapes {
		b.Run(shape.Name, func(b *testing.B) {
			w, err := shape.Generate(*benchCommands, 1)
			if err != nil {
				b.Fatal(err)
			}
			var res benchmark.Result
			for b.Loop() {
				if res, err = benchmark.Measure(w); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(res.CommandsPerSec, "cmds/s")
			b.ReportMetric(float64(res.CPUPerCmd.Nanoseconds()), "cpu-ns/cmd")
			b.ReportMetric(res.AllocsPerCmd, "allocs/cmd")
			b.ReportMetric(float64(res.P50.Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(res.P99.Nanoseconds()), "p99-ns")
			b.ReportMetric(float64(res.P999.Nanoseconds()), "p99.9-ns")
			b.ReportMetric(res.BytesPerOrder, "B/order")
		})
	}
}
