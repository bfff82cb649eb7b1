package views

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

// simRecord reads one record straight from the demo store over HTTP, so
// the walk compares what the windows show with Magento's own data rather
// than with our SQL.
func simRecord(t *testing.T, baseURL, route string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest("GET", baseURL+"/rest/V1/"+route, nil)
	req.Header.Set("Authorization", "Bearer demo-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", route, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d, %v", route, resp.StatusCode, err)
	}
	return out
}

// walkList shows a list page, waits for its first page and checks the
// count against the demo store's truth; it returns the page.
func walkList[T any](t *testing.T, s *Shell, title string, want int) *listPage[T] {
	t.Helper()
	s.Show(title)
	p, ok := s.CurrentPage().(*listPage[T])
	if !ok {
		t.Fatalf("%s page is a %T", title, s.CurrentPage())
	}
	p.WaitLoaded()
	shellEventually(t, 5*time.Second, title+" count", func() bool { return p.count.Text != "" })
	if got := p.count.Text; !strings.HasPrefix(got, app.FormatCount(int64(want))+" ") {
		t.Fatalf("%s shows %q, the demo store has %d", title, got, want)
	}
	if p.table.Rows() != want {
		t.Fatalf("%s table has %d rows, want %d", title, p.table.Rows(), want)
	}
	return p
}

// openFirst opens row 0's detail window and returns it.
func openFirst[T any](t *testing.T, d *DetailWindows, p *listPage[T], keyPrefix string) (*detailWindow, T) {
	t.Helper()
	row, ok := p.table.Row(0)
	if !ok {
		t.Fatalf("%s: first row not loaded", keyPrefix)
	}
	p.table.OpenRow(0)
	d.WaitLoaded()
	d.mu.Lock()
	defer d.mu.Unlock()
	for k, dw := range d.open {
		if strings.HasPrefix(k, keyPrefix+":") && dw.win != nil {
			return dw, row
		}
	}
	t.Fatalf("no %s window opened", keyPrefix)
	return nil, row
}

// TestWalkWelcomeDemoEveryListDetailsAndSyncLog is the scripted tour:
// welcome → demo → every list → a detail of each kind → sync log.
func TestWalkWelcomeDemoEveryListDetailsAndSyncLog(t *testing.T) {
	mw, core := startDemoFromWelcome(t)
	s := mw.Shell
	chs, _ := core.Channels(context.Background())
	if len(chs) != 1 {
		t.Fatalf("%d channels", len(chs))
	}
	ch := chs[0]
	snap := core.DemoSimulator(ch.ID).Snapshot()
	d := s.Navigator().(*DetailWindows)

	if s.CurrentTitle() != NavDashboard {
		t.Fatalf("main window opens on %q", s.CurrentTitle())
	}

	// Customers → customer detail.
	cp := walkList[app.CustomerRow](t, s, NavCustomers, len(snap.IDs(magentosim.EntityCustomers)))
	dw, cust := openFirst(t, d, cp, "customer")
	mc := simRecord(t, ch.BaseURL, fmt.Sprintf("customers/%d", cust.MagentoID))
	if dw.fields["Email"] != mc["email"] {
		t.Errorf("customer window email %q, Magento %v", dw.fields["Email"], mc["email"])
	}

	// Shopping carts → cart detail.
	kp := walkList[app.CartRow](t, s, NavCarts, len(snap.IDs(magentosim.EntityCarts)))
	dw, cart := openFirst(t, d, kp, "cart")
	if dw.fields["Cart #"] != fmt.Sprint(cart.MagentoID) {
		t.Errorf("cart window shows #%q for cart %d", dw.fields["Cart #"], cart.MagentoID)
	}
	mk := simRecord(t, ch.BaseURL, fmt.Sprintf("carts/%d", cart.MagentoID))
	if fmt.Sprint(mk["id"]) != fmt.Sprint(cart.MagentoID) {
		t.Errorf("Magento cart %v", mk["id"])
	}

	// Orders → order detail checked against Magento's order.
	op := walkList[app.OrderRow](t, s, NavOrders, len(snap.IDs(magentosim.EntityOrders)))
	dw, order := openFirst(t, d, op, "order")
	mo := simRecord(t, ch.BaseURL, fmt.Sprintf("orders/%d", order.MagentoID))
	if dw.fields["Order #"] != mo["increment_id"] || dw.fields["Email"] != mo["customer_email"] {
		t.Errorf("order window #%q %q, Magento #%v %v", dw.fields["Order #"], dw.fields["Email"], mo["increment_id"], mo["customer_email"])
	}
	if order.Number != mo["increment_id"] {
		t.Errorf("orders list first row #%q, Magento %v", order.Number, mo["increment_id"])
	}

	// Credit memos → credit memo detail.
	mp := walkList[app.CreditMemoRow](t, s, NavCreditMemos, len(snap.IDs(magentosim.EntityCreditMemos)))
	dw, memo := openFirst(t, d, mp, "creditmemo")
	mm := simRecord(t, ch.BaseURL, fmt.Sprintf("creditmemo/%d", memo.MagentoID))
	if dw.fields["Credit memo #"] != mm["increment_id"] {
		t.Errorf("credit memo window #%q, Magento %v", dw.fields["Credit memo #"], mm["increment_id"])
	}

	// Newsletter subscribers → subscriber detail.
	sp := walkList[app.SubscriberRow](t, s, NavSubscribers, len(snap.IDs(magentosim.EntitySubscribers)))
	dw, sub := openFirst(t, d, sp, "subscriber")
	if dw.fields["Email"] != sub.Email || sub.Email == "" {
		t.Errorf("subscriber window email %q, list %q", dw.fields["Email"], sub.Email)
	}

	// Channels: the demo channel, labelled.
	s.Show(NavChannels)
	chp := s.CurrentPage().(*ChannelsPage)
	chp.WaitLoaded()
	if rows := chp.Rows(); len(rows) != 1 || !rows[0].IsDemo {
		t.Fatalf("channels page rows %+v", rows)
	}

	// Sync log: the demo's run with its counters.
	s.Show(NavSyncLog)
	lp := s.CurrentPage().(*SyncLogPage)
	lp.WaitLoaded()
	if lp.RunCount() < 1 {
		t.Fatal("sync log is empty after the demo sync")
	}
	run, _ := lp.Run(lp.RunCount() - 1)
	if run.Status != "ok" || run.Counters[model.EntityOrders].Added != int64(len(snap.IDs(magentosim.EntityOrders))) {
		t.Fatalf("first run %s with %d orders added", run.Status, run.Counters[model.EntityOrders].Added)
	}
}
