package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// The detail windows call these through views.DetailActions.

// RefreshRecord re-reads one record from Magento and stores it, so a shop
// owner can see a change made minutes ago without waiting for the next sync.
// entity is one of model.Entity*; magentoID is Magento's id of the record.
func (c *Core) RefreshRecord(ctx context.Context, channelID int64, entity string, magentoID int64) error {
	ch, err := c.Channel(ctx, channelID)
	if err != nil {
		return err
	}
	secrets, err := c.Secrets(ch)
	if err != nil {
		return err
	}
	cfg := ClientConfig(ch, secrets)
	cfg.Logger = c.logger
	client, err := connector.NewClient(cfg)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", ch.BaseURL, err)
	}
	b := model.Batch{ChannelID: channelID, Entity: entity}
	if err := fetchOne(ctx, client, &b, entity, magentoID); err != nil {
		return fmt.Errorf("refresh %s %d from Magento: %w", entity, magentoID, err)
	}
	if _, err := c.Store.ApplyBatch(ctx, b); err != nil {
		return fmt.Errorf("store refreshed %s %d: %w", entity, magentoID, err)
	}
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: channelID, Entity: entity})
	return nil
}

// fetchOne reads one record by id and puts it into the batch.
func fetchOne(ctx context.Context, client *connector.Client, b *model.Batch, entity string, id int64) error {
	var raw json.RawMessage
	get := func(route string) error { return client.GetJSON(ctx, route, &raw) }
	switch entity {
	case model.EntityCustomers:
		if err := get(fmt.Sprintf("customers/%d", id)); err != nil {
			return err
		}
		cu, err := connector.MapCustomer(raw)
		if err != nil {
			return err
		}
		b.Customers = []model.Customer{cu}
		// Without the newsletter module the subscription is derived from
		// the customer; refresh it with the customer.
		if sub, ok := connector.SubscriberFromCustomer(cu); ok {
			b.Subscribers = []model.Subscriber{sub}
		}
	case model.EntityCarts:
		if err := get(fmt.Sprintf("carts/%d", id)); err != nil {
			return err
		}
		cart, err := connector.MapCart(raw)
		if err != nil {
			return err
		}
		if cart.IsActive {
			var totals json.RawMessage
			if err := client.GetJSON(ctx, fmt.Sprintf("carts/%d/totals", id), &totals); err != nil {
				return err
			}
			if err := connector.MapCartTotals(totals, &cart); err != nil {
				return err
			}
		}
		b.Carts = []model.Cart{cart}
	case model.EntityOrders:
		if err := get(fmt.Sprintf("orders/%d", id)); err != nil {
			return err
		}
		o, err := connector.MapOrder(raw)
		if err != nil {
			return err
		}
		b.Orders = []model.Order{o}
	case model.EntityCreditMemos:
		if err := get(fmt.Sprintf("creditmemo/%d", id)); err != nil {
			return err
		}
		cm, err := connector.MapCreditMemo(raw)
		if err != nil {
			return err
		}
		b.CreditMemos = []model.CreditMemo{cm}
	case model.EntitySubscribers:
		// The companion module has no single-record route: search by id.
		page, err := client.Search(ctx, "newsletter/subscribers", connector.SearchCriteria{
			Groups:   [][]connector.Filter{{{Field: "subscriber_id", Value: strconv.FormatInt(id, 10), Condition: "eq"}}},
			PageSize: 1, CurrentPage: 1,
		})
		if err != nil {
			return err
		}
		if len(page.Items) == 0 {
			return fmt.Errorf("subscriber %d is no longer listed in Magento", id)
		}
		sub, err := connector.MapSubscriber(page.Items[0])
		if err != nil {
			return err
		}
		b.Subscribers = []model.Subscriber{sub}
	default:
		return fmt.Errorf("records of kind %q cannot be refreshed", entity)
	}
	return nil
}

// SetCartLost marks an open cart as lost (or reopens it) and tells the views.
func (c *Core) SetCartLost(ctx context.Context, cartID int64, lost bool) error {
	if err := c.Store.SetCartLost(ctx, cartID, lost); err != nil {
		return fmt.Errorf("mark cart %d lost=%v: %w", cartID, lost, err)
	}
	c.Events.Publish(Event{Kind: EvDataChanged, Entity: model.EntityCarts})
	return nil
}

// AdminURL is the channel's Magento admin address ("" when unknown), for
// "Open in Magento admin".
func (c *Core) AdminURL(channelID int64) string {
	ch, err := c.Store.GetChannel(context.Background(), channelID)
	if err != nil {
		return ""
	}
	return ch.AdminURL
}
