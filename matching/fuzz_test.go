package matching

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"math/rand/v2"
	"testing"
)

func TestCommandEncodingRoundTrip(t *testing.T) {
	cmds := []Command{
		{Type: CommandPlace, OrderID: 1<<64 - 1, Owner: 42, Side: Sell, Kind: StopLimit, TimeInForce: GTD, SelfTrade: CancelBoth,
			PostOnly: true, Price: 12345, TriggerPrice: 12000, Quantity: 7, MaxFeeBps: 65535, Expiry: 1_700_000_000},
		Cancel(9),
		Amend(9, 100, 3),
		Tick(1_700_000_001),
	}
	for _, c := range cmds {
		data, err := c.AppendEncode(nil)
		if err != nil {
			t.Fatalf("encode %+v: %v", c, err)
		}
		got, err := DecodeCommand(data)
		if err != nil {
			t.Fatalf("decode %x: %v", data, err)
		}
		if got != c {
			t.Errorf("round trip of %+v gave %+v", c, got)
		}
	}
}

func TestDecodeCommandRejectsMalformed(t *testing.T) {
	good, _ := Cancel(5).AppendEncode(nil)
	place, _ := (&Command{Type: CommandPlace, Quantity: 1}).AppendEncode(nil)
	badPostOnly := bytes.Clone(place)
	badPostOnly[commandHeaderLen+20] = 2
	cases := map[string][]byte{
		"empty":            nil,
		"unknown version":  append([]byte{2}, good[1:]...),
		"unknown type":     {commandVersion, 9, 0, 0, 0, 0, 0, 0, 0, 0},
		"truncated":        good[:len(good)-1],
		"trailing byte":    append(bytes.Clone(good), 0),
		"post-only byte 2": badPostOnly,
	}
	for name, data := range cases {
		if _, err := DecodeCommand(data); !errors.Is(err, ErrInvalidEncoding) {
			t.Errorf("%s: error %v, expected ErrInvalidEncoding", name, err)
		}
	}
	if _, err := (&Command{Type: 9}).AppendEncode(nil); !errors.Is(err, ErrUnknownCommand) {
		t.Errorf("encoding an unknown type: error %v, expected ErrUnknownCommand", err)
	}
}

// FuzzDecodeCommand checks that decoding never panics, that every decoded
// command re-encodes to the same bytes, and that applying it to a book with
// orders keeps the invariants and leaves a rejected command without effect.
func FuzzDecodeCommand(f *testing.F) {
	for _, c := range []Command{
		{Type: CommandPlace, OrderID: 3, Owner: 2, Side: Buy, Price: 101, Quantity: 4, MaxFeeBps: 30},
		{Type: CommandPlace, OrderID: 4, Owner: 2, Side: Sell, Kind: StopMarket, Price: 1, TriggerPrice: 99, Quantity: 4, MaxFeeBps: 30},
		{Type: CommandPlace, OrderID: 10, Owner: 2, Side: Buy, Kind: StopLimit, TimeInForce: FOK, Price: 102, TriggerPrice: 101, Quantity: 1, MaxFeeBps: 30, Expiry: 11},
		Cancel(1), Amend(2, 99, 1), Tick(5),
	} {
		data, _ := c.AppendEncode(nil)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cmd, err := DecodeCommand(data)
		if err != nil {
			return
		}
		again, err := cmd.AppendEncode(nil)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded %+v re-encodes to %x (%v), input %x", cmd, again, err, data)
		}
		book := seededBook(t)
		before := book.StateHash()
		events, err := book.Apply(cmd, nil)
		if e := checkRejection(err, events); e != nil {
			t.Fatal(e)
		}
		if err != nil && book.StateHash() != before {
			t.Fatalf("rejected command %+v changed the book", cmd)
		}
		if e := book.CheckInvariants(); e != nil {
			t.Fatal(e)
		}
	})
}

