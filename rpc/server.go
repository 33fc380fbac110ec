package rpc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	gethrpc "github.com/ethereum/go-ethereum/rpc"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"
)

// HTTP server timeouts of Serve. Writes have no timeout because a
// WebSocket connection lives as long as its client.
const (
	readHeaderTimeout = 10 * time.Second
	idleTimeout       = 120 * time.Second
)

// Server serves the JSON-RPC API, /health and /metrics on one listener.
type Server struct {
	backend  Backend
	cfg      Config
	log      *slog.Logger
	metrics  *metrics
	registry *prometheus.Registry

	ipLimits     *limiterSet
	traderLimits *limiterSet

	rpc     *gethrpc.Server
	ws      http.Handler
	rpcHTTP http.Handler
	conns   *connTable

	// ctx ends the backend subscriptions when the server closes; wg counts
	// the goroutines that forward them.
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	httpMu     sync.Mutex
	httpServer *http.Server
}

// NewServer returns a server of the backend's API with cfg's limits. It
// registers the API's metrics in cfg.Registry.
func NewServer(backend Backend, cfg Config) (*Server, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Registry == nil {
		cfg.Registry = prometheus.NewRegistry()
	}
	m, err := newMetrics(cfg.Registry)
	if err != nil {
		return nil, err
	}
	s := &Server{
		backend: backend, cfg: cfg, log: cfg.Logger.With("component", "rpc"), metrics: m, registry: cfg.Registry,
		ipLimits:     newLimiterSet("client IP", "calls", cfg.RequestsPerSecondPerIP, cfg.RequestBurstPerIP, cfg.RateLimitKeysMax, cfg.Now),
		traderLimits: newLimiterSet("trader", "signed orders, cancels and withdrawals", cfg.OrdersPerSecondPerTrader, cfg.OrderBurstPerTrader, cfg.RateLimitKeysMax, cfg.Now),
		conns:        newConnTable(cfg.WebSocketConnectionsMax),
	}
	if s.traderLimits != nil {
		s.traderLimits.keyText = func(key string) string { return common.BytesToAddress([]byte(key)).Hex() }
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if err := s.registerAPI(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Server) registerAPI() error {
	s.rpc = gethrpc.NewServer()
	s.rpc.SetBatchLimits(s.cfg.BatchItemsMax, s.cfg.BatchResponseBytesMax)
	s.rpc.SetHTTPBodyLimit(s.cfg.BodyBytesMax)
	s.rpc.SetWebsocketReadLimit(s.cfg.WebSocketMessageBytesMax)
	services := []struct {
		namespace string
		receiver  any
	}{
		{"thx", &thxAPI{s: s}},
		{"thx", &thxSubscriptions{s: s}},
		{"rpc", &discoverAPI{s: s}},
	}
	for _, svc := range services {
		if err := s.rpc.RegisterName(svc.namespace, svc.receiver); err != nil {
			return fmt.Errorf("rpc: register the %s namespace: %w", svc.namespace, err)
		}
	}
	s.ws = s.rpc.WebsocketHandler(s.cfg.AllowedOrigins)
	s.rpcHTTP = &shapeChecker{
		next: s.rpc, bodyBytesMax: s.cfg.BodyBytesMax, batchItemsMax: s.cfg.BatchItemsMax, metrics: s.metrics, log: s.log,
	}
	if len(s.cfg.AllowedOrigins) == 0 {
		return nil // no CORS headers, so browsers keep other origins out
	}
	s.rpcHTTP = cors.New(cors.Options{
		AllowedOrigins: s.cfg.AllowedOrigins,
		AllowedMethods: []string{http.MethodPost, http.MethodGet},
		AllowedHeaders: []string{"*"},
		MaxAge:         600,
	}).Handler(s.rpcHTTP)
	return nil
}

// ServeHTTP routes GET /health, GET /metrics, WebSocket upgrades at / and
// JSON-RPC over HTTP at /.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/health":
		s.serveHealth(w, r)
	case r.URL.Path == "/metrics":
		promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}).ServeHTTP(w, r)
	case r.URL.Path != "/":
		http.Error(w, "not found: JSON-RPC is served at /, with /health and /metrics beside it", http.StatusNotFound)
	case isWebSocketUpgrade(r):
		s.serveWebSocket(w, r)
	default:
		s.rpcHTTP.ServeHTTP(w, r)
	}
}

func isWebSocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed: use GET /health", http.StatusMethodNotAllowed)
		return
	}
	h := s.backend.Health()
	body, err := json.Marshal(healthJSON(&h))
	if err != nil {
		s.log.Error("Failed to encode the health status", "err", err)
		http.Error(w, "failed to encode the health status", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if !h.OK {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	w.Write(append(body, '\n'))
}

// Serve accepts connections on l until Close. It returns nil after Close.
func (s *Server) Serve(l net.Listener) error {
	return s.ServeWith(l, s)
}

// ServeWith is Serve with h as the HTTP handler: a handler that serves more
// paths on the same listener, such as the dApp's page, and passes the
// API's requests on to s.
func (s *Server) ServeWith(l net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelDebug),
	}
	s.httpMu.Lock()
	s.httpServer = srv
	s.httpMu.Unlock()
	s.log.Info("Serving JSON-RPC", "addr", l.Addr().String())
	if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("rpc: serve on %s: %w", l.Addr(), err)
	}
	return nil
}

// Close stops the server: it closes every connection, ends every
// subscription and waits for their goroutines.
func (s *Server) Close() {
	s.rpc.Stop()
	s.httpMu.Lock()
	if s.httpServer != nil {
		s.httpServer.Close()
	}
	s.httpMu.Unlock()
	s.conns.closeAll()
	s.cancel()
	s.wg.Wait()
	s.log.Info("Stopped serving JSON-RPC")
}
