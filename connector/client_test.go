package connector

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testServer serves handler over real HTTP on loopback and returns a
// bearer client with fast back-off.
func testServer(t *testing.T, handler http.HandlerFunc, mutate ...func(*Config)) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	cfg := Config{BaseURL: srv.URL, Auth: Auth{Mode: "bearer", Token: "tok-secret"}, MaxAttempts: 4, Timeout: 5 * time.Second}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.retryBase = time.Millisecond
	c.retryCap = 5 * time.Millisecond
	return c, srv
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func TestReadRetriesServerErrorsThenSucceeds(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) < 3 {
			writeJSON(w, 500, `{"message":"Internal Error. Details are available in Magento log file. Report ID: webapi-1"}`)
			return
		}
		writeJSON(w, 200, `{"entity_id":3}`)
	})
	var out struct {
		EntityID int `json:"entity_id"`
	}
	if err := c.GetJSON(context.Background(), "orders/3", &out); err != nil {
		t.Fatal(err)
	}
	if out.EntityID != 3 || n.Load() != 3 {
		t.Errorf("got %d after %d requests", out.EntityID, n.Load())
	}
}

func TestReadDoesNotRetryClientErrors(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, 404, `{"message":"No such entity with %fieldName = %fieldValue","parameters":{"fieldName":"cartId","fieldValue":7}}`)
	})
	err := c.GetJSON(context.Background(), "carts/7", nil)
	var ae *APIError
	if !errors.Is(err, ErrNotFound) || !errors.As(err, &ae) || ae.Message != "No such entity with cartId = 7" {
		t.Fatalf("err = %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("4xx retried: %d requests", n.Load())
	}
}

func TestTruncatedJSONIsRetried(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			writeJSON(w, 200, `{"items":[{"id":1},{"id`)
			return
		}
		writeJSON(w, 200, `{"items":[{"id":1},{"id":2}],"total_count":2}`)
	})
	page, err := c.Search(context.Background(), "customers/search", SearchCriteria{PageSize: 2})
	if err != nil || len(page.Items) != 2 || page.TotalCount != 2 || n.Load() != 2 {
		t.Fatalf("page=%+v err=%v requests=%d", page, err, n.Load())
	}
}

func TestHTMLAnswersGiveNotMagentoAfterAllAttempts(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(503)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><body>Guru Meditation</body></html>"))
	})
	err := c.GetJSON(context.Background(), "store/websites", nil)
	if !errors.Is(err, ErrNotMagento) || n.Load() != 4 {
		t.Fatalf("err=%v requests=%d", err, n.Load())
	}
	if !strings.Contains(HumanMessage(err), "web page, not the Magento API") {
		t.Errorf("human = %s", HumanMessage(err))
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, `{"message": "Too Many Requests", "trace": null}`)
			return
		}
		writeJSON(w, 200, `[]`)
	})
	start := time.Now()
	if err := c.GetJSON(context.Background(), "store/websites", nil); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Errorf("retried after %v, Retry-After said 1s", el)
	}
}

func TestParseRetryAfterDate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if d := parseRetryAfter(now.Add(7*time.Second).Format(http.TimeFormat), now); d != 7*time.Second {
		t.Errorf("date form = %v", d)
	}
	if d := parseRetryAfter("bogus", now); d != 0 {
		t.Errorf("bogus = %v", d)
	}
}

