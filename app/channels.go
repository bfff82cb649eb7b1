package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// SyncIntervals are the choices the wizard offers, in minutes (0 = manual only).
var SyncIntervals = []int{0, 5, 15, 30, 60}

// DefaultAbandonAfter is the idle time (minutes) after which an open cart
// with items counts as abandoned, unless the user sets another.
const DefaultAbandonAfter = 60

// DefaultEntities are on for a new channel: everything but products, whose
// catalogue can be large and is only needed for the product picker.
var DefaultEntities = []string{
	model.EntityCustomers, model.EntityCarts, model.EntityOrders,
	model.EntityCreditMemos, model.EntitySubscribers,
}

// NewChannelDraft returns a channel with the defaults a new one starts from.
func NewChannelDraft() model.Channel {
	return model.Channel{
		Type:         "magento2",
		AuthMode:     "bearer",
		Entities:     slices.Clone(DefaultEntities),
		SyncStart:    model.DefaultSyncStart,
		SyncInterval: DefaultSyncInterval(), // Settings > default sync interval
		AbandonAfter: DefaultAbandonAfter,
	}
}

// normalizeChannel applies the rules every saved channel obeys, whatever
// the form sent: customers are always synced, defaults fill blanks, the
// base URL loses a trailing slash or /rest suffix the user pasted.
func normalizeChannel(ch *model.Channel) error {
	ch.Name = strings.TrimSpace(ch.Name)
	if ch.Name == "" {
		return errors.New("the channel needs a name")
	}
	if ch.Type == "" {
		ch.Type = "magento2"
	}
	ch.BaseURL = NormalizeBaseURL(ch.BaseURL)
	if ch.BaseURL == "" {
		return errors.New("the channel needs the store's base URL")
	}
	if ch.AuthMode == "" {
		ch.AuthMode = "bearer"
	}
	if ch.AuthMode != "bearer" && ch.AuthMode != "oauth" {
		return fmt.Errorf("unknown authentication mode %q", ch.AuthMode)
	}
	if !slices.Contains(ch.Entities, model.EntityCustomers) {
		ch.Entities = append([]string{model.EntityCustomers}, ch.Entities...)
	}
	if ch.SyncStart == "" {
		ch.SyncStart = model.DefaultSyncStart
	}
	if !slices.Contains(SyncIntervals, ch.SyncInterval) {
		return fmt.Errorf("sync interval %d min is not one of off, 5, 15, 30, 60", ch.SyncInterval)
	}
	if ch.AbandonAfter <= 0 {
		ch.AbandonAfter = DefaultAbandonAfter
	}
	return nil
}

// NormalizeBaseURL trims what users commonly paste after the shop's root:
// spaces, a trailing slash, "/rest", "/rest/V1" or "/rest/<store>/V1". The
// client adds /rest/<store>/V1 itself.
func NormalizeBaseURL(raw string) string {
	s := strings.TrimSpace(raw)
	s = strings.TrimRight(s, "/")
	if i := strings.Index(strings.ToLower(s), "/rest"); i >= 0 {
		rest := strings.ToLower(s[i:])
		if rest == "/rest" || strings.HasPrefix(rest, "/rest/") {
			s = s[:i]
		}
	}
	if s != "" && !strings.Contains(s, "://") {
		s = "https://" + s
	}
	return s
}

// IsLoopbackURL reports whether u points at this machine, where plain
// http is fine (a local dev shop, the demo simulator).
func IsLoopbackURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	h := p.Hostname()
	return h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}

// ClientConfig builds the connector configuration for a channel and its secrets.
func ClientConfig(ch model.Channel, s Secrets) connector.Config {
	return connector.Config{
		BaseURL:   ch.BaseURL,
		StoreCode: ch.StoreCode,
		Auth: connector.Auth{
			Mode:              ch.AuthMode,
			Token:             s.Token,
			ConsumerKey:       s.ConsumerKey,
			ConsumerSecret:    s.ConsumerSecret,
			AccessToken:       s.AccessToken,
			AccessTokenSecret: s.AccessTokenSecret,
			BasicUser:         ch.BasicAuthUser,
			BasicPassword:     s.BasicPassword,
		},
		TrustedCertSHA256: ch.TrustedCertSHA256,
		AllowInsecureHTTP: ch.AllowInsecureHTTP,
	}
}

// Channels lists every channel.
func (c *Core) Channels(ctx context.Context) ([]model.Channel, error) {
	chs, err := c.Store.ListChannels(ctx)
	if err != nil {
		return nil, fmt.Errorf("list channels: %w", err)
	}
	return chs, nil
}

// Channel reads one channel.
func (c *Core) Channel(ctx context.Context, id int64) (model.Channel, error) {
	ch, err := c.Store.GetChannel(ctx, id)
	if err != nil {
		return model.Channel{}, fmt.Errorf("read channel %d: %w", id, err)
	}
	return ch, nil
}

