package lobster

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sampleDir returns ../shared/data/lobster beside the repository root.
func sampleDir(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data", "lobster")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// TestReplaySample replays every LOBSTER sample in the shared data folder
// and checks that each row's top of book matches.
func TestReplaySample(t *testing.T) {
	dir := sampleDir(t)
	messages, _ := filepath.Glob(filepath.Join(dir, "*_message_*.csv"))
	if len(messages) == 0 {
		t.Skipf("no LOBSTER sample in %s; put a *_message_N.csv and *_orderbook_N.csv pair there to run this test", dir)
	}
	for _, msgPath := range messages {
		bookPath := strings.Replace(msgPath, "_message_", "_orderbook_", 1)
		t.Run(filepath.Base(msgPath), func(t *testing.T) {
			msgFile, err := os.Open(msgPath)
			if err != nil {
				t.Fatal(err)
			}
			defer msgFile.Close()
			bookFile, err := os.Open(bookPath)
			if err != nil {
				t.Fatal(err)
			}
			defer bookFile.Close()
			res, err := Replay(msgFile, bookFile)
			if err != nil {
				t.Fatalf("replay: %v", err)
			}
			lines, executions := countMessages(t, msgPath)
			if res.Rows != lines || res.Matched != res.Rows {
				t.Errorf("%d/%d rows match; the message file has %d messages", res.Matched, res.Rows, lines)
			}
			if res.Executions != executions {
				t.Errorf("%d executions replayed; the file has %d", res.Executions, executions)
			}
			t.Logf("%d/%d rows match, %d reconstructions (%d unknown orders, %d level fixes, %d revealed levels), %d/%d executions filled the named order first",
				res.Matched, res.Rows, res.Reconstructions, res.UnknownOrders, res.LevelFixes, res.RevealedLevels, res.NamedFirst, res.Executions)
		})
	}
}

// countMessages counts data lines and visible executions with a plain scan.
func countMessages(t *testing.T, path string) (lines, executions int) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), ",")
		if len(fields) < 2 || fields[0] == "Time" {
			continue
		}
		lines++
		if fields[1] == "4" {
			executions++
		}
	}
	return lines, executions
}

func TestReplaySmallLevelOneFile(t *testing.T) {
	// Orders 20, 30 and 31 never appear in a submission, because they rested
	// beyond the top level when they arrived. The bids at 100 and 99 come
	// into view only in the rows. Trading halts at 5.0 and resumes at 6.0.
	messages := `1.0,1,10,5,101,1
2.0,4,10,5,101,1
3.0,3,20,30,100,1
4.0,2,30,10,105,-1
5.0,7,0,0,-1,-1
6.0,7,0,0,1,-1
7.0,4,31,5,105,-1
`
	rows := `105,40,101,5
105,40,100,30
105,40,99,7
105,30,99,7
105,30,99,7
105,30,99,7
105,25,99,7
`
	res, err := Replay(strings.NewReader(messages), strings.NewReader(rows))
	if err != nil {
		t.Fatalf("replay: %v", err)
	}
	want := Result{Rows: 7, Matched: 7, Reconstructions: 5, UnknownOrders: 3, RevealedLevels: 2, Executions: 2, NamedFirst: 2}
	if res != want {
		t.Fatalf("result %+v, expected %+v", res, want)
	}
}

func TestReplayReportsMismatch(t *testing.T) {
	messages := "1.0,1,10,5,101,1\n2.0,1,11,5,101,1\n"
	rows := "105,40,101,5\n105,40,101,9\n"
	_, err := Replay(strings.NewReader(messages), strings.NewReader(rows))
	if !errors.Is(err, ErrMismatch) || !strings.Contains(err.Error(), "row 2") || !strings.Contains(err.Error(), "bid 101 x 10") {
		t.Fatalf("error %v, expected a mismatch at row 2 naming the engine's bid 101 x 10", err)
	}
}

func TestReplayRejectsBadInput(t *testing.T) {
	cases := map[string]struct {
		messages, rows string
		want           error
	}{
		"execution during halt": {"1.0,7,0,0,-1,-1\n2.0,4,1,5,101,1\n", "105,1,101,5\n105,1,101,5\n", ErrReplay},
		"unknown type":          {"1.0,9,1,5,101,1\n", "105,1,101,5\n", ErrReplay},
		"short message line":    {"1.0,1,1,5\n", "105,1,101,5\n", ErrInvalidFile},
		"bad direction":         {"1.0,1,1,5,101,0\n", "105,1,101,5\n", ErrInvalidFile},
		"row of 3 columns":      {"1.0,1,1,5,101,1\n", "105,1,101\n", ErrInvalidFile},
		"fewer rows":            {"1.0,1,1,5,101,1\n2.0,1,2,5,101,1\n", "105,1,101,5\n", ErrRowCount},
	}
	for name, c := range cases {
		_, err := Replay(strings.NewReader(c.messages), strings.NewReader(c.rows))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, expected %v", name, err, c.want)
		}
	}
}

