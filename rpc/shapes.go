package rpc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// shapeChecker rejects three kinds of JSON-RPC call over HTTP to the
// methods of methodSpecs and gethMethodSpecs in place of go-ethereum v1.17.10, which rejects
// them before a method runs, with messages that name neither the method
// nor the fix. They are params that is not an array ("non-array args"),
// more params than the method takes ("too many arguments, want at most
// N"), and thx_subscribe ("notifications not supported"). shapeChecker
// keeps go-ethereum's code
// and the call's id, and adds a message and data in the style of the
// other errors.
//
// It reads the body once, with the limit and the checks of go-ethereum's
// ServeHTTP, and hands the bytes it read on to next, which gets every
// other request unchanged.
type shapeChecker struct {
	next          http.Handler
	bodyBytesMax  int
	batchItemsMax int
	metrics       *metrics
	log           *slog.Logger
}

// rpcContentTypes are the media types that go-ethereum v1.17.10 reads a
// JSON-RPC body from (acceptedContentTypes in its rpc/http.go).
var rpcContentTypes = []string{"application/json", "application/json-rpc", "application/jsonrequest"}

// gethMethodSpecs are the methods that go-ethereum's server adds itself,
// which shapeChecker checks too, so that every method over HTTP rejects
// the same shapes with the same kind of message. rpc_discover does not
// list them.
var gethMethodSpecs = []methodSpec{
	{"rpc_modules", "Return go-ethereum's map of namespaces to versions.", nil, typeOf[map[string]string]()},
}

// methodsByName indexes methodSpecs, the source of rpc_discover, and
// gethMethodSpecs.
var methodsByName = func() map[string]*methodSpec {
	out := make(map[string]*methodSpec, len(methodSpecs)+len(gethMethodSpecs))
	for _, specs := range [][]methodSpec{methodSpecs, gethMethodSpecs} {
		for i := range specs {
			out[specs[i].name] = &specs[i]
		}
	}
	return out
}()

func (c *shapeChecker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !c.gethReadsBody(r) {
		c.next.ServeHTTP(w, r)
		return
	}
	start := time.Now()
	body, readErr := readBody(r.Body, r.ContentLength, c.bodyBytesMax)
	r.Body = &replayedBody{data: body, readErr: readErr, closer: r.Body}
	if readErr == nil && c.serveRejection(w, r, body, start) {
		return
	}
	c.next.ServeHTTP(w, r)
}

// gethReadsBody reports whether go-ethereum v1.17.10's ServeHTTP would
// read r's body as JSON-RPC, rather than reply from the method, the
// length or the content type alone.
func (c *shapeChecker) gethReadsBody(r *http.Request) bool {
	switch {
	case r.Method == http.MethodGet && r.ContentLength == 0 && r.URL.RawQuery == "":
		return false // go-ethereum's empty reply for health checks
	case r.Method == http.MethodPut || r.Method == http.MethodDelete:
		return false
	case r.ContentLength > int64(c.bodyBytesMax):
		return false
	case r.Method == http.MethodOptions:
		return true // go-ethereum reads an OPTIONS body whatever its content type
	}
	// net/http stores header names in canonical form, so the map index
	// needs no Header.Get, which canonicalizes the name on every call.
	var contentType string
	if values := r.Header["Content-Type"]; len(values) > 0 {
		contentType = values[0]
	}
	if slices.Contains(rpcContentTypes, contentType) {
		return true // the usual header, which mime.ParseMediaType would allocate a map for
	}
	mediaType, _, err := mime.ParseMediaType(contentType)
	return err == nil && slices.Contains(rpcContentTypes, mediaType)
}

// readBody reads at most limit bytes of body, as go-ethereum does, into a
// buffer sized from the declared length when there is one.
func readBody(body io.Reader, declared int64, limit int) ([]byte, error) {
	size := 512
	if declared > 0 && declared <= int64(limit) {
		size = int(declared) + 1 // one more byte, so reading to EOF does not grow the buffer
	}
	limited := io.LimitedReader{R: body, N: int64(limit)}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := limited.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// replayedBody returns the bytes that shapeChecker read, then the error
// that ended its read, if any, so that go-ethereum reads what it would
// have read from the request.
type replayedBody struct {
	data    []byte
	readErr error
	closer  io.Closer
}

func (b *replayedBody) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		if b.readErr != nil {
			return 0, b.readErr
		}
		return 0, io.EOF
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func (b *replayedBody) Close() error { return b.closer.Close() }

// serveRejection writes the reply to a body that contains a rejected
// call, or to a batch that contains one, and returns true. It returns
// false, and writes nothing, for every other body.
func (c *shapeChecker) serveRejection(w http.ResponseWriter, r *http.Request, body []byte, start time.Time) bool {
	i := skipSpace(body, 0)
	if i == len(body) {
		return false
	}
	switch body[i] {
	case '{':
		return c.rejectCall(w, body, start)
	case '[':
		return c.rejectInBatch(w, r, body[i:], start)
	}
	return false
}

func (c *shapeChecker) rejectCall(w http.ResponseWriter, body []byte, start time.Time) bool {
	call := scanCall(body)
	rejection := checkShape(&call)
	// The scan trusts the body, so a body that is not valid JSON goes to
	// go-ethereum for its parse error.
	if rejection == nil || !json.Valid(body) {
		return false
	}
	reply, err := appendErrorReply(nil, call.id, rejection)
	if err != nil {
		c.log.Error("Failed to encode the rejection of a call; go-ethereum replies instead", "method", call.spec.name, "err", err)
		return false
	}
	c.metrics.observe(call.spec.name, rejection.Code, time.Since(start))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(reply)))
	w.Write(reply)
	return true
}

