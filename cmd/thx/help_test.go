package main

import (
	"errors"
	"strings"
	"testing"
)

func TestUnknownCommandListsCommands(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate" for thx; the commands are version, replay, bench, db, account, node, markets, order, balances, testnet`},
		{[]string{"replay", "nasdaq"}, `unknown command "nasdaq" for thx replay; the commands are lobster`},
	}
	for _, tc := range cases {
		_, err := runThx(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("thx %v: error %v, expected one containing %q", tc.args, err, tc.want)
		}
	}
}

func TestFlagErrorsSayWhatToSend(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"node", "--batch-interval", "5"}, `invalid --batch-interval "5": use a duration with a unit, such as 5s, 500ms or 2m`},
		{[]string{"node", "--batch-trades", "many"}, `invalid --batch-trades "many": use an integer`},
		{[]string{"account", "new", "--password", "FILE"}, "unknown flag --password for thx account new; did you mean --password-file?"},
		{[]string{"db", "inspect", "--nope"}, "unknown flag --nope for thx db inspect; run thx db inspect --help for the flags"},
	}
	for _, tc := range cases {
		_, err := runThx(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("thx %v: error %v, expected one containing %q", tc.args, err, tc.want)
		}
	}
}

func TestHelpLayout(t *testing.T) {
	pages := [][]string{
		{"--help"}, {"node", "--help"}, {"account", "--help"}, {"account", "new", "--help"},
		{"db", "backup", "--help"}, {"replay", "lobster", "--help"}, {"order", "place", "--help"},
	}
	for _, page := range pages {
		out, err := runThx(t, page...)
		if err != nil {
			t.Fatalf("thx %v: %v", page, err)
		}
		if strings.Contains(out, "MISC") {
			t.Errorf("thx %v prints a MISC heading:\n%s", page, out)
		}
		options := false
		for i, line := range strings.Split(out, "\n") {
			if strings.TrimRight(line, " \t") != line {
				t.Errorf("thx %v: line %d %q ends in white space", page, i+1, line)
			}
			options = options || strings.HasSuffix(line, "OPTIONS:")
			indent := len(line) - len(strings.TrimLeft(line, " "))
			flagLine := indent == 3 && strings.HasPrefix(line, "   --")
			if options && line != "" && !strings.HasSuffix(line, "OPTIONS:") && !flagLine && indent != 8 {
				t.Errorf("thx %v: option line %d %q is neither a flag indented by 3 nor its usage indented by 8", page, i+1, line)
			}
		}
	}

	out, _ := runThx(t, "replay", "lobster", "--help")
	if !strings.Contains(out, "USAGE:\n   thx replay lobster --messages FILE --orderbook FILE\n") {
		t.Errorf("replay lobster's usage does not show its required flags:\n%s", out)
	}
	if !strings.Contains(out, "--messages FILE\n        the LOBSTER message FILE (*_message_N.csv) (required)") {
		t.Errorf("replay lobster's help does not mark --messages required:\n%s", out)
	}
}

func TestExplainRequired(t *testing.T) {
	cases := map[string]string{
		`Required flag "orderbook" not set`:            "missing --orderbook: the command needs it",
		`Required flags "messages, orderbook" not set`: "missing --messages and --orderbook: the command needs it",
		"some other error":                             "some other error",
	}
	for in, want := range cases {
		if got := explainRequired(errors.New(in)).Error(); !strings.HasPrefix(got, want) {
			t.Errorf("explainRequired(%q) = %q, expected it to start with %q", in, got, want)
		}
	}
}