// CreateChannel validates and saves a new channel; its secrets go to the
// credential store under a fresh random key (never into the database).
func (c *Core) CreateChannel(ctx context.Context, ch model.Channel, s Secrets) (model.Channel, error) {
	if err := normalizeChannel(&ch); err != nil {
		return model.Channel{}, err
	}
	ch.CredentialKey = newCredentialKey()
	if err := c.Creds.Set(ch.CredentialKey, s); err != nil {
		return model.Channel{}, fmt.Errorf("save credentials: %w", err)
	}
	if err := c.Store.CreateChannel(ctx, &ch); err != nil {
		_ = c.Creds.Delete(ch.CredentialKey)
		return model.Channel{}, fmt.Errorf("save channel %q: %w", ch.Name, err)
	}
	id := ch.ID
	c.logger.Info("channel created", "channel", id, "name", ch.Name, "url", ch.BaseURL)
	c.Events.Publish(Event{Kind: EvChannelsChanged, ChannelID: id})
	return ch, nil
}

// UpdateChannel saves an edited channel. secrets == nil keeps the stored ones.
func (c *Core) UpdateChannel(ctx context.Context, ch model.Channel, secrets *Secrets) error {
	if err := normalizeChannel(&ch); err != nil {
		return err
	}
	old, err := c.Store.GetChannel(ctx, ch.ID)
	if err != nil {
		return fmt.Errorf("read channel %d: %w", ch.ID, err)
	}
	// Fields learned by syncing are not the form's business.
	ch.CredentialKey = old.CredentialKey
	ch.CreatedAt = old.CreatedAt
	ch.LastSyncAt, ch.LastSyncStatus, ch.LastReconcile = old.LastSyncAt, old.LastSyncStatus, old.LastReconcile
	if ch.CredentialKey == "" {
		ch.CredentialKey = newCredentialKey()
	}
	if secrets != nil {
		if err := c.Creds.Set(ch.CredentialKey, *secrets); err != nil {
			return fmt.Errorf("save credentials: %w", err)
		}
	}
	if err := c.Store.UpdateChannel(ctx, &ch); err != nil {
		return fmt.Errorf("save channel %d: %w", ch.ID, err)
	}
	c.Events.Publish(Event{Kind: EvChannelsChanged, ChannelID: ch.ID})
	return nil
}

// DeleteChannel cancels its sync, removes the channel with all its synced
// data and its secrets, and stops its demo simulator if it has one.
func (c *Core) DeleteChannel(ctx context.Context, id int64) error {
	ch, err := c.Store.GetChannel(ctx, id)
	if err != nil {
		return fmt.Errorf("read channel %d: %w", id, err)
	}
	c.Scheduler.Cancel(id)
	c.Scheduler.Wait(id)
	if err := c.Store.DeleteChannel(ctx, id); err != nil {
		return fmt.Errorf("delete channel %d: %w", id, err)
	}
	if ch.CredentialKey != "" {
		if err := c.Creds.Delete(ch.CredentialKey); err != nil {
			c.logger.Warn("channel deleted but its credentials could not be removed", "channel", id, "err", err)
		}
	}
	c.stopDemo(id)
	c.logger.Info("channel deleted", "channel", id, "name", ch.Name)
	c.Events.Publish(Event{Kind: EvChannelsChanged, ChannelID: id})
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: id})
	return nil
}

// Secrets reads a channel's credentials.
func (c *Core) Secrets(ch model.Channel) (Secrets, error) {
	if ch.CredentialKey == "" {
		return Secrets{}, ErrNoSecret
	}
	s, err := c.Creds.Get(ch.CredentialKey)
	if err != nil {
		return Secrets{}, fmt.Errorf("credentials of channel %q: %w", ch.Name, err)
	}
	return s, nil
}

// CheckConnection tries a draft channel (not saved yet) against Magento and
// reports what it found; the wizard shows the report or the human reason.
func (c *Core) CheckConnection(ctx context.Context, ch model.Channel, s Secrets) (*connector.ConnectionReport, error) {
	ch.BaseURL = NormalizeBaseURL(ch.BaseURL)
	cfg := ClientConfig(ch, s)
	cfg.Logger = c.logger
	return connector.CheckConnection(ctx, cfg)
}

// FetchCertificate returns the SHA-256 fingerprint and subject of the
// certificate a https store presents, so the user can choose to trust it.
func (c *Core) FetchCertificate(ctx context.Context, baseURL string) (fingerprint, subject string, err error) {
	return connector.FetchCertificate(ctx, NormalizeBaseURL(baseURL))
}

func newCredentialKey() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "channel-" + hex.EncodeToString(b)
}