// rawCall is the members of a request object that go-ethereum v1.17.10's
// fillMessage reads, taken as it takes them. A later member replaces an
// earlier one of the same name, but a "jsonrpc" or "method" that is not a
// string leaves the earlier value.
type rawCall struct {
	versionOK bool
	id        []byte
	method    []byte
	params    []byte
	// paramsCount is the count of the elements of params, when params
	// is an array.
	paramsCount int
	spec        *methodSpec
}

// isCall reports whether go-ethereum treats c as a call, which gets a
// reply, rather than a notification or an invalid request.
func (c *rawCall) isCall() bool {
	return c.versionOK && len(c.id) > 0 && c.id[0] != '{' && c.id[0] != '[' && len(c.method) > 0
}

// scanCall reads the members of the request object in data. It checks
// no syntax, but it stays within data on any input, because skipSpace,
// stringEnd, valueEnd and eachElement do. It scans each byte of params
// once, because params is most of a request.
func scanCall(data []byte) rawCall {
	var call rawCall
	i := skipSpace(data, 0)
	if i == len(data) || data[i] != '{' {
		return call
	}
	i = skipSpace(data, i+1)
	for i < len(data) && data[i] == '"' {
		keyEnd := stringEnd(data, i)
		colon := skipSpace(data, keyEnd)
		if colon == len(data) || data[colon] != ':' {
			return call
		}
		valueStart := skipSpace(data, colon+1)
		var end, count int
		if valueStart < len(data) && data[valueStart] == '[' {
			end = valueStart + eachElement(data[valueStart:], func([]byte) bool {
				count++
				return true
			})
		} else {
			end = valueEnd(data, valueStart)
		}
		if end <= valueStart {
			return call
		}
		call.set(data[i:keyEnd], data[valueStart:end], count)
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	call.spec = methodsByName[string(call.method)]
	return call
}

// set takes one member. count is the count of value's elements when
// value is an array.
func (c *rawCall) set(key, value []byte, count int) {
	name, ok := jsonString(key)
	if !ok {
		return
	}
	switch string(name) {
	case "jsonrpc":
		if s, ok := jsonString(value); ok {
			c.versionOK = string(s) == "2.0"
		}
	case "id":
		c.id = value
	case "method":
		if s, ok := jsonString(value); ok {
			c.method = s
		}
	case "params":
		c.params, c.paramsCount = value, count
	}
}

// jsonString decodes a JSON string. It returns false for null, which
// encoding/json decodes into a string without changing it, and for any
// value that is not a string. A string without escapes is returned as it
// is, without the check for valid UTF-8 that encoding/json makes,
// because the names it is compared with are ASCII.
func jsonString(value []byte) ([]byte, bool) {
	if len(value) < 2 || value[0] != '"' {
		return nil, false
	}
	if bytes.IndexByte(value, '\\') < 0 {
		return value[1 : len(value)-1], true
	}
	s, err := unquoteBytes(value)
	return s, err == nil
}

// checkShape returns the rejection of a call to one of our methods whose
// params go-ethereum would reject for its shape, or nil.
func checkShape(call *rawCall) *Error {
	if call.spec == nil || !call.isCall() {
		return nil
	}
	if call.spec.name == "thx_subscribe" {
		err := fmt.Errorf("%w: thx_subscribe sends notifications, which an HTTP request cannot carry; "+
			"connect to the same URL with ws:// in place of http:// (wss:// in place of https://) and call thx_subscribe there",
			ErrWebSocketRequired)
		return shapeError(err, ErrorData{Method: call.spec.name})
	}
	params := call.params
	if len(params) == 0 || string(params) == "null" {
		return nil // go-ethereum takes absent params and null as no params
	}
	if params[0] != '[' {
		return nonArrayParams(call.spec, params)
	}
	if call.paramsCount > len(call.spec.params) {
		return tooManyParams(call.spec, call.paramsCount)
	}
	return nil
}

// eachElement calls fn with each element of the JSON array that starts at
// data[0] until fn returns false. It returns the index just past the
// array. Like scanCall, it checks no syntax and stays within data.
func eachElement(data []byte, fn func(element []byte) bool) int {
	i := skipSpace(data, 1)
	for i < len(data) && data[i] != ']' {
		end := valueEnd(data, i)
		if end <= i || !fn(data[i:end]) {
			return i
		}
		i = skipSpace(data, end)
		if i < len(data) && data[i] == ',' {
			i = skipSpace(data, i+1)
		}
	}
	return min(i+1, len(data))
}

func shapeError(err error, data ErrorData) *Error {
	code, reason := codeOf(err)
	data.Reason = reason
	return &Error{Code: code, Message: err.Error(), Data: data, cause: err}
}

// nonArrayParams rejects params that is an object, a string, a number or
// a boolean.
func nonArrayParams(spec *methodSpec, params []byte) *Error {
	kind := "a JSON object"
	switch params[0] {
	case '{':
	case '"':
		kind = "a JSON string"
	case 't', 'f':
		kind = "a JSON boolean"
	default:
		kind = "a JSON number"
	}
	var err error
	if len(spec.params) == 0 {
		err = fmt.Errorf("%w: params of %s is %s, but the method takes no parameters; send [] or leave params out",
			ErrInvalidParams, spec.name, kind)
	} else {
		err = fmt.Errorf("%w: params of %s is %s, but the method takes its parameters by position; send params as the JSON array [%s]%s",
			ErrInvalidParams, spec.name, kind, strings.Join(paramNames(spec), ", "), optionalClause(spec))
	}
	return shapeError(err, ErrorData{Field: "params", Value: clip(string(params)), Method: spec.name, Params: paramNames(spec)})
}

// tooManyParams rejects a params array of more elements than the method
// takes.
func tooManyParams(spec *methodSpec, sent int) *Error {
	max := len(spec.params)
	elements := "elements"
	if sent == 1 {
		elements = "element"
	}
	var err error
	switch {
	case max == 0:
		err = fmt.Errorf("%w: %s takes no parameters, but params has %d %s; send [] or leave params out",
			ErrInvalidParams, spec.name, sent, elements)
	case optionalClause(spec) == "":
		err = fmt.Errorf("%w: %s takes %s, [%s], but params has %d %s; send exactly %d",
			ErrInvalidParams, spec.name, countNoun(max, "parameter"), strings.Join(paramNames(spec), ", "), sent, elements, max)
	default:
		err = fmt.Errorf("%w: %s takes at most %s, [%s]%s, but params has %d %s; send at most %d, in that order",
			ErrInvalidParams, spec.name, countNoun(max, "parameter"), strings.Join(paramNames(spec), ", "), optionalClause(spec),
			sent, elements, max)
	}
	if spec.name == "thx_placeOrder" {
		err = fmt.Errorf("%w. To place several orders in one call, send them as one array to thx_placeOrders", err)
	}
	return shapeError(err, ErrorData{Field: "params", Method: spec.name, Params: paramNames(spec), ParamsSent: sent})
}

// paramNames returns the names of a method's parameters in order. For a
// method without parameters it returns an empty list, which data shows
// as [].
func paramNames(spec *methodSpec) []string {
	names := make([]string, len(spec.params))
	for i, p := range spec.params {
		names[i] = p.name
	}
	return names
}

// optionalClause names the optional parameters, as in ", where depth is
// optional", or returns "" when every parameter is required.
func optionalClause(spec *methodSpec) string {
	var optional []string
	for _, p := range spec.params {
		if !p.required {
			optional = append(optional, p.name)
		}
	}
	switch len(optional) {
	case 0:
		return ""
	case 1:
		return ", where " + optional[0] + " is optional"
	}
	return ", where " + strings.Join(optional, " and ") + " are optional"
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// appendErrorReply appends the JSON-RPC reply with id and e, in the form
// of go-ethereum's replies.
func appendErrorReply(out, id []byte, e *Error) ([]byte, error) {
	encoded, err := json.Marshal(e.wire())
	if err != nil {
		return out, fmt.Errorf("rpc: encode the reply to a call with id %s: %w", id, err)
	}
	out = append(out, `{"jsonrpc":"2.0","id":`...)
	out = append(out, id...)
	out = append(out, `,"error":`...)
	out = append(out, encoded...)
	return append(out, '}'), nil
}
