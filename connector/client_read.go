package connector

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SearchPage is one page of a searchCriteria list: the raw items (mapped
// by the caller with Map*) and Magento's total_count of the whole
// filtered set.
type SearchPage struct {
	Items      []json.RawMessage
	TotalCount int64
}

// Search GETs a list route ("orders", "customers/search", …) with sc.
func (c *Client) Search(ctx context.Context, route string, sc SearchCriteria) (*SearchPage, error) {
	// One pass checks the page and finds the envelope and the items.
	d, err := c.getParsed(ctx, route, sc.Encode(), 2)
	if err != nil {
		return nil, err
	}
	defer d.release()
	root := d.root()
	if d.src[root.vs] != '{' {
		return nil, fmt.Errorf("GET %s: search result: %w: want object, got %s", route, ErrBadResponse, jsonKind(d.raw(root)))
	}
	top := &obj{doc: d, mem: d.members(root), errs: new([]FieldError)}
	page := &SearchPage{}
	if items := top.node("items"); items != nil {
		if d.src[items.vs] != '[' {
			return nil, fmt.Errorf("GET %s: search result items: %w: want array, got %s", route, ErrBadResponse, jsonKind(d.raw(items)))
		}
		mem := d.members(items)
		page.Items = make([]json.RawMessage, len(mem))
		for i := range mem {
			page.Items[i] = d.raw(&mem[i])
		}
	}
	if page.TotalCount, err = flexInt(top.raw("total_count")); err != nil {
		return nil, fmt.Errorf("GET %s: total_count: %w: %w", route, ErrBadResponse, err)
	}
	return page, nil
}

// GetJSON GETs route (e.g. "orders/3", "store/storeConfigs?storeCodes[]=default")
// and decodes the answer into out (which may be *json.RawMessage).
func (c *Client) GetJSON(ctx context.Context, route string, out any) error {
	route, query, _ := strings.Cut(route, "?")
	body, err := c.get(ctx, route, query)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("GET %s: decode: %w: %w", route, ErrBadResponse, err)
	}
	return nil
}

// get performs a read with retries: network errors, 429, 5xx, HTML
// instead of JSON, and invalid (e.g. truncated) JSON are retried with
// exponential back-off and full jitter, honouring Retry-After; other 4xx
// answers and TLS failures are final. The body returned is valid JSON.
func (c *Client) get(ctx context.Context, route, query string) ([]byte, error) {
	d, err := c.getParsed(ctx, route, query, 0)
	if err != nil {
		return nil, err
	}
	body := d.src
	d.release()
	return body, nil
}

// getParsed is get that also hands out the parse (members recorded keep
// levels deep, see parseJSON); the caller releases it.
func (c *Client) getParsed(ctx context.Context, route, query string, keep int) (*jsonDoc, error) {
	var lastErr error
	for attempt := 1; ; attempt++ {
		var retryAfter time.Duration
		resp, err := c.roundTrip(ctx, http.MethodGet, route, query, nil)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil, fmt.Errorf("GET %s: %w", route, ctx.Err())
			}
			lastErr = classifyTransport(http.MethodGet, route, err)
			if !retryableTransport(lastErr) {
				return nil, lastErr
			}
		case resp.status >= 200 && resp.status < 300:
			if d, err := parseJSON(resp.body, keep); err == nil {
				return d, nil
			}
			lastErr = invalidBodyError(http.MethodGet, route, resp)
		case resp.status >= 300 && resp.status < 400:
			return nil, redirectError(http.MethodGet, route, resp)
		default:
			ae := newAPIError(http.MethodGet, route, resp.status, resp.header.Get("Content-Type"), resp.body)
			lastErr = ae
			if !retryableStatus(resp.status) {
				return nil, ae
			}
			retryAfter = parseRetryAfter(resp.header.Get("Retry-After"), time.Now())
		}
		if attempt >= c.cfg.MaxAttempts {
			return nil, fmt.Errorf("after %d attempts: %w", attempt, lastErr)
		}
		wait := c.backoff(attempt)
		if retryAfter > 0 {
			wait = min(retryAfter, c.maxRetryAfter)
		}
		c.log.LogAttrs(ctx, slog.LevelWarn, "magento read retry",
			slog.String("route", route), slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("error", lastErr.Error()))
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, fmt.Errorf("GET %s: %w (last error: %v)", route, err, lastErr)
		}
	}
}

// invalidBodyError classifies a 2xx answer that is not JSON: a web page
// (firewall, maintenance, wrong URL) or a cut-off body.
func invalidBodyError(method, route string, resp *response) *APIError {
	e := &APIError{Method: method, Route: route, Status: resp.status, Raw: resp.body, Kind: ErrBadResponse}
	if len(e.Raw) > 4096 {
		e.Raw = e.Raw[:4096]
	}
	if looksLikeHTML(resp.header.Get("Content-Type"), resp.body) {
		e.Kind = ErrNotMagento
		e.Message = "the server answered with a web page, not JSON"
	} else {
		e.Message = fmt.Sprintf("invalid JSON (%d bytes; cut off?)", len(resp.body))
	}
	return e
}

func redirectError(method, route string, resp *response) *APIError {
	loc := resp.header.Get("Location")
	return &APIError{Method: method, Route: route, Status: resp.status, Kind: ErrRouteNotFound,
		Message: "the server redirects to " + loc + "; use that address as the shop URL"}
}

func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout || status >= 500
}

// retryableTransport: unknown host names and TLS failures do not heal
// by retrying; refused connections, resets and timeouts may.
func retryableTransport(err error) bool {
	if errors.Is(err, ErrTLS) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	return true
}

// backoff returns a full-jitter delay for the given 1-based attempt.
func (c *Client) backoff(attempt int) time.Duration {
	ceil := c.retryBase << min(attempt-1, 20)
	if ceil > c.retryCap || ceil <= 0 {
		ceil = c.retryCap
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

// parseRetryAfter reads delta-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