func TestSearchSendsCriteriaAndPagesCustomerSample(t *testing.T) {
	body := sample(t, "search-result-customers.json")
	var gotQuery string
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rest/default/V1/customers/search" {
			writeJSON(w, 404, `{"message":"Request does not match any route."}`)
			return
		}
		gotQuery = r.URL.RawQuery
		writeJSON(w, 200, string(body))
	}, func(c *Config) { c.StoreCode = "default" })
	sc := SearchCriteria{PageSize: 50, CurrentPage: 1}.Where("firstname", "like", "%ver%")
	page, err := c.Search(context.Background(), "customers/search", sc)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gotQuery, "%5Bvalue%5D=%25ver%25") || !strings.Contains(gotQuery, "condition_type%5D=like") {
		t.Errorf("query = %s", gotQuery)
	}
	if page.TotalCount != 1 || len(page.Items) != 1 {
		t.Fatalf("page = %+v", page)
	}
	cust, err := MapCustomer(page.Items[0])
	if err != nil {
		t.Fatal(err)
	}
	if cust.MagentoID != 1 || cust.Firstname != "Veronica" || cust.DOB != "1973-12-15" || cust.Gender != 2 || len(cust.Addresses) != 2 {
		t.Fatalf("customer = %+v", cust)
	}
	if a := cust.Addresses[1]; a.City != "Tottenham " || a.CountryID != "GB" || a.RegionID != 0 || a.Region != "London " || a.DefaultBilling {
		t.Errorf("second address = %+v", a)
	}
}

func TestBearerTokenIsSentButNeverLogged(t *testing.T) {
	var logs bytes.Buffer
	var auth string
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		if r.Header.Get("Accept") != "application/json" || r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("headers = %v", r.Header)
		}
		writeJSON(w, 500, `{"message":"boom"}`)
	}, func(c *Config) {
		c.MaxAttempts = 2
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	_ = c.GetJSON(context.Background(), "orders", nil)
	if auth != "Bearer tok-secret" {
		t.Errorf("Authorization = %q", auth)
	}
	if !strings.Contains(logs.String(), "route=orders") || !strings.Contains(logs.String(), "status=500") {
		t.Errorf("logs lack route/status: %s", logs.String())
	}
	if strings.Contains(logs.String(), "tok-secret") {
		t.Errorf("token leaked into logs: %s", logs.String())
	}
}

func TestOAuthRequestsAreSignedAfreshOnEveryAttempt(t *testing.T) {
	var mu sync.Mutex
	var nonces []string
	var n atomic.Int32
	auth := Auth{Mode: "oauth", ConsumerKey: "ck", ConsumerSecret: "cs&x", AccessToken: "at", AccessTokenSecret: "ts"}
	var srvURL string
	c, srv := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		params := parseOAuthHeader(t, r.Header.Get("Authorization"))
		// Verify like a server: rebuild the base string from what arrived.
		sig := params["oauth_signature"]
		delete(params, "oauth_signature")
		base, err := signatureBaseString(r.Method, srvURL+r.URL.RequestURI(), params, nil)
		if err != nil {
			t.Error(err)
		}
		mac := hmac.New(sha256.New, []byte(oauthEscape("cs&x")+"&"+oauthEscape("ts")))
		mac.Write([]byte(base))
		if want := base64.StdEncoding.EncodeToString(mac.Sum(nil)); want != sig {
			t.Errorf("bad signature for %s", r.URL.RequestURI())
		}
		mu.Lock()
		nonces = append(nonces, params["oauth_nonce"])
		mu.Unlock()
		if n.Add(1) == 1 {
			writeJSON(w, 503, `{"message":"busy"}`)
			return
		}
		writeJSON(w, 200, `{"items":[],"total_count":0}`)
	}, func(c *Config) { c.Auth = auth })
	srvURL = srv.URL
	if _, err := c.Search(context.Background(), "orders", SearchCriteria{PageSize: 10}.Where("increment_id", "like", "0000 %")); err != nil {
		t.Fatal(err)
	}
	if len(nonces) != 2 || nonces[0] == nonces[1] || nonces[0] == "" {
		t.Errorf("nonces = %v", nonces)
	}
}

func parseOAuthHeader(t *testing.T, h string) map[string]string {
	t.Helper()
	if !strings.HasPrefix(h, "OAuth ") {
		t.Fatalf("Authorization = %q", h)
	}
	out := map[string]string{}
	for _, part := range strings.Split(strings.TrimPrefix(h, "OAuth "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		v = strings.Trim(v, `"`)
		uv, err := urlUnescape(v)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = uv
	}
	return out
}

func TestDoWriteLostAnswerIsOutcomeUnknownAndNotRetried(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // the order was "placed", the answer is lost
		}
	})
	var id int64
	err := c.DoWrite(context.Background(), http.MethodPut, "carts/4/order", map[string]any{"paymentMethod": map[string]string{"method": "checkmo"}}, &id)
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if n.Load() != 1 {
		t.Errorf("write sent %d times", n.Load())
	}
	if !strings.Contains(HumanMessage(err), "may or may not") {
		t.Errorf("human = %s", HumanMessage(err))
	}
}

