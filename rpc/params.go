package rpc

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/thaliumx/thaliumx/chain/eip712"
)

// objectFieldsMax bounds the members of a parameter object. It is at most
// 64, the bits of objectFields.consumed.
const objectFieldsMax = 32

// objectFields decodes one JSON object strictly: each member is taken once
// by name, and finish rejects the members that no accessor took, so a
// misspelt field is an error rather than a default. The first error sticks; accessors
// return zero values after it.
type objectFields struct {
	path string
	// param names the whole object in errors when it is a method's
	// parameter (path is empty).
	param string
	// shape lists the expected members, such as "{order, signature}",
	// which the error for a value that is not an object names. An empty
	// shape names none.
	shape string
	// fields contains the members in the order sent, each name once.
	// Invariant: len(fields) <= objectFieldsMax.
	fields []member
	// consumed has bit i set once an accessor took fields[i]. A mask in place
	// of deleting from fields moves no pointers, so it needs no GC write
	// barriers.
	consumed uint64
	err      error
}

// member is one member of a JSON object: its decoded name and its raw value.
type member struct {
	name  []byte
	value json.RawMessage
}

// validJSON is the encoding of one valid JSON value. The decoders of this
// package take it without checking it again, and their scans rely on it:
// on invalid bytes they can index past the end.
//
// A method parameter of type *validJSON is valid, because go-ethereum
// v1.17.10's server decodes each positional argument with json.Unmarshal,
// which checks the whole argument before it calls UnmarshalJSON. A member
// of a valid object and an element of a valid array are valid too. Other
// bytes must pass a check, such as json.Unmarshal, before they become a
// validJSON.
type validJSON []byte

// UnmarshalJSON keeps a copy of data. encoding/json calls it only with a
// valid encoding of one value, as its Unmarshaler documentation (Go 1.26)
// states.
func (v *validJSON) UnmarshalJSON(data []byte) error {
	*v = bytes.Clone(data)
	return nil
}

// decodeObject decodes raw as one JSON object.
func decodeObject(path string, raw validJSON) *objectFields {
	return decodeFields(&objectFields{path: path}, raw)
}

// decodeParam decodes raw as the JSON object of the method parameter
// param. Errors name its members without a prefix and the parameter for
// the whole object. shape describes the members for a value that is not
// an object.
func decodeParam(param, shape string, raw validJSON) *objectFields {
	return decodeFields(&objectFields{param: param, shape: shape}, raw)
}

// objectAt decodes the object at path, or the parameter param when path
// is empty. shape describes the members for a value that is not an
// object.
func objectAt(path, param, shape string, raw validJSON) *objectFields {
	if path == "" {
		return decodeParam(param, shape, raw)
	}
	return decodeFields(&objectFields{path: path, shape: shape}, raw)
}

func decodeFields(o *objectFields, raw validJSON) *objectFields {
	trimmed := bytes.Trim(raw, jsonSpace)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		reason := "expected a JSON object"
		if o.shape != "" {
			reason += " " + o.shape
		}
		o.err = invalidParam(o.name(""), clip(string(trimmed)), "%s", reason)
		return o
	}
	fields, err := splitValidObject(trimmed)
	if err != nil {
		o.err = invalidParam(o.name(""), "", "malformed object: %v", err)
		return o
	}
	if len(fields) > objectFieldsMax {
		o.err = invalidParam(o.name(""), "", "has %d members, at most %d are accepted", len(fields), objectFieldsMax)
		return o
	}
	o.fields = fields
	return o
}

// errNotString marks a value that is no JSON string.
var errNotString = errors.New("not a JSON string")

