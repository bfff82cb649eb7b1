package views

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// Page is one screen of the main window's navigation (shared contract with
// the shell).
type Page interface {
	Content() fyne.CanvasObject
	SetChannel(id int64)
	Reload()
	SetSearch(text string)
	ExportCSV(w fyne.Window)
}

// Navigator opens detail windows by local id (shared contract).
type Navigator interface {
	OpenCustomer(id int64)
	OpenCart(id int64)
	OpenOrder(id int64)
	OpenCreditMemo(id int64)
	OpenSubscriber(id int64)
}

// option is one choice of a filter select: what it shows and the value
// passed to the query ("" = any).
type option struct{ label, value string }

// listSpec declares one entity's list page; the generic listPage does the rest.
type listSpec[T any] struct {
	singular, plural string // "order", "orders"
	exportName       string // file name stem for CSV export
	searchHint       string
	columns          []Column[T]
	defaultSort      string
	defaultDesc      bool
	statuses         []option // nil = no status filter
	websites         bool     // website filter
	dates            bool     // created date range filter
	guest            bool     // "Guests only" check
	count            func(ctx context.Context, f app.Filter) (int, error)
	page             func(ctx context.Context, f app.Filter, sort string, desc bool, offset, limit int) ([]T, error)
	export           func(ctx context.Context, f app.Filter, sort string, desc bool, w io.Writer) error
	open             func(row T)
	// zone and channelOf let the loader learn the time zones of the rows'
	// channels before the cells format times.
	zone      *zoneCache
	channelOf func(row T) int64
}

// listPage is a filter bar, a count of matching rows and a paged table.
type listPage[T any] struct {
	spec   listSpec[T]
	browse *app.Browse
	table  *DataTable[T]

	search   *widget.Entry
	status   *widget.Select
	website  *widget.Select
	from, to *widget.DateEntry
	guest    *widget.Check
	count    *widget.Label
	errLabel *widget.Label
	content  fyne.CanvasObject

	mu        sync.Mutex
	filter    app.Filter
	websiteID map[string]int64 // website select label → id
	debounce  *time.Timer
	quiet     bool // programmatic changes do not re-trigger reloads
}

func newListPage[T any](b *app.Browse, spec listSpec[T]) *listPage[T] {
	p := &listPage[T]{spec: spec, browse: b, websiteID: map[string]int64{}, quiet: true}
	p.table = NewDataTable(spec.columns, spec.defaultSort, spec.defaultDesc)
	p.table.OnOpen = spec.open
	p.count = widget.NewLabel("")
	p.count.TextStyle = fyne.TextStyle{Bold: true}
	p.errLabel = widget.NewLabel("")
	p.errLabel.Importance = widget.DangerImportance
	p.errLabel.Hide()
	p.table.OnCount = func(n int) {
		p.errLabel.Hide()
		p.count.SetText(countLabel(n, spec.singular, spec.plural))
	}
	p.table.OnError = func(err error) {
		p.errLabel.SetText("Could not load " + spec.plural + ": " + err.Error())
		p.errLabel.Show()
	}

	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(spec.searchHint)
	p.search.OnChanged = func(string) { p.searchChanged() }
	p.search.OnSubmitted = func(string) { p.applyFilter() }

	var filters []fyne.CanvasObject
	if spec.statuses != nil {
		labels := make([]string, len(spec.statuses))
		for i, o := range spec.statuses {
			labels[i] = o.label
		}
		p.status = widget.NewSelect(labels, func(string) { p.filterChanged() })
		p.status.SetSelectedIndex(0)
		filters = append(filters, p.status)
	}
	if spec.websites {
		p.website = widget.NewSelect([]string{"All websites"}, func(string) { p.filterChanged() })
		p.website.SetSelectedIndex(0)
		filters = append(filters, p.website)
	}
	if spec.dates {
		p.from = widget.NewDateEntry()
		p.from.SetPlaceHolder("From")
		p.from.OnChanged = func(*time.Time) { p.filterChanged() }
		p.to = widget.NewDateEntry()
		p.to.SetPlaceHolder("To")
		p.to.OnChanged = func(*time.Time) { p.filterChanged() }
		filters = append(filters, fixedWidth(130, p.from), fixedWidth(130, p.to))
	}
	if spec.guest {
		p.guest = widget.NewCheck("Guests only", func(bool) { p.filterChanged() })
		filters = append(filters, p.guest)
	}
	filters = append(filters, p.count)
	bar := container.NewBorder(nil, nil, nil, container.NewHBox(filters...), p.search)
	p.content = container.NewBorder(container.NewVBox(bar, p.errLabel), nil, nil, nil, p.table.Widget())
	p.quiet = false
	return p
}

// fixedWidth gives an object a minimum width (date entries are narrow otherwise).
func fixedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

func (p *listPage[T]) Content() fyne.CanvasObject { return p.content }

// SetChannel shows one channel's rows (0 = all channels) and reloads the
// website choices for it.
func (p *listPage[T]) SetChannel(id int64) {
	p.mu.Lock()
	p.filter.ChannelID = id
	p.filter.WebsiteID = 0
	p.mu.Unlock()
	if p.website != nil {
		p.loadWebsites(id)
	}
	p.applyFilter()
}

// Reload re-reads the current filter after the data changed (a sync, a
// record refresh), keeping the scroll position and selection.
func (p *listPage[T]) Reload() {
	if !p.table.HasSource() {
		p.applyFilter()
		return
	}
	p.table.Refresh()
}

