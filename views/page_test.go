package views

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// recordingNav records which detail windows the pages asked for.
type recordingNav struct {
	mu     sync.Mutex
	opened []string
}

func (n *recordingNav) add(kind string, id int64) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.opened = append(n.opened, fmt.Sprintf("%s:%d", kind, id))
}
func (n *recordingNav) OpenCustomer(id int64)   { n.add("customer", id) }
func (n *recordingNav) OpenCart(id int64)       { n.add("cart", id) }
func (n *recordingNav) OpenOrder(id int64)      { n.add("order", id) }
func (n *recordingNav) OpenCreditMemo(id int64) { n.add("creditmemo", id) }
func (n *recordingNav) OpenSubscriber(id int64) { n.add("subscriber", id) }

// showPage puts a page in a window, selects the fixture channel and waits
// for its first page of rows.
func showPage[T any](t *testing.T, fx *viewsFixture, p *listPage[T]) {
	t.Helper()
	w := test.NewTempWindow(t, p.Content())
	w.Resize(fyne.NewSize(1200, 700))
	p.SetChannel(fx.f.Channel.ID)
	p.WaitLoaded()
}

// headerTap taps a column header of a page's table by its title.
func headerTap[T any](t *testing.T, p *listPage[T], title string) {
	t.Helper()
	for _, o := range renderedObjects(p.table.Widget()) {
		if h, ok := o.(*headerCell); ok && strings.TrimSuffix(strings.TrimSuffix(h.Text, " ▲"), " ▼") == title {
			test.Tap(h)
			p.WaitLoaded()
			return
		}
	}
	t.Fatalf("no header %q", title)
}

func readCSV(t *testing.T, export func(w *bytes.Buffer) error) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := export(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestOrdersPageShowsRowsSortsSearchesFiltersAndExports(t *testing.T) {
	fx := newViewsFixture(t)
	test.NewTempApp(t)
	nav := &recordingNav{}
	p := newOrdersPage(fx.browse, nav)
	showPage(t, fx, p)
	ny, _ := time.LoadLocation("America/New_York")
	orders := fx.f.Orders

	if p.count.Text != fmt.Sprintf("%d orders", len(orders)) {
		t.Errorf("count label %q", p.count.Text)
	}
	// Newest first: order 1 was placed 30 minutes before now.
	o := orders[0]
	wantRow := []string{o.IncrementID, app.FormatTime(o.CreatedAt, ny), o.CustomerFirstname + " " + o.CustomerLastname,
		o.CustomerEmail, "Complete", app.FormatMoney(o.GrandTotal.Units, "USD"), "", fmt.Sprint(len(o.Items))}
	for col, want := range wantRow {
		if got := p.table.CellText(0, col); got != want {
			t.Errorf("row 0 col %d = %q, want %q", col, got, want)
		}
	}
	// Order 2 has a refunded credit memo: the Refunded column shows it.
	if got := p.table.CellText(1, 6); got != app.FormatMoney(orders[1].TotalRefunded.Units, "USD") {
		t.Errorf("refunded of order 2 = %q", got)
	}
	// A guest order says so.
	if got := p.table.CellText(4, 2); got != "Guest 0 (guest)" {
		t.Errorf("guest customer cell = %q", got)
	}

	// Sorting by grand total: ascending first, smallest base grand total (then id).
	sorted := append([]model.Order(nil), orders...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].BaseGrandTotal.Units < sorted[j].BaseGrandTotal.Units })
	headerTap(t, p, "Grand total")
	if got := p.table.CellText(0, 0); got != sorted[0].IncrementID {
		t.Errorf("smallest total first: %q, want %q", got, sorted[0].IncrementID)
	}
	headerTap(t, p, "Grand total")
	last := sorted[len(sorted)-1]
	if got := p.table.CellText(0, 5); got != app.FormatMoney(last.BaseGrandTotal.Units, last.OrderCurrency) {
		t.Errorf("largest total first: %q", got)
	}

	// Search by order number.
	p.SetSearch("000000013")
	p.WaitLoaded()
	if p.count.Text != "1 order" || p.table.CellText(0, 0) != "000000013" {
		t.Errorf("search by number: %q, row %q", p.count.Text, p.table.CellText(0, 0))
	}
	// Search by email counts that customer's orders.
	email := fx.f.Customers[1].Email
	want := 0
	for _, o := range orders {
		if o.CustomerEmail == email {
			want++
		}
	}
	p.SetSearch(email)
	p.WaitLoaded()
	if p.count.Text != countLabel(want, "order", "orders") {
		t.Errorf("search by email %s: %q, want %d", email, p.count.Text, want)
	}
	p.SetSearch("")
	p.WaitLoaded()

	// Status filter.
	canceled := 0
	for _, o := range orders {
		if o.Status == "canceled" {
			canceled++
		}
	}
	p.status.SetSelected("Canceled")
	p.WaitLoaded()
	if p.count.Text != countLabel(canceled, "order", "orders") || p.table.CellText(0, 4) != "Canceled" {
		t.Errorf("canceled filter: %q, first status %q", p.count.Text, p.table.CellText(0, 4))
	}
	p.status.SetSelected("All statuses")

	// Guests only.
	guests := 0
	for _, o := range orders {
		if o.CustomerIsGuest {
			guests++
		}
	}
	p.guest.SetChecked(true)
	p.WaitLoaded()
	if p.count.Text != countLabel(guests, "order", "orders") {
		t.Errorf("guest filter: %q, want %d", p.count.Text, guests)
	}
	p.guest.SetChecked(false)

	// Date range: the last 7 local days in New York.
	nowNY := fixtureNow.In(ny)
	first := time.Date(nowNY.Year(), nowNY.Month(), nowNY.Day()-6, 0, 0, 0, 0, ny)
	from, to := app.UTCString(first), app.UTCString(time.Date(nowNY.Year(), nowNY.Month(), nowNY.Day()+1, 0, 0, 0, 0, ny))
	inRange := 0
	for _, o := range orders {
		if o.CreatedAt >= from && o.CreatedAt < to {
			inRange++
		}
	}
	p.from.SetDate(&first)
	p.to.SetDate(&nowNY)
	p.WaitLoaded()
	if p.count.Text != countLabel(inRange, "order", "orders") {
		t.Errorf("last 7 days: %q, want %d", p.count.Text, inRange)
	}

	// Export writes the current filter (the date range) as CSV.
	recs := readCSV(t, func(w *bytes.Buffer) error { return p.ExportCSVTo(w) })
	if len(recs) != inRange+1 || recs[0][0] != "order_number" || recs[0][8] != "grand_total" {
		t.Fatalf("export: %d records, header %v", len(recs), recs[0])
	}
	found := false
	for _, r := range recs[1:] {
		if r[0] == orders[0].IncrementID {
			found = true
			if r[8] != orders[0].GrandTotal.Fixed() || r[5] != orders[0].CustomerEmail || r[7] != "USD" {
				t.Errorf("exported order 1: %v", r)
			}
		}
	}
	if !found {
		t.Error("order 1 missing from the export")
	}

	// Enter (and double-click) open the selected order.
	p.table.Select(0)
	p.table.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	id := p.table.CellText(0, 0)
	if len(nav.opened) != 1 || !strings.HasPrefix(nav.opened[0], "order:") {
		t.Fatalf("Enter opened %v", nav.opened)
	}
	r, _ := p.table.Row(0)
	if r.Number != id || nav.opened[0] != fmt.Sprintf("order:%d", r.ID) {
		t.Errorf("opened %v for row %s", nav.opened, id)
	}
}

