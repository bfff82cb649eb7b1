package magentosim

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"hash"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Authentication: Bearer integration tokens (only when the store allows it, as 2.4.4+
// stores do not by default) and OAuth 1.0a signatures per RFC 5849. Anything else runs
// as a guest, which fails the route's ACL check with Magento's 401 body.

// authorize checks the caller against the route's ACL resource.
func (s *Store) authorize(r *http.Request, body []byte, resource string) *apiError {
	if resource == "anonymous" {
		return nil
	}
	authz := r.Header.Get("Authorization")
	integration := false
	switch {
	case len(authz) > 7 && strings.EqualFold(authz[:7], "Bearer "):
		s.fmu.Lock()
		off := s.bearerOff
		s.fmu.Unlock()
		tok := strings.TrimSpace(authz[7:])
		// Magento's standalone Bearer token is the integration's access token; the
		// configured demo token is accepted as well.
		integration = !off && (subtle.ConstantTimeCompare([]byte(tok), []byte(s.opts.Token)) == 1 ||
			subtle.ConstantTimeCompare([]byte(tok), []byte(s.oauth.AccessToken)) == 1)
	case len(authz) > 6 && strings.EqualFold(authz[:6], "OAuth "):
		if err := s.verifyOAuth(r, body, authz[6:]); err != nil {
			return err
		}
		integration = true
	}
	if !integration {
		return errACL(resource)
	}
	acl := s.currentFaults().ACL
	if acl == nil {
		return nil
	}
	for _, a := range acl {
		if a == resource {
			return nil
		}
	}
	return errACL(resource)
}

// parseOAuthHeader reads `k="v", k2="v2"` (values percent-encoded).
func parseOAuthHeader(h string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(h, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if dv, err := url.PathUnescape(v); err == nil {
			v = dv
		}
		out[strings.TrimSpace(k)] = v
	}
	return out
}

func (s *Store) verifyOAuth(r *http.Request, body []byte, header string) *apiError {
	p := parseOAuthHeader(header)
	for _, k := range []string{"oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce", "oauth_timestamp", "oauth_token"} {
		if _, ok := p[k]; !ok {
			return errRequired(k)
		}
	}
	if v, ok := p["oauth_version"]; ok && v != "1.0" {
		return errBadRequest(`The "%1" Oauth version isn't supported.`, []any{v})
	}
	sm := p["oauth_signature_method"]
	if sm != "HMAC-SHA256" && sm != "HMAC-SHA1" {
		return errBadRequest("Signature method %1 is not supported", []any{sm})
	}
	if p["oauth_consumer_key"] != s.oauth.ConsumerKey {
		return apiErr(401, "A consumer having the specified key does not exist", nil)
	}
	if s.currentFaults().SkewOAuth {
		t, err := strconv.ParseInt(p["oauth_timestamp"], 10, 64)
		if err != nil || math.Abs(float64(t-s.opts.Now().Unix())) > 600 {
			return errBadRequest("Incorrect timestamp value in the oauth_timestamp parameter", nil)
		}
	}
	if p["oauth_token"] != s.oauth.AccessToken {
		return apiErr(401, "Token is not valid", nil)
	}
	params := collectParams(r, body, p)
	want := oauthSignature(sm, r.Method, requestBaseURL(r), params, s.oauth.ConsumerSecret, s.oauth.AccessTokenSecret)
	if !hmac.Equal([]byte(want), []byte(p["oauth_signature"])) {
		return apiErr(401, "The signature is invalid. Verify and try again.", nil)
	}
	nonceKey := p["oauth_consumer_key"] + "|" + p["oauth_nonce"]
	s.fmu.Lock()
	used := s.nonces[nonceKey]
	s.nonces[nonceKey] = true
	s.fmu.Unlock()
	if used {
		return apiErr(401, "The nonce is already being used by the consumer with ID %1", []any{"1"})
	}
	return nil
}

// collectParams gathers the signed parameters: query, oauth header (minus signature and
// realm) and form bodies (JSON bodies are not signed).
func collectParams(r *http.Request, body []byte, header map[string]string) [][2]string {
	var params [][2]string
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			params = append(params, [2]string{k, v})
		}
	}
	for k, v := range header {
		if k == "oauth_signature" || k == "realm" {
			continue
		}
		params = append(params, [2]string{k, v})
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		if form, err := url.ParseQuery(string(body)); err == nil {
			for k, vs := range form {
				for _, v := range vs {
					params = append(params, [2]string{k, v})
				}
			}
		}
	}
	return params
}

