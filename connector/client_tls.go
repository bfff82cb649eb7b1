package connector

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// newTransport builds the HTTP transport: system proxy settings, sane
// dial/handshake timeouts and, when the user trusted a certificate,
// fingerprint pinning on top of normal verification.
func newTransport(cfg Config) (*http.Transport, error) {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 20 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	if cfg.TrustedCertSHA256 != "" {
		pin, err := normalizeFingerprint(cfg.TrustedCertSHA256)
		if err != nil {
			return nil, err
		}
		t.TLSClientConfig = pinnedTLSConfig(pin, nil)
	}
	return t, nil
}

// pinnedTLSConfig accepts a certificate chain when normal verification
// passes OR when one of the presented certificates has the trusted
// SHA-256 fingerprint (a self-signed shop certificate or a private CA the
// user explicitly trusted after comparing the fingerprint). roots nil =
// system roots.
func pinnedTLSConfig(pin string, roots *x509.CertPool) *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		// Verification is done in VerifyConnection below, which sees the
		// server name and all certificates.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return fmt.Errorf("tls: server sent no certificate")
			}
			leaf := cs.PeerCertificates[0]
			inter := x509.NewCertPool()
			for _, c := range cs.PeerCertificates[1:] {
				inter.AddCert(c)
			}
			opts := x509.VerifyOptions{DNSName: cs.ServerName, Intermediates: inter, Roots: roots}
			if _, err := leaf.Verify(opts); err == nil {
				return nil
			}
			for i, c := range cs.PeerCertificates {
				if CertFingerprint(c) != pin {
					continue
				}
				if i == 0 {
					return nil // the trusted certificate itself
				}
				// A trusted private CA: the leaf must chain to it and name the host.
				pool := x509.NewCertPool()
				pool.AddCert(c)
				opts.Roots = pool
				if _, err := leaf.Verify(opts); err != nil {
					return &pinMismatchError{got: CertFingerprint(leaf), want: pin, err: err}
				}
				return nil
			}
			return &pinMismatchError{got: CertFingerprint(leaf), want: pin}
		},
	}
}

// pinMismatchError: the server's certificate is neither publicly valid
// nor the one the user trusted.
type pinMismatchError struct {
	got, want string
	err       error
}

func (e *pinMismatchError) Error() string {
	s := fmt.Sprintf("tls: certificate %s is not the trusted certificate %s", FormatFingerprint(e.got), FormatFingerprint(e.want))
	if e.err != nil {
		s += ": " + e.err.Error()
	}
	return s
}

// CertFingerprint is the lowercase hex SHA-256 of the DER certificate.
func CertFingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// FormatFingerprint prints a fingerprint as AB:CD:… for people to compare.
func FormatFingerprint(fp string) string {
	fp = strings.ToUpper(fp)
	var parts []string
	for i := 0; i+2 <= len(fp); i += 2 {
		parts = append(parts, fp[i:i+2])
	}
	return strings.Join(parts, ":")
}

// normalizeFingerprint accepts "AB:CD…", "ab cd…" or plain hex.
func normalizeFingerprint(s string) (string, error) {
	s = strings.ToLower(strings.NewReplacer(":", "", " ", "", "-", "").Replace(strings.TrimSpace(s)))
	if b, err := hex.DecodeString(s); err != nil || len(b) != sha256.Size {
		return "", fmt.Errorf("%w: trusted certificate fingerprint must be 64 hex digits (SHA-256)", ErrConfig)
	}
	return s, nil
}

// FetchCertificate connects to the shop's HTTPS address without trusting
// anything and returns the server certificate's SHA-256 fingerprint and
// subject, so the UI can show them for the user to compare and trust.
func FetchCertificate(ctx context.Context, rawURL string) (fingerprint, subject string, err error) {
	if !strings.Contains(rawURL, "://") {
		rawURL = "https://" + rawURL
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", "", fmt.Errorf("fetch certificate: %w: %v", ErrConfig, err)
	}
	if !strings.EqualFold(u.Scheme, "https") {
		return "", "", fmt.Errorf("fetch certificate: %w: %s is not an https address", ErrConfig, rawURL)
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "443")
	}
	d := tls.Dialer{
		NetDialer: &net.Dialer{Timeout: 20 * time.Second},
		// We only read the certificate; nothing is sent.
		Config: &tls.Config{InsecureSkipVerify: true, ServerName: u.Hostname()},
	}
	conn, err := d.DialContext(ctx, "tcp", host)
	if err != nil {
		return "", "", fmt.Errorf("fetch certificate from %s: %w", host, classifyTransport("TLS", host, err))
	}
	defer conn.Close()
	certs := conn.(*tls.Conn).ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return "", "", fmt.Errorf("fetch certificate from %s: %w: no certificate", host, ErrTLS)
	}
	return CertFingerprint(certs[0]), certs[0].Subject.String(), nil
}
