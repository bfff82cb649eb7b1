package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// buildNavItems declares the sidebar: the browser pages (lists, dashboard)
// and the shell's own Channels and Sync Log pages.
func (s *Shell) buildNavItems(b *app.Browse) []*navItem {
	return []*navItem{
		{title: NavDashboard, icon: theme.HomeIcon(), noFind: true, make: func() Page { return NewDashboardPage(b, s.nav) }},
		{title: NavCustomers, icon: theme.AccountIcon(), exports: true, make: func() Page { p := newCustomersPage(b, s.nav); p.addActions(s.pageActions(NavCustomers)...); return p }},
		{title: NavCarts, icon: cartIcon, exports: true, make: func() Page { p := newCartsPage(b, s.nav); p.addActions(s.pageActions(NavCarts)...); return p }},
		{title: NavOrders, icon: theme.DocumentIcon(), exports: true, make: func() Page { return NewOrdersPage(b, s.nav) }},
		{title: NavCreditMemos, icon: theme.ContentUndoIcon(), exports: true, make: func() Page { return NewCreditMemosPage(b, s.nav) }},
		{title: NavSubscribers, icon: theme.MailComposeIcon(), exports: true, make: func() Page { return NewSubscribersPage(b, s.nav) }},
		{title: NavChannels, icon: theme.StorageIcon(), make: func() Page { return NewChannelsPage(s.core, s) }},
		{title: NavSyncLog, icon: theme.ListIcon(), make: func() Page { return NewSyncLogPage(s.core) }},
	}
}

// newNavigator opens detail windows; the core implements DetailActions.
func newNavigator(a fyne.App, b *app.Browse, core *app.Core) Navigator {
	return NewDetailWindows(a, b, core)
}

var _ = container.NewStack
var _ = widget.NewLabel
