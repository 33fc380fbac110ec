package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/thaliumx/thaliumx/matching/benchmark"
)

// Engine targets on one core, printed beside the measured figures.
const (
	targetCommandsPerSec = 5_000_000
	targetP99            = time.Microsecond
	targetBytesPerOrder  = 160
)

func benchCommand() *cli.Command {
	return &cli.Command{
		Name:  "bench",
		Usage: "run performance benchmarks",
		Subcommands: []*cli.Command{
			{
				Name:  "engine",
				Usage: "measure the matching engine on the mixed flow and the adversarial shapes",
				Description: "Each shape seeds a book, applies a warm-up of commands/5 commands, and measures a stream of\n" +
					"commands generated in advance; allocations are counted after the warm-up (the steady state).\n" +
					"Prints one line per shape and a summary line with the worst figure of each kind.",
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "commands", Value: 1_000_000, Usage: "commands measured per shape, after seeding and a warm-up of commands/5"},
					&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "seed of the workload generators"},
				},
				Action: runBenchEngine,
			},
			benchLoadCommand(),
		},
	}
}

func runBenchEngine(c *cli.Context) error {
	n := c.Int("commands")
	if n <= 0 {
		return fmt.Errorf("bench engine: --commands %d must be at least 1", n)
	}
	w := c.App.Writer
	var results []benchmark.Result
	for _, shape := range benchmark.Shapes {
		workload, err := shape.Generate(n, c.Uint64("seed"))
		if err != nil {
			return fmt.Errorf("bench engine: %s: %w", shape.Name, err)
		}
		res, err := benchmark.Measure(workload)
		if err != nil {
			return fmt.Errorf("bench engine: %s: %w", shape.Name, err)
		}
		fmt.Fprintln(w, res)
		results = append(results, res)
	}
	worst := benchmark.Worst(results)
	fmt.Fprintf(w, "engine: worst of %d shapes: %.0f cmds/s (target %d), %v cpu/cmd, %.4f allocs/cmd in steady state (target 0), p99 %v (target %v), p99.9 %v, %.0f B/order (target %d)\n",
		len(results), worst.CommandsPerSec, targetCommandsPerSec, worst.CPUPerCmd, worst.AllocsPerCmd,
		worst.P99, targetP99, worst.P999, worst.BytesPerOrder, targetBytesPerOrder)
	return nil
}
