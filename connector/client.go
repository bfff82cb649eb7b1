// Package connector is everything that speaks Magento 2 REST:
//
//   - client*.go, oauth.go: the Resty client (bearer or OAuth 1.0a signed
//     per attempt, read retries, TLS pinning, no secrets in logs);
//   - searchcriteria.go: the searchCriteria query builder;
//   - errors*.go: classified errors and HumanMessage for shop owners;
//   - map_*.go: tolerant JSON → model mapping (one odd field never loses
//     a record);
//   - api_store.go, connect.go: dictionaries and the setup wizard's check;
//   - writes*.go, act_writes.go: cart, checkout, refund and customer writes
//     that never repeat a non-idempotent call blindly;
//   - engine*.go: the sync engine, writing through Sink (sink.go).
//
// connector/magentosim is a Magento 2 REST simulator the tests run against.
package connector

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// Auth holds the credentials for one store. Secrets live here only in
// memory; they are never logged (see logRequest).
type Auth struct {
	Mode  string // "bearer" | "oauth"
	Token string // bearer
	// OAuth 1.0a integration credentials.
	ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret string
	// HTTP basic auth in front of a staging shop (optional).
	BasicUser, BasicPassword string
}

// Config is how to reach one Magento store.
type Config struct {
	BaseURL           string // https://shop.example.com (the client adds /rest/<store>/V1)
	StoreCode         string // "" = /rest/V1
	Auth              Auth
	Timeout           time.Duration // per request, default 60s
	MaxAttempts       int           // reads; default 5
	TrustedCertSHA256 string        // hex SHA-256 of a cert the user trusted (pinning)
	AllowInsecureHTTP bool          // plain http refused for non-loopback hosts unless true
	Logger            *slog.Logger
}

const (
	// userAgent names us: some hosting firewalls block Go's default agent.
	userAgent          = "MageDesk/1.0 (Magento 2 REST client)"
	defaultTimeout     = 60 * time.Second
	defaultMaxAttempts = 5
)

// Client speaks Magento 2 REST for one store. It is safe for concurrent use.
type Client struct {
	cfg    Config
	base   string // https://host/path/rest[/code]/V1
	rc     *resty.Client
	signer *oauthSigner
	log    *slog.Logger

	// Back-off for read retries: full jitter in [0, min(retryCap,
	// retryBase·2^n)); Retry-After is honoured up to maxRetryAfter.
	retryBase, retryCap, maxRetryAfter time.Duration
}

var storeCodePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// NewClient validates cfg and builds a client. Plain http is refused for
// hosts other than loopback unless AllowInsecureHTTP, because the token
// would travel in clear text.
func NewClient(cfg Config) (*Client, error) {
	base, err := restBase(cfg)
	if err != nil {
		return nil, err
	}
	if err := validateAuth(cfg.Auth); err != nil {
		return nil, err
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = defaultTimeout
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = defaultMaxAttempts
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	transport, err := newTransport(cfg)
	if err != nil {
		return nil, err
	}
	rc := resty.New().
		SetTransport(transport).
		SetTimeout(cfg.Timeout).
		SetDisableWarn(true).
		SetLogger(quietLogger{}).
		// Redirects are not followed: a POST would turn into a GET and an
		// OAuth signature is only valid for the URL it was made for. A
		// redirect means the base URL is wrong; we say so.
		SetRedirectPolicy(resty.RedirectPolicyFunc(func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		}))
	c := &Client{
		cfg: cfg, base: base, rc: rc, log: cfg.Logger,
		retryBase: 500 * time.Millisecond, retryCap: 30 * time.Second, maxRetryAfter: 2 * time.Minute,
	}
	if authMode(cfg.Auth) == "oauth" {
		c.signer = newOAuthSigner(cfg.Auth)
	}
	return c, nil
}

// Close releases idle connections. The client stays usable.
func (c *Client) Close() { c.rc.GetClient().CloseIdleConnections() }

// BaseURL returns the REST base the client calls (…/rest/<code>/V1).
func (c *Client) BaseURL() string { return c.base }

func restBase(cfg Config) (string, error) {
	raw := strings.TrimSpace(cfg.BaseURL)
	if raw == "" {
		return "", fmt.Errorf("%w: the shop URL is empty", ErrConfig)
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: shop URL %q: %v", ErrConfig, cfg.BaseURL, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%w: shop URL %q must start with https://", ErrConfig, cfg.BaseURL)
	}
	if u.Host == "" {
		return "", fmt.Errorf("%w: shop URL %q has no host name", ErrConfig, cfg.BaseURL)
	}
	if scheme == "http" && !cfg.AllowInsecureHTTP && !isLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("%w: %q uses plain http, which would send the access token unencrypted; use https:// or allow insecure http explicitly", ErrConfig, cfg.BaseURL)
	}
	if u.User != nil {
		return "", fmt.Errorf("%w: put the basic-auth user name and password in their own fields, not in the URL", ErrConfig)
	}
	// People paste ".../rest/V1" or ".../rest/default/V1"; cut it off.
	path := strings.TrimRight(u.Path, "/")
	if i := strings.Index(path+"/", "/rest/"); i >= 0 {
		path = path[:i]
	}
	if cfg.StoreCode != "" && !storeCodePattern.MatchString(cfg.StoreCode) {
		return "", fmt.Errorf("%w: store code %q: letters, digits and underscores only", ErrConfig, cfg.StoreCode)
	}
	b := scheme + "://" + u.Host + path + "/rest"
	if cfg.StoreCode != "" {
		b += "/" + cfg.StoreCode
	}
	return b + "/V1", nil
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func authMode(a Auth) string {
	if a.Mode != "" {
		return strings.ToLower(a.Mode)
	}
	if a.Token != "" {
		return "bearer"
	}
	return "oauth"
}

