package connector

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// RFC 5849 §3.4.1.1: the example signature base string.
func TestSignatureBaseStringMatchesRFC5849Example(t *testing.T) {
	oauth := map[string]string{
		"oauth_consumer_key":     "9djdj82h48djs9d2",
		"oauth_token":            "kkk9d7dh3k39sjv7",
		"oauth_signature_method": "HMAC-SHA1",
		"oauth_timestamp":        "137131201",
		"oauth_nonce":            "7d8f3e4a",
	}
	body, _ := url.ParseQuery("c2&a3=2+q")
	got, err := signatureBaseString("POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b", oauth, body)
	if err != nil {
		t.Fatal(err)
	}
	want := "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q" +
		"%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_" +
		"key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m" +
		"ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk" +
		"9d7dh3k39sjv7"
	if got != want {
		t.Errorf("base string\n got %s\nwant %s", got, want)
	}
}

// RFC 5849 §1.2: the photos example, signed with HMAC-SHA1.
func TestSignerMatchesRFC5849PhotosExample(t *testing.T) {
	s := &oauthSigner{
		consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44",
		token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00",
		method: "HMAC-SHA1",
	}
	params := map[string]string{
		"oauth_consumer_key": "dpf43f3p2l4k3l03", "oauth_token": "nnch734d00sl2jdk",
		"oauth_signature_method": "HMAC-SHA1", "oauth_timestamp": "137131202", "oauth_nonce": "chapoH",
	}
	sig, err := s.sign("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", params, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sig != "MdpQcU8iPSUjWoN/UDMsK2sui9I=" {
		t.Errorf("signature = %s", sig)
	}
}

func TestAuthorizationHeaderIsFreshEachTime(t *testing.T) {
	s := newOAuthSigner(Auth{ConsumerKey: "ck", ConsumerSecret: "cs", AccessToken: "at", AccessTokenSecret: "ats"})
	s.now = func() time.Time { return time.Unix(1700000000, 0) }
	a, _ := s.authorization("GET", "https://shop.test/rest/V1/orders?searchCriteria%5BpageSize%5D=1", nil)
	b, _ := s.authorization("GET", "https://shop.test/rest/V1/orders?searchCriteria%5BpageSize%5D=1", nil)
	if a == b {
		t.Error("two signatures with the same nonce")
	}
	for _, part := range []string{`oauth_signature_method="HMAC-SHA256"`, `oauth_consumer_key="ck"`, `oauth_token="at"`, `oauth_timestamp="1700000000"`, `oauth_version="1.0"`} {
		if !strings.Contains(a, part) {
			t.Errorf("header %s lacks %s", a, part)
		}
	}
	if strings.Contains(a, `"cs"`) || strings.Contains(a, `"ats"`) {
		t.Error("secrets leaked into the header")
	}
}

func TestBaseURIDropsDefaultPortAndLowercasesHost(t *testing.T) {
	cases := map[string]string{
		"HTTPS://Shop.Example.com:443/rest/V1/orders?x=1": "https://shop.example.com/rest/V1/orders",
		"http://127.0.0.1:8080/rest/default/V1/carts/3":   "http://127.0.0.1:8080/rest/default/V1/carts/3",
	}
	for in, want := range cases {
		u, _ := url.Parse(in)
		if got := baseURI(u); got != want {
			t.Errorf("baseURI(%s) = %s, want %s", in, got, want)
		}
	}
}

func urlUnescape(s string) (string, error) { return url.PathUnescape(s) }