func TestDoWriteDecodesBareNumberAndBody(t *testing.T) {
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		var body map[string]map[string]any
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body["cartItem"]["quote_id"] != "4" || r.Method != http.MethodPost {
			writeJSON(w, 400, `{"message":"\"%fieldName\" is required. Enter and try again.","parameters":{"fieldName":"quoteId"}}`)
			return
		}
		writeJSON(w, 200, `4`)
	})
	var id int64
	if err := c.DoWrite(context.Background(), http.MethodPost, "carts/4/items", map[string]any{"cartItem": map[string]any{"quote_id": "4", "sku": "X", "qty": 1}}, &id); err != nil || id != 4 {
		t.Fatalf("id=%d err=%v", id, err)
	}
	err := c.DoWrite(context.Background(), http.MethodPost, "carts/4/items", map[string]any{"cartItem": map[string]any{}}, nil)
	var ae *APIError
	if !errors.Is(err, ErrRejected) || errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &ae) || ae.Message != `"quoteId" is required. Enter and try again.` {
		t.Errorf("err = %v", err)
	}
}

func TestDoWriteToClosedPortIsDefinite(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	c, err := NewClient(Config{BaseURL: url, Auth: Auth{Token: "t"}})
	if err != nil {
		t.Fatal(err)
	}
	err = c.DoWrite(context.Background(), http.MethodPost, "customers", map[string]any{}, nil)
	if !errors.Is(err, ErrUnreachable) || errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(HumanMessage(err), "refused") {
		t.Errorf("human = %s", HumanMessage(err))
	}
}

func TestNewClientValidatesURL(t *testing.T) {
	ok := map[string]string{
		"https://shop.example.com":                  "https://shop.example.com/rest/V1",
		"https://shop.example.com/rest/default/V1/": "https://shop.example.com/rest/V1",
		"shop.example.com/magento/":                 "https://shop.example.com/magento/rest/V1",
		"http://localhost:8080":                     "http://localhost:8080/rest/V1",
		"http://127.0.0.1:9000":                     "http://127.0.0.1:9000/rest/V1",
	}
	for in, want := range ok {
		c, err := NewClient(Config{BaseURL: in, Auth: Auth{Token: "t"}})
		if err != nil || c.BaseURL() != want {
			t.Errorf("%s: base %v err %v, want %s", in, c, err, want)
		}
	}
	bad := []Config{
		{BaseURL: "http://shop.example.com", Auth: Auth{Token: "t"}},
		{BaseURL: "ftp://shop.example.com", Auth: Auth{Token: "t"}},
		{BaseURL: "https://shop.example.com", Auth: Auth{Mode: "oauth", ConsumerKey: "k"}},
		{BaseURL: "https://shop.example.com", StoreCode: "../admin", Auth: Auth{Token: "t"}},
		{BaseURL: "https://shop.example.com", Auth: Auth{Token: "t", BasicUser: "u"}},
	}
	for _, cfg := range bad {
		if _, err := NewClient(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v accepted (err %v)", cfg, err)
		}
	}
	c, err := NewClient(Config{BaseURL: "http://shop.example.com", StoreCode: "de_store", AllowInsecureHTTP: true, Auth: Auth{Token: "t"}})
	if err != nil || c.BaseURL() != "http://shop.example.com/rest/de_store/V1" {
		t.Errorf("insecure allowed: %v %v", c, err)
	}
}