func validateAuth(a Auth) error {
	switch authMode(a) {
	case "bearer":
		if a.Token == "" {
			return fmt.Errorf("%w: the access token is empty", ErrConfig)
		}
		if a.BasicUser != "" {
			// Both would need the one Authorization header.
			return fmt.Errorf("%w: HTTP basic auth in front of the shop cannot be combined with a Bearer token (both use the Authorization header); connect with OAuth instead", ErrConfig)
		}
	case "oauth":
		if a.ConsumerKey == "" || a.ConsumerSecret == "" || a.AccessToken == "" || a.AccessTokenSecret == "" {
			return fmt.Errorf("%w: OAuth needs the consumer key, consumer secret, access token and access token secret", ErrConfig)
		}
	default:
		return fmt.Errorf("%w: unknown auth mode %q (bearer or oauth)", ErrConfig, a.Mode)
	}
	return nil
}

// response is one HTTP answer, body fully read.
type response struct {
	status int
	header http.Header
	body   []byte
}

// roundTrip sends one attempt. Authorization is computed here, per
// attempt, so every retry gets a fresh OAuth nonce and timestamp.
func (c *Client) roundTrip(ctx context.Context, method, route, query string, body []byte) (*response, error) {
	full := c.base + "/" + strings.TrimLeft(route, "/")
	req := c.rc.R().SetContext(ctx).
		SetHeader("User-Agent", userAgent).
		SetHeader("Accept", "application/json").
		SetHeader("Content-Type", "application/json")
	if err := c.authorize(req, method, &full, query); err != nil {
		return nil, err
	}
	if body != nil {
		req.SetBody(body)
	}
	req.SetDoNotParseResponse(true) // the body is read below, in one allocation
	start := time.Now()
	resp, err := req.Execute(method, full)
	var answer []byte
	if err == nil {
		answer, err = readBody(resp.RawBody(), resp.RawResponse.ContentLength)
		resp.RawBody().Close()
	}
	dur := time.Since(start)
	if err != nil {
		c.log.LogAttrs(ctx, slog.LevelDebug, "magento request failed",
			slog.String("method", method), slog.String("route", route), slog.Duration("duration", dur), slog.String("error", err.Error()))
		return nil, err
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, "magento request",
		slog.String("method", method), slog.String("route", route), slog.Int("status", resp.StatusCode()), slog.Duration("duration", dur))
	return &response{status: resp.StatusCode(), header: resp.Header(), body: answer}, nil
}

// readBody reads an answer in one allocation when its length is known;
// io.ReadAll grows by doubling, twice the garbage on a 1.6 MB page of
// orders. A body cut short is an error (retried like a reset).
func readBody(r io.Reader, n int64) ([]byte, error) {
	if n < 0 || n > 64<<20 {
		return io.ReadAll(r)
	}
	b := make([]byte, n)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	return b, nil
}

// authorize sets the Authorization header (or, behind HTTP basic auth,
// the OAuth query parameters) and finalizes *full with the query string.
func (c *Client) authorize(req *resty.Request, method string, full *string, query string) error {
	a := c.cfg.Auth
	if a.BasicUser != "" {
		req.SetHeader("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(a.BasicUser+":"+a.BasicPassword)))
	}
	if query != "" {
		*full += "?" + query
	}
	switch {
	case c.signer == nil:
		req.SetHeader("Authorization", "Bearer "+a.Token)
	case a.BasicUser != "":
		// The header is taken by basic auth; Magento's OAuth helper also
		// reads the protocol parameters from the query string (RFC 5849 §3.5.3).
		q, err := c.signer.queryParams(method, *full)
		if err != nil {
			return err
		}
		if strings.Contains(*full, "?") {
			*full += "&" + q
		} else {
			*full += "?" + q
		}
	default:
		h, err := c.signer.authorization(method, *full, nil)
		if err != nil {
			return err
		}
		req.SetHeader("Authorization", h)
	}
	return nil
}

// quietLogger keeps Resty from printing anything (it could print URLs
// and, in debug mode, headers).
type quietLogger struct{}

func (quietLogger) Errorf(string, ...interface{}) {}
func (quietLogger) Warnf(string, ...interface{})  {}
func (quietLogger) Debugf(string, ...interface{}) {}
