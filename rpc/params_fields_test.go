package rpc

import "testing"

func TestObjectFieldsEnum(t *testing.T) {
	cases := []struct {
		json string
		want uint8
		ok   bool
	}{
		{`{"side": "sell"}`, 1, true},
		{`{"side": "SELL"}`, 1, true},
		{`{"side": "s\u0065ll"}`, 1, true},
		{`{"side": 1}`, 1, true},
		{`{"side": "1"}`, 1, true},
		{`{}`, 0, true},
		{`{"side": "short"}`, 0, false},
		{`{"side": 2}`, 0, false},
		{`{"side": null}`, 0, true},
	}
	for _, c := range cases {
		o := decodeObject("order", []byte(c.json))
		got := o.enum("side", sideNames, 0)
		if ok := o.finish() == nil; ok != c.ok {
			t.Errorf("enum of %s: error %v, expected success %v", c.json, o.finish(), c.ok)
			continue
		}
		if c.ok && got != c.want {
			t.Errorf("enum of %s = %d, expected %d", c.json, got, c.want)
		}
	}
}

func TestObjectFieldsBoolean(t *testing.T) {
	cases := []struct {
		json string
		want bool
		ok   bool
	}{
		{`{"postOnly": true}`, true, true},
		{`{"postOnly":false }`, false, true},
		{`{"postOnly": null}`, false, true},
		{`{}`, false, true},
		{`{"postOnly": "true"}`, false, false},
		{`{"postOnly": 1}`, false, false},
		{`{"postOnly": True}`, false, false},
	}
	for _, c := range cases {
		o := decodeObject("order", []byte(c.json))
		got := o.boolean("postOnly")
		if ok := o.finish() == nil; ok != c.ok {
			t.Errorf("boolean of %s: error %v, expected success %v", c.json, o.finish(), c.ok)
			continue
		}
		if got != c.want {
			t.Errorf("boolean of %s = %v, expected %v", c.json, got, c.want)
		}
	}
}
