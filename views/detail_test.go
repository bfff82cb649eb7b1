package views

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// fixtureNow is the clock of the views tests: the fixture is laid out
// relative to it and both the Browse and the store use it.
var fixtureNow = time.Now().UTC().Truncate(time.Second)

type viewsFixture struct {
	browse *app.Browse
	store  *model.Store
	f      *app.BrowseFixture
}

func newViewsFixture(t *testing.T) *viewsFixture {
	t.Helper()
	store, err := model.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f, err := app.SeedBrowseFixture(context.Background(), store, fixtureNow)
	if err != nil {
		t.Fatal(err)
	}
	b := app.NewBrowse(store)
	b.SetClock(func() time.Time { return fixtureNow })
	return &viewsFixture{browse: b, store: store, f: f}
}

// fakeActions records the actions a detail window asks for and applies
// SetCartLost to the store, as the core does.
type fakeActions struct {
	mu        sync.Mutex
	store     *model.Store
	refreshed []string
}

func (a *fakeActions) RefreshRecord(_ context.Context, channelID int64, entity string, magentoID int64) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.refreshed = append(a.refreshed, fmt.Sprintf("%d/%s/%d", channelID, entity, magentoID))
	return nil
}

func (a *fakeActions) SetCartLost(ctx context.Context, cartID int64, lost bool) error {
	return a.store.SetCartLost(ctx, cartID, lost)
}

func (a *fakeActions) AdminURL(int64) string { return "https://shop.example.com/admin" }

func newDetails(t *testing.T, fx *viewsFixture) (*DetailWindows, *fakeActions) {
	t.Helper()
	test.NewTempApp(t)
	acts := &fakeActions{store: fx.store}
	d := NewDetailWindows(fyne.CurrentApp(), fx.browse, acts).(*DetailWindows)
	return d, acts
}

