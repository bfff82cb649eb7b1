package views

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// syncLogRuns is how many recent runs the log lists per channel.
const syncLogRuns = 200

// SyncLogPage shows each sync run with its counters per entity, and the
// records that failed to sync (Magento id, message, attempts).
type SyncLogPage struct {
	core *app.Core

	Runs     *widget.List
	Counters *widget.Table
	Errors   *widget.Table
	Summary  *widget.Label
	NoErrors *widget.Label
	box      fyne.CanvasObject

	mu        sync.Mutex
	channelID int64
	search    string
	names     map[int64]string
	runs      []model.SyncRun
	selected  int
	counters  [][]string // rows of the counters table for the selected run
	errs      []model.SyncError
	errRows   [][]string
	loads     sync.WaitGroup
}

var counterHeaders = []string{"Records", "Read", "Added", "Updated", "Skipped", "Failed", "Magento total"}
var errorHeaders = []string{"Channel", "Records", "Magento id", "Message", "Attempts", "Last attempt"}

// NewSyncLogPage builds the page and starts loading.
func NewSyncLogPage(core *app.Core) *SyncLogPage {
	p := &SyncLogPage{core: core, selected: -1, names: map[int64]string{}}
	p.Runs = widget.NewList(p.runCount,
		func() fyne.CanvasObject {
			l := widget.NewLabel("2026-11-26 14:03  manual  ok — 1,000 added, 1,000 updated")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.RunText(id)) })
	p.Runs.OnSelected = func(id widget.ListItemID) { p.selectRun(id) }

	p.Counters = newHeaderTable(counterHeaders, []float32{170, 64, 64, 70, 70, 64, 110},
		func() (int, int) { p.mu.Lock(); defer p.mu.Unlock(); return len(p.counters), len(counterHeaders) },
		func(r, c int) string { return p.CounterText(r, c) })
	p.Errors = newHeaderTable(errorHeaders, []float32{120, 130, 96, 420, 74, 150},
		func() (int, int) { p.mu.Lock(); defer p.mu.Unlock(); return len(p.errRows), len(errorHeaders) },
		func(r, c int) string { return p.ErrorText(r, c) })
	p.Summary = widget.NewLabel("")
	p.Summary.Wrapping = fyne.TextWrapWord
	p.NoErrors = widget.NewLabel("No record failed to sync.")
	p.NoErrors.Importance = widget.LowImportance

	right := container.NewVSplit(
		container.NewBorder(container.NewVBox(widget.NewLabelWithStyle("Run", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), p.Summary), nil, nil, nil, p.Counters),
		container.NewBorder(widget.NewLabelWithStyle("Records that failed to sync", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil,
			container.NewStack(p.Errors, container.NewCenter(p.NoErrors))),
	)
	right.Offset = 0.5
	split := container.NewHSplit(
		container.NewBorder(widget.NewLabelWithStyle("Runs (newest first)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, p.Runs),
		right)
	split.Offset = 0.34
	p.box = split
	p.Reload()
	return p
}

// newHeaderTable is a small table with a header row, for the log's short lists.
func newHeaderTable(headers []string, widths []float32, size func() (int, int), text func(r, c int) string) *widget.Table {
	t := widget.NewTableWithHeaders(size,
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(id.Row, id.Col)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(headers) {
			o.(*widget.Label).SetText(headers[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// Content is the page's widget tree.
func (p *SyncLogPage) Content() fyne.CanvasObject { return p.box }

// SetChannel shows one channel's runs (0 = every channel).
func (p *SyncLogPage) SetChannel(id int64) {
	p.mu.Lock()
	p.channelID = id
	p.mu.Unlock()
	p.Reload()
}

// SetSearch filters the failed records by message, entity or Magento id.
func (p *SyncLogPage) SetSearch(text string) {
	p.mu.Lock()
	p.search = strings.ToLower(strings.TrimSpace(text))
	p.buildErrorRowsLocked()
	p.mu.Unlock()
	p.showErrors()
}

// showErrors refreshes the failed-records table, or says there are none.
func (p *SyncLogPage) showErrors() {
	if p.ErrorRows() == 0 {
		p.NoErrors.Show()
	} else {
		p.NoErrors.Hide()
	}
	p.Errors.Refresh()
}

// ExportCSV does nothing for the log.
func (p *SyncLogPage) ExportCSV(fyne.Window) {}

// WaitLoaded blocks until pending loads are applied (tests).
func (p *SyncLogPage) WaitLoaded() {
	for {
		p.loads.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// Reload reads runs and errors off the UI thread.
func (p *SyncLogPage) Reload() {
	p.mu.Lock()
	id := p.channelID
	p.mu.Unlock()
	p.loads.Add(1)
	go func() {
		defer p.loads.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		runs, errs, names, err := p.load(ctx, id)
		runOnUI(func() {
			if err != nil {
				p.Summary.SetText("Could not read the sync log: " + err.Error())
				return
			}
			p.mu.Lock()
			p.runs, p.errs, p.names = runs, errs, names
			if p.selected >= len(p.runs) {
				p.selected = -1
			}
			sel := p.selected
			p.buildErrorRowsLocked()
			p.mu.Unlock()
			p.Runs.Refresh()
			p.showErrors()
			if sel < 0 && len(runs) > 0 {
				p.Runs.Select(0) // the newest run is what people look for
			} else {
				p.selectRun(sel)
			}
		})
	}()
}

func (p *SyncLogPage) load(ctx context.Context, channelID int64) ([]model.SyncRun, []model.SyncError, map[int64]string, error) {
	chs, err := p.core.Channels(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	names := map[int64]string{}
	var runs []model.SyncRun
	var errs []model.SyncError
	for _, ch := range chs {
		names[ch.ID] = ch.Name
		if channelID != 0 && ch.ID != channelID {
			continue
		}
		r, err := p.core.Store.ListRuns(ctx, ch.ID, syncLogRuns)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("runs of %s: %w", ch.Name, err)
		}
		runs = append(runs, r...)
		e, err := p.core.Store.ListSyncErrors(ctx, ch.ID)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("sync errors of %s: %w", ch.Name, err)
		}
		errs = append(errs, e...)
	}
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].StartedAt != runs[j].StartedAt {
			return runs[i].StartedAt > runs[j].StartedAt
		}
		return runs[i].ID > runs[j].ID
	})
	if len(runs) > syncLogRuns {
		runs = runs[:syncLogRuns]
	}
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].LastAt > errs[j].LastAt })
	return runs, errs, names, nil
}

func (p *SyncLogPage) runCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.runs)
}

