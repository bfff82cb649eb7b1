package connector

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/magedesk/magedesk/model"
)

// Typed reads of Magento's dictionaries: websites, store groups, store
// views (with their configuration) and customer groups. The admin
// website/group/store (id 0) that Magento includes is left out: nothing
// is sold there.

// Websites returns GET /V1/store/websites without the admin website.
func (c *Client) Websites(ctx context.Context) ([]model.Website, error) {
	return readArray(ctx, c, "store/websites", "website", true, func(o *obj) (model.Website, int64) {
		w := model.Website{MagentoID: o.int("id"), Code: o.str("code"), Name: o.str("name"), DefaultGroupID: o.int("default_group_id")}
		return w, w.MagentoID
	})
}

// StoreGroups returns GET /V1/store/storeGroups without the admin group.
func (c *Client) StoreGroups(ctx context.Context) ([]model.StoreGroup, error) {
	return readArray(ctx, c, "store/storeGroups", "store group", true, func(o *obj) (model.StoreGroup, int64) {
		g := model.StoreGroup{
			MagentoID: o.int("id"), WebsiteID: o.int("website_id"), Code: o.str("code"), Name: o.str("name"),
			RootCategoryID: o.int("root_category_id"), DefaultStoreID: o.int("default_store_id"),
		}
		return g, g.MagentoID
	})
}

// StoreConfig is one item of GET /V1/store/storeConfigs.
type StoreConfig struct {
	ID              int64
	Code            string
	WebsiteID       int64
	Locale          string
	BaseCurrency    string
	DisplayCurrency string
	Timezone        string
	WeightUnit      string
	BaseURL         string
	SecureBaseURL   string
}

// StoreConfigs returns GET /V1/store/storeConfigs (one per store view).
func (c *Client) StoreConfigs(ctx context.Context) ([]StoreConfig, error) {
	return readArray(ctx, c, "store/storeConfigs", "store config", false, func(o *obj) (StoreConfig, int64) {
		sc := StoreConfig{
			ID: o.int("id"), Code: o.str("code"), WebsiteID: o.int("website_id"), Locale: o.str("locale"),
			BaseCurrency: o.str("base_currency_code"), DisplayCurrency: o.str("default_display_currency_code"),
			Timezone: o.str("timezone"), WeightUnit: o.str("weight_unit"),
			BaseURL: o.str("base_url"), SecureBaseURL: o.str("secure_base_url"),
		}
		return sc, sc.ID
	})
}

// StoreViews returns GET /V1/store/storeViews (without the admin store)
// with timezone, currencies, locale and base URL filled from storeConfigs.
func (c *Client) StoreViews(ctx context.Context) ([]model.StoreView, error) {
	views, verr := c.storeViewsOnly(ctx)
	if views == nil && verr != nil {
		return nil, verr
	}
	configs, err := c.StoreConfigs(ctx)
	if err != nil && configs == nil {
		return views, errors.Join(verr, err)
	}
	ApplyStoreConfigs(views, configs)
	return views, errors.Join(verr, err)
}

// storeViewsOnly reads GET /V1/store/storeViews without the configs.
func (c *Client) storeViewsOnly(ctx context.Context) ([]model.StoreView, error) {
	out, err := readArray(ctx, c, "store/storeViews", "store view", true, func(o *obj) (model.StoreView, int64) {
		v := model.StoreView{
			MagentoID: o.int("id"), Code: o.str("code"), Name: o.str("name"), WebsiteID: o.int("website_id"),
			StoreGroupID: o.int("store_group_id"), IsActive: o.bool("is_active"),
		}
		return v, v.MagentoID
	})
	if out == nil && err != nil {
		return nil, err
	}
	if out == nil {
		out = []model.StoreView{}
	}
	return out, err
}

// ApplyStoreConfigs copies locale, timezone, currencies and base URL
// (the secure one when set) from configs onto the views with the same id.
func ApplyStoreConfigs(views []model.StoreView, configs []StoreConfig) {
	byID := make(map[int64]StoreConfig, len(configs))
	for _, sc := range configs {
		byID[sc.ID] = sc
	}
	for i := range views {
		sc, ok := byID[views[i].MagentoID]
		if !ok {
			continue
		}
		views[i].Locale = sc.Locale
		views[i].Timezone = sc.Timezone
		views[i].BaseCurrency = sc.BaseCurrency
		views[i].DisplayCurrency = sc.DisplayCurrency
		views[i].BaseURL = firstNonEmpty(sc.SecureBaseURL, sc.BaseURL)
	}
}

// CustomerGroups returns GET /V1/customerGroups/search (all groups).
func (c *Client) CustomerGroups(ctx context.Context) ([]model.CustomerGroup, error) {
	var out []model.CustomerGroup
	var errs []error
	for page := 1; ; page++ {
		res, err := c.Search(ctx, "customerGroups/search", SearchCriteria{PageSize: 200, CurrentPage: page,
			Sort: []SortOrder{{Field: "customer_group_id"}}})
		if err != nil {
			return nil, fmt.Errorf("read customer groups page %d: %w", page, err)
		}
		for _, raw := range res.Items {
			o, err := newRecord(raw)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			g := model.CustomerGroup{MagentoID: o.int("id"), Code: o.str("code"), TaxClassID: o.int("tax_class_id"), TaxClassName: o.str("tax_class_name")}
			errs = append(errs, o.result("customer group", g.MagentoID))
			out = append(out, g)
		}
		if len(res.Items) == 0 || int64(page*200) >= res.TotalCount {
			return out, errors.Join(errs...)
		}
	}
}

// NewsletterRoute is the companion module's subscriber list route.
const NewsletterRoute = "newsletter/subscribers"

// HasNewsletterRoute probes GET /V1/newsletter/subscribers. A route-not-
// found answer means the companion module is not installed (false, nil);
// any other failure is returned.
func (c *Client) HasNewsletterRoute(ctx context.Context) (bool, error) {
	_, err := c.Search(ctx, NewsletterRoute, SearchCriteria{PageSize: 1, CurrentPage: 1})
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrRouteNotFound):
		return false, nil
	}
	return false, fmt.Errorf("probe newsletter route: %w", err)
}

// readArray reads a dictionary route that answers with a bare JSON array
// and maps each item with one; skipAdmin leaves out id 0 (the admin
// website/group/store). A bad item is reported and the rest kept.
func readArray[T any](ctx context.Context, c *Client, route, what string, skipAdmin bool, one func(o *obj) (T, int64)) ([]T, error) {
	items, err := c.getArray(ctx, route)
	if err != nil {
		return nil, fmt.Errorf("read %ss: %w", what, err)
	}
	var out []T
	var errs []error
	for _, raw := range items {
		o, err := newRecord(raw)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v, id := one(o)
		errs = append(errs, o.result(what, id))
		if !skipAdmin || id != 0 {
			out = append(out, v)
		}
	}
	return out, errors.Join(errs...)
}

// getArray reads a route that answers with a bare JSON array.
func (c *Client) getArray(ctx context.Context, route string) ([]json.RawMessage, error) {
	var items []json.RawMessage
	if err := c.GetJSON(ctx, route, &items); err != nil {
		return nil, err
	}
	return items, nil
}
