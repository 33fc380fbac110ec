// Package benchmark generates the engine's benchmark workloads and measures
// a matching.Book on them: commands per second, allocations per command,
// latency percentiles per command and heap bytes per resting order.
//
// Each Shape seeds a book and then applies a fixed stream of commands,
// generated in advance by driving a scratch book with a seeded random
// source, so every run applies the same valid commands. The first fifth of
// the stream warms the book up and is not measured. Measure runs the rest
// twice on fresh, warmed-up books: once untimed per command for throughput
// and steady-state allocations, once with a clock read around each command
// for latency.
package benchmark
