package matching

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var rewrite = flag.Bool("rewrite", false, "rewrite the expected output of the transcript tests in testdata/")

// TestTranscripts runs each testdata/*.txt script. A script is a series of
// blocks separated by blank lines; each block is one command, a "----" line
// and the expected output. Run with -rewrite to regenerate the outputs, then
// review the diff.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts in testdata/: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			runTranscript(t, file)
		})
	}
}

func runTranscript(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := &scriptRunner{t: t}
	var out bytes.Buffer
	for i, block := range splitBlocks(string(data)) {
		input, want, _ := strings.Cut(block, "\n----\n")
		input = strings.TrimSuffix(input, "\n----")
		got := r.run(input)
		if strings.TrimSpace(input) == "" {
			continue
		}
		if got == "" {
			fmt.Fprintf(&out, "%s\n----\n\n", input)
		} else {
			fmt.Fprintf(&out, "%s\n----\n%s\n\n", input, got)
		}
		if !*rewrite && strings.TrimRight(want, "\n") != strings.TrimRight(got, "\n") {
			t.Errorf("%s block %d:\n%s\n--- got:\n%s\n--- expected:\n%s", file, i+1, input, got, want)
		}
	}
	if *rewrite {
		if err := os.WriteFile(file, bytes.TrimRight(out.Bytes(), "\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// splitBlocks splits a script at blank lines that follow an output.
func splitBlocks(s string) []string {
	var blocks []string
	var cur []string
	inOutput := false
	for _, line := range strings.Split(s, "\n") {
		if line == "" && inOutput {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur, inOutput = nil, false
			continue
		}
		if line == "" && len(cur) == 0 {
			continue
		}
		if line == "----" {
			inOutput = true
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, strings.Join(cur, "\n"))
	}
	return blocks
}

// scriptRunner keeps the book a script drives and checks invariants after
// every command.
type scriptRunner struct {
	t      *testing.T
	book   *Book
	audit  *auditor
	events []Event
}

func (r *scriptRunner) run(input string) string {
	lines := strings.Split(input, "\n")
	var cmdLines []string
	for _, l := range lines {
		if l != "" && !strings.HasPrefix(l, "#") {
			cmdLines = append(cmdLines, l)
		}
	}
	if len(cmdLines) == 0 {
		return ""
	}
	var out strings.Builder
	for _, line := range cmdLines {
		out.WriteString(r.runLine(line))
	}
	return strings.TrimRight(out.String(), "\n")
}

func (r *scriptRunner) runLine(line string) string {
	fields := strings.Fields(line)
	args := parseArgs(r.t, fields[1:])
	switch fields[0] {
	case "new":
		cfg := testConfig()
		args.config(&cfg)
		b, err := NewBook(cfg)
		if err != nil {
			return "error: " + err.Error() + "\n"
		}
		r.book, r.audit = b, newAuditor(cfg)
		return ""
	case "book":
		return formatBook(r.book)
	case "snapshot":
		return r.snapshot()
	case "repeat":
		return r.repeat(args)
	}
	cmd := args.command(r.t, fields[0])
	return r.apply(cmd, args.has("summary"))
}

func (r *scriptRunner) apply(cmd Command, summary bool) string {
	r.t.Helper()
	before := r.book.StateHash()
	var err error
	r.events, err = r.book.Apply(cmd, r.events[:0])
	if rerr := checkRejection(err, r.events); rerr != nil {
		r.t.Fatal(rerr)
	}
	if err != nil && r.book.StateHash() != before {
		r.t.Fatalf("rejected %+v changed the book", cmd)
	}
	if ierr := r.book.CheckInvariants(); ierr != nil {
		r.t.Fatalf("after %+v: %v", cmd, ierr)
	}
	if aerr := r.audit.observe(cmd, r.events); aerr != nil {
		r.t.Fatalf("after %+v: %v", cmd, aerr)
	}
	if aerr := r.audit.checkBook(r.book); aerr != nil {
		r.t.Fatalf("after %+v: %v", cmd, aerr)
	}
	if summary {
		return summarize(r.events)
	}
	var out strings.Builder
	for i := range r.events {
		out.Write(r.events[i].AppendText(nil))
		out.WriteByte('\n')
	}
	if err != nil {
		fmt.Fprintf(&out, "error: %v\n", err)
	}
	return out.String()
}

// repeat places n orders with consecutive ids from id=, printing nothing but
// a count.
func (r *scriptRunner) repeat(a scriptArgs) string {
	n := a.uint("n", 0)
	first := a.uint("id", 1)
	for i := uint64(0); i < n; i++ {
		cmd := a.command(r.t, "place")
		cmd.OrderID = first + i
		r.apply(cmd, true)
	}
	return fmt.Sprintf("placed %d orders, ids %d..%d\n", n, first, first+n-1)
}

// snapshot replaces the book with one restored from its snapshot and checks
// that the state hash survived.
func (r *scriptRunner) snapshot() string {
	data := r.book.AppendSnapshot(nil)
	restored, err := RestoreSnapshot(data)
	if err != nil {
		r.t.Fatalf("restore: %v", err)
	}
	if restored.StateHash() != r.book.StateHash() {
		r.t.Fatalf("restored state hash %x differs from %x", restored.StateHash(), r.book.StateHash())
	}
	if again := restored.AppendSnapshot(nil); !bytes.Equal(again, data) {
		r.t.Fatalf("restored book encodes to different bytes")
	}
	r.book = restored
	return fmt.Sprintf("snapshot %d bytes, restored with the same state hash\n", len(data))
}

// summarize counts events by type and lists the makers of the trades as
// ranges of consecutive ids, so a fill across many orders reads in one line.
func summarize(events []Event) string {
	counts := map[EventType]int{}
	var makers []uint64
	for _, e := range events {
		counts[e.Type]++
		if e.Type == EventTrade {
			makers = append(makers, e.MakerID)
		}
	}
	var out strings.Builder
	for t := EventAccepted; t <= EventDepthChanged; t++ {
		if counts[t] > 0 {
			fmt.Fprintf(&out, "%s=%d ", t, counts[t])
		}
	}
	if len(makers) > 0 {
		out.WriteString("makers=")
		out.WriteString(formatRanges(makers))
	}
	return strings.TrimRight(out.String(), " ") + "\n"
}

func formatRanges(ids []uint64) string {
	var parts []string
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] == ids[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, strconv.FormatUint(ids[i], 10))
		} else {
			parts = append(parts, fmt.Sprintf("%d..%d", ids[i], ids[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// formatBook prints asks from the highest price down, then bids, then stop
// orders and the book's counters.
func formatBook(b *Book) string {
	var out strings.Builder
	asks := b.AppendDepth(Sell, b.Levels(Sell), nil)
	out.WriteString("asks:\n")
	for i := len(asks) - 1; i >= 0; i-- {
		writeLevel(&out, b, Sell, asks[i])
	}
	out.WriteString("bids:\n")
	for _, l := range b.AppendDepth(Buy, b.Levels(Buy), nil) {
		writeLevel(&out, b, Buy, l)
	}
	for s := Buy; s <= Sell; s++ {
		b.ForEachStop(s, func(o OrderInfo) bool {
			fmt.Fprintf(&out, "stop %s trigger=%d: %d/%d %s price=%d qty=%d\n", s, o.TriggerPrice, o.ID, o.Owner, o.Kind, o.Price, o.Remaining)
			return true
		})
	}
	last, _ := b.LastTradePrice()
	fmt.Fprintf(&out, "last=%d tick=%d resting=%d stops=%d\n", last, b.LastTick(), b.RestingOrders(), b.StopOrders())
	return out.String()
}

func writeLevel(out *strings.Builder, b *Book, s Side, l Level) {
	fmt.Fprintf(out, "  %d x%d:", l.Price, l.Quantity)
	n := 0
	b.LevelOrders(s, l.Price, func(o OrderInfo) bool {
		if n == 8 {
			fmt.Fprintf(out, " ...")
			return false
		}
		fmt.Fprintf(out, " %d/%d:%d", o.ID, o.Owner, o.Remaining)
		n++
		return true
	})
	if l.Orders > 8 {
		fmt.Fprintf(out, " (%d orders)", l.Orders)
	}
	out.WriteByte('\n')
}

// testConfig is the market of the transcripts unless a "new" line changes it.
func testConfig() Config {
	return Config{MarketID: 1, MakerFeeBps: 0, TakerFeeBps: 0, QuotePerTickLot: 1, MaxPrice: 1_000_000,
		MaxQuantity: 1_000_000, MaxRestingOrders: 10_000, MaxStopOrders: 1_000}
}

// scriptArgs holds the words of a script line: key=value pairs and flags.
type scriptArgs map[string]string

func parseArgs(t *testing.T, words []string) scriptArgs {
	a := scriptArgs{}
	for _, w := range words {
		k, v, ok := strings.Cut(w, "=")
		if !ok {
			v = "true"
		}
		a[k] = v
	}
	return a
}

func (a scriptArgs) has(k string) bool { _, ok := a[k]; return ok }

func (a scriptArgs) uint(k string, def uint64) uint64 {
	v, ok := a[k]
	if !ok {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		panic(fmt.Sprintf("script: %s=%q is not an unsigned integer", k, v))
	}
	return n
}

func (a scriptArgs) config(c *Config) {
	c.MakerFeeBps = uint16(a.uint("maker", uint64(c.MakerFeeBps)))
	c.TakerFeeBps = uint16(a.uint("taker", uint64(c.TakerFeeBps)))
	c.QuotePerTickLot = a.uint("qptl", c.QuotePerTickLot)
	c.MaxPrice = a.uint("maxprice", c.MaxPrice)
	c.MaxQuantity = a.uint("maxqty", c.MaxQuantity)
	c.MaxRestingOrders = uint32(a.uint("resting", uint64(c.MaxRestingOrders)))
	c.MaxStopOrders = uint32(a.uint("stops", uint64(c.MaxStopOrders)))
	c.EmitDepth = a.has("depth")
}

func (a scriptArgs) command(t *testing.T, verb string) Command {
	switch verb {
	case "cancel":
		return Cancel(a.uint("id", 0))
	case "amend":
		return Amend(a.uint("id", 0), a.uint("price", 0), a.uint("qty", 0))
	case "tick":
		return Tick(a.uint("now", 0))
	case "place":
	default:
		t.Fatalf("script: unknown command %q", verb)
	}
	c := Command{Type: CommandPlace, OrderID: a.uint("id", 0), Owner: a.uint("owner", 0),
		Price: a.uint("price", 0), TriggerPrice: a.uint("trigger", 0), Quantity: a.uint("qty", 0),
		MaxFeeBps: uint16(a.uint("maxfee", 10_000)), Expiry: a.uint("expiry", 0), PostOnly: a.has("post")}
	c.Side = Side(lookup(t, a, []string{"buy", "sell"}, a.uint("side", 0)))
	c.Kind = Kind(lookup(t, a, kindNames[:], a.uint("kind", 0)))
	c.TimeInForce = TimeInForce(lookup(t, a, tifNames[:], a.uint("tif", 0)))
	if v, ok := a["stp"]; ok {
		c.SelfTrade = SelfTradeMode(indexOf(t, stpNames[:], v))
	}
	return c
}

// lookup returns the index of the flag from names that the line carries, or
// def.
func lookup(t *testing.T, a scriptArgs, names []string, def uint64) uint64 {
	for i, n := range names {
		if a.has(n) {
			return uint64(i)
		}
	}
	return def
}

func indexOf(t *testing.T, names []string, v string) int {
	for i, n := range names {
		if n == v {
			return i
		}
	}
	t.Fatalf("script: %q is not one of %v", v, names)
	return 0
}