// RunCount is how many runs are listed.
func (p *SyncLogPage) RunCount() int { return p.runCount() }

// Run returns the i-th listed run.
func (p *SyncLogPage) Run(i int) (model.SyncRun, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i < 0 || i >= len(p.runs) {
		return model.SyncRun{}, false
	}
	return p.runs[i], true
}

// RunText is the list line of run i: when, channel, kind, status, counters.
func (p *SyncLogPage) RunText(i int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if i < 0 || i >= len(p.runs) {
		return ""
	}
	r := p.runs[i]
	when := app.FormatTime(r.StartedAt, time.Local)
	s := when
	if len(p.names) > 1 {
		s += "  " + p.names[r.ChannelID]
	}
	return fmt.Sprintf("%s  %s  %s — %s", s, r.Kind, r.Status, app.SummarizeRun(r))
}

func (p *SyncLogPage) selectRun(i int) {
	p.mu.Lock()
	p.selected = i
	p.counters = nil
	summary := ""
	if i >= 0 && i < len(p.runs) {
		r := p.runs[i]
		for _, e := range model.SyncEntities {
			if c, ok := r.Counters[e]; ok {
				p.counters = append(p.counters, counterRow(e, c))
			}
		}
		// Entities the engine counted that are not in the usual list
		// (dictionaries) come last, sorted, so nothing is hidden.
		var extra []string
		for e := range r.Counters {
			if !containsString(model.SyncEntities, e) {
				extra = append(extra, e)
			}
		}
		sort.Strings(extra)
		for _, e := range extra {
			p.counters = append(p.counters, counterRow(e, r.Counters[e]))
		}
		summary = runSummaryText(r, p.names[r.ChannelID])
	}
	p.mu.Unlock()
	p.Summary.SetText(summary)
	p.Counters.Refresh()
}

func counterRow(entity string, c model.Counters) []string {
	total := ""
	if c.Total > 0 {
		total = app.FormatCount(c.Total)
	}
	return []string{app.EntityTitle(entity), app.FormatCount(c.Read), app.FormatCount(c.Added),
		app.FormatCount(c.Updated), app.FormatCount(c.Skipped), app.FormatCount(c.Failed), total}
}

func runSummaryText(r model.SyncRun, channel string) string {
	s := fmt.Sprintf("%s — %s run, %s", channel, r.Kind, r.Status)
	s += "\nStarted " + app.FormatTime(r.StartedAt, time.Local)
	if r.EndedAt != "" {
		s += ", ended " + app.FormatTime(r.EndedAt, time.Local)
		if a, ok := app.ParseMagentoTime(r.StartedAt); ok {
			if b, ok := app.ParseMagentoTime(r.EndedAt); ok {
				s += fmt.Sprintf(" (%s)", b.Sub(a).Round(time.Second))
			}
		}
	}
	if r.Message != "" {
		s += "\n" + r.Message
	}
	return s
}

func (p *SyncLogPage) buildErrorRowsLocked() {
	p.errRows = p.errRows[:0]
	for _, e := range p.errs {
		row := []string{p.names[e.ChannelID], app.EntityTitle(e.Entity), strconv.FormatInt(e.MagentoID, 10),
			e.LastError, strconv.FormatInt(e.Attempts, 10), app.FormatTime(e.LastAt, time.Local)}
		if p.search != "" && !strings.Contains(strings.ToLower(strings.Join(row, " ")), p.search) {
			continue
		}
		p.errRows = append(p.errRows, row)
	}
}

// CounterText is the counters table cell (row r, column c) of the selected run.
func (p *SyncLogPage) CounterText(r, c int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r < 0 || r >= len(p.counters) || c < 0 || c >= len(p.counters[r]) {
		return ""
	}
	return p.counters[r][c]
}

// CounterRows is the number of entity rows in the counters table.
func (p *SyncLogPage) CounterRows() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.counters)
}

// ErrorText is the failed-records table cell (row r, column c).
func (p *SyncLogPage) ErrorText(r, c int) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r < 0 || r >= len(p.errRows) || c < 0 || c >= len(p.errRows[r]) {
		return ""
	}
	return p.errRows[r][c]
}

// ErrorRows is the number of failed records listed.
func (p *SyncLogPage) ErrorRows() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.errRows)
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
