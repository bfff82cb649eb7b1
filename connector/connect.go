package connector

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/magedesk/magedesk/model"
)

// ErrMissingACL: the integration may use some routes but not all the
// ones we need; the report names the missing ACL resources.
var ErrMissingACL = errors.New("missing ACL resources")

// RouteProbe is the outcome of one probe of the connection check.
type RouteProbe struct {
	Entity   string // model.Entity* or "store"
	Route    string
	OK       bool
	Resource string // the ACL resource Magento guards the route with
	Err      error  // nil when OK (or when an optional route is absent)
}

// ConnectionReport is what the setup wizard shows after a check.
type ConnectionReport struct {
	StoreName    string // website name(s) as the shop owner knows them
	Websites     []model.Website
	StoreGroups  []model.StoreGroup
	StoreViews   []model.StoreView
	BaseCurrency string // of the channel's store view
	Timezone     string // IANA zone of the channel's store view
	Locale       string
	// HasNewsletterRoute: the companion module's GET /V1/newsletter/subscribers exists.
	HasNewsletterRoute bool
	Probes             []RouteProbe
	// MissingResources are the ACL resources refused on some routes (sorted).
	MissingResources []string
	Duration         time.Duration
}

// ConnectionError is a failed check, with a message for the shop owner.
// Kind is one of ErrUnreachable, ErrTLS, ErrNotMagento, ErrRouteNotFound,
// ErrCredentialsRefused, ErrClockSkew, ErrMissingACL (or another Err*).
type ConnectionError struct {
	Kind    error
	Message string // for people (HumanMessage returns it)
	Err     error  // the underlying error, for logs
}

func (e *ConnectionError) Error() string {
	if e.Err != nil {
		return "connection check: " + e.Message + ": " + e.Err.Error()
	}
	return "connection check: " + e.Message
}

func (e *ConnectionError) Unwrap() []error { return []error{e.Kind, e.Err} }

// probeSpec lists one route per entity with the ACL resource Magento
// guards it with (webapi.xml of each module).
var probeSpecs = []struct {
	entity, route, resource string
	optional                bool
}{
	{model.EntityCustomers, "customers/search", "Magento_Customer::customer", false},
	{model.EntityCarts, "carts/search", "Magento_Cart::manage", false},
	{model.EntityOrders, "orders", "Magento_Sales::actions_view", false},
	{model.EntityCreditMemos, "creditmemos", "Magento_Sales::sales_creditmemo", false},
	{model.EntityProducts, "products", "Magento_Catalog::products", false},
	{model.EntitySubscribers, NewsletterRoute, "", true},
}

// CheckConnection reads the store's dictionaries and probes one route per
// entity. It returns an error (a *ConnectionError) when the shop cannot
// be used at all; when only some routes are refused it returns the report
// AND an ErrMissingACL error naming the resources, so the wizard can show
// both what works and what to fix.
func CheckConnection(ctx context.Context, cfg Config) (*ConnectionReport, error) {
	if cfg.MaxAttempts == 0 {
		cfg.MaxAttempts = 2 // a wizard should answer quickly
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	start := time.Now()
	c, err := NewClient(cfg)
	if err != nil {
		return nil, &ConnectionError{Kind: ErrConfig, Message: HumanMessage(err), Err: err}
	}
	defer c.Close() // the wizard's client is thrown away; don't leave sockets open
	rep := &ConnectionReport{}

	// The first call tells apart "cannot talk to Magento at all".
	configs, cfgErr := c.StoreConfigs(ctx)
	if cfgErr != nil && fatalForCheck(cfgErr) {
		return nil, connectionFailure(cfgErr, c)
	}
	storeProbe := RouteProbe{Entity: "store", Route: "store/storeConfigs", Resource: "Magento_Backend::store", OK: cfgErr == nil, Err: cfgErr}
	if cfgErr == nil {
		websites, err1 := c.Websites(ctx)
		groups, err2 := c.StoreGroups(ctx)
		views, err3 := c.storeViewsOnly(ctx)
		if err := errors.Join(err1, err2, err3); err != nil {
			storeProbe.OK, storeProbe.Err = false, err
		}
		ApplyStoreConfigs(views, configs)
		rep.Websites, rep.StoreGroups, rep.StoreViews = websites, groups, views
		rep.fillStoreFacts(cfg.StoreCode, configs)
	}
	rep.Probes = append(rep.Probes, storeProbe)
	rep.Probes = append(rep.Probes, c.probeRoutes(ctx)...)
	rep.Duration = time.Since(start)

	var refused, failed []RouteProbe
	answered := 0 // probes that reached a route (an absent optional route did not)
	missing := map[string]bool{}
	for _, p := range rep.Probes {
		if p.OK || p.Err != nil {
			answered++
		}
		if p.Err == nil {
			if p.Entity == model.EntitySubscribers {
				rep.HasNewsletterRoute = p.OK
			}
			continue
		}
		if errors.Is(p.Err, ErrUnauthorized) {
			refused = append(refused, p)
			res := ACLResources(p.Err)
			if len(res) == 0 && p.Resource != "" {
				res = []string{p.Resource}
			}
			for _, r := range res {
				missing[r] = true
			}
			continue
		}
		failed = append(failed, p)
	}
	for r := range missing {
		rep.MissingResources = append(rep.MissingResources, r)
	}
	sort.Strings(rep.MissingResources)

	switch {
	case len(refused) == answered:
		return nil, allRefused(c, refused[0].Err)
	case len(failed) > 0 && fatalForCheck(failed[0].Err):
		return nil, connectionFailure(failed[0].Err, c)
	case len(refused) > 0:
		return rep, &ConnectionError{Kind: ErrMissingACL, Err: refused[0].Err, Message: fmt.Sprintf(
			"Connected, but the integration lacks permission for %s. In Magento admin open System > Extensions > Integrations, "+
				"edit the integration, tick these resources under API (or choose All), save and activate it again.",
			strings.Join(rep.MissingResources, ", "))}
	case len(failed) > 0:
		return rep, fmt.Errorf("connection check: route %s: %w", failed[0].Route, failed[0].Err)
	}
	return rep, nil
}

// probeRoutes asks each entity route for one record, in parallel.
func (c *Client) probeRoutes(ctx context.Context) []RouteProbe {
	out := make([]RouteProbe, len(probeSpecs))
	var wg sync.WaitGroup
	for i, spec := range probeSpecs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := RouteProbe{Entity: spec.entity, Route: spec.route, Resource: spec.resource}
			_, err := c.Search(ctx, spec.route, SearchCriteria{PageSize: 1, CurrentPage: 1})
			switch {
			case err == nil:
				p.OK = true
			case spec.optional && errors.Is(err, ErrRouteNotFound):
				// The companion module is not installed: subscribers are
				// derived from customers instead. Not an error.
			default:
				p.Err = err
			}
			out[i] = p
		}()
	}
	wg.Wait()
	return out
}