// requestBaseURL is RFC 5849 §3.4.1.2: lower-case scheme and host, no default port, no query.
func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if fp := r.Header.Get("X-Forwarded-Proto"); fp != "" {
		scheme = strings.ToLower(fp)
	}
	host := strings.ToLower(r.Host)
	if (scheme == "http" && strings.HasSuffix(host, ":80")) || (scheme == "https" && strings.HasSuffix(host, ":443")) {
		host = host[:strings.LastIndexByte(host, ':')]
	}
	return scheme + "://" + host + r.URL.EscapedPath()
}

// oauthEncode is RFC 3986 percent-encoding as RFC 5849 §3.6 requires.
func oauthEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
		}
	}
	return b.String()
}

// signatureBaseString is RFC 5849 §3.4.1.
func signatureBaseString(method, baseURL string, params [][2]string) string {
	enc := make([]string, len(params))
	type kv struct{ k, v string }
	pairs := make([]kv, len(params))
	for i, p := range params {
		pairs[i] = kv{oauthEncode(p[0]), oauthEncode(p[1])}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].k != pairs[j].k {
			return pairs[i].k < pairs[j].k
		}
		return pairs[i].v < pairs[j].v
	})
	for i, p := range pairs {
		enc[i] = p.k + "=" + p.v
	}
	return strings.ToUpper(method) + "&" + oauthEncode(baseURL) + "&" + oauthEncode(strings.Join(enc, "&"))
}

func oauthSignature(sigMethod, method, baseURL string, params [][2]string, consumerSecret, tokenSecret string) string {
	var h func() hash.Hash = sha256.New
	if sigMethod == "HMAC-SHA1" {
		h = sha1.New
	}
	mac := hmac.New(h, []byte(oauthEncode(consumerSecret)+"&"+oauthEncode(tokenSecret)))
	mac.Write([]byte(signatureBaseString(method, baseURL, params)))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// SignRequest adds an OAuth 1.0a Authorization header (HMAC-SHA256 unless sigMethod is
// "HMAC-SHA1") to req, for tests and tools that talk to the simulator. The request's
// query parameters are signed; JSON bodies are not, as in Magento.
func SignRequest(req *http.Request, c OAuthCredentials, sigMethod, nonce string, timestamp int64) {
	if sigMethod == "" {
		sigMethod = "HMAC-SHA256"
	}
	op := map[string]string{
		"oauth_consumer_key": c.ConsumerKey, "oauth_token": c.AccessToken, "oauth_signature_method": sigMethod,
		"oauth_timestamp": strconv.FormatInt(timestamp, 10), "oauth_nonce": nonce, "oauth_version": "1.0",
	}
	var params [][2]string
	for k, vs := range req.URL.Query() {
		for _, v := range vs {
			params = append(params, [2]string{k, v})
		}
	}
	for k, v := range op {
		params = append(params, [2]string{k, v})
	}
	base := strings.ToLower(req.URL.Scheme) + "://" + strings.ToLower(req.URL.Host) + req.URL.EscapedPath()
	op["oauth_signature"] = oauthSignature(sigMethod, req.Method, base, params, c.ConsumerSecret, c.AccessTokenSecret)
	keys := make([]string, 0, len(op))
	for k := range op {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + `="` + oauthEncode(op[k]) + `"`
	}
	req.Header.Set("Authorization", "OAuth "+strings.Join(parts, ","))
}
