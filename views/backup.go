package views

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// DataActions are the File and Channel menu's data-safety actions:
// back up and restore the database, reset a channel's local data, forget
// a customer. Each asks first, works off the UI thread and reports in a
// dialog. Done (tests) receives each finished action's error.
type DataActions struct {
	Core *app.Core
	Win  fyne.Window
	Done func(action string, err error)
}

func (d *DataActions) finish(action string, err error, ok string) {
	fyne.Do(func() {
		if err != nil {
			dialog.ShowError(err, d.Win)
		} else if ok != "" {
			dialog.ShowInformation(action, ok, d.Win)
		}
		if d.Done != nil {
			d.Done(action, err)
		}
	})
}

// ShowBackup asks where to save a backup (the proposed name says it holds
// customer data), then writes it.
func (d *DataActions) ShowBackup() {
	notice := widget.NewLabel(app.BackupNotice)
	notice.Wrapping = fyne.TextWrapWord
	dialog.ShowCustomConfirm("Back up the database", "Choose a file…", "Cancel", notice, func(ok bool) {
		if !ok {
			return
		}
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			w.Close() // Backup writes the file itself (atomically)
			d.Backup(path)
		}, d.Win)
		save.SetFileName(app.DefaultBackupName(time.Now()))
		save.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
		save.Show()
	}, d.Win)
}

// Backup writes a backup to path in the background.
func (d *DataActions) Backup(path string) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		info, err := d.Core.Backup(ctx, path)
		msg := ""
		if err == nil {
			msg = fmt.Sprintf("Saved %s (%s): %d channels, %d customers, %d orders.\n\nIt holds your customers' personal data: keep it safe.",
				filepath.Base(info.Path), formatBytes(info.Size), info.Channels, info.Customers, info.Orders)
		}
		d.finish("Backup", err, msg)
	}()
}

// ShowRestore asks for a backup file, shows what it holds, and asks for
// confirmation before replacing the local data.
func (d *DataActions) ShowRestore() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		d.ConfirmRestore(path)
	}, d.Win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	open.Show()
}

// ConfirmRestore reads the backup's label and asks before restoring.
func (d *DataActions) ConfirmRestore(path string) {
	go func() {
		info, err := app.ReadBackupInfo(context.Background(), path)
		if err != nil {
			d.finish("Restore", err, "")
			return
		}
		fyne.Do(func() {
			when := "unknown date"
			if !info.CreatedAt.IsZero() {
				when = info.CreatedAt.Local().Format("Jan 2, 2006 15:04")
			}
			msg := fmt.Sprintf("Replace everything MageDesk holds on this computer with the backup of %s (%d channels, %d customers, %d orders)?\n\nRunning syncs stop. Data synced since the backup is fetched again at the next sync.",
				when, info.Channels, info.Customers, info.Orders)
			dialog.ShowConfirm("Restore a backup", msg, func(ok bool) {
				if ok {
					d.Restore(path)
				}
			}, d.Win)
		})
	}()
}

// Restore restores path in the background.
func (d *DataActions) Restore(path string) {
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		err := d.Core.Restore(ctx, path)
		d.finish("Restore", err, "The backup was restored.")
	}()
}

// ConfirmReset asks, then deletes everything synced for the channel.
func (d *DataActions) ConfirmReset(ch model.Channel) {
	msg := fmt.Sprintf("Delete every customer, cart, order, credit memo and subscriber of %q from this computer?\n\nThe channel and its settings stay; the next sync fetches everything again. Nothing changes in Magento.", ch.Name)
	dialog.ShowConfirm("Reset local data", msg, func(ok bool) {
		if !ok {
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			err := d.Core.ResetChannelData(ctx, ch.ID)
			d.finish("Reset local data", err, "")
		}()
	}, d.Win)
}

// ConfirmForget asks, then erases the customer from the local data.
func (d *DataActions) ConfirmForget(customerID int64, name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "this customer"
	}
	msg := fmt.Sprintf("Erase %s from this computer: profile, addresses, and the names, emails and addresses on their orders, carts and credit memos? Order numbers and totals stay.\n\nThis cannot be undone. The customer stays in Magento.", name)
	dialog.ShowConfirm("Forget this customer", msg, func(ok bool) {
		if !ok {
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			err := d.Core.ForgetCustomer(ctx, customerID)
			d.finish("Forget this customer", err, "")
		}()
	}, d.Win)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