func TestRedirectIsReportedNotFollowed(t *testing.T) {
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://www.shop.example.com"+r.URL.Path, http.StatusMovedPermanently)
	})
	err := c.GetJSON(context.Background(), "store/websites", nil)
	if !errors.Is(err, ErrRouteNotFound) || !strings.Contains(err.Error(), "https://www.shop.example.com") {
		t.Errorf("err = %v", err)
	}
}

func TestBasicAuthWithOAuthMovesOAuthToQuery(t *testing.T) {
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || u != "stage" || p != "pw" || r.URL.Query().Get("oauth_signature") == "" || r.URL.Query().Get("oauth_consumer_key") != "ck" {
			writeJSON(w, 401, `{"message":"no"}`)
			return
		}
		writeJSON(w, 200, `[]`)
	}, func(c *Config) {
		c.Auth = Auth{Mode: "oauth", ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessTokenSecret: "ts", BasicUser: "stage", BasicPassword: "pw"}
	})
	if err := c.GetJSON(context.Background(), "store/websites", nil); err != nil {
		t.Fatal(err)
	}
}

func TestSlowShopTimesOutAsUnreachable(t *testing.T) {
	var n atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
		writeJSON(w, 200, `[]`)
	}, func(c *Config) { c.Timeout = 100 * time.Millisecond; c.MaxAttempts = 2 })
	err := c.GetJSON(context.Background(), "store/websites", nil)
	if !errors.Is(err, ErrUnreachable) || n.Load() != 2 {
		t.Fatalf("err=%v requests=%d", err, n.Load())
	}
	if !strings.Contains(HumanMessage(err), "did not answer in time") {
		t.Errorf("human = %s", HumanMessage(err))
	}
	if strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error repeats the URL: %v", err)
	}
}

func TestUnknownHostIsUnreachableAndNotRetried(t *testing.T) {
	c, err := NewClient(Config{BaseURL: "https://no-such-shop.invalid", Auth: Auth{Token: "t"}, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	c.retryBase = time.Second // a retry would make this test slow
	start := time.Now()
	err = c.GetJSON(context.Background(), "store/websites", nil)
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 900*time.Millisecond {
		t.Errorf("an unknown host name was retried (%v)", time.Since(start))
	}
}

func TestMagentoErrorSamplesClassify(t *testing.T) {
	e400 := newAPIError("POST", "products", 400, "application/json", sample(t, "error-400.json"))
	if !errors.Is(e400, ErrRejected) || e400.Message != "Invalid product data: Invalid attribute set entity type" {
		t.Errorf("400 sample: %+v", e400)
	}
	e429 := newAPIError("PUT", "carts/4/order", 429, "application/json", sample(t, "error-429.json"))
	if !errors.Is(e429, ErrRateLimited) || e429.Message != "Too Many Requests" {
		t.Errorf("429 sample: %+v", e429)
	}
}

func TestCanceledWriteIsReportedAsUnknownOutcome(t *testing.T) {
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("User-Agent"), "MageDesk/") {
			t.Errorf("User-Agent = %q", r.Header.Get("User-Agent"))
		}
		_, _ = io.ReadAll(r.Body) // lets the server notice the client hanging up
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := c.DoWrite(ctx, http.MethodPut, "carts/4/order", map[string]any{}, nil)
	if !errors.Is(err, ErrOutcomeUnknown) || !strings.Contains(HumanMessage(err), "may or may not") {
		t.Fatalf("err = %v / %s", err, HumanMessage(err))
	}
}

// A body shorter than its Content-Length is a transport failure (retried),
// not a page.
func TestClientRetriesBodyCutShort(t *testing.T) {
	var calls atomic.Int32
	c, _ := testServer(t, func(w http.ResponseWriter, r *http.Request) {
		body := `{"items":[],"total_count":0}`
		if calls.Add(1) == 1 {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)+50))
			_, _ = w.Write([]byte(body))
			return
		}
		writeJSON(w, http.StatusOK, body)
	})
	if _, err := c.Search(context.Background(), "customers/search", SearchCriteria{PageSize: 10, CurrentPage: 1}); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Fatalf("%d calls, want 2 (one retry)", calls.Load())
	}
}
