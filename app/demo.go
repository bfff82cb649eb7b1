package app

import (
	"context"
	"fmt"

	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// DemoName labels the demo channel everywhere in the UI.
const DemoName = "Demo store"

// demoSeed fixes the demo data: every start of the simulator serves the
// same store, so a demo channel synced in an earlier session still matches.
const demoSeed = 20240601

// demoToken is the demo store's integration token. It only opens a
// simulator on loopback, so a fixed value is fine, and it lets a demo
// channel from an earlier session authenticate against the restarted one.
const demoToken = "demo-token"

// DemoSize overrides the simulator's record counts (zero = its demo defaults).
type DemoSize struct {
	Customers, Carts, Orders, CreditMemos, Subscribers, Products int
}

// demoServer is a running in-process simulator.
type demoServer struct {
	sim    *magentosim.Store
	server *magentosim.Server
}

func (d *demoServer) Close() { d.server.Close() }

func (c *Core) demoOptions() magentosim.Options {
	o := magentosim.Options{
		Seed:             demoSeed,
		Token:            demoToken,
		BearerEnabled:    true,
		NewsletterModule: true,
	}
	if s := c.opts.DemoSize; s != nil {
		o.Customers, o.Carts, o.Orders = s.Customers, s.Carts, s.Orders
		o.CreditMemos, o.Subscribers, o.Products = s.CreditMemos, s.Subscribers, s.Products
	}
	return o
}

// startDemoServer starts the simulator on a fresh loopback port.
func (c *Core) startDemoServer() (*demoServer, magentosim.Options, error) {
	opts := c.demoOptions()
	sim := magentosim.New(opts)
	srv, err := sim.Start("127.0.0.1:0")
	if err != nil {
		return nil, opts, fmt.Errorf("start the demo store: %w", err)
	}
	return &demoServer{sim: sim, server: srv}, opts, nil
}

// StartDemo starts the built-in simulator on loopback, creates the demo
// channel pointing at it (its token in the credential store like any
// other) and starts the first sync. Progress arrives as events.
func (c *Core) StartDemo(ctx context.Context) (model.Channel, error) {
	d, _, err := c.startDemoServer()
	if err != nil {
		return model.Channel{}, err
	}
	ch := NewChannelDraft()
	ch.Name = DemoName
	ch.IsDemo = true
	ch.BaseURL = d.server.URL
	ch.AdminURL = "" // the simulator has no admin panel
	ch.SyncInterval = 0
	ch.Entities = append(ch.Entities, model.EntityProducts)
	ch, err = c.CreateChannel(ctx, ch, Secrets{Token: demoToken})
	if err != nil {
		d.Close()
		return model.Channel{}, err
	}
	c.mu.Lock()
	c.demos[ch.ID] = d
	c.mu.Unlock()
	c.Scheduler.SyncNow(ch.ID)
	return ch, nil
}

// RestartDemos brings back the simulator of every demo channel from an
// earlier session. The same seed serves the same data; only the port is
// new, so the channel's base URL is updated.
func (c *Core) RestartDemos(ctx context.Context) error {
	chs, err := c.Channels(ctx)
	if err != nil {
		return err
	}
	for _, ch := range chs {
		if !ch.IsDemo {
			continue
		}
		c.mu.Lock()
		_, running := c.demos[ch.ID]
		c.mu.Unlock()
		if running {
			continue
		}
		d, _, err := c.startDemoServer()
		if err != nil {
			return err
		}
		ch.BaseURL = d.server.URL
		if _, err := c.Secrets(ch); err != nil {
			// The keychain lost the entry (or the fallback file was
			// removed): the demo token is no secret, put it back.
			if ch.CredentialKey == "" {
				ch.CredentialKey = newCredentialKey()
			}
			if err := c.Creds.Set(ch.CredentialKey, Secrets{Token: demoToken}); err != nil {
				d.Close()
				return fmt.Errorf("save the demo token: %w", err)
			}
		}
		if err := c.Store.UpdateChannel(ctx, &ch); err != nil {
			d.Close()
			return fmt.Errorf("point the demo channel at its new port: %w", err)
		}
		c.mu.Lock()
		c.demos[ch.ID] = d
		c.mu.Unlock()
	}
	return nil
}

// DemoSimulator returns the running simulator of a demo channel (tests
// read its truth; nil when none runs).
func (c *Core) DemoSimulator(channelID int64) *magentosim.Store {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d := c.demos[channelID]; d != nil {
		return d.sim
	}
	return nil
}

func (c *Core) stopDemo(channelID int64) {
	c.mu.Lock()
	d := c.demos[channelID]
	delete(c.demos, channelID)
	c.mu.Unlock()
	if d != nil {
		d.Close()
	}
}
