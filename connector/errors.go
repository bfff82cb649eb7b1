package connector

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Error kinds. Every error the client returns wraps exactly one of these,
// so callers test with errors.Is and the UI picks a message with
// HumanMessage. They are deliberately coarse: what the shop owner can do
// about the failure decides the kind, not the HTTP detail.
var (
	// ErrUnauthorized: Magento answered 401 "The consumer isn't authorized
	// to access %resources." (wrong/expired token, Bearer use switched off
	// on 2.4.4+, or the integration lacks the ACL resource).
	ErrUnauthorized = errors.New("not authorized")
	// ErrCredentialsRefused: the credentials themselves were rejected
	// (OAuth signature/token/consumer rejected, or HTTP basic auth in
	// front of the shop).
	ErrCredentialsRefused = errors.New("credentials refused")
	// ErrClockSkew: the OAuth timestamp was refused; the computer clock is off.
	ErrClockSkew = errors.New("oauth timestamp refused")
	// ErrNotFound: the record does not exist (404 with an entity message).
	ErrNotFound = errors.New("not found")
	// ErrRouteNotFound: "Request does not match any route." — wrong base
	// URL or store code, or a module that is not installed.
	ErrRouteNotFound = errors.New("route not found")
	// ErrNotMagento: the answer was a web page (HTML), not the REST API.
	ErrNotMagento = errors.New("not the Magento API")
	// ErrBadResponse: the answer was not valid JSON (cut off or garbled).
	ErrBadResponse = errors.New("invalid response")
	// ErrRateLimited: 429 Too Many Requests.
	ErrRateLimited = errors.New("rate limited")
	// ErrServer: Magento failed (5xx).
	ErrServer = errors.New("server error")
	// ErrRejected: Magento refused the input (400 and other 4xx).
	ErrRejected = errors.New("request rejected")
	// ErrTLS: the HTTPS certificate or handshake failed.
	ErrTLS = errors.New("tls failure")
	// ErrUnreachable: DNS failure, connection refused, or timeout.
	ErrUnreachable = errors.New("host unreachable")
	// ErrOutcomeUnknown: a write was sent but its answer was lost; it may
	// or may not have happened. Check before trying again.
	ErrOutcomeUnknown = errors.New("write outcome unknown")
	// ErrConfig: the connection settings are unusable (bad URL, plain http…).
	ErrConfig = errors.New("invalid connection settings")
)

// APIError is a non-2xx answer from Magento (or from whatever answered in
// its place).
type APIError struct {
	Method string
	Route  string // route relative to /rest/<store>/V1, e.g. "orders"
	Status int
	// Message is Magento's message with its %parameters filled in.
	Message string
	// Template and Parameters are the message as Magento sent it.
	Template   string
	Parameters any
	// Resource names the ACL resource(s) from a 401 body ("Magento_Sales::actions_view").
	Resource string
	// Raw is the response body (truncated to 4 KiB).
	Raw  []byte
	Kind error // one of the Err* kinds above
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = strings.TrimSpace(string(e.Raw))
		if len(msg) > 200 {
			msg = msg[:200] + "…"
		}
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.Route, e.Status, msg)
}

// Unwrap lets errors.Is(err, ErrUnauthorized) etc. work.
func (e *APIError) Unwrap() error { return e.Kind }

// magentoErrorBody is the REST renderer's error shape.
type magentoErrorBody struct {
	Message    string          `json:"message"`
	Parameters json.RawMessage `json:"parameters"`
	Code       int             `json:"code"`
}

var (
	aclMessage      = regexp.MustCompile(`(?i)(consumer isn't|consumer is not) authorized to access`)
	noRouteMessage  = "Request does not match any route."
	namedParamRegex = regexp.MustCompile(`%([A-Za-z_][A-Za-z0-9_]*|[0-9]+)`)
)

