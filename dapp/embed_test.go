package dapp

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		r.Header[k] = v
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return string(b)
}

// assetPaths returns the /assets/ paths that index.html loads.
func assetPaths(t *testing.T) []string {
	t.Helper()
	index := string(embedded.files["/index.html"].body)
	paths := regexp.MustCompile(`/assets/[^"]+`).FindAllString(index, -1)
	if len(paths) < 2 {
		t.Fatalf("index.html loads %d assets, want a script and a stylesheet: %s", len(paths), index)
	}
	return paths
}

func TestIndexRevalidatedEveryLoad(t *testing.T) {
	for _, target := range []string{"/", "/index.html"} {
		resp := get(t, Handler(), http.MethodGet, target, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", target, resp.StatusCode)
		}
		if got := resp.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", target, got)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q", target, got)
		}
		if got := resp.Header.Get("Content-Security-Policy"); !strings.Contains(got, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", target, got)
		}
		if b := body(t, resp); !strings.Contains(b, "<title>ThaliumX</title>") {
			t.Errorf("GET %s: body is not the dApp's index.html: %.200s", target, b)
		}
	}
}

func TestAssetsCachedAsImmutable(t *testing.T) {
	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	for _, p := range assetPaths(t) {
		resp := get(t, Handler(), http.MethodGet, p, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", p, resp.StatusCode)
		}
		ext := p[strings.LastIndex(p, "."):]
		if want, ok := types[ext]; ok && resp.Header.Get("Content-Type") != want {
			t.Errorf("GET %s: Content-Type %q, want %q", p, resp.Header.Get("Content-Type"), want)
		}
		if got := resp.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control %q", p, got)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", p, got)
		}
		if len(body(t, resp)) != len(embedded.files[p].body) {
			t.Errorf("GET %s: body length differs from the embedded file", p)
		}
	}
}

func TestFaviconIsSVG(t *testing.T) {
	resp := get(t, Handler(), http.MethodGet, "/favicon.svg", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /favicon.svg: status %d", resp.StatusCode)
	}
	if got := resp.Header.Get("Content-Type"); got != "image/svg+xml" {
		t.Errorf("GET /favicon.svg: Content-Type %q", got)
	}
}

func TestETagRepliesNotModified(t *testing.T) {
	first := get(t, Handler(), http.MethodGet, "/", nil)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("GET /: no ETag")
	}
	again := get(t, Handler(), http.MethodGet, "/", http.Header{"If-None-Match": {etag}})
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("GET / with If-None-Match %s: status %d, want 304", etag, again.StatusCode)
	}
	other := get(t, Handler(), http.MethodGet, "/", http.Header{"If-None-Match": {`"other"`}})
	if other.StatusCode != http.StatusOK {
		t.Errorf("GET / with another ETag: status %d, want 200", other.StatusCode)
	}
}

func TestHeadHasNoBody(t *testing.T) {
	resp := get(t, Handler(), http.MethodHead, "/", nil)
	if resp.StatusCode != http.StatusOK || body(t, resp) != "" {
		t.Errorf("HEAD /: status %d, body %q", resp.StatusCode, body(t, resp))
	}
}

func TestUnknownPathAndMethod(t *testing.T) {
	if resp := get(t, Handler(), http.MethodGet, "/assets/missing.js", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /assets/missing.js: status %d, want 404", resp.StatusCode)
	}
	resp := get(t, Handler(), http.MethodPost, "/", nil)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestNewHandlerRoutesToAPI(t *testing.T) {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Served-By", "api")
		w.WriteHeader(http.StatusTeapot)
	})
	h := NewHandler(api)
	cases := []struct {
		name    string
		method  string
		target  string
		header  http.Header
		wantAPI bool
	}{
		{"page", http.MethodGet, "/", nil, false},
		{"page head", http.MethodHead, "/", nil, false},
		{"asset", http.MethodGet, assetPaths(t)[0], nil, false},
		{"json-rpc post", http.MethodPost, "/", nil, true},
		{"websocket upgrade", http.MethodGet, "/", http.Header{"Upgrade": {"websocket"}, "Connection": {"Upgrade"}}, true},
		{"health", http.MethodGet, "/health", nil, true},
		{"metrics", http.MethodGet, "/metrics", nil, true},
		{"unknown path", http.MethodGet, "/nope", nil, true},
		{"cors preflight", http.MethodOptions, "/", nil, true},
	}
	for _, c := range cases {
		resp := get(t, h, c.method, c.target, c.header)
		gotAPI := resp.Header.Get("X-Served-By") == "api"
		if gotAPI != c.wantAPI {
			t.Errorf("%s: %s %s served by the API: %v, want %v (status %d)", c.name, c.method, c.target, gotAPI, c.wantAPI, resp.StatusCode)
		}
	}
}

func TestLoadSiteNeedsIndex(t *testing.T) {
	_, err := loadSite(fstest.MapFS{"dist/assets/a.js": {Data: []byte("x")}}, "dist")
	if !errors.Is(err, ErrNoBuild) {
		t.Fatalf("loadSite without index.html: %v, want ErrNoBuild", err)
	}
	s, err := loadSite(fstest.MapFS{"dist/index.html": {Data: []byte("<html>")}, "dist/assets/a.wasm": {Data: []byte("\x00asm")}}, "dist")
	if err != nil {
		t.Fatalf("loadSite: %v", err)
	}
	if got := s.files["/assets/a.wasm"].contentType; got != "application/wasm" {
		t.Errorf("a.wasm Content-Type %q", got)
	}
	if string(s.files["/"].body) != "<html>" {
		t.Errorf("/ does not serve index.html")
	}
}