// splitValidObject returns the members of a JSON object, each name once
// with its last value, as encoding/json keeps a later duplicate. It finds
// each member's extent in a single pass, where decoding into a map with
// encoding/json scans every member twice, and it allocates no map or
// name string for an object of objectFieldsMax members or fewer.
//
// REQUIRES: data is a valid JSON object without surrounding space.
func splitValidObject(data []byte) ([]member, error) {
	fields := make([]member, 0, 24)
	i := skipSpace(data, 1)
	for data[i] != '}' {
		keyEnd := valueEnd(data, i)
		name, err := unquoteBytes(data[i:keyEnd])
		if err != nil {
			return nil, err
		}
		start := skipSpace(data, skipSpace(data, keyEnd)+1) // past the colon
		end := valueEnd(data, start)
		fields = append(fields, member{name: name, value: json.RawMessage(data[start:end])})
		i = skipSpace(data, end)
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return dedupeMembers(fields), nil
}

// dedupeMembers keeps the last value of each name, in the place of the
// name's first appearance. It compares pairs up to objectFieldsMax
// members and uses a map above, where the caller rejects the object with
// the count of distinct names.
func dedupeMembers(fields []member) []member {
	if len(fields) > objectFieldsMax {
		seen := make(map[string]int, len(fields))
		out := fields[:0]
		for _, f := range fields {
			if j, ok := seen[string(f.name)]; ok {
				out[j].value = f.value
				continue
			}
			seen[string(f.name)] = len(out)
			out = append(out, f)
		}
		return out
	}
	out := fields[:0]
next:
	for _, f := range fields {
		for j := range out {
			if bytes.Equal(out[j].name, f.name) {
				out[j].value = f.value
				continue next
			}
		}
		out = append(out, f)
	}
	return out
}

// jsonSpace lists the whitespace characters of JSON.
const jsonSpace = " \t\n\r"

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value that starts at i.
//
// REQUIRES: data is valid JSON and a value starts at i.
func valueEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			end := stringEnd(data, i)
			if depth == 0 {
				return end
			}
			i = end - 1
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1
			}
			if depth < 0 {
				return i // the end of an enclosing object or array after a literal
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the JSON string that starts at i.
// It jumps from quote to quote with bytes.IndexByte, which is faster than
// a loop over each byte, and a quote ends the string unless an odd number
// of backslashes escapes it.
//
// REQUIRES: data is valid JSON and a string starts at i.
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		quote := bytes.IndexByte(data[i:], '"')
		if quote < 0 {
			return len(data)
		}
		i += quote
		backslashes := 0
		for data[i-1-backslashes] == '\\' {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i + 1
		}
	}
	return len(data)
}

// name returns the path of a member for messages, for example "order.price".
func (o *objectFields) name(member string) string {
	switch {
	case o.path == "" && member == "":
		return o.param
	case o.path == "":
		return member
	case member == "":
		return o.path
	}
	return o.path + "." + member
}

// has reports whether the object has a member that no accessor took yet,
// null or not.
func (o *objectFields) has(name string) bool {
	return o.find(name) >= 0
}

// find returns the index of a member in o.fields that no accessor took
// yet, or -1.
func (o *objectFields) find(name string) int {
	for i := range o.fields {
		if o.consumed&(1<<i) == 0 && string(o.fields[i].name) == name {
			return i
		}
	}
	return -1
}

// take removes a member and returns its raw value; null counts as absent.
// After an error it still removes the member, so that finish can name the
// unknown members beside the error, but returns nothing.
func (o *objectFields) take(member string) (json.RawMessage, bool) {
	var raw json.RawMessage
	i := o.find(member)
	ok := i >= 0
	if ok {
		raw = o.fields[i].value
		o.consumed |= 1 << i
	}
	if o.err != nil {
		return nil, false
	}
	if !ok || string(bytes.TrimSpace(raw)) == "null" {
		return nil, false
	}
	return raw, true
}

func (o *objectFields) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

// missingReason starts the reason of a missing member's error.
const missingReason = "missing"

// require records a missing-member error when present is false.
func (o *objectFields) require(member string, present bool) {
	if !present {
		o.fail(invalidParam(o.name(member), "", missingReason))
	}
}

