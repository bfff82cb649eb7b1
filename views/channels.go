package views

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// channelHost is what the Channels page asks of the window around it.
type channelHost interface {
	OpenWizard(existing *model.Channel)
	ConfirmRemove(ch model.Channel)
}

// ChannelsPage lists the channels with their last sync time and result,
// and Sync now / Edit / Remove per channel.
type ChannelsPage struct {
	core *app.Core
	host channelHost

	List      *widget.List
	AddButton *widget.Button
	Empty     *widget.Label
	box       fyne.CanvasObject

	mu     sync.Mutex
	all    []model.Channel
	rows   []model.Channel // after the search filter
	search string
	loads  sync.WaitGroup
}

// NewChannelsPage builds the page and starts loading.
func NewChannelsPage(core *app.Core, host channelHost) *ChannelsPage {
	p := &ChannelsPage{core: core, host: host}
	p.List = widget.NewList(p.length, p.createRow, p.updateRow)
	p.List.OnSelected = func(widget.ListItemID) { p.List.UnselectAll() }
	p.AddButton = widget.NewButtonWithIcon("Add channel", theme.ContentAddIcon(), func() { host.OpenWizard(nil) })
	p.AddButton.Importance = widget.HighImportance
	p.Empty = widget.NewLabel("No channel yet: add your Magento store, or explore the demo store.")
	p.Empty.Hide()
	intro := widget.NewLabel("Each channel is one Magento store synced into this computer.")
	intro.Importance = widget.LowImportance
	p.box = container.NewBorder(
		container.NewBorder(nil, nil, intro, p.AddButton),
		nil, nil, nil,
		container.NewStack(p.List, container.NewCenter(p.Empty)),
	)
	p.Reload()
	return p
}

// Content is the page's widget tree.
func (p *ChannelsPage) Content() fyne.CanvasObject { return p.box }

// SetChannel does nothing: this page always lists every channel.
func (p *ChannelsPage) SetChannel(int64) {}

// SetSearch filters the channels by name or URL.
func (p *ChannelsPage) SetSearch(text string) {
	p.mu.Lock()
	p.search = strings.ToLower(strings.TrimSpace(text))
	p.applyFilterLocked()
	p.mu.Unlock()
	p.List.Refresh()
}

// ExportCSV does nothing: channels are settings, not records.
func (p *ChannelsPage) ExportCSV(fyne.Window) {}

// Reload reads the channels off the UI thread.
func (p *ChannelsPage) Reload() {
	p.loads.Add(1)
	go func() {
		defer p.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		chs, err := p.core.Channels(ctx)
		if err != nil {
			return
		}
		runOnUI(func() {
			p.mu.Lock()
			p.all = chs
			p.applyFilterLocked()
			n := len(p.all)
			p.mu.Unlock()
			if n == 0 {
				p.Empty.Show()
			} else {
				p.Empty.Hide()
			}
			p.List.Refresh()
		})
	}()
}

// WaitLoaded blocks until pending loads are applied (tests).
func (p *ChannelsPage) WaitLoaded() {
	for {
		p.loads.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// Rows returns the channels shown, in order.
func (p *ChannelsPage) Rows() []model.Channel {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]model.Channel(nil), p.rows...)
}

func (p *ChannelsPage) applyFilterLocked() {
	p.rows = p.rows[:0]
	for _, ch := range p.all {
		if p.search == "" || strings.Contains(strings.ToLower(ch.Name+" "+ch.BaseURL), p.search) {
			p.rows = append(p.rows, ch)
		}
	}
}

func (p *ChannelsPage) length() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.rows)
}

// channelRow is the template of one list row.
type channelRow struct {
	name, demo, url, status *widget.Label
	sync, edit, remove      *widget.Button
	box                     *fyne.Container
}

func (p *ChannelsPage) createRow() fyne.CanvasObject {
	r := &channelRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		demo:   widget.NewLabel("Demo"),
		url:    widget.NewLabel(""),
		status: widget.NewLabel(""),
		sync:   widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), nil),
		edit:   widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), nil),
		remove: widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), nil),
	}
	r.demo.Importance = widget.WarningImportance
	r.url.Importance = widget.LowImportance
	r.url.Truncation = fyne.TextTruncateEllipsis
	r.status.Truncation = fyne.TextTruncateEllipsis
	info := container.NewVBox(container.NewHBox(r.name, r.demo), r.url, r.status)
	r.box = container.NewBorder(nil, widget.NewSeparator(), nil,
		container.NewCenter(container.NewHBox(r.sync, r.edit, r.remove)), info)
	w := &channelRowWidget{row: r}
	w.ExtendBaseWidget(w)
	return w
}

func (p *ChannelsPage) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	p.mu.Lock()
	if id >= len(p.rows) {
		p.mu.Unlock()
		return
	}
	ch := p.rows[id]
	p.mu.Unlock()
	r := o.(*channelRowWidget).row
	r.name.SetText(ch.Name)
	if ch.IsDemo {
		r.demo.Show()
	} else {
		r.demo.Hide()
	}
	url := ch.BaseURL
	if ch.StoreName != "" {
		url = ch.StoreName + " — " + url
	}
	if ch.SyncInterval > 0 {
		url += fmt.Sprintf("  ·  syncs every %d min", ch.SyncInterval)
	} else {
		url += "  ·  syncs on Sync now only"
	}
	r.url.SetText(url)
	status := app.SyncStatusText(ch, time.Local)
	if p.core.Scheduler.Running(ch.ID) {
		status = "Syncing…"
	}
	r.status.SetText(status)
	switch {
	case strings.HasPrefix(ch.LastSyncStatus, "failed"):
		r.status.Importance = widget.DangerImportance
	default:
		r.status.Importance = widget.MediumImportance
	}
	r.status.Refresh()
	r.sync.OnTapped = func() { p.core.Scheduler.SyncNow(ch.ID); p.List.RefreshItem(id) }
	r.edit.OnTapped = func() { c := ch; p.host.OpenWizard(&c) }
	r.remove.OnTapped = func() { p.host.ConfirmRemove(ch) }
}

// channelRowWidget wraps the row container so the List keeps one type.
type channelRowWidget struct {
	widget.BaseWidget
	row *channelRow
}

func (w *channelRowWidget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(w.row.box)
}
