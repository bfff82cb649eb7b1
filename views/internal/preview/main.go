// Command preview opens MageDesk's browsing views (lists, detail windows,
// dashboard) on the fixture store in a real window, for screenshots and
// eyeballing layout: go run -tags sqlite_fts5 ./views/internal/preview -page orders -open order:1
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
	"github.com/magedesk/magedesk/views"
)

type noActions struct{ admin string }

func (noActions) RefreshRecord(context.Context, int64, string, int64) error { return nil }
func (n noActions) SetCartLost(ctx context.Context, id int64, lost bool) error {
	return fmt.Errorf("preview: read only")
}
func (n noActions) AdminURL(int64) string { return n.admin }

func main() {
	page := flag.String("page", "dashboard", "page to show: dashboard, customers, carts, orders, creditmemos, subscribers")
	open := flag.String("open", "", "detail to open: kind:localID, e.g. order:1, customer:2, cart:3, creditmemo:1, subscriber:1")
	search := flag.String("search", "", "search text for the page")
	flag.Parse()

	store, err := model.OpenMemory()
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	f, err := app.SeedBrowseFixture(ctx, store, time.Now())
	if err != nil {
		log.Fatal(err)
	}
	b := app.NewBrowse(store)

	a := fyneapp.NewWithID("io.magedesk.preview")
	w := a.NewWindow("MageDesk preview – " + *page)
	nav := views.NewDetailWindows(a, b, noActions{admin: f.Channel.AdminURL})
	pages := map[string]views.Page{
		"dashboard": views.NewDashboardPage(b, nav),
	}
	for name, p := range previewPages(b, nav) {
		pages[name] = p
	}
	p, ok := pages[*page]
	if !ok {
		log.Fatalf("unknown page %q", *page)
	}
	p.SetChannel(f.Channel.ID)
	if *search != "" {
		p.SetSearch(*search)
	}
	w.SetContent(container.NewPadded(p.Content()))
	w.Resize(fyne.NewSize(1240, 760))
	if *open != "" {
		kind, idText, _ := strings.Cut(*open, ":")
		id, _ := strconv.ParseInt(idText, 10, 64)
		a.Lifecycle().SetOnStarted(func() {
			switch kind {
			case "order":
				nav.OpenOrder(id)
			case "customer":
				nav.OpenCustomer(id)
			case "cart":
				nav.OpenCart(id)
			case "creditmemo":
				nav.OpenCreditMemo(id)
			case "subscriber":
				nav.OpenSubscriber(id)
			default:
				fmt.Fprintln(os.Stderr, "unknown kind", kind)
			}
		})
	}
	w.ShowAndRun()
}
