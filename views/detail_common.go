package views

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
)

// DetailActions are the record actions a detail window offers; *app.Core
// implements them (shared contract with the shell).
type DetailActions interface {
	RefreshRecord(ctx context.Context, channelID int64, entity string, magentoID int64) error
	SetCartLost(ctx context.Context, cartID int64, lost bool) error
	AdminURL(channelID int64) string
}

// DetailWindows opens one window per record; opening a record that is
// already shown brings its window to the front. Records load off the UI
// goroutine; the window appears when its record is read.
type DetailWindows struct {
	app     fyne.App
	browse  *app.Browse
	actions DetailActions
	// Forget, when set, offers "Forget this customer" on customer windows
	// (the shell sets it to its confirmed erase action); win is the
	// customer's window, so the confirmation shows there and not behind it.
	Forget func(win fyne.Window, customerID int64, name string)

	mu    sync.Mutex
	open  map[string]*detailWindow
	loads sync.WaitGroup
}

// detailWindow is one open record: its window and what tests inspect.
type detailWindow struct {
	key    string
	win    fyne.Window
	title  string
	fields map[string]string // form label → value shown
	tabs   *container.AppTabs
	// reload re-reads the record and rebuilds the content (after an action).
	reload func()
	// lostButton is the cart's Mark as lost / Reopen button (carts only).
	lostButton *widget.Button
	// size, when set by a builder, replaces the default window size.
	size fyne.Size
}

// NewDetailWindows builds the navigator the lists and the dashboard use.
func NewDetailWindows(a fyne.App, b *app.Browse, actions DetailActions) Navigator {
	return &DetailWindows{app: a, browse: b, actions: actions, open: map[string]*detailWindow{}}
}

// WaitLoaded blocks until every record being opened is shown (tests).
func (d *DetailWindows) WaitLoaded() {
	for {
		d.loads.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// window returns the open window for a key (tests).
func (d *DetailWindows) window(key string) *detailWindow {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.open[key]
}

// show loads a record with load (background) and builds its window with
// build (UI goroutine). A second open of the same key focuses the window.
func (d *DetailWindows) show(key string, load func(ctx context.Context) (any, error), build func(dw *detailWindow, rec any) fyne.CanvasObject) {
	d.mu.Lock()
	if dw, ok := d.open[key]; ok {
		d.mu.Unlock()
		dw.win.RequestFocus()
		return
	}
	dw := &detailWindow{key: key}
	d.open[key] = dw
	d.mu.Unlock()

	// The window appears at once with a spinner, so a slow read never
	// looks like a click that did nothing; the record fills it when read.
	dw.win = d.app.NewWindow("MageDesk – loading…")
	dw.win.Resize(fyne.NewSize(920, 640))
	dw.win.SetOnClosed(func() {
		d.mu.Lock()
		delete(d.open, key)
		d.mu.Unlock()
	})
	spinner := widget.NewActivity()
	spinner.Start()
	dw.win.SetContent(container.NewCenter(container.NewHBox(spinner, widget.NewLabel("Loading…"))))
	dw.win.Show()

	var fill func()
	fill = func() {
		d.loads.Add(1)
		go func() {
			defer d.loads.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			rec, err := load(ctx)
			runOnUI(func() {
				spinner.Stop()
				if err != nil {
					slog.Error("open record", "record", key, "err", err)
					dw.title = "Error"
					dw.win.SetTitle("MageDesk – could not open record")
					dw.win.SetContent(container.NewPadded(widget.NewLabel(fmt.Sprintf("Could not open %s: %v", key, err))))
					return
				}
				dw.fields = map[string]string{}
				content := build(dw, rec)
				dw.win.SetTitle(dw.title + " – MageDesk")
				dw.win.SetContent(content)
				if !dw.size.IsZero() {
					dw.win.Resize(dw.size)
				}
			})
		}()
	}
	dw.reload = fill
	fill()
}

// header is the top of every detail window: a title, a subtitle and the
// record's action buttons.
func header(title, subtitle string, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	t := widget.NewLabel(title)
	t.TextStyle = fyne.TextStyle{Bold: true}
	t.SizeName = theme.SizeNameSubHeadingText
	s := widget.NewLabel(subtitle)
	s.Importance = widget.LowImportance
	// Buttons keep their own height, centred beside the two title lines.
	actions := container.NewVBox(layout.NewSpacer(), container.NewHBox(buttons...), layout.NewSpacer())
	return container.NewBorder(nil, widget.NewSeparator(), nil, actions, container.NewVBox(t, s))
}

// form builds a two-column read-only form and records what it shows in
// dw.fields, so tests can check "Status" → "Processing".
func (dw *detailWindow) form(pairs ...string) *widget.Form {
	f := widget.NewForm()
	for i := 0; i+1 < len(pairs); i += 2 {
		l := widget.NewLabel(orDash(pairs[i+1]))
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = true
		f.Append(pairs[i], l)
		dw.fields[pairs[i]] = pairs[i+1]
	}
	return f
}

// linkItem adds a form row whose value opens another record; a record we do
// not have shows as text.
func (dw *detailWindow) linkItem(f *widget.Form, label, text string, open func()) {
	dw.fields[label] = text
	if open == nil || text == "" {
		f.Append(label, widget.NewLabel(orDash(text)))
		return
	}
	h := widget.NewHyperlink(text, nil)
	h.OnTapped = open
	f.Append(label, h)
}

// section titles a block of a detail window.
func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(title)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return container.NewVBox(l, body)
}

// smallTable shows a short in-memory list (items, history, related rows):
// these are bounded by one record, unlike the paged lists.
func smallTable(headers []string, widths []float32, rows [][]string, onOpen func(i int)) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return len(rows), len(headers) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(rows[id.Row][id.Col])
		},
	)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	if onOpen != nil {
		t.OnSelected = func(id widget.TableCellID) {
			t.UnselectAll()
			onOpen(id.Row)
		}
	}
	return t
}

