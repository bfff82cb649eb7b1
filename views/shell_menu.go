package views

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// Version is shown in Help > About; cmd/magedesk sets it.
var Version = "dev"

func (s *Shell) mainMenu() *fyne.MainMenu {
	syncAll := fyne.NewMenuItem("Sync all channels", s.syncAll)
	syncAll.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	syncLog := fyne.NewMenuItem("Sync log window", func() { s.OpenSyncLogWindow() })
	quit := fyne.NewMenuItem("Quit", func() { s.App.Quit() })
	quit.IsQuit = true
	file := fyne.NewMenu("File", syncAll, syncLog, fyne.NewMenuItemSeparator(), quit)

	channel := fyne.NewMenu("Channel",
		fyne.NewMenuItem("New channel…", func() { s.OpenWizard(nil) }),
		fyne.NewMenuItem("Edit channel…", s.editSelected),
		fyne.NewMenuItem("Remove channel…", s.removeSelected),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Manage channels", func() { s.Show(NavChannels) }),
	)
	help := fyne.NewMenu("Help", fyne.NewMenuItem("About MageDesk", s.about))
	return fyne.NewMainMenu(file, channel, s.actMenu(), help)
}

func (s *Shell) syncAll() {
	go func() {
		if err := s.core.Scheduler.SyncAll(context.Background()); err != nil {
			runOnUI(func() { dialog.ShowError(err, s.Win) })
		}
	}()
}

// selectedChannel is the channel the Channel menu acts on: the one chosen
// in the selector, or the only one.
func (s *Shell) selectedChannel() (model.Channel, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.channels {
		if ch.ID == s.channelID || len(s.channels) == 1 {
			return ch, true
		}
	}
	return model.Channel{}, false
}

func (s *Shell) editSelected() {
	ch, ok := s.selectedChannel()
	if !ok {
		s.Show(NavChannels) // several channels, none chosen: pick one there
		return
	}
	s.OpenWizard(&ch)
}

func (s *Shell) removeSelected() {
	ch, ok := s.selectedChannel()
	if !ok {
		s.Show(NavChannels)
		return
	}
	s.ConfirmRemove(ch)
}

// OpenSyncLogWindow shows the sync log in its own window (of the selected
// channel, or all), kept current while syncs finish.
func (s *Shell) OpenSyncLogWindow() *SyncLogPage {
	w := s.App.NewWindow("Sync log — MageDesk")
	p := NewSyncLogPage(s.core)
	if id := s.ChannelID(); id != 0 {
		p.SetChannel(id)
	}
	unsub := s.core.Events.Subscribe(func(e app.Event) {
		if e.Kind == app.EvSyncFinished {
			runOnUI(p.Reload)
		}
	})
	w.SetOnClosed(unsub)
	w.SetContent(p.Content())
	w.Resize(fyne.NewSize(1100, 640))
	w.Show()
	return p
}

// OpenWizard opens the channel wizard in its own window (existing == nil
// for a new channel).
func (s *Shell) OpenWizard(existing *model.Channel) {
	title := "New channel — MageDesk"
	if existing != nil {
		title = "Edit " + existing.Name + " — MageDesk"
	}
	w := s.App.NewWindow(title)
	wiz := NewWizard(s.core, w, existing)
	wiz.OnCancel = w.Close
	wiz.OnFinish = func(ch model.Channel) {
		w.Close()
		s.SelectChannel(ch.ID)
	}
	w.SetContent(wiz.Content())
	w.Resize(fyne.NewSize(820, 680))
	w.Show()
}

// ConfirmRemove asks, then deletes the channel with all its local data.
func (s *Shell) ConfirmRemove(ch model.Channel) {
	msg := fmt.Sprintf("Remove %q and all its synced records from this computer?\nNothing is deleted in Magento.", ch.Name)
	if ch.IsDemo {
		msg = "Remove the demo store and its made-up records?"
	}
	dialog.ShowConfirm("Remove channel", msg, func(ok bool) {
		if !ok {
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			if err := s.core.DeleteChannel(ctx, ch.ID); err != nil {
				runOnUI(func() { dialog.ShowError(err, s.Win) })
			}
		}()
	}, s.Win)
}

func (s *Shell) about() {
	keychain := "system keychain"
	if s.core.Creds.FallbackInUse() {
		keychain = "a 0600 file in the data folder (no system keychain found)"
	}
	body := widget.NewLabel(fmt.Sprintf("MageDesk %s\n\nYour Magento 2 store's customers, carts, orders, credit memos and newsletter subscribers on your desktop.\n\nData folder: %s\nCredentials: %s",
		Version, s.core.DataDir(), keychain))
	body.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About MageDesk", "Close", body, s.Win)
	d.Resize(fyne.NewSize(480, 300))
	d.Show()
}
