package connector

import (
	"context"
	"fmt"

	"github.com/magedesk/magedesk/model"
)

// syncDictionaries refreshes websites, store groups, store views (with
// timezone and currencies from storeConfigs) and customer groups in one
// batch, probes the newsletter companion route, and works out which store
// views belong to the channel's chosen websites (list routes ignore the
// store code in the URL, so the engine filters by store_id itself).
func (e *Engine) syncDictionaries(ctx context.Context, runID int64) error {
	e.report(Progress{Phase: "dictionaries", Message: "reading websites and store views"})
	if err := e.wait(ctx); err != nil {
		return err
	}
	// The client returns what it could map plus mapping errors; an odd
	// dictionary row must not stop the sync.
	websites, err := e.client.Websites(ctx)
	if err = e.tolerateMapErrors("websites", err); err != nil {
		return err
	}
	groups, err := e.client.StoreGroups(ctx)
	if err = e.tolerateMapErrors("store groups", err); err != nil {
		return err
	}
	views, err := e.client.StoreViews(ctx) // with timezone and currencies from storeConfigs
	if err = e.tolerateMapErrors("store views", err); err != nil {
		return err
	}
	custGroups, err := e.client.CustomerGroups(ctx)
	if err = e.tolerateMapErrors("customer groups", err); err != nil {
		return err
	}
	hasNewsletter := e.ch.HasNewsletterRoute
	if e.enabled(model.EntitySubscribers) {
		// Probe again: the module may have been installed or removed
		// since the channel was connected.
		if hasNewsletter, err = e.client.HasNewsletterRoute(ctx); err != nil {
			return fmt.Errorf("probe newsletter route: %w", err)
		}
	}

	for i := range views {
		views[i].ChannelID = e.ch.ID
	}
	for i := range websites {
		websites[i].ChannelID = e.ch.ID
	}
	for i := range groups {
		groups[i].ChannelID = e.ch.ID
	}
	for i := range custGroups {
		custGroups[i].ChannelID = e.ch.ID
	}

	chosen := map[int64]bool{}
	for _, id := range e.ch.WebsiteIDs {
		chosen[id] = true
	}
	var storeIDs []int64
	learned := Learned{HasNewsletterRoute: hasNewsletter}
	for _, v := range views {
		if v.MagentoID == 0 {
			continue // admin store view
		}
		if len(chosen) == 0 || chosen[v.WebsiteID] {
			storeIDs = append(storeIDs, v.MagentoID)
		}
		// The channel's "home" view: the default view of the first
		// chosen (or default) website.
		if learned.Timezone == "" && (len(chosen) == 0 || chosen[v.WebsiteID]) {
			learned.Timezone, learned.BaseCurrency, learned.StoreName = v.Timezone, v.BaseCurrency, v.Name
		}
	}
	learned.StoreViewIDs = storeIDs

	b := model.Batch{ChannelID: e.ch.ID, Entity: model.EntityWebsites, RunID: runID,
		Websites: websites, StoreGroups: groups, StoreViews: views, CustomerGroups: custGroups}
	if err := e.apply(ctx, b); err != nil {
		return fmt.Errorf("store dictionaries: %w", err)
	}
	e.mu.Lock()
	e.storeIDs = storeIDs
	e.learned = learned
	e.mu.Unlock()
	return nil
}

func (e *Engine) tolerateMapErrors(what string, err error) error {
	if err == nil {
		return nil
	}
	if IsMapError(err) {
		e.log.Warn("odd dictionary record", "dictionary", what, "error", err)
		return nil
	}
	return fmt.Errorf("read %s: %w", what, err)
}
