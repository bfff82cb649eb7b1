package app

import (
	"context"
	"fmt"

	"github.com/magedesk/magedesk/model"
)

// Personal data on a laptop. Two actions erase it:
//
//   - ResetChannelData empties a channel (every synced row, its sync state,
//     runs and errors) and keeps its settings, so the next sync starts over.
//   - ForgetCustomer erases one customer everywhere in the local data: the
//     customer becomes a tombstone that keeps only its Magento id (so the
//     next sync does not fetch the customer back unless Magento changes
//     it), and their orders, carts and credit memos lose names, emails,
//     addresses, IP, raw payloads and status comments; guest rows and
//     newsletter rows with the same email go. Totals stay, so the
//     dashboard's figures do not change.
//
// ForgetCustomer runs on a connection of its own with secure_delete on, so
// SQLite overwrites the freed bytes with zeros; then scrubLeftovers
// removes the copies SQLite keeps elsewhere (search segments, index
// divider keys, pages freed earlier) and the WAL is checkpointed and
// truncated, so the erased text is in no file of the data folder
// afterwards (the test greps every file for the email). The SQL is in
// model/forget.go.

// ResetChannelData asks no question: the views confirm first. Its sync is
// canceled and awaited, then everything synced for it is deleted.
func (c *Core) ResetChannelData(ctx context.Context, channelID int64) error {
	ch, err := c.Store.GetChannel(ctx, channelID)
	if err != nil {
		return fmt.Errorf("reset channel %d: %w", channelID, err)
	}
	c.Scheduler.Cancel(channelID)
	c.Scheduler.Wait(channelID)
	if err := c.Store.ResetChannelData(ctx, channelID); err != nil {
		return fmt.Errorf("reset local data of %s: %w", ch.Name, err)
	}
	c.logger.Info("local data of a channel reset", "channel", channelID, "name", ch.Name)
	c.Events.Publish(Event{Kind: EvChannelsChanged, ChannelID: channelID})
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: channelID})
	return nil
}

// ForgetCustomer erases the customer with local id customerID (see above;
// the SQL is model.Store.ForgetCustomer).
func (c *Core) ForgetCustomer(ctx context.Context, customerID int64) error {
	channelID, err := c.Store.ForgetCustomer(ctx, customerID)
	if err != nil {
		return err
	}
	c.logger.Info("customer forgotten locally", "customer", customerID, "channel", channelID)
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: channelID, Entity: model.EntityCustomers})
	return nil
}

// ErrCustomerNotFound is returned by ForgetCustomer when the local id
// names no customer.
var ErrCustomerNotFound = model.ErrCustomerNotFound
