package dapp

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var distFS embed.FS

// Cache lifetimes of the served files.
const (
	// assetMaxAgeSeconds is one year, the longest lifetime HTTP caches
	// honour, for content-hashed assets that never change under one name.
	assetMaxAgeSeconds = 365 * 24 * 3600
	indexCacheControl  = "no-cache"
	assetsPrefix       = "/assets/"
)

// contentSecurityPolicy limits the page to its own origin: scripts,
// styles and connections (HTTP and WebSocket JSON-RPC) go to the node that
// served it. Inline styles are allowed because the chart library sets
// element styles. Injected wallets are browser extensions, outside it.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// file is one embedded file with what its responses need.
type file struct {
	body        []byte
	contentType string
	etag        string
}

// site holds the embedded files by URL path.
// Invariant: every path starts with "/", and "/" maps to index.html.
type site struct {
	files map[string]file
}

var embedded = mustLoadSite()

// mustLoadSite reads the embedded dist directory. It panics when dist has
// no index.html, which means the binary was built without `make dapp`.
func mustLoadSite() *site {
	s, err := loadSite(distFS, "dist")
	if err != nil {
		panic(err)
	}
	return s
}

// loadSite reads every file under root into memory, keyed by URL path.
func loadSite(fsys fs.FS, root string) (*site, error) {
	s := &site{files: make(map[string]file)}
	err := fs.WalkDir(fsys, root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("dapp: read embedded %s: %w", name, err)
		}
		urlPath := "/" + strings.TrimPrefix(name, root+"/")
		s.files[urlPath] = newFile(urlPath, body)
		return nil
	})
	if err != nil {
		return nil, err
	}
	index, ok := s.files["/index.html"]
	if !ok {
		return nil, fmt.Errorf("%w: %s/index.html is missing; run `make dapp`", ErrNoBuild, root)
	}
	s.files["/"] = index
	return s, nil
}

func newFile(urlPath string, body []byte) file {
	sum := sha256.Sum256(body)
	contentType := mime.TypeByExtension(path.Ext(urlPath))
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	return file{body: body, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:16]) + `"`}
}

// Handler returns a handler of the dApp's files alone: GET and HEAD of
// "/", "/index.html" and the built assets. Other paths get 404 and other
// methods 405.
func Handler() http.Handler {
	return embedded
}

// NewHandler returns a handler that serves the dApp's files to GET and
// HEAD requests for them and passes every other request to api: JSON-RPC
// over HTTP POST, WebSocket upgrades at "/", and the API's own paths.
func NewHandler(api http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if embedded.serves(r) {
			embedded.ServeHTTP(w, r)
			return
		}
		api.ServeHTTP(w, r)
	})
}

// serves reports whether a request is for one of the page's files: a GET
// or HEAD without a WebSocket upgrade, of a path the build contains.
func (s *site) serves(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	if strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
		return false
	}
	_, ok := s.files[r.URL.Path]
	return ok
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the dApp's files are read with GET or HEAD", http.StatusMethodNotAllowed)
		return
	}
	f, ok := s.files[r.URL.Path]
	if !ok {
		http.Error(w, fmt.Sprintf("not found: %s is not a file of the dApp", r.URL.Path), http.StatusNotFound)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", f.etag)
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(r.URL.Path, assetsPrefix) {
		h.Set("Cache-Control", fmt.Sprintf("public, max-age=%d, immutable", assetMaxAgeSeconds))
	} else {
		h.Set("Cache-Control", indexCacheControl)
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "no-referrer")
	}
	// ServeContent replies 304 to a matching If-None-Match and handles
	// ranges and HEAD. The zero time leaves Last-Modified out because
	// embedded files have no modification time.
	http.ServeContent(w, r, r.URL.Path, time.Time{}, bytes.NewReader(f.body))
}