// fillStoreFacts picks the channel's store view (the configured code,
// else "default", else the lowest id) for currency, zone and locale, and
// names the store after its website(s).
func (r *ConnectionReport) fillStoreFacts(storeCode string, configs []StoreConfig) {
	rank := func(sc *StoreConfig) int {
		switch {
		case storeCode != "" && sc.Code == storeCode:
			return 0
		case sc.Code == "default":
			return 1
		}
		return 2
	}
	var pick *StoreConfig
	for i := range configs {
		sc := &configs[i]
		if sc.ID == 0 {
			continue // admin
		}
		if pick == nil || rank(sc) < rank(pick) || (rank(sc) == rank(pick) && sc.ID < pick.ID) {
			pick = sc
		}
	}
	if pick != nil {
		r.BaseCurrency, r.Timezone, r.Locale = pick.BaseCurrency, pick.Timezone, pick.Locale
	}
	var names []string
	for _, w := range r.Websites {
		if w.MagentoID != 0 && w.Name != "" {
			names = append(names, w.Name)
		}
	}
	if pick != nil && len(names) > 1 {
		// Several websites: lead with the channel's own.
		for _, w := range r.Websites {
			if w.MagentoID == pick.WebsiteID {
				r.StoreName = w.Name
			}
		}
	}
	if r.StoreName == "" {
		r.StoreName = strings.Join(names, ", ")
	}
}

// fatalForCheck: failures that make every other probe pointless.
func fatalForCheck(err error) bool {
	for _, k := range []error{ErrUnreachable, ErrTLS, ErrNotMagento, ErrRouteNotFound, ErrCredentialsRefused, ErrClockSkew, ErrConfig} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

func connectionFailure(err error, c *Client) error {
	ce := &ConnectionError{Err: err, Message: HumanMessage(err)}
	for _, k := range []error{ErrUnreachable, ErrTLS, ErrNotMagento, ErrRouteNotFound, ErrCredentialsRefused, ErrClockSkew, ErrConfig} {
		if errors.Is(err, k) {
			ce.Kind = k
			break
		}
	}
	if errors.Is(err, ErrRouteNotFound) {
		ce.Message = "This address does not answer like a Magento 2 REST API (" + c.BaseURL() + " → \"Request does not match any route\"). " +
			"Check the shop URL (the storefront address, without /admin or /rest) and the store code."
	}
	return ce
}

// allRefused explains a check where every route gave the 401 ACL body:
// Magento did not accept the credentials at all (it treats the caller as
// a guest), which on 2.4.4+ with Bearer usually means the setting is off.
func allRefused(c *Client, err error) error {
	msg := "Magento refused every request: the credentials were not accepted. "
	if authMode(c.cfg.Auth) == "bearer" {
		msg += "Check the access token. " + bearerSettingHint
	} else {
		msg += "Check the consumer key, consumer secret, access token and access token secret, and that the integration is active " +
			"(System > Extensions > Integrations), with the API resources it needs."
	}
	return &ConnectionError{Kind: ErrCredentialsRefused, Message: msg, Err: err}
}
