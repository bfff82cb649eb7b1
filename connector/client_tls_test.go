package connector

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func tlsShop(t *testing.T) *httptest.Server {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `[{"id":1,"code":"base","name":"Main Website","default_group_id":1}]`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSelfSignedCertificateIsRefusedUntilTrusted(t *testing.T) {
	srv := tlsShop(t)
	ctx := context.Background()

	c, err := NewClient(Config{BaseURL: srv.URL, Auth: Auth{Token: "t"}, MaxAttempts: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Websites(ctx)
	if !errors.Is(err, ErrTLS) {
		t.Fatalf("untrusted self-signed cert: err = %v", err)
	}
	if !strings.Contains(HumanMessage(err), "certificate") {
		t.Errorf("human = %s", HumanMessage(err))
	}

	fp, subject, err := FetchCertificate(ctx, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if want := CertFingerprint(srv.Certificate()); fp != want {
		t.Errorf("fingerprint = %s, want %s", fp, want)
	}
	if !strings.Contains(subject, "Acme") {
		t.Errorf("subject = %q", subject)
	}

	c, err = NewClient(Config{BaseURL: srv.URL, Auth: Auth{Token: "t"}, TrustedCertSHA256: FormatFingerprint(fp)})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := c.Websites(ctx)
	if err != nil || len(ws) != 1 || ws[0].Name != "Main Website" {
		t.Fatalf("trusted: %v %v", ws, err)
	}
}

func TestPinnedCertificateMismatchIsExplained(t *testing.T) {
	srv := tlsShop(t)
	c, err := NewClient(Config{BaseURL: srv.URL, Auth: Auth{Token: "t"}, TrustedCertSHA256: strings.Repeat("ab", 32)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Websites(context.Background())
	if !errors.Is(err, ErrTLS) || !strings.Contains(HumanMessage(err), "changed") {
		t.Fatalf("err = %v / %s", err, HumanMessage(err))
	}
}

func TestBadFingerprintIsAConfigError(t *testing.T) {
	if _, err := NewClient(Config{BaseURL: "https://x.test", Auth: Auth{Token: "t"}, TrustedCertSHA256: "zz"}); !errors.Is(err, ErrConfig) {
		t.Errorf("err = %v", err)
	}
}
