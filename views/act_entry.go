package views

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/model"
)

// Entry points of the "act on the store" windows in the detail windows,
// the Carts/Customers pages and the main menu.

// actByNav keeps one ActWindows per detail-window navigator (created on
// first use), so the act windows open records through the same navigator.
var actByNav sync.Map // *DetailWindows → *ActWindows

// act returns the act windows of a navigator; nil when the detail actions
// cannot act on the store (a read-only fake in tests).
func (d *DetailWindows) act() *ActWindows {
	if w, ok := actByNav.Load(d); ok {
		return w.(*ActWindows)
	}
	svc, ok := d.actions.(ActService)
	if !ok {
		return nil
	}
	aw := NewActWindows(d.app, svc, d)
	aw.OnChanged = d.reloadOpen
	w, _ := actByNav.LoadOrStore(d, aw)
	return w.(*ActWindows)
}

// reloadOpen re-reads every open detail window (after a cart, order,
// refund or customer change made from MageDesk).
func (d *DetailWindows) reloadOpen() {
	d.mu.Lock()
	open := make([]*detailWindow, 0, len(d.open))
	for _, dw := range d.open {
		open = append(open, dw)
	}
	d.mu.Unlock()
	for _, dw := range open {
		if dw.reload != nil && dw.win != nil {
			dw.reload()
		}
	}
}

// ActWindows returns the act windows of the navigator (tests, shell menu).
func (d *DetailWindows) ActWindows() *ActWindows { return d.act() }

// customerActButtons: New cart and Edit on a customer's window. Edit opens
// even when two-way sync is off: the editor says why it is read-only.
func (d *DetailWindows) customerActButtons(win fyne.Window, c model.Customer) []fyne.CanvasObject {
	w := d.act()
	if w == nil || c.RemovedInMagento || c.ID == 0 {
		return nil
	}
	id := c.ID
	out := []fyne.CanvasObject{
		widget.NewButtonWithIcon("New cart…", cartIcon, func() { w.NewCart(id) }),
		widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { w.EditCustomer(id) }),
	}
	if d.Forget != nil {
		name := strings.TrimSpace(c.Firstname + " " + c.Lastname)
		out = append(out, widget.NewButtonWithIcon("Forget…", theme.DeleteIcon(), func() { d.Forget(win, id, name) }))
	}
	return out
}

// orderActButtons: Refund on an invoiced order with something left to
// refund; Register as customer on a guest order.
func (d *DetailWindows) orderActButtons(o model.Order) []fyne.CanvasObject {
	w := d.act()
	if w == nil || o.RemovedInMagento || o.ID == 0 {
		return nil
	}
	var out []fyne.CanvasObject
	if o.TotalInvoiced.Units > 0 && o.TotalRefunded.Units < o.TotalInvoiced.Units && o.State != "canceled" && o.State != "closed" {
		id := o.ID
		out = append(out, widget.NewButtonWithIcon("Refund…", theme.ContentUndoIcon(), func() { w.Refund(id) }))
	}
	if o.CustomerIsGuest && o.CustomerEmail != "" {
		ch, email := o.ChannelID, o.CustomerEmail
		out = append(out, widget.NewButtonWithIcon("Register as customer…", theme.AccountIcon(), func() { w.RegisterGuest(ch, email) }))
	}
	return out
}

// cartActButtons: an open cart of a registered customer can be continued
// (lines changed, checked out) in MageDesk; the cart window first says it
// is the customer's live storefront cart.
func (d *DetailWindows) cartActButtons(c model.Cart, customerLocalID int64) []fyne.CanvasObject {
	w := d.act()
	if w == nil || c.Status != model.CartOpen || !c.IsActive || customerLocalID == 0 {
		return nil
	}
	return []fyne.CanvasObject{
		widget.NewButtonWithIcon("Continue & order…", cartIcon, func() { w.NewCart(customerLocalID) }),
	}
}

// actHelpers returns the shell's act windows and a wrapper that runs an
// action for the selected channel (with several channels and none
// chosen, the Channels page is shown to pick one).
func (s *Shell) actHelpers() (act func() *ActWindows, withChannel func(fn func(w *ActWindows, channelID int64)) func()) {
	act = func() *ActWindows {
		if d, ok := s.nav.(*DetailWindows); ok {
			return d.act()
		}
		return NewActWindows(s.App, s.core, s.nav)
	}
	withChannel = func(fn func(w *ActWindows, channelID int64)) func() {
		return func() {
			ch, ok := s.selectedChannel()
			if !ok {
				s.Show(NavChannels)
				return
			}
			if w := act(); w != nil {
				fn(w, ch.ID)
			}
		}
	}
	return act, withChannel
}

// actMenu is the main menu's Store menu: create customers and carts, and
// the queue of customer changes waiting for Magento.
func (s *Shell) actMenu() *fyne.Menu {
	act, withChannel := s.actHelpers()
	return fyne.NewMenu("Store",
		fyne.NewMenuItem("New customer…", withChannel(func(w *ActWindows, id int64) { w.NewCustomer(id) })),
		fyne.NewMenuItem("New cart…", withChannel(func(w *ActWindows, id int64) { w.NewCartFor(id) })),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Pending changes…", func() {
			if w := act(); w != nil {
				ch, _ := s.selectedChannel()
				w.PendingChanges(ch.ID)
			}
		}),
	)
}

// addActions puts buttons above a list's filter bar (New customer on the
// Customers page, New cart on the Carts page).
func (p *listPage[T]) addActions(objs ...fyne.CanvasObject) {
	if len(objs) == 0 {
		return
	}
	p.content = container.NewBorder(container.NewHBox(objs...), nil, nil, nil, p.content)
}

// pageActions are the act buttons of a list page (NavCustomers, NavCarts).
func (s *Shell) pageActions(page string) []fyne.CanvasObject {
	act, withChannel := s.actHelpers()
	switch page {
	case NavCustomers:
		return []fyne.CanvasObject{
			widget.NewButtonWithIcon("New customer…", theme.ContentAddIcon(), withChannel(func(w *ActWindows, id int64) { w.NewCustomer(id) })),
			widget.NewButtonWithIcon("Pending changes…", theme.UploadIcon(), func() {
				if w := act(); w != nil {
					ch, _ := s.selectedChannel()
					w.PendingChanges(ch.ID)
				}
			}),
		}
	case NavCarts:
		return []fyne.CanvasObject{
			widget.NewButtonWithIcon("New cart…", theme.ContentAddIcon(), withChannel(func(w *ActWindows, id int64) { w.NewCartFor(id) })),
		}
	}
	return nil
}