// seededBook returns a small book with resting, stop and GTD orders, and
// an IOC stop order with an expiry.
func seededBook(t testing.TB) *Book {
	cfg := testConfig()
	cfg.MakerFeeBps, cfg.TakerFeeBps, cfg.EmitDepth = 5, 10, true
	book, err := NewBook(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cmds := []Command{
		{Type: CommandPlace, OrderID: 1, Owner: 1, Side: Sell, Price: 101, Quantity: 5, MaxFeeBps: 10},
		{Type: CommandPlace, OrderID: 2, Owner: 1, Side: Buy, Price: 99, Quantity: 5, MaxFeeBps: 10, TimeInForce: GTD, Expiry: 10},
		{Type: CommandPlace, OrderID: 5, Owner: 3, Side: Buy, Price: 100, Quantity: 1, MaxFeeBps: 10},
		{Type: CommandPlace, OrderID: 6, Owner: 4, Side: Sell, Price: 100, Quantity: 1, MaxFeeBps: 10},
		{Type: CommandPlace, OrderID: 7, Owner: 4, Side: Sell, Kind: StopLimit, Price: 98, TriggerPrice: 99, Quantity: 2, MaxFeeBps: 10},
		{Type: CommandPlace, OrderID: 8, Owner: 4, Side: Buy, Kind: StopMarket, Price: 200, TriggerPrice: 101, Quantity: 2, MaxFeeBps: 10},
		{Type: CommandPlace, OrderID: 9, Owner: 5, Side: Sell, Kind: StopMarket, TimeInForce: IOC, Price: 1, TriggerPrice: 97, Quantity: 1, MaxFeeBps: 10, Expiry: 12},
	}
	for _, c := range cmds {
		if _, err := book.Apply(c, nil); err != nil {
			t.Fatalf("seeding %+v: %v", c, err)
		}
	}
	return book
}

// FuzzRestoreSnapshot checks that restoring never panics, that a restored
// book keeps the invariants, and that it encodes back to the same bytes. The
// input is a snapshot without its checksum, which the test appends, so that
// mutations reach the parser instead of stopping at the checksum.
func FuzzRestoreSnapshot(f *testing.F) {
	book := seededBook(f)
	body := book.AppendSnapshot(nil)
	f.Add(body[:len(body)-sha256.Size])
	empty, _ := NewBook(testConfig())
	body = empty.AppendSnapshot(nil)
	f.Add(body[:len(body)-sha256.Size])
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		data := append(bytes.Clone(body), sum[:]...)
		b, err := RestoreSnapshot(data)
		if err != nil {
			if !errors.Is(err, ErrInvalidSnapshot) {
				t.Fatalf("error %v does not wrap ErrInvalidSnapshot", err)
			}
			return
		}
		if e := b.CheckInvariants(); e != nil {
			t.Fatal(e)
		}
		if again := b.AppendSnapshot(nil); !bytes.Equal(again, data) {
			t.Fatalf("restored book encodes to different bytes")
		}
	})
}

// TestRestoreSnapshotDetectsDamage flips each byte of a snapshot and checks
// that the checksum catches it.
func TestRestoreSnapshotDetectsDamage(t *testing.T) {
	data := seededBook(t).AppendSnapshot(nil)
	for i := range data {
		bad := bytes.Clone(data)
		bad[i] ^= 0x40
		if _, err := RestoreSnapshot(bad); !errors.Is(err, ErrInvalidSnapshot) {
			t.Fatalf("byte %d flipped: error %v, expected ErrInvalidSnapshot", i, err)
		}
	}
	if _, err := RestoreSnapshot(data[:len(data)-1]); !errors.Is(err, ErrInvalidSnapshot) {
		t.Fatalf("truncated snapshot: error %v, expected ErrInvalidSnapshot", err)
	}
}