// newAPIError builds the error for a non-2xx answer and classifies it.
func newAPIError(method, route string, status int, contentType string, body []byte) *APIError {
	e := &APIError{Method: method, Route: route, Status: status}
	e.Raw = body
	if len(e.Raw) > 4096 {
		e.Raw = e.Raw[:4096]
	}
	if looksLikeHTML(contentType, body) {
		e.Kind = ErrNotMagento
		if status == 401 || status == 407 {
			// A web server's own basic-auth prompt, not Magento.
			e.Kind = ErrCredentialsRefused
			e.Message = "the web server in front of the shop asked for a user name and password (HTTP basic auth)"
		}
		return e
	}
	var mb magentoErrorBody
	if err := json.Unmarshal(body, &mb); err == nil && mb.Message != "" {
		e.Template = mb.Message
		e.Parameters, e.Message = fillParameters(mb.Message, mb.Parameters)
	}
	e.Kind = classifyStatus(status, e)
	return e
}

func classifyStatus(status int, e *APIError) error {
	lower := strings.ToLower(e.Template + " " + string(e.Raw))
	if (status == 400 || status == 401) && strings.Contains(lower, "timestamp") {
		// OAuth refuses requests whose oauth_timestamp is too far off.
		return ErrClockSkew
	}
	if (status == 400 || status == 401) && strings.Contains(lower, "oauth") {
		return ErrCredentialsRefused
	}
	switch {
	case status == 401 && aclMessage.MatchString(e.Template):
		e.Resource = aclResources(e.Parameters)
		return ErrUnauthorized
	case status == 401 || status == 403:
		return ErrCredentialsRefused
	case status == 404 && strings.TrimSpace(e.Template) == noRouteMessage:
		return ErrRouteNotFound
	case status == 404 && e.Template == "":
		// A 404 without Magento's JSON body comes from the web server:
		// the /rest path does not exist there.
		return ErrRouteNotFound
	case status == 404:
		return ErrNotFound
	case status == 429:
		return ErrRateLimited
	case status >= 500:
		return ErrServer
	default:
		return ErrRejected
	}
}

// aclResources reads parameters.resources ("A, B") from a 401 body.
func aclResources(params any) string {
	if m, ok := params.(map[string]any); ok {
		if s, ok := m["resources"].(string); ok {
			return s
		}
	}
	return ""
}

// fillParameters substitutes %name (named object) or %1 (positional array,
// 1-based) in a Magento message template, as Magento's Phrase renderer does.
func fillParameters(tmpl string, raw json.RawMessage) (any, string) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, tmpl
	}
	var named map[string]any
	var positional []any
	var params any
	lookup := func(string) (string, bool) { return "", false }
	if json.Unmarshal(raw, &named) == nil {
		params = named
		lookup = func(k string) (string, bool) {
			v, ok := named[k]
			return paramText(v), ok
		}
	} else if json.Unmarshal(raw, &positional) == nil {
		params = positional
		lookup = func(k string) (string, bool) {
			i, err := strconv.Atoi(k)
			if err != nil || i < 1 || i > len(positional) {
				return "", false
			}
			return paramText(positional[i-1]), true
		}
	}
	msg := namedParamRegex.ReplaceAllStringFunc(tmpl, func(m string) string {
		if v, ok := lookup(m[1:]); ok {
			return v
		}
		return m
	})
	return params, msg
}

func paramText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case nil:
		return ""
	case []any:
		parts := make([]string, len(t))
		for i, p := range t {
			parts[i] = paramText(p)
		}
		return strings.Join(parts, ", ")
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

func looksLikeHTML(contentType string, body []byte) bool {
	if strings.Contains(strings.ToLower(contentType), "text/html") {
		return true
	}
	t := bytes.TrimSpace(body)
	if len(t) > 64 {
		t = t[:64]
	}
	lt := bytes.ToLower(t)
	return bytes.HasPrefix(lt, []byte("<!doctype html")) || bytes.HasPrefix(lt, []byte("<html")) || bytes.HasPrefix(lt, []byte("<"))
}

// ACLResources returns the ACL resource names an error complains about
// (split on ", "), or nil.
func ACLResources(err error) []string {
	var ae *APIError
	if !errors.As(err, &ae) || ae.Resource == "" {
		return nil
	}
	var out []string
	for _, r := range strings.Split(ae.Resource, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}
