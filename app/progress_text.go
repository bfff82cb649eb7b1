package app

import (
	"fmt"
	"strings"
	"time"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// EntityTitle is the name a shop owner knows an entity by.
func EntityTitle(entity string) string {
	switch entity {
	case model.EntityCustomers:
		return "Customers"
	case model.EntityCarts:
		return "Shopping carts"
	case model.EntityOrders:
		return "Orders"
	case model.EntityCreditMemos:
		return "Credit memos"
	case model.EntitySubscribers:
		return "Newsletter subscribers"
	case model.EntityProducts:
		return "Products"
	case model.EntityWebsites:
		return "Websites"
	case model.EntityStoreViews:
		return "Store views"
	case model.EntityGroups:
		return "Customer groups"
	case "":
		return "Sync"
	}
	return entity
}

// ProgressText renders engine progress the way the sync bar shows it:
// "Orders: 1,200 of 100,000 — about 2 min left".
func ProgressText(p connector.Progress) string {
	if p.Entity == "" {
		// Whole-run steps (dictionaries, the closing report) have no
		// entity: their message says it all.
		msg := p.Message
		if msg == "" {
			msg = p.Phase
		}
		if msg == "" {
			return "Syncing…"
		}
		return strings.ToUpper(msg[:1]) + msg[1:]
	}
	s := EntityTitle(p.Entity) + ": "
	switch {
	case p.Total > 0:
		s += FormatCount(p.Done) + " of " + FormatCount(p.Total)
	case p.Done > 0:
		s += FormatCount(p.Done)
	case p.Message != "":
		return s + p.Message
	case p.Phase != "":
		return s + p.Phase
	default:
		s += "starting"
	}
	if p.ETA > 0 {
		s += " — " + ETAText(p.ETA)
	}
	return s
}

// ProgressFraction is Done/Total clamped to [0, 1] (0 when Total is unknown).
func ProgressFraction(p connector.Progress) float64 {
	if p.Total <= 0 {
		return 0
	}
	f := float64(p.Done) / float64(p.Total)
	if f > 1 {
		return 1
	}
	if f < 0 {
		return 0
	}
	return f
}

// ETAText says roughly how long is left, rounded the way people say it.
func ETAText(d time.Duration) string {
	switch {
	case d < 5*time.Second:
		return "almost done"
	case d < time.Minute:
		return fmt.Sprintf("about %d s left", int(d.Round(5*time.Second).Seconds()))
	case d < 90*time.Minute:
		return fmt.Sprintf("about %d min left", int(d.Round(time.Minute).Minutes()))
	default:
		h := d.Hours()
		return fmt.Sprintf("about %.1f h left", h)
	}
}

// SyncStatusText describes a channel's last sync for lists and the sync
// bar, e.g. "Last sync 26 Nov 14:03 — ok". Times are shown in loc.
func SyncStatusText(ch model.Channel, loc *time.Location) string {
	if ch.LastSyncStatus == "running" {
		return "Syncing…"
	}
	if ch.LastSyncAt == "" {
		if ch.LastSyncStatus != "" {
			return "Not synced yet — " + ch.LastSyncStatus
		}
		return "Not synced yet"
	}
	at := ch.LastSyncAt
	if t, err := time.Parse(magentoTime, ch.LastSyncAt); err == nil {
		if loc == nil {
			loc = time.Local
		}
		at = t.In(loc).Format("2 Jan 15:04")
	}
	status := ch.LastSyncStatus
	if status == "" {
		status = "ok"
	}
	return "Last sync " + at + " — " + status
}