// TestReplaySyntheticDepths builds order flow on a simple book and writes it
// as LOBSTER files of 1, 2, 5 and 10 levels, keeping only messages within
// the recorded levels as LOBSTER does. Every row of each file must match,
// and deeper files must need fewer reconstructions.
func TestReplaySyntheticDepths(t *testing.T) {
	seed := uint64(7)
	var prev int
	for _, depth := range []int{1, 2, 5, 10} {
		messages, rows := synthesize(seed, depth, 20_000)
		res, err := Replay(strings.NewReader(messages), strings.NewReader(rows))
		if err != nil {
			t.Fatalf("seed %d, depth %d: %v", seed, depth, err)
		}
		if res.Matched != res.Rows {
			t.Fatalf("depth %d: %d/%d rows match", depth, res.Matched, res.Rows)
		}
		t.Logf("depth %d: %d rows, %d reconstructions, %d/%d executions filled the named order first",
			depth, res.Rows, res.Reconstructions, res.NamedFirst, res.Executions)
		if depth > 1 && res.Reconstructions >= prev {
			t.Errorf("depth %d needs %d reconstructions, not fewer than the %d of the shallower file", depth, res.Reconstructions, prev)
		}
		prev = res.Reconstructions
	}
}

// simOrder and simBook are the reference book of the synthetic flow: price
// levels of FIFO queues.
type simOrder struct {
	id   uint64
	size uint64
}

type simBook struct {
	levels [2]map[int64][]simOrder // index 0 bids, 1 asks
}

// prices returns a side's prices, best first.
func (b *simBook) prices(s int) []int64 {
	var ps []int64
	for p := range b.levels[s] {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	if s == 0 {
		slices.Reverse(ps)
	}
	return ps
}

func (b *simBook) levelSize(s int, p int64) uint64 {
	var n uint64
	for _, o := range b.levels[s][p] {
		n += o.size
	}
	return n
}

// visible reports whether price p is within the top depth levels of side s.
func (b *simBook) visible(s int, p int64, depth int) bool {
	ps := b.prices(s)
	i := slices.Index(ps, p)
	return i >= 0 && i < depth
}

func (b *simBook) row(depth int) string {
	var cols []string
	asks, bids := b.prices(1), b.prices(0)
	for i := 0; i < depth; i++ {
		if i < len(asks) {
			cols = append(cols, fmt.Sprint(asks[i]), fmt.Sprint(b.levelSize(1, asks[i])))
		} else {
			cols = append(cols, "9999999999", "0")
		}
		if i < len(bids) {
			cols = append(cols, fmt.Sprint(bids[i]), fmt.Sprint(b.levelSize(0, bids[i])))
		} else {
			cols = append(cols, "-9999999999", "0")
		}
	}
	return strings.Join(cols, ",")
}

// synthesize returns a message file and an orderbook file of n events.
func synthesize(seed uint64, depth, n int) (string, string) {
	rng := rand.New(rand.NewPCG(seed, 99))
	b := &simBook{levels: [2]map[int64][]simOrder{{}, {}}}
	var msgs, rows strings.Builder
	nextID := uint64(1000)
	dir := [2]int{1, -1}
	for step := 0; step < n; step++ {
		s := rng.IntN(2)
		var line string
		keep := false
		switch k := rng.IntN(10); {
		case k < 5 || len(b.levels[s]) == 0:
			// A submission that does not cross, within 20 ticks of the touch.
			p := int64(10_000 + rng.IntN(20)*100)
			if s == 0 && len(b.levels[1]) > 0 {
				p = b.prices(1)[0] - int64(1+rng.IntN(20))*100
			}
			if s == 1 && len(b.levels[0]) > 0 {
				p = b.prices(0)[0] + int64(1+rng.IntN(20))*100
			}
			size := uint64(1 + rng.IntN(300))
			nextID++
			b.levels[s][p] = append(b.levels[s][p], simOrder{nextID, size})
			keep = b.visible(s, p, depth)
			line = fmt.Sprintf("%d,1,%d,%d,%d,%d", step, nextID, size, p, dir[s])
		case k < 8:
			// A partial or full cancellation of a random order.
			ps := b.prices(s)
			p := ps[rng.IntN(len(ps))]
			q := b.levels[s][p]
			i := rng.IntN(len(q))
			keep = b.visible(s, p, depth)
			size := uint64(1 + rng.IntN(int(q[i].size)))
			typ := 2
			if size == q[i].size {
				typ = 3
			}
			line = fmt.Sprintf("%d,%d,%d,%d,%d,%d", step, typ, q[i].id, size, p, dir[s])
			b.reduce(s, p, i, size)
		default:
			// An execution of the oldest order at the best price.
			p := b.prices(s)[0]
			o := b.levels[s][p][0]
			size := uint64(1 + rng.IntN(int(o.size)))
			keep = true
			line = fmt.Sprintf("%d,4,%d,%d,%d,%d", step, o.id, size, p, dir[s])
			b.reduce(s, p, 0, size)
		}
		if keep {
			msgs.WriteString(line + "\n")
			rows.WriteString(b.row(depth) + "\n")
		}
	}
	return msgs.String(), rows.String()
}

func (b *simBook) reduce(s int, p int64, i int, size uint64) {
	q := b.levels[s][p]
	q[i].size -= size
	if q[i].size == 0 {
		q = append(q[:i], q[i+1:]...)
	}
	if len(q) == 0 {
		delete(b.levels[s], p)
		return
	}
	b.levels[s][p] = q
}
