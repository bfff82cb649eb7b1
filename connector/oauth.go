package connector

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// OAuth 1.0a request signing (RFC 5849) as Magento's integrations expect:
// HMAC-SHA256, key = consumerSecret&tokenSecret, query parameters included
// in the base string. A fresh nonce and timestamp are made for every
// attempt: Magento rejects a reused nonce, so a retry must be re-signed.

// oauthSigner signs requests for one integration.
type oauthSigner struct {
	consumerKey, consumerSecret string
	token, tokenSecret          string
	method                      string // "HMAC-SHA256" or "HMAC-SHA1"
	now                         func() time.Time
	nonce                       func() string
}

func newOAuthSigner(a Auth) *oauthSigner {
	return &oauthSigner{
		consumerKey: a.ConsumerKey, consumerSecret: a.ConsumerSecret,
		token: a.AccessToken, tokenSecret: a.AccessTokenSecret,
		method: "HMAC-SHA256",
		now:    time.Now,
		nonce:  randomNonce,
	}
}

func randomNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// oauthParams returns the protocol parameters (without the signature)
// for one request.
func (s *oauthSigner) oauthParams() map[string]string {
	return map[string]string{
		"oauth_consumer_key":     s.consumerKey,
		"oauth_token":            s.token,
		"oauth_signature_method": s.method,
		"oauth_timestamp":        strconv.FormatInt(s.now().Unix(), 10),
		"oauth_nonce":            s.nonce(),
		"oauth_version":          "1.0",
	}
}

// authorization returns the Authorization header value for a request to
// rawURL (query included). extra holds form-body parameters, which we
// never send (bodies are JSON) but RFC 5849's example needs.
func (s *oauthSigner) authorization(method, rawURL string, extra url.Values) (string, error) {
	params := s.oauthParams()
	sig, err := s.sign(method, rawURL, params, extra)
	if err != nil {
		return "", err
	}
	params["oauth_signature"] = sig
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf(`%s="%s"`, oauthEscape(k), oauthEscape(params[k]))
	}
	return "OAuth " + strings.Join(parts, ","), nil
}

// queryParams returns the signed protocol parameters as a query string,
// for requests whose Authorization header is taken by HTTP basic auth.
func (s *oauthSigner) queryParams(method, rawURL string) (string, error) {
	params := s.oauthParams()
	sig, err := s.sign(method, rawURL, params, nil)
	if err != nil {
		return "", err
	}
	params["oauth_signature"] = sig
	v := url.Values{}
	for k, val := range params {
		v.Set(k, val)
	}
	return encodeQuery(v), nil
}

// sign computes oauth_signature over the signature base string.
func (s *oauthSigner) sign(method, rawURL string, oauth map[string]string, extra url.Values) (string, error) {
	base, err := signatureBaseString(method, rawURL, oauth, extra)
	if err != nil {
		return "", err
	}
	var h func() hash.Hash
	switch s.method {
	case "HMAC-SHA256":
		h = sha256.New
	case "HMAC-SHA1":
		h = sha1.New
	default:
		return "", fmt.Errorf("oauth: unsupported signature method %q", s.method)
	}
	mac := hmac.New(h, []byte(oauthEscape(s.consumerSecret)+"&"+oauthEscape(s.tokenSecret)))
	mac.Write([]byte(base))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil)), nil
}

// signatureBaseString implements RFC 5849 §3.4.1: METHOD & base URI &
// normalized parameters (query + oauth_* + form body; sorted by encoded
// name then encoded value; oauth_signature and realm excluded).
func signatureBaseString(method, rawURL string, oauth map[string]string, extra url.Values) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("oauth: parse url: %w", err)
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", fmt.Errorf("oauth: parse query: %w", err)
	}
	type pair struct{ k, v string }
	var pairs []pair
	add := func(k, v string) {
		if k == "oauth_signature" || k == "realm" {
			return
		}
		pairs = append(pairs, pair{oauthEscape(k), oauthEscape(v)})
	}
	for k, vs := range query {
		for _, v := range vs {
			add(k, v)
		}
	}
	for k, vs := range extra {
		for _, v := range vs {
			add(k, v)
		}
	}
	for k, v := range oauth {
		add(k, v)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	norm := make([]string, len(pairs))
	for i, p := range pairs {
		norm[i] = p.k + "=" + p.v
	}
	return strings.ToUpper(method) + "&" + oauthEscape(baseURI(u)) + "&" + oauthEscape(strings.Join(norm, "&")), nil
}

// baseURI is scheme://host[:port]/path with lowercase scheme and host and
// the default port dropped (RFC 5849 §3.4.1.2).
func baseURI(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host = host + ":" + port
	}
	if strings.Contains(u.Hostname(), ":") { // IPv6 literal
		host = "[" + strings.ToLower(u.Hostname()) + "]"
		if port != "" {
			host += ":" + port
		}
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return scheme + "://" + host + path
}

// oauthEscape is RFC 3986 percent-encoding: only unreserved characters
// stay as they are; everything else is %XX with upper-case hex.
func oauthEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') ||
			c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
