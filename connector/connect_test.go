package connector

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/magedesk/magedesk/connector/magentosim"
)

// smallShop starts a small simulated store over real HTTP on loopback.
func smallShop(t *testing.T, opts magentosim.Options) (*magentosim.Store, string) {
	t.Helper()
	if opts.Customers == 0 {
		opts.Customers, opts.Carts, opts.Orders, opts.CreditMemos, opts.Subscribers, opts.Products = 30, 30, 40, 4, 10, 12
	}
	if opts.Seed == 0 {
		opts.Seed = 7
	}
	sim := magentosim.New(opts)
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return sim, srv.URL
}

func bearerConfig(url, token string) Config {
	return Config{BaseURL: url, Auth: Auth{Mode: "bearer", Token: token}, Timeout: 10 * time.Second}
}

func oauthConfig(url string, o magentosim.OAuthCredentials) Config {
	return Config{BaseURL: url, Timeout: 10 * time.Second, Auth: Auth{Mode: "oauth", ConsumerKey: o.ConsumerKey,
		ConsumerSecret: o.ConsumerSecret, AccessToken: o.AccessToken, AccessTokenSecret: o.AccessTokenSecret}}
}

func TestCheckConnectionReportsTheStore(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{NewsletterModule: true})
	rep, err := CheckConnection(context.Background(), bearerConfig(url, sim.Token()))
	if err != nil {
		t.Fatal(err)
	}
	if rep.StoreName == "" || len(rep.Websites) == 0 || len(rep.StoreViews) == 0 || len(rep.StoreGroups) == 0 {
		t.Errorf("report lacks the store: %+v", rep)
	}
	if rep.BaseCurrency == "" || rep.Timezone == "" || !rep.HasNewsletterRoute {
		t.Errorf("currency %q zone %q newsletter %v", rep.BaseCurrency, rep.Timezone, rep.HasNewsletterRoute)
	}
	for _, v := range rep.StoreViews {
		if v.MagentoID == 0 || v.Timezone == "" || v.BaseCurrency == "" {
			t.Errorf("store view without config: %+v", v)
		}
	}
	for _, p := range rep.Probes {
		if !p.OK {
			t.Errorf("probe %s failed: %v", p.Route, p.Err)
		}
	}
	if len(rep.MissingResources) != 0 {
		t.Errorf("missing = %v", rep.MissingResources)
	}
}

func TestCheckConnectionWithoutNewsletterModule(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{})
	rep, err := CheckConnection(context.Background(), bearerConfig(url, sim.Token()))
	if err != nil {
		t.Fatal(err)
	}
	if rep.HasNewsletterRoute {
		t.Error("newsletter route reported without the module")
	}
}

func TestCheckConnectionWithOAuthPassesTheSimulatorsVerifier(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{DisableBearer: true, NewsletterModule: true})
	rep, err := CheckConnection(context.Background(), oauthConfig(url, sim.OAuth()))
	if err != nil {
		t.Fatalf("%v (%s)", err, HumanMessage(err))
	}
	if !rep.HasNewsletterRoute || rep.StoreName == "" {
		t.Errorf("report = %+v", rep)
	}
	// Query values that need careful encoding must still verify.
	c, err := NewClient(oauthConfig(url, sim.OAuth()))
	if err != nil {
		t.Fatal(err)
	}
	sc := SearchCriteria{PageSize: 3}.Where("email", "like", "%a b+c/ü&=%").Where("updated_at", "gteq", "2000-01-01 00:00:00")
	if _, err := c.Search(context.Background(), "customers/search", sc); err != nil {
		t.Errorf("signed search with odd characters: %v", err)
	}
}

func TestCheckConnectionUnreachableHost(t *testing.T) {
	srv := httptest.NewServer(nil)
	url := srv.URL
	srv.Close()
	_, err := CheckConnection(context.Background(), bearerConfig(url, "t"))
	assertCheckKind(t, err, ErrUnreachable, "refused")
}

func TestCheckConnectionUntrustedTLS(t *testing.T) {
	sim := magentosim.New(magentosim.Options{Seed: 3, Customers: 5, Carts: 5, Orders: 5, CreditMemos: -1, Subscribers: 2, Products: 12})
	srv := httptest.NewTLSServer(sim.Handler())
	t.Cleanup(srv.Close)
	_, err := CheckConnection(context.Background(), bearerConfig(srv.URL, sim.Token()))
	assertCheckKind(t, err, ErrTLS, "certificate")

	fp, _, err := FetchCertificate(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	cfg := bearerConfig(srv.URL, sim.Token())
	cfg.TrustedCertSHA256 = fp
	if _, err := CheckConnection(context.Background(), cfg); err != nil {
		t.Errorf("trusted fingerprint: %v", err)
	}
}

func TestCheckConnectionHTMLInsteadOfAPI(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{Faults: magentosim.Faults{HTMLRate: 1}})
	_, err := CheckConnection(context.Background(), bearerConfig(url, sim.Token()))
	assertCheckKind(t, err, ErrNotMagento, "web page, not the Magento API")
}

func TestCheckConnectionWrongStoreCode(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{})
	cfg := bearerConfig(url, sim.Token())
	cfg.StoreCode = "no_such_store"
	_, err := CheckConnection(context.Background(), cfg)
	assertCheckKind(t, err, ErrRouteNotFound, "store code")
}

func TestCheckConnectionBearerSwitchedOff(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{DisableBearer: true})
	_, err := CheckConnection(context.Background(), bearerConfig(url, sim.Token()))
	assertCheckKind(t, err, ErrCredentialsRefused, "standalone Bearer tokens")
}

func TestCheckConnectionWrongOAuthSecret(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{})
	creds := sim.OAuth()
	creds.ConsumerSecret = "wrong"
	_, err := CheckConnection(context.Background(), oauthConfig(url, creds))
	assertCheckKind(t, err, ErrCredentialsRefused, "consumer key")
}

func TestCheckConnectionNamesMissingACLResources(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{NewsletterModule: true, Faults: magentosim.Faults{
		ACL: []string{"Magento_Backend::store", "Magento_Customer::customer", "Magento_Catalog::products"}}})
	rep, err := CheckConnection(context.Background(), bearerConfig(url, sim.Token()))
	assertCheckKind(t, err, ErrMissingACL, "Magento_Sales::actions_view")
	if rep == nil {
		t.Fatal("a partial check must still return the report")
	}
	want := []string{"Magento_Cart::manage", "Magento_Newsletter::subscriber", "Magento_Sales::actions_view", "Magento_Sales::sales_creditmemo"}
	if strings.Join(rep.MissingResources, ",") != strings.Join(want, ",") {
		t.Errorf("missing = %v, want %v", rep.MissingResources, want)
	}
	if rep.StoreName == "" {
		t.Error("store facts should still be read")
	}
}

func TestCheckConnectionClockSkew(t *testing.T) {
	sim, url := smallShop(t, magentosim.Options{
		Now:    func() time.Time { return time.Now().Add(2 * time.Hour) },
		Faults: magentosim.Faults{SkewOAuth: true},
	})
	_, err := CheckConnection(context.Background(), oauthConfig(url, sim.OAuth()))
	assertCheckKind(t, err, ErrClockSkew, "clock")
}

func assertCheckKind(t *testing.T, err, kind error, wording string) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want kind %v", err, kind)
	}
	var ce *ConnectionError
	if !errors.As(err, &ce) {
		t.Errorf("err is not a *ConnectionError: %T", err)
	}
	if msg := HumanMessage(err); !strings.Contains(msg, wording) {
		t.Errorf("message %q lacks %q", msg, wording)
	}
}
