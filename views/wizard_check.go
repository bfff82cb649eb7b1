package views

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/connector"
)

// checkTimeout bounds the whole connection check (several requests).
const checkTimeout = 60 * time.Second

// checkConnection runs the connector's check in a goroutine with the
// activity spinner on, then shows what it found or why it failed.
func (w *Wizard) checkConnection() {
	f := &w.f
	if err := w.validateConnectionFields(); err != nil {
		w.setCheckResult(err.Error(), widget.DangerImportance)
		w.signalChecked()
		return
	}
	ch, secrets := w.channel()
	key := w.connectionKey()
	f.CheckButton.Disable()
	f.Activity.Show()
	f.Activity.Start()
	f.CheckResult.Importance = widget.MediumImportance
	f.CheckResult.SetText("Checking " + ch.BaseURL + " …")
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), checkTimeout)
		defer cancel()
		rep, err := w.core.CheckConnection(ctx, ch, secrets)
		var fp, subject string
		if err != nil && strings.HasPrefix(ch.BaseURL, "https://") && errors.Is(err, connector.ErrTLS) {
			// A self-signed or private-CA certificate: show its fingerprint
			// so the user can compare it with the one their host gave them.
			fp, subject, _ = w.core.FetchCertificate(ctx, ch.BaseURL)
		}
		runOnUI(func() {
			f.Activity.Stop()
			f.Activity.Hide()
			f.CheckButton.Enable()
			if fp != "" {
				f.fingerprint = fp
				f.CertInfo.SetText(fmt.Sprintf("The server presents a certificate your system does not trust.\nSubject: %s\nSHA-256: %s\nTick the box only if this fingerprint is the one your hosting gave you, then check again.", subject, connector.FormatFingerprint(fp)))
				f.trustBox.Show()
			}
			switch {
			case rep != nil:
				// Connected; err, if any, names ACL resources that are
				// missing: the store is usable, but some records won't sync.
				w.mu.Lock()
				w.report = rep
				w.checkedAs = key
				w.mu.Unlock()
				text := reportText(rep)
				if err != nil {
					text += "\n\nWarning: " + connector.HumanMessage(err)
				}
				imp := widget.SuccessImportance
				if err != nil {
					imp = widget.WarningImportance
				}
				w.setCheckResult(text, imp)
			default:
				w.setCheckResult("Connection failed: "+connector.HumanMessage(err), widget.DangerImportance)
			}
			w.signalChecked()
		})
	}()
}

// setCheckResult shows the check's outcome, coloured by how it went.
func (w *Wizard) setCheckResult(text string, imp widget.Importance) {
	w.f.CheckResult.Importance = imp
	w.f.CheckResult.SetText(text)
}

func (w *Wizard) signalChecked() {
	w.mu.Lock()
	close(w.checked)
	w.checked = make(chan struct{})
	w.mu.Unlock()
}

// CheckResultText is what the last check showed (tests read it).
func (w *Wizard) CheckResultText() string { return w.f.CheckResult.Text }

// reportText lists what the check found in words a shop owner reads.
func reportText(r *connector.ConnectionReport) string {
	var b strings.Builder
	b.WriteString("Connected.\n")
	if r.StoreName != "" {
		fmt.Fprintf(&b, "Store: %s\n", r.StoreName)
	}
	var sites []string
	for _, s := range r.Websites {
		if s.MagentoID != 0 {
			sites = append(sites, s.Name)
		}
	}
	if len(sites) > 0 {
		fmt.Fprintf(&b, "Websites: %s\n", strings.Join(sites, ", "))
	}
	var views []string
	for _, v := range r.StoreViews {
		if v.MagentoID != 0 {
			views = append(views, fmt.Sprintf("%s (%s)", v.Name, v.Code))
		}
	}
	if len(views) > 0 {
		fmt.Fprintf(&b, "Store views: %s\n", strings.Join(views, ", "))
	}
	if r.BaseCurrency != "" {
		fmt.Fprintf(&b, "Base currency: %s\n", r.BaseCurrency)
	}
	if r.Timezone != "" {
		fmt.Fprintf(&b, "Time zone: %s\n", r.Timezone)
	}
	if r.HasNewsletterRoute {
		b.WriteString("Newsletter subscribers: via the newsletter API module\n")
	} else {
		b.WriteString("Newsletter subscribers: derived from customers (no newsletter API module found)\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