// SetSearch fills the search box and filters at once (Ctrl+F box of the shell).
func (p *listPage[T]) SetSearch(text string) {
	p.mu.Lock()
	p.quiet = true
	p.mu.Unlock()
	p.search.SetText(text)
	p.mu.Lock()
	p.quiet = false
	p.mu.Unlock()
	p.applyFilter()
}

// WaitLoaded blocks until the table's pending loads are applied (tests).
func (p *listPage[T]) WaitLoaded() { p.table.WaitLoaded() }

// ExportCSV asks where to save and writes the rows of the current filter.
func (p *listPage[T]) ExportCSV(w fyne.Window) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		if wc == nil {
			return // canceled
		}
		go func() {
			err := p.ExportCSVTo(wc)
			if cerr := wc.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					dialog.ShowError(fmt.Errorf("export %s: %w", p.spec.plural, err), w)
					return
				}
				dialog.ShowInformation("Export finished", "Saved "+wc.URI().Name(), w)
			})
		}()
	}, w)
	d.SetFileName(fmt.Sprintf("%s-%s.csv", p.spec.exportName, time.Now().Format("2006-01-02")))
	d.Show()
}

// ExportCSVTo writes the rows matching the current filter, in the current
// order, as CSV. Rows are streamed from SQL, never all held in memory.
func (p *listPage[T]) ExportCSVTo(w io.Writer) error {
	f := p.currentFilter()
	sortKey, desc := p.table.Sort()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	return p.spec.export(ctx, f, sortKey, desc, w)
}

func (p *listPage[T]) currentFilter() app.Filter {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.filter
}

// searchChanged filters 250 ms after the last keystroke, so typing a name
// does not run a query per letter.
func (p *listPage[T]) searchChanged() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quiet {
		return
	}
	if p.debounce != nil {
		p.debounce.Stop()
	}
	p.debounce = time.AfterFunc(250*time.Millisecond, func() { fyne.Do(p.applyFilter) })
}

func (p *listPage[T]) filterChanged() {
	p.mu.Lock()
	quiet := p.quiet
	p.mu.Unlock()
	if !quiet {
		p.applyFilter()
	}
}

// applyFilter reads the filter widgets (UI goroutine) and reloads the table.
func (p *listPage[T]) applyFilter() {
	p.mu.Lock()
	if p.debounce != nil {
		p.debounce.Stop()
	}
	f := p.filter
	f.Search = strings.TrimSpace(p.search.Text)
	f.Status = ""
	if p.status != nil && p.status.SelectedIndex() > 0 {
		f.Status = p.spec.statuses[p.status.SelectedIndex()].value
	}
	f.WebsiteID = 0
	if p.website != nil {
		f.WebsiteID = p.websiteID[p.website.Selected]
	}
	f.FirstDay, f.LastDay = time.Time{}, time.Time{}
	if p.from != nil && p.from.Date != nil {
		f.FirstDay = *p.from.Date
	}
	if p.to != nil && p.to.Date != nil {
		f.LastDay = *p.to.Date
	}
	f.GuestOnly = nil
	if p.guest != nil && p.guest.Checked {
		yes := true
		f.GuestOnly = &yes
	}
	p.filter = f
	p.mu.Unlock()

	spec := p.spec
	p.table.SetSource(Source[T]{
		Count: func(ctx context.Context) (int, error) { return spec.count(ctx, f) },
		Page: func(ctx context.Context, sort string, desc bool, off, lim int) ([]T, error) {
			rows, err := spec.page(ctx, f, sort, desc, off, lim)
			if err == nil && spec.zone != nil && spec.channelOf != nil {
				seen := map[int64]bool{}
				for _, r := range rows {
					if id := spec.channelOf(r); !seen[id] {
						seen[id] = true
						spec.zone.prime(ctx, id)
					}
				}
			}
			return rows, err
		},
	})
}

// loadWebsites fills the website select for a channel in the background.
func (p *listPage[T]) loadWebsites(channelID int64) {
	p.table.loads.Add(1) // tests wait for this like for a table load
	go func() {
		defer p.table.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		sites, err := p.browse.Websites(ctx, channelID)
		if err != nil {
			slog.Error("load websites", "channel", channelID, "err", err)
			return
		}
		runOnUI(func() {
			labels := []string{"All websites"}
			ids := map[string]int64{}
			for _, s := range sites {
				labels = append(labels, s.Name)
				ids[s.Name] = s.MagentoID
			}
			p.mu.Lock()
			p.websiteID = ids
			p.quiet = true
			p.mu.Unlock()
			p.website.Options = labels
			p.website.SetSelectedIndex(0)
			p.mu.Lock()
			p.quiet = false
			p.mu.Unlock()
		})
	}()
}

// zoneCache knows each channel's time zone so cells can show local times
// without a query: loaders prime it off the UI goroutine, cells only read.
type zoneCache struct {
	b    *app.Browse
	mu   sync.Mutex
	locs map[int64]*time.Location
}

func newZoneCache(b *app.Browse) *zoneCache {
	return &zoneCache{b: b, locs: map[int64]*time.Location{}}
}

// prime looks up the zones of channels not seen yet (loader goroutine).
func (z *zoneCache) prime(ctx context.Context, channelIDs ...int64) {
	for _, id := range channelIDs {
		z.mu.Lock()
		_, ok := z.locs[id]
		z.mu.Unlock()
		if ok {
			continue
		}
		loc := z.b.Location(ctx, id)
		z.mu.Lock()
		z.locs[id] = loc
		z.mu.Unlock()
	}
}

// time shows a stored UTC time in its channel's zone (UTC until primed).
func (z *zoneCache) time(channelID int64, utc string) string {
	z.mu.Lock()
	loc := z.locs[channelID]
	z.mu.Unlock()
	return app.FormatTime(utc, loc)
}