func TestCustomersPageShowsFiguresAndSortsByName(t *testing.T) {
	fx := newViewsFixture(t)
	test.NewTempApp(t)
	nav := &recordingNav{}
	p := newCustomersPage(fx.browse, nav)
	showPage(t, fx, p)
	if p.count.Text != "12 customers" {
		t.Errorf("count %q", p.count.Text)
	}
	headerTap(t, p, "Name")
	// Sorted by last name: Berg, Brown, Costello, …
	names := make([]string, 0, 12)
	for _, c := range fx.f.Customers {
		names = append(names, c.Lastname+"|"+c.Firstname)
	}
	sort.Strings(names)
	firstLast, firstFirst, _ := strings.Cut(names[0], "|")
	if got := p.table.CellText(0, 0); got != firstFirst+" "+firstLast {
		t.Errorf("first by name %q, want %s %s", got, firstFirst, firstLast)
	}
	// Find Veronica Costello's row and check her figures against the fixture.
	var lifetime, n int64
	for _, o := range fx.f.Orders {
		if o.CustomerID == 1 && o.State != "canceled" {
			lifetime += o.BaseGrandTotal.Units
			n++
			for _, m := range fx.f.CreditMemos {
				if m.OrderID == o.MagentoID && m.State == model.CreditMemoRefunded {
					lifetime -= m.BaseGrandTotal.Units
				}
			}
		}
	}
	row := -1
	for i := 0; i < p.table.Rows(); i++ {
		if p.table.CellText(i, 0) == "Veronica Costello" {
			row = i
		}
	}
	if row < 0 {
		t.Fatal("Veronica Costello not listed")
	}
	if p.table.CellText(row, 2) != "Main Website" || p.table.CellText(row, 3) != "General" ||
		p.table.CellText(row, 5) != fmt.Sprint(n) || p.table.CellText(row, 6) != app.FormatMoney(lifetime, "USD") {
		t.Errorf("Veronica's row: website %q group %q orders %q lifetime %q (want %d, %s)", p.table.CellText(row, 2),
			p.table.CellText(row, 3), p.table.CellText(row, 5), p.table.CellText(row, 6), n, app.FormatMoney(lifetime, "USD"))
	}
	// The Europe website filter keeps customers 10..12.
	p.website.SetSelected("Europe")
	p.WaitLoaded()
	if p.count.Text != "3 customers" {
		t.Errorf("Europe filter: %q", p.count.Text)
	}
	p.table.OpenRow(0)
	if len(nav.opened) != 1 || !strings.HasPrefix(nav.opened[0], "customer:") {
		t.Errorf("open row: %v", nav.opened)
	}
	recs := readCSV(t, func(w *bytes.Buffer) error { return p.ExportCSVTo(w) })
	if len(recs) != 4 || recs[1][4] != "Europe" {
		t.Errorf("export of Europe customers: %v", recs)
	}
}

