package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// DoWrite sends one write (POST/PUT/DELETE) exactly once and decodes the
// answer into out (nil to ignore it). Writes are never retried here: an
// order placement or refund that timed out may well have happened. When
// the request may have reached Magento but no usable answer came back
// (connection cut, timeout, 5xx, garbled body) the error wraps
// ErrOutcomeUnknown and the caller must check the store before trying
// again. A failure to connect at all, and any 4xx, are definite: nothing
// was changed.
func (c *Client) DoWrite(ctx context.Context, method, route string, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("%s %s: encode body: %w", method, route, err)
		}
	}
	route, query, _ := strings.Cut(route, "?")
	resp, err := c.roundTrip(ctx, method, route, query, payload)
	if err != nil {
		terr := classifyTransport(method, route, err)
		if neverSent(err) {
			return terr
		}
		return fmt.Errorf("%w: %w", ErrOutcomeUnknown, terr)
	}
	switch {
	case resp.status >= 200 && resp.status < 300:
		if !validJSON(resp.body) {
			return fmt.Errorf("%w: %w", ErrOutcomeUnknown, invalidBodyError(method, route, resp))
		}
		if out != nil {
			if err := json.Unmarshal(resp.body, out); err != nil {
				return fmt.Errorf("%s %s: decode answer: %w: %w", method, route, ErrBadResponse, err)
			}
		}
		return nil
	case resp.status >= 300 && resp.status < 400:
		return redirectError(method, route, resp)
	}
	ae := newAPIError(method, route, resp.status, resp.header.Get("Content-Type"), resp.body)
	if resp.status >= 500 || (ae.Kind == ErrNotMagento && resp.status != http.StatusNotFound) {
		// A 500 may come after the order was saved (e.g. e-mail sending
		// failed); a proxy's HTML error page says nothing about Magento.
		return fmt.Errorf("%w: %w", ErrOutcomeUnknown, ae)
	}
	return ae
}

// neverSent reports transport failures that happen before any byte of
// the request can have reached the server.
func neverSent(err error) bool {
	return isDialError(err) || isTLSError(err)
}
