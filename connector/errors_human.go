package connector

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// bearerSettingHint is the one sentence every "refused" message needs:
// since 2.4.4 Magento ignores integration tokens sent as Bearer unless the
// store owner switches this on, and the symptom is the same 401 ACL body
// as a missing permission.
const bearerSettingHint = `If you use an integration access token as a Bearer token on Magento 2.4.4 or later, ` +
	`enable Stores > Configuration > Services > OAuth > Consumer Settings > ` +
	`"Allow OAuth Access Tokens to be used as standalone Bearer tokens", or connect with OAuth ` +
	`(consumer key, consumer secret, access token and access token secret of the integration).`

// TransportError is a failure below HTTP (DNS, TCP, TLS, timeout).
type TransportError struct {
	Method, Route string
	Kind          error // ErrUnreachable or ErrTLS
	Err           error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Route, e.Err)
}

// Unwrap exposes both the kind and the cause (errors.Is sees both).
func (e *TransportError) Unwrap() []error { return []error{e.Kind, e.Err} }

// classifyTransport turns an error from the HTTP round trip into a
// *TransportError (or returns the context error unchanged when the caller
// canceled).
func classifyTransport(method, route string, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	// *url.Error repeats the full URL, query included (with OAuth
	// parameters behind basic auth); method and route say enough.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	kind := ErrUnreachable
	if isTLSError(err) {
		kind = ErrTLS
	}
	return &TransportError{Method: method, Route: route, Kind: kind, Err: err}
}

func isTLSError(err error) bool {
	var (
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidErr  x509.CertificateInvalidError
		verifyErr   *tls.CertificateVerificationError
		recordErr   tls.RecordHeaderError
		alertErr    tls.AlertError
		pinErr      *pinMismatchError
	)
	switch {
	case errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &invalidErr),
		errors.As(err, &verifyErr), errors.As(err, &recordErr), errors.As(err, &alertErr),
		errors.As(err, &pinErr):
		return true
	}
	s := err.Error()
	return strings.Contains(s, "tls:") || strings.Contains(s, "x509:")
}

// HumanMessage explains an error to a shop owner in one or two sentences.
// It never contains secrets (errors never carry them).
func HumanMessage(err error) string {
	if err == nil {
		return ""
	}
	var ce *ConnectionError
	if errors.As(err, &ce) && ce.Message != "" {
		return ce.Message
	}
	var ae *APIError
	errors.As(err, &ae)
	switch {
	case errors.Is(err, ErrOutcomeUnknown): // before Canceled: a canceled write may still have happened
		return "The shop did not confirm the change (the answer was lost). It may or may not have been saved in Magento; check the shop before trying again."
	case errors.Is(err, context.Canceled):
		return "The operation was canceled."
	case errors.Is(err, ErrConfig):
		msg := err.Error()
		if i := strings.Index(msg, ErrConfig.Error()+": "); i >= 0 {
			msg = msg[i+len(ErrConfig.Error())+2:]
		}
		return "The connection settings are not usable: " + msg
	case errors.Is(err, ErrTLS):
		if errors.As(err, new(*pinMismatchError)) {
			return "The shop's certificate changed since you trusted it. If the shop renewed its certificate, trust the new fingerprint in the channel settings; otherwise someone may be intercepting the connection."
		}
		if strings.Contains(err.Error(), "first record does not look like a TLS handshake") {
			return "The shop did not answer HTTPS on this address. Check whether the URL should start with http:// or use another port."
		}
		return "The secure (HTTPS) connection to the shop failed: the certificate is not trusted, expired or made for another name. If the shop uses its own certificate, trust its fingerprint in the channel settings."
	case errors.Is(err, ErrUnreachable):
		return unreachableMessage(err)
	case errors.Is(err, ErrClockSkew):
		return "Magento refused the request time stamp. Your computer's clock is probably wrong: set the date, time and time zone correctly (automatic time) and try again."
	case errors.Is(err, ErrCredentialsRefused):
		if ae != nil && strings.Contains(ae.Message, "basic auth") {
			return "The web server in front of the shop asks for a user name and password (HTTP basic auth). Enter them in the channel's connection settings."
		}
		return "Magento refused the credentials. Check the access token (for OAuth: the consumer key, consumer secret, access token and access token secret) of the integration (System > Extensions > Integrations), and that the integration is active."
	case errors.Is(err, ErrMissingACL):
		return "The integration lacks some API permissions (System > Extensions > Integrations > your integration > API)."
	case errors.Is(err, ErrUnauthorized):
		res := "the needed permission"
		if ae != nil && ae.Resource != "" {
			res = "the permission " + ae.Resource
		}
		return "Magento refused access: the token was not accepted or the integration lacks " + res +
			" (System > Extensions > Integrations > your integration > API). " + bearerSettingHint
	case errors.Is(err, ErrRouteNotFound):
		return "Magento does not know this address (\"Request does not match any route\"). Check the shop URL (without /rest or /admin) and the store code; for newsletter subscribers the companion module may not be installed."
	case errors.Is(err, ErrNotMagento):
		return "The server answered with a web page, not the Magento API (a firewall or wrong URL?). Check the shop URL, and whether a firewall, maintenance page or login page is in front of the shop."
	case errors.Is(err, ErrBadResponse):
		return "The shop sent an answer that could not be read (cut off or garbled). This is usually temporary; try again later."
	case errors.Is(err, ErrRateLimited):
		return "The shop asked us to slow down (too many requests). The sync will continue later."
	case errors.Is(err, ErrServer):
		msg := "Magento reported an internal error"
		if ae != nil && ae.Message != "" {
			msg += ": " + ae.Message
		}
		return msg + ". Details are in the shop's Magento log; try again later."
	case errors.Is(err, ErrNotFound):
		if ae != nil && ae.Message != "" {
			return "Not found in Magento: " + ae.Message
		}
		return "The record no longer exists in Magento."
	case errors.Is(err, ErrRejected):
		if ae != nil && ae.Message != "" {
			return "Magento refused the request: " + ae.Message
		}
		return "Magento refused the request."
	case IsMapError(err):
		return "Magento sent a record MageDesk could not fully read; the rest of it was kept. Details: " + err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return "The shop took too long to answer. Try again later or raise the timeout."
	}
	return "Unexpected error: " + err.Error()
}

func unreachableMessage(err error) string {
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return "The shop's host name could not be found (" + dnsErr.Name + "). Check the spelling of the URL and your internet connection."
	case errors.Is(err, syscall.ECONNREFUSED):
		return "The shop's server refused the connection. Check the URL and port; the web server may be down."
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "The connection to the shop was cut off. Try again; if it keeps happening a firewall may be blocking us."
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "The shop did not answer in time. Check your internet connection, or raise the timeout for a slow shop."
	}
	return "The shop could not be reached: " + innermost(err)
}

// innermost returns the deepest single-wrapped message, which is usually
// the most specific one.
func innermost(err error) string {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// isDialError reports failures to open the connection (DNS, refused,
// dial timeout): the request was certainly not sent.
func isDialError(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}
