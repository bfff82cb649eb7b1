package views

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/model"
)

// PendingChanges lists the customer edits waiting for Magento (two-way
// sync): those not pushed yet and those that failed, with their error,
// plus recent pushes with the conflicts the channel's priority settled.
// "Send again" retries every open one.
type PendingChanges struct {
	w         *ActWindows
	win       fyne.Window
	channelID int64

	List    *widget.List
	Retry   *widget.Button
	Summary *widget.Label
	History *widget.Check

	items []model.PushItem
}

// PendingChanges opens the queue of a channel (0 = every channel).
func (w *ActWindows) PendingChanges(channelID int64) *PendingChanges {
	p := &PendingChanges{w: w, channelID: channelID, Summary: noteLabel("", widget.MediumImportance)}
	p.List = widget.NewList(func() int { return len(p.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("status · customer\nerror")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(pushItemText(p.items[i])) })
	p.Retry = widget.NewButton("Send again", p.retry)
	p.Retry.Importance = widget.HighImportance
	p.History = widget.NewCheck("Show sent changes too", func(bool) { p.reload() })
	p.win = w.newWindow("Pending changes", fyne.NewSize(720, 520))
	p.win.SetContent(container.NewBorder(container.NewVBox(p.Summary, container.NewHBox(p.Retry, p.History)), nil, nil, nil, p.List))
	p.win.Show()
	p.reload()
	return p
}

func pushItemText(it model.PushItem) string {
	status := map[string]string{model.PushPending: "Waiting", model.PushFailed: "Failed", model.PushDone: "Sent"}[it.Status]
	text := fmt.Sprintf("%s · %s · %d attempt(s) · %s", status, it.Label, it.Attempts, it.UpdatedAt)
	if it.LastError != "" {
		text += "\n" + it.LastError
	}
	if it.Conflicts != "" {
		text += "\nSettled by priority: " + it.Conflicts
	}
	return text
}

func (p *PendingChanges) reload() {
	var items []model.PushItem
	withDone := p.History.Checked
	p.w.run(p.win, func(ctx context.Context) error {
		var err error
		items, err = p.w.svc.PushQueue(ctx, p.channelID, withDone)
		return err
	}, func(err error) {
		if err != nil {
			p.Summary.SetText("Could not read the pending changes: " + err.Error())
			return
		}
		p.items = items
		p.List.Refresh()
		open := 0
		for _, it := range items {
			if it.Status != model.PushDone {
				open++
			}
		}
		if open == 0 {
			p.Summary.SetText("Every change has reached Magento.")
			p.Retry.Disable()
		} else {
			p.Summary.SetText(fmt.Sprintf("%d change(s) have not reached Magento yet.", open))
			p.Retry.Enable()
		}
	})
}

func (p *PendingChanges) retry() {
	p.Retry.Disable()
	var n int
	p.w.run(p.win, func(ctx context.Context) error {
		var err error
		n, err = p.w.svc.RetryPushes(ctx, p.channelID)
		return err
	}, func(err error) {
		p.reload()
		if err != nil {
			p.Summary.SetText(fmt.Sprintf("%d sent; the others failed again: %v", n, err))
		}
	})
}