func TestCartsPageShowsStatusesAndAbandonedFilter(t *testing.T) {
	fx := newViewsFixture(t)
	test.NewTempApp(t)
	p := newCartsPage(fx.browse, &recordingNav{})
	showPage(t, fx, p)
	if p.count.Text != "15 carts" {
		t.Errorf("count %q", p.count.Text)
	}
	// Newest update first: the two fresh guest carts, open but not abandoned.
	if p.table.CellText(0, 6) != "Open" || p.table.CellText(0, 7) != "" || p.table.CellText(0, 2) != "Guest" {
		t.Errorf("fresh cart row: %q %q %q", p.table.CellText(0, 6), p.table.CellText(0, 7), p.table.CellText(0, 2))
	}
	p.status.SetSelected("Abandoned")
	p.WaitLoaded()
	if p.count.Text != "7 carts" || p.table.CellText(0, 7) != "Abandoned" {
		t.Errorf("abandoned filter: %q, %q", p.count.Text, p.table.CellText(0, 7))
	}
	p.status.SetSelected("Purchased")
	p.WaitLoaded()
	if p.count.Text != "5 carts" {
		t.Errorf("purchased filter: %q", p.count.Text)
	}
	c := fx.f.Carts[0]
	found := false
	for i := 0; i < p.table.Rows(); i++ {
		if p.table.CellText(i, 0) == "101" {
			found = true
			if p.table.CellText(i, 3) != c.CustomerEmail || p.table.CellText(i, 4) != app.FormatQty(c.ItemsQty) ||
				p.table.CellText(i, 5) != app.FormatMoney(c.GrandTotal.Units, "USD") {
				t.Errorf("cart 101 row: %q %q %q", p.table.CellText(i, 3), p.table.CellText(i, 4), p.table.CellText(i, 5))
			}
		}
	}
	if !found {
		t.Error("cart 101 not among purchased")
	}
}

func TestCreditMemosAndSubscribersPages(t *testing.T) {
	fx := newViewsFixture(t)
	test.NewTempApp(t)
	nav := &recordingNav{}
	cm := newCreditMemosPage(fx.browse, nav)
	showPage(t, fx, cm)
	if cm.count.Text != "5 credit memos" {
		t.Errorf("credit memo count %q", cm.count.Text)
	}
	byNumber := map[string]int{}
	for i := 0; i < cm.table.Rows(); i++ {
		byNumber[cm.table.CellText(i, 0)] = i
	}
	for k, m := range fx.f.CreditMemos {
		row, ok := byNumber[m.IncrementID]
		if !ok {
			t.Errorf("memo %s missing", m.IncrementID)
			continue
		}
		var order model.Order
		for _, o := range fx.f.Orders {
			if o.MagentoID == m.OrderID {
				order = o
			}
		}
		state := "Refunded"
		if k == 3 {
			state = "Open"
		}
		if cm.table.CellText(row, 2) != order.IncrementID || cm.table.CellText(row, 4) != state ||
			cm.table.CellText(row, 5) != app.FormatMoney(m.GrandTotal.Units, m.OrderCurrency) {
			t.Errorf("memo %s row: %q %q %q", m.IncrementID, cm.table.CellText(row, 2), cm.table.CellText(row, 4), cm.table.CellText(row, 5))
		}
	}
	cm.status.SetSelected("Open")
	cm.WaitLoaded()
	if cm.count.Text != "1 credit memo" {
		t.Errorf("open memos: %q", cm.count.Text)
	}

	sp := newSubscribersPage(fx.browse, nav)
	showPage(t, fx, sp)
	if sp.count.Text != "8 subscribers" {
		t.Errorf("subscriber count %q", sp.count.Text)
	}
	sp.SetSearch(fx.f.Customers[0].Email)
	sp.WaitLoaded()
	if sp.count.Text != "1 subscriber" || sp.table.CellText(0, 1) != "Subscribed" || sp.table.CellText(0, 2) != "Veronica Costello" ||
		sp.table.CellText(0, 3) != "Default Store View" {
		t.Errorf("Veronica's subscription: %q %q %q %q", sp.count.Text, sp.table.CellText(0, 1), sp.table.CellText(0, 2), sp.table.CellText(0, 3))
	}
	sp.SetSearch("")
	sp.status.SetSelected("Unsubscribed")
	sp.WaitLoaded()
	want := 0
	for _, s := range fx.f.Subscribers {
		if s.Status == model.SubscriberUnsubscribe {
			want++
		}
	}
	if sp.count.Text != countLabel(want, "subscriber", "subscribers") {
		t.Errorf("unsubscribed: %q, want %d", sp.count.Text, want)
	}
	sp.table.OpenRow(0)
	if last := nav.opened[len(nav.opened)-1]; !strings.HasPrefix(last, "subscriber:") {
		t.Errorf("open subscriber row: %v", nav.opened)
	}
}
