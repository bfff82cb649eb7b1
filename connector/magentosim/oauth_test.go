package magentosim

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// RFC 5849 §3.4.1.1: the signature base string of the RFC's own example request,
// collected from the request exactly as the server sees it (query + header + form body).
func TestOAuthBaseStringMatchesRFC5849Example(t *testing.T) {
	req := httptest.NewRequest("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", strings.NewReader("c2&a3=2+q"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	header := parseOAuthHeader(`realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", ` +
		`oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D"`)
	params := collectParams(req, []byte("c2&a3=2+q"), header)
	got := signatureBaseString(req.Method, requestBaseURL(req), params)
	want := "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D" +
		"%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1" +
		"%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
	if got != want {
		t.Errorf("base string\n got %s\nwant %s", got, want)
	}
}

// RFC 5849 §1.2: the photos request, signed by the RFC with HMAC-SHA1, must verify.
func TestOAuthVerifierAcceptsRFC5849PhotosRequest(t *testing.T) {
	opts := smallOptions()
	opts.OAuth = &OAuthCredentials{ConsumerKey: "dpf43f3p2l4k3l03", ConsumerSecret: "kd94hf93k423kf44",
		AccessToken: "nnch734d00sl2jdk", AccessTokenSecret: "pfkkdhi9sl3r4s00"}
	s := New(opts)
	header := `realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", ` +
		`oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", ` +
		`oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"`
	req := httptest.NewRequest("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", nil)
	if err := s.verifyOAuth(req, nil, header); err != nil {
		t.Fatalf("RFC example rejected: %v", err)
	}
	// The same request with one character of the signature changed must fail.
	req = httptest.NewRequest("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", nil)
	bad := strings.Replace(header, "chapoH", "chapoI", 1)
	if err := s.verifyOAuth(req, nil, bad); err == nil || err.status != 401 {
		t.Fatalf("altered nonce kept the signature valid: %v", err)
	}
}

func oauthGet(t *testing.T, ts *testServer, path, sigMethod, nonce string, when time.Time, mutate func(*http.Request)) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", ts.url+path, nil)
	SignRequest(req, ts.store.OAuth(), sigMethod, nonce, when.Unix())
	if mutate != nil {
		mutate(req)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, truncate(string(b), 400)
}

func TestOAuthOverHTTP(t *testing.T) {
	opts := smallOptions()
	opts.DisableBearer = true // OAuth must work where Bearer does not
	ts := startStore(t, opts)
	path := "/rest/default/V1/orders?searchCriteria[pageSize]=2&searchCriteria[currentPage]=1"
	for i, m := range []string{"HMAC-SHA256", "HMAC-SHA1"} {
		if st, b := oauthGet(t, ts, path, m, fmt.Sprintf("n%d", i), fixedNow, nil); st != 200 {
			t.Errorf("%s signed request: %d %s", m, st, b)
		}
	}
	if st, b := oauthGet(t, ts, path, "", "n0", fixedNow, nil); st != 401 ||
		b != `{"message":"The nonce is already being used by the consumer with ID %1","parameters":["1"]}` {
		t.Errorf("nonce reuse: %d %s", st, b)
	}
	tamper := func(r *http.Request) {
		r.URL.RawQuery = strings.Replace(r.URL.RawQuery, "pageSize]=2", "pageSize]=3", 1)
	}
	if st, b := oauthGet(t, ts, path, "", "n2", fixedNow, tamper); st != 401 ||
		b != `{"message":"The signature is invalid. Verify and try again."}` {
		t.Errorf("tampered query: %d %s", st, b)
	}
	if st, b := oauthGet(t, ts, path, "PLAINTEXT", "n3", fixedNow, nil); st != 400 || !strings.Contains(b, "Signature method %1 is not supported") {
		t.Errorf("unsupported method: %d %s", st, b)
	}
	ts.store.SetFaults(Faults{SkewOAuth: true})
	if st, b := oauthGet(t, ts, path, "", "n4", fixedNow.Add(-11*time.Minute), nil); st != 400 ||
		b != `{"message":"Incorrect timestamp value in the oauth_timestamp parameter"}` {
		t.Errorf("skewed timestamp: %d %s", st, b)
	}
	if st, b := oauthGet(t, ts, path, "", "n5", fixedNow.Add(-9*time.Minute), nil); st != 200 {
		t.Errorf("timestamp within 10 minutes refused: %d %s", st, b)
	}
}
