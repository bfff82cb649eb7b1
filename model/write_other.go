package model

import (
	"errors"
	"strings"
)

// Dictionaries, subscribers and products: plain upserts.

func (a *applier) writeDict(table string, magentoID int64, v any, data cols) error {
	if magentoID < 0 {
		return errors.New("negative magento id")
	}
	hash, err := contentHash(v, nil)
	if err != nil {
		return err
	}
	_, res, err := a.writeRow(rowTable{name: table}, rowWrite{key: keyOf(a.ch, magentoID), data: data, hash: hash})
	a.count(res)
	return err
}

// Magento's admin website, store group and store view have id 0, so 0 is a
// valid id for dictionaries (not for records).
func (a *applier) writeWebsite(v *Website) error {
	h := *v
	h.ChannelID = 0
	return a.writeDict("websites", v.MagentoID, h, websiteCols(v))
}

func (a *applier) writeStoreGroup(v *StoreGroup) error {
	h := *v
	h.ChannelID = 0
	return a.writeDict("store_groups", v.MagentoID, h, storeGroupCols(v))
}

func (a *applier) writeStoreView(v *StoreView) error {
	h := *v
	h.ChannelID = 0
	return a.writeDict("store_views", v.MagentoID, h, storeViewCols(v))
}

func (a *applier) writeCustomerGroup(v *CustomerGroup) error {
	h := *v
	h.ChannelID = 0
	return a.writeDict("customer_groups", v.MagentoID, h, customerGroupCols(v))
}

var subscribersTable = rowTable{name: "subscribers", removed: true}

// writeSubscriber upserts by (channel, source, id): module rows are keyed
// by subscriber_id, rows derived from customers by the customer id.
func (a *applier) writeSubscriber(v *Subscriber) error {
	if v.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	if v.Source == "" {
		v.Source = SubscriberFromModule
	}
	h := *v
	h.ID, h.ChannelID, h.SyncedAt = 0, 0, ""
	hash, err := contentHash(h, nil)
	if err != nil {
		return err
	}
	key := cols{{"channel_id", a.ch}, {"source", v.Source}, {"magento_id", v.MagentoID}}
	data := append(subscriberCols(v), col{"email_lc", strings.ToLower(v.Email)})
	_, res, err := a.writeRow(subscribersTable, rowWrite{key: key, data: data, hash: hash})
	a.count(res)
	return err
}

var productsTable = rowTable{name: "products", raw: true, removed: true}

func (a *applier) writeProduct(p *Product, pp prepared) error {
	if p.MagentoID <= 0 {
		return errors.New("magento id missing")
	}
	id, res, err := a.writeRow(productsTable, rowWrite{key: keyOf(a.ch, p.MagentoID), data: productCols(p), hash: pp.hash, blob: pp.blob})
	if err != nil {
		return err
	}
	a.count(res)
	if res == resSkipped {
		return nil
	}
	a.queueSearch("products", id, res == resAdded, p.SKU, p.Name, p.ParentSKU)
	return nil
}