// refreshButton re-fetches the record from Magento, then re-reads it.
func (d *DetailWindows) refreshButton(dw *detailWindow, channelID int64, entity string, magentoID int64) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("Refresh from Magento", theme.ViewRefreshIcon(), func() {
		if d.actions == nil {
			return
		}
		b.Disable()
		d.loads.Add(1)
		go func() {
			defer d.loads.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			err := d.actions.RefreshRecord(ctx, channelID, entity, magentoID)
			runOnUI(func() {
				b.Enable()
				if err != nil {
					dialog.ShowError(fmt.Errorf("refresh from Magento: %w", err), dw.win)
					return
				}
				dw.reload()
			})
		}()
	})
	return b
}

// adminButton opens the record in the Magento admin; nil when the admin
// URL is not known.
func (d *DetailWindows) adminButton(channelID int64, entity string, magentoID int64) fyne.CanvasObject {
	if d.actions == nil {
		return nil
	}
	link := app.AdminRecordURL(d.actions.AdminURL(channelID), entity, magentoID)
	if link == "" {
		return nil
	}
	u, err := url.Parse(link)
	if err != nil {
		return nil
	}
	return widget.NewButtonWithIcon("Open in Magento admin", theme.ComputerIcon(), func() {
		if err := d.app.OpenURL(u); err != nil {
			slog.Error("open admin url", "err", err)
		}
	})
}

// buttons drops the nil entries (absent actions).
func buttons(objs ...fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objs {
		if o != nil {
			if b, ok := o.(*widget.Button); ok && b == nil {
				continue
			}
			out = append(out, o)
		}
	}
	return out
}

// addressText prints an address block on a few lines.
func addressText(name, company string, street []string, city, region, postcode, country, phone string) string {
	lines := []string{}
	add := func(s string) {
		if s != "" {
			lines = append(lines, s)
		}
	}
	add(name)
	add(company)
	for _, s := range street {
		add(s)
	}
	add(fullName(postcode, city))
	add(fullName(region, country))
	add(phone)
	out := ""
	for i, l := range lines {
		if i > 0 {
			out += "\n"
		}
		out += l
	}
	return out
}