func (o *objectFields) str(member string) (string, bool) {
	raw, ok := o.take(member)
	if !ok {
		return "", false
	}
	s, err := unquote(raw)
	if err != nil {
		o.fail(invalidParam(o.name(member), clip(string(raw)), "expected a JSON string"))
		return "", false
	}
	return s, true
}

// unquote decodes a JSON string. A string of valid UTF-8 without escapes,
// which every decimal, address and hash is, is sliced without a second
// JSON scan.
func unquote(raw json.RawMessage) (string, error) {
	if b, ok := plainString(raw); ok {
		return string(b), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// unquoteBytes is unquote returning bytes, which for a string without
// escapes are a slice of raw and cost no allocation.
func unquoteBytes(raw json.RawMessage) ([]byte, error) {
	if b, ok := plainString(raw); ok {
		return b, nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return []byte(s), err
}

// plainString returns the contents of a JSON string of valid UTF-8
// without escapes, or false for any other value.
func plainString(raw json.RawMessage) ([]byte, bool) {
	raw = bytes.Trim(raw, jsonSpace)
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' &&
		bytes.IndexByte(raw[1:len(raw)-1], '\\') < 0 && utf8.Valid(raw) {
		return raw[1 : len(raw)-1], true
	}
	return nil, false
}

func (o *objectFields) uint(member string) (uint64, bool) {
	raw, ok := o.take(member)
	if !ok {
		return 0, false
	}
	v, err := parseUint64JSON(raw)
	if err != nil {
		o.fail(invalidParam(o.name(member), clip(string(raw)), "%v", err))
		return 0, false
	}
	return v, true
}

// uintMax decodes an integer and checks it against an upper bound.
func (o *objectFields) uintMax(member string, max uint64) (uint64, bool) {
	v, ok := o.uint(member)
	if ok && v > max {
		o.fail(invalidParam(o.name(member), fmt.Sprint(v), "above %d", max))
		return 0, false
	}
	return v, ok
}

func (o *objectFields) boolean(member string) bool {
	raw, ok := o.take(member)
	if !ok {
		return false
	}
	switch string(bytes.Trim(raw, jsonSpace)) {
	case "true":
		return true
	case "false", "null":
		return false
	}
	o.fail(invalidParam(o.name(member), clip(string(raw)), "expected true or false"))
	return false
}

// raw returns a member's raw value, for a nested object.
func (o *objectFields) raw(member string) (validJSON, bool) {
	raw, ok := o.take(member)
	return validJSON(raw), ok
}

func (o *objectFields) address(member string) (common.Address, bool) {
	s, ok := o.str(member)
	if !ok {
		return common.Address{}, false
	}
	a, err := parseAddress(s)
	if err != nil {
		o.fail(invalidParam(o.name(member), clip(s), "%v", err))
		return common.Address{}, false
	}
	return a, true
}

func (o *objectFields) hash(member string) (common.Hash, bool) {
	s, ok := o.str(member)
	if !ok {
		return common.Hash{}, false
	}
	h, err := parseHash(s)
	if err != nil {
		o.fail(invalidParam(o.name(member), clip(s), "%v", err))
		return common.Hash{}, false
	}
	return h, true
}

// enum decodes a name from names (case-insensitive) or its index, as a
// JSON integer or a string of digits; an absent member is def.
func (o *objectFields) enum(member string, names []string, def uint8) uint8 {
	raw, ok := o.take(member)
	if !ok {
		return def
	}
	// Names come first, so that the usual request builds no error value
	// in parseUint64JSON.
	var s string
	var err error = errNotString
	if trimmed := bytes.TrimLeft(raw, jsonSpace); len(trimmed) > 0 && trimmed[0] == '"' {
		s, err = unquote(raw)
	}
	if err == nil {
		for i, name := range names {
			if strings.EqualFold(s, name) {
				return uint8(i)
			}
		}
	}
	if v, codeErr := parseUint64JSON(raw); codeErr == nil && v < uint64(len(names)) {
		return uint8(v)
	}
	value := s
	if err != nil {
		value = string(raw)
	}
	o.fail(invalidParam(o.name(member), clip(value), "expected one of %s or its code 0 to %d",
		strings.Join(names, ", "), len(names)-1))
	return def
}

// finish returns the first error, or an error naming the members that no
// accessor took.
// A missing member's error also names the unknown members, because one of
// them may be the missing member misspelt.
func (o *objectFields) finish() error {
	var unknown []string
	for i, f := range o.fields {
		if o.consumed&(1<<i) == 0 {
			unknown = append(unknown, string(f.name))
		}
	}
	slices.Sort(unknown)

	var param *paramError
	if errors.As(o.err, &param) && strings.HasPrefix(param.reason, missingReason) && len(unknown) > 0 {
		for i, member := range unknown {
			unknown[i] = o.name(member)
		}
		sent := "the unknown field " + unknown[0] + " was sent"
		if len(unknown) > 1 {
			sent = "the unknown fields " + strings.Join(unknown, ", ") + " were sent"
		}
		return invalidParam(param.field, "", "%s. Instead %s: check the spelling against docs/RPC.md", param.reason, sent)
	}
	if o.err != nil || len(unknown) == 0 {
		return o.err
	}
	if unknown[0] == "hash" {
		// Clients copy the hash of thx_typedData's reply into the request.
		return invalidParam(o.name(unknown[0]), "", "unknown field; the node computes the hash from the signed fields, so leave it out")
	}
	return invalidParam(o.name(unknown[0]), "", "unknown field; check its spelling against docs/RPC.md")
}

// Names of the enumerations, indexed by their EIP-712 codes.
var (
	sideNames        = []string{"buy", "sell"}
	kindNames        = []string{"limit", "market", "stopLimit", "stopMarket"}
	timeInForceNames = []string{"GTC", "GTD", "IOC", "FOK"}
	selfTradeNames   = []string{"cancelNewest", "cancelOldest", "cancelBoth"}
)

func enumName(names []string, code uint8) string {
	if int(code) < len(names) {
		return names[code]
	}
	return fmt.Sprint(code)
}

// parseAddress decodes a 0x-hex address. A mixed-case address must carry
// a valid EIP-55 checksum, which catches a mistyped character.
func parseAddress(s string) (common.Address, error) {
	b, err := decodeHex(s, common.AddressLength)
	if err != nil {
		return common.Address{}, err
	}
	a := common.BytesToAddress(b)
	digits := s[2:]
	if digits != strings.ToLower(digits) && digits != strings.ToUpper(digits) && digits != a.Hex()[2:] {
		return common.Address{}, fmt.Errorf("mixed-case address with a wrong EIP-55 checksum; expected %s", a.Hex())
	}
	return a, nil
}

// parseHash decodes a 0x-hex hash of 32 bytes.
func parseHash(s string) (common.Hash, error) {
	b, err := decodeHex(s, common.HashLength)
	if err != nil {
		return common.Hash{}, err
	}
	return common.BytesToHash(b), nil
}

// decodeHex decodes a 0x-prefixed hex string of exactly size bytes. Each
// error states the form expected.
func decodeHex(s string, size int) ([]byte, error) {
	if len(s) < 2 || (s[:2] != "0x" && s[:2] != "0X") {
		return nil, fmt.Errorf("expected 0x followed by %d hex digits (%d bytes)", 2*size, size)
	}
	if len(s) != 2+2*size {
		return nil, fmt.Errorf("expected 0x followed by %d hex digits (%d bytes), got %d digits", 2*size, size, len(s)-2)
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil {
		return nil, fmt.Errorf("expected 0x followed by %d hex digits (%d bytes): %v", 2*size, size, err)
	}
	return b, nil
}

// secp256k1HalfOrder is half the secp256k1 group order; a signature with a
// larger s is the malleable twin of a valid one.
var secp256k1HalfOrder = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// parseSignature decodes a 65-byte signature r ‖ s ‖ v and checks its form
// as the contract does: v of 0, 1, 27 or 28 and s at most half the order.
// Whether it recovers the trader is the backend's check.
func parseSignature(field, s string) (eip712.Signature, error) {
	var sig eip712.Signature
	b, err := decodeHex(s, eip712.SignatureLength)
	if err != nil {
		return sig, fmt.Errorf("%w: %s %q: %v", eip712.ErrSignatureLength, field, clip(s), err)
	}
	copy(sig[:], b)
	if v := sig[64]; v != 0 && v != 1 && v != 27 && v != 28 {
		return sig, fmt.Errorf("%w: %s: v is %d", eip712.ErrInvalidV, field, v)
	}
	if new(big.Int).SetBytes(sig[32:64]).Cmp(secp256k1HalfOrder) > 0 {
		return sig, fmt.Errorf("%w: %s; use the low-s form, which replaces s with the curve order minus s and swaps v between 27 and 28", eip712.ErrHighS, field)
	}
	return sig, nil
}

// signedParam describes the parameter of a signed message: its name in
// errors, the member that holds the message, and its members as errors
// show them. Its strings are literals, so decoding builds no string for
// them.
type signedParam struct {
	name, member, shape string
}

var (
	signedOrderParam      = signedParam{name: "signedOrder", member: "order", shape: "{order, signature}"}
	signedCancelParam     = signedParam{name: "signedCancel", member: "cancel", shape: "{cancel, signature}"}
	signedWithdrawalParam = signedParam{name: "signedWithdrawal", member: "withdrawal", shape: "{withdrawal, signature}"}
)

// missing returns the error of a call that left the parameter out or
// sent null.
func (p signedParam) missing() error {
	return missingArgument(p.name, "the object "+p.shape)
}

// decodeSigned splits a signed message as placeOrder, cancelOrder and
// withdraw take it: the message object under p.member, and the text of its
// signature, which the caller parses after the message so that a message
// error is reported first. Errors about the whole object name p.name.
func decodeSigned(raw validJSON, p signedParam) (validJSON, string, error) {
	return decodeSignedAt("", p, raw)
}

// decodeSignedAt is decodeSigned for an object at path, which prefixes
// the names of its members in errors, or for the parameter p when path is
// empty.
func decodeSignedAt(path string, p signedParam, raw validJSON) (validJSON, string, error) {
	o := objectAt(path, p.name, p.shape, raw)
	message, ok := o.raw(p.member)
	o.require(p.member, ok)
	sigText, ok := o.str("signature")
	o.require("signature", ok)
	if err := o.finish(); err != nil {
		return nil, "", err
	}
	return message, sigText, nil
}

// errNoMessage is returned when a typedData request names no message.
var errNoMessage = errors.New("expected exactly one of order, cancel and withdrawal")

// joinPath names member of the object at path, as objectFields.name does.
func joinPath(path, member string) string {
	if path == "" {
		return member
	}
	return path + "." + member
}

// decodeList decodes a JSON array of 1 to max elements, named field in
// errors, into its raw elements, which are slices of raw.
func decodeList(field string, raw validJSON, max int) ([]validJSON, error) {
	trimmed := bytes.Trim(raw, jsonSpace)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, invalidParam(field, clip(string(trimmed)), "expected a JSON array of 1 to %d elements", max)
	}
	items, count := splitValidArray(trimmed, max)
	if count == 0 || count > max {
		return nil, invalidParam(field, "", "has %d elements; send 1 to %d per call", count, max)
	}
	return items, nil
}

// splitValidArray returns the first max elements of a JSON array, each
// without the space around it, and the count of all its elements. It
// finds each element's extent in a single pass, where encoding/json would
// check the array again and copy each element.
//
// REQUIRES: data is a valid JSON array without surrounding space.
func splitValidArray(data []byte, max int) (items []validJSON, count int) {
	items = make([]validJSON, 0, max)
	i := skipSpace(data, 1)
	for data[i] != ']' {
		end := valueEnd(data, i)
		if count < max {
			items = append(items, validJSON(data[i:end]))
		}
		count++
		i = skipSpace(data, end)
		if data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return items, count
}