// tabTitles lists a detail window's tab titles.
func tabTitles(dw *detailWindow) []string {
	var out []string
	for _, it := range dw.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

// findButton returns the first button with this text in the window.
func findButton(dw *detailWindow, text string) *widget.Button {
	for _, o := range renderedObjects(dw.win.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

// findLink returns the hyperlink with this text in the window.
func findLink(dw *detailWindow, text string) *widget.Hyperlink {
	for _, o := range renderedObjects(dw.win.Content()) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == text {
			return h
		}
	}
	return nil
}

// tapLink taps a hyperlink on its text (Hyperlink ignores taps beside it).
func tapLink(t *testing.T, h *widget.Hyperlink) {
	t.Helper()
	if h == nil {
		t.Fatal("no such link")
	}
	test.TapAt(h, fyne.NewPos(h.MinSize().Width/2, h.MinSize().Height/2))
}

// openRecords lists the records with an open window.
func openRecords(d *DetailWindows) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for k := range d.open {
		out = append(out, k)
	}
	return out
}

func money(units int64, cur string) string { return app.FormatMoney(units, cur) }

func TestOrderDetailShowsOrderAddressesTotalsAndTabs(t *testing.T) {
	fx := newViewsFixture(t)
	d, acts := newDetails(t, fx)
	// Order 2 (local id 2) has a refunded credit memo and a stored cart (102).
	o := fx.f.Orders[1]
	d.OpenOrder(2)
	d.WaitLoaded()
	dw := d.window("order:2")
	if dw == nil || dw.win == nil {
		t.Fatal("no order window")
	}
	ny, _ := time.LoadLocation("America/New_York")
	want := map[string]string{
		"Order #":         o.IncrementID,
		"Status":          "Processing",
		"State":           "Processing",
		"Created":         app.FormatTime(o.CreatedAt, ny),
		"Email":           o.CustomerEmail,
		"Grand total":     money(o.GrandTotal.Units, "USD"),
		"Total refunded":  money(o.TotalRefunded.Units, "USD"),
		"Payment method":  "Check / Money order",
		"Shipping method": "Flat Rate - Fixed",
		"Shopping cart":   "Cart #102",
		"Customer":        o.CustomerFirstname + " " + o.CustomerLastname,
	}
	for k, v := range want {
		if got := dw.fields[k]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if !strings.Contains(dw.fields["Shipping address"], "2 Shipping Lane") || !strings.Contains(dw.fields["Billing address"], "1 Billing Road") {
		t.Errorf("addresses: %q / %q", dw.fields["Billing address"], dw.fields["Shipping address"])
	}
	titles := strings.Join(tabTitles(dw), "|")
	if titles != fmt.Sprintf("Information|Items (%d)|Status history (1)|Credit Memos (1)", len(o.Items)) {
		t.Errorf("tabs = %s", titles)
	}
	if dw.win.Title() != "Order #"+o.IncrementID+" – MageDesk" {
		t.Errorf("window title %q", dw.win.Title())
	}

	// The cart link opens the cart's own window.
	tapLink(t, findLink(dw, "Cart #102"))
	d.WaitLoaded()
	if cw := d.window("cart:2"); cw == nil || cw.fields["Cart #"] != "102" {
		t.Errorf("cart link opened %+v", cw)
	}

	// Refresh from Magento asks the core for this order by Magento id.
	test.Tap(findButton(dw, "Refresh from Magento"))
	d.WaitLoaded()
	if len(acts.refreshed) != 1 || acts.refreshed[0] != fmt.Sprintf("%d/orders/2", fx.f.Channel.ID) {
		t.Errorf("refresh asked %v", acts.refreshed)
	}
	if findButton(dw, "Open in Magento admin") == nil {
		t.Error("no admin button although the admin URL is known")
	}

	// Opening the same order again reuses its window.
	d.OpenOrder(2)
	d.WaitLoaded()
	if got := openRecords(d); len(got) != 2 {
		t.Errorf("windows open: %v, want order and cart", got)
	}
}

func TestOrderDetailCreditMemoTabOpensMemo(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	d.OpenOrder(2)
	d.WaitLoaded()
	dw := d.window("order:2")
	memoTab := dw.tabs.Items[3].Content.(*widget.Table)
	memoTab.Select(widget.TableCellID{Row: 0, Col: 0})
	d.WaitLoaded()
	mw := d.window("creditmemo:1")
	if mw == nil {
		t.Fatal("credit memo window not opened from the order's tab")
	}
	m := fx.f.CreditMemos[0]
	if mw.fields["Credit memo #"] != m.IncrementID || mw.fields["State"] != "Refunded" ||
		mw.fields["Order"] != "Order #"+fx.f.Orders[1].IncrementID || mw.fields["Grand total"] != money(m.GrandTotal.Units, "USD") {
		t.Errorf("credit memo fields %v", mw.fields)
	}
	if got := strings.Join(tabTitles(mw), "|"); got != "Information|Items (1)" {
		t.Errorf("credit memo tabs %s", got)
	}
	// The order link leads back to the (already open) order.
	tapLink(t, findLink(mw, "Order #"+fx.f.Orders[1].IncrementID))
	d.WaitLoaded()
	if got := openRecords(d); len(got) != 2 {
		t.Errorf("order link opened a second order window: %v", got)
	}
}

func TestCartDetailMarkLostAndReopen(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	// Cart 106 (local id 6) is open and idle for days: abandoned.
	c := fx.f.Carts[5]
	d.OpenCart(6)
	d.WaitLoaded()
	dw := d.window("cart:6")
	if dw.fields["Cart #"] != "106" || dw.fields["Status"] != "Open (abandoned)" || dw.fields["Email"] != c.CustomerEmail {
		t.Fatalf("cart fields %v", dw.fields)
	}
	if dw.fields["Grand total"] != money(c.GrandTotal.Units, "USD") || dw.fields["Purchased"] != "" {
		t.Errorf("cart totals/purchase %q %q", dw.fields["Grand total"], dw.fields["Purchased"])
	}
	if got := strings.Join(tabTitles(dw), "|"); got != "Information|Items (1)" {
		t.Errorf("cart tabs %s", got)
	}
	test.Tap(findButton(dw, "Mark as lost"))
	d.WaitLoaded()
	if dw.fields["Status"] != "Lost" || findButton(dw, "Reopen") == nil {
		t.Fatalf("after Mark as lost: status %q", dw.fields["Status"])
	}
	test.Tap(findButton(dw, "Reopen"))
	d.WaitLoaded()
	if dw.fields["Status"] != "Open (abandoned)" || findButton(dw, "Mark as lost") == nil {
		t.Errorf("after Reopen: status %q", dw.fields["Status"])
	}
}

func TestPurchasedCartLinksToItsOrder(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	d.OpenCart(1) // cart 101 became order 000000001
	d.WaitLoaded()
	dw := d.window("cart:1")
	if dw.fields["Status"] != "Purchased" || dw.fields["Purchased"] != "Order #000000001" {
		t.Fatalf("purchased cart fields %v", dw.fields)
	}
	if findButton(dw, "Mark as lost") != nil {
		t.Error("a purchased cart cannot be marked lost")
	}
	tapLink(t, findLink(dw, "Order #000000001"))
	d.WaitLoaded()
	if ow := d.window("order:1"); ow == nil || ow.fields["Order #"] != "000000001" {
		t.Error("Purchased link did not open the order")
	}
}

func TestCustomerDetailFiguresTabsAndNewsletter(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	// Customer 1 (Veronica Costello): orders 1, 13, 25, 37 (i%12 == 0, not guests).
	cu := fx.f.Customers[0]
	var lifetime, count int64
	var first, last string
	var orders []model.Order
	for _, o := range fx.f.Orders {
		if o.CustomerID != cu.MagentoID {
			continue
		}
		orders = append(orders, o)
		if o.State == "canceled" {
			continue
		}
		lifetime += o.BaseGrandTotal.Units
		count++
		if first == "" || o.CreatedAt < first {
			first = o.CreatedAt
		}
		if o.CreatedAt > last {
			last = o.CreatedAt
		}
	}
	var memos int
	for _, m := range fx.f.CreditMemos {
		for _, o := range orders {
			if m.OrderID == o.MagentoID {
				memos++
				if m.State == model.CreditMemoRefunded {
					lifetime -= m.BaseGrandTotal.Units
				}
			}
		}
	}
	var carts int
	for _, c := range fx.f.Carts {
		if c.CustomerID == cu.MagentoID {
			carts++
		}
	}
	d.OpenCustomer(1)
	d.WaitLoaded()
	dw := d.window("customer:1")
	ny, _ := time.LoadLocation("America/New_York")
	want := map[string]string{
		"Name":           "Veronica Costello",
		"Email":          cu.Email,
		"Website":        "Main Website",
		"Customer group": "General",
		"Lifetime value": money(lifetime, "USD"),
		"Orders":         fmt.Sprint(count),
		"First order":    app.FormatTime(first, ny),
		"Last order":     app.FormatTime(last, ny),
		"Newsletter":     "Subscribed since " + app.FormatTime(fx.f.Subscribers[0].ChangeStatusAt, ny),
	}
	if count > 0 {
		want["Average order value"] = money((lifetime+count/2)/count, "USD")
	}
	for k, v := range want {
		if got := dw.fields[k]; got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	titles := strings.Join(tabTitles(dw), "|")
	wantTabs := fmt.Sprintf("Information|Orders (%d)|Shopping Carts (%d)|Credit Memos (%d)|Purchased products", len(orders), carts, memos)
	if !strings.HasPrefix(titles, wantTabs) {
		t.Errorf("tabs = %s, want prefix %s", titles, wantTabs)
	}
	// A row of the Orders tab opens that order.
	dw.tabs.Items[1].Content.(*widget.Table).Select(widget.TableCellID{Row: 0, Col: 0})
	d.WaitLoaded()
	if got := openRecords(d); len(got) != 2 {
		t.Errorf("Orders tab row did not open an order window: %v", got)
	}
	if !strings.Contains(dw.fields["Default billing & shipping address"], "10 Main Street") {
		t.Errorf("address: %q", dw.fields["Default billing & shipping address"])
	}
}

func TestSubscriberDetailLinksCustomer(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	s := fx.f.Subscribers[0]
	d.OpenSubscriber(1)
	d.WaitLoaded()
	dw := d.window("subscriber:1")
	if dw.fields["Email"] != s.Email || dw.fields["Status"] != "Subscribed" || dw.fields["Customer"] != "Veronica Costello" ||
		dw.fields["Store"] != "Default Store View" {
		t.Fatalf("subscriber fields %v", dw.fields)
	}
	tapLink(t, findLink(dw, "Veronica Costello"))
	d.WaitLoaded()
	if d.window("customer:1") == nil {
		t.Error("customer link did not open the customer")
	}
	guest := fx.f.Subscribers[7]
	d.OpenSubscriber(8)
	d.WaitLoaded()
	if gw := d.window("subscriber:8"); gw.fields["Email"] != guest.Email || gw.fields["Customer"] != "Guest subscriber" {
		t.Errorf("guest subscriber fields %v", gw.fields)
	}
}

func TestDetailOfMissingRecordShowsError(t *testing.T) {
	fx := newViewsFixture(t)
	d, _ := newDetails(t, fx)
	d.OpenOrder(9999)
	d.WaitLoaded()
	dw := d.window("order:9999")
	if dw == nil || dw.title != "Error" {
		t.Fatal("a missing order should open an error window")
	}
	if _, ok := dw.win.Content().(*fyne.Container); !ok {
		t.Errorf("error content %T", dw.win.Content())
	}
}