// TestSameCommandsSameState replays one random stream on two books and
// checks byte-identical events and equal state hashes, and that a book
// restored midway produces the same events from there on.
func TestSameCommandsSameState(t *testing.T) {
	for _, seed := range testSeeds(t, 3) {
		rng := rand.New(rand.NewPCG(seed, 1))
		cfg := modelConfig(rng)
		a, _ := NewBook(cfg)
		b, _ := NewBook(cfg)
		a.expiriesMax = modelExpiriesMax(rng)
		b.expiriesMax = a.expiriesMax
		gen := &commandGen{rng: rng, ref: newModel(cfg, a.expiriesMax)}
		var evA, evB []Event
		var textA, textB []byte
		for i := 0; i < 2000; i++ {
			cmd := gen.next()
			gen.ref.apply(cmd)
			evA, _ = a.Apply(cmd, evA[:0])
			evB, _ = b.Apply(cmd, evB[:0])
			textA, textB = textA[:0], textB[:0]
			for j := range evA {
				textA = evA[j].AppendText(textA)
			}
			for j := range evB {
				textB = evB[j].AppendText(textB)
			}
			if !bytes.Equal(textA, textB) {
				t.Fatalf("seed %d (rerun with -seed=%d), command %d: event streams differ", seed, seed, i)
			}
			if i == 1000 {
				restored, err := RestoreSnapshot(b.AppendSnapshot(nil))
				if err != nil {
					t.Fatal(err)
				}
				restored.expiriesMax = a.expiriesMax
				b = restored
			}
		}
		if a.StateHash() != b.StateHash() {
			t.Fatalf("seed %d (rerun with -seed=%d): state hashes differ", seed, seed)
		}
	}
}

func TestNewBookRejectsBadConfig(t *testing.T) {
	good := testConfig()
	bad := map[string]func(c *Config){
		"maker fee above 100%":      func(c *Config) { c.MakerFeeBps = 10_001 },
		"taker fee above 100%":      func(c *Config) { c.TakerFeeBps = 10_001 },
		"zero quote per tick lot":   func(c *Config) { c.QuotePerTickLot = 0 },
		"zero max price":            func(c *Config) { c.MaxPrice = 0 },
		"max price over 2^63-1":     func(c *Config) { c.MaxPrice = 1 << 63 },
		"zero max quantity":         func(c *Config) { c.MaxQuantity = 0 },
		"zero resting capacity":     func(c *Config) { c.MaxRestingOrders = 0 },
		"quantity sum may overflow": func(c *Config) { c.MaxQuantity = 1 << 60 },
	}
	for name, edit := range bad {
		c := good
		edit(&c)
		if _, err := NewBook(c); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("%s: error %v, expected ErrInvalidConfig", name, err)
		}
	}
	if _, err := NewBook(good); err != nil {
		t.Fatalf("good config rejected: %v", err)
	}
}

// TestSteadyStateDoesNotAllocate checks that placing, matching and
// cancelling on a warmed book, and reading its depth, allocate nothing.
func TestSteadyStateDoesNotAllocate(t *testing.T) {
	cfg := testConfig()
	cfg.MakerFeeBps, cfg.TakerFeeBps, cfg.EmitDepth = 2, 5, true
	book, err := NewBook(cfg)
	if err != nil {
		t.Fatal(err)
	}
	events := make([]Event, 0, 64)
	depth := make([]Level, 0, 16)
	id := uint64(0)
	cycle := func() {
		// A resting sell, a GTD buy below it, a buy that takes part of the
		// sell, a stop that waits, then cancels of everything left.
		cmds := []Command{
			{Type: CommandPlace, OrderID: id + 1, Owner: 1, Side: Sell, Price: 101, Quantity: 5, MaxFeeBps: 5},
			{Type: CommandPlace, OrderID: id + 2, Owner: 2, Side: Buy, Price: 99, Quantity: 5, MaxFeeBps: 5, TimeInForce: GTD, Expiry: 1 << 40},
			{Type: CommandPlace, OrderID: id + 3, Owner: 3, Side: Buy, Price: 101, Quantity: 2, MaxFeeBps: 5, TimeInForce: IOC},
			{Type: CommandPlace, OrderID: id + 4, Owner: 3, Side: Buy, Kind: StopMarket, Price: 200, TriggerPrice: 150, Quantity: 2, MaxFeeBps: 5},
			Cancel(id + 1), Cancel(id + 2), Cancel(id + 4),
		}
		for _, c := range cmds {
			if events, err = book.Apply(c, events[:0]); err != nil {
				t.Fatalf("%+v: %v", c, err)
			}
		}
		depth = book.AppendDepth(Buy, 10, depth[:0])
		id += 4
	}
	for i := 0; i < 100; i++ {
		cycle() // grow every structure to its working size
	}
	if allocs := testing.AllocsPerRun(1000, cycle); allocs != 0 {
		t.Fatalf("%.2f allocations per cycle of 7 commands, expected 0", allocs)
	}
}
