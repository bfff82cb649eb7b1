package views

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// wizardFields are the form widgets of all steps (exported through the
// Wizard's F field for tests).
type wizardFields struct {
	// 1 Name & type
	Name *widget.Entry
	Type *widget.Select
	// 2 Connection
	BaseURL, StoreCode, AdminURL   *widget.Entry
	AuthMode                       *widget.RadioGroup
	Token                          *widget.Entry
	ConsumerKey, ConsumerSecret    *widget.Entry
	AccessToken, AccessTokenSecret *widget.Entry
	BasicUser, BasicPassword       *widget.Entry
	AllowHTTP                      *widget.Check
	TrustCert                      *widget.Check
	CertInfo                       *widget.Label
	CheckButton                    *widget.Button
	Activity                       *widget.Activity
	CheckResult                    *widget.Label
	bearerBox, oauthBox            *fyne.Container
	trustBox                       *fyne.Container
	fingerprint                    string
	draft                          model.Channel
	// 3 Websites & entities
	websiteBox *fyne.Container
	Websites   []*widget.Check
	websiteIDs []int64
	Entities   map[string]*widget.Check
	// 4 Sync settings
	SyncStart    *widget.Entry // YYYY-MM-DD, empty = all history
	Interval     *widget.Select
	AbandonAfter *widget.Select
	TwoWay       *widget.Check
	Priority     *widget.RadioGroup
	// 5 Summary: Summary holds the plain text (tests read it); the step
	// shows it as a form.
	Summary    *widget.Label
	summaryBox *fyne.Container
}

// Fields exposes the form widgets (tests type into them).
func (w *Wizard) Fields() *wizardFields { return &w.f }

const (
	authBearer = "Integration access token (Bearer)"
	authOAuth  = "OAuth 1.0a (four integration credentials)"
	remoteWins = "Remote wins (Magento's value is kept)"
	localWins  = "Local wins (your edit is pushed)"
)

var intervalLabels = map[int]string{0: "Off (Sync now only)", 5: "Every 5 minutes", 15: "Every 15 minutes", 30: "Every 30 minutes", 60: "Every hour"}

var abandonLabels = []struct {
	label   string
	minutes int
}{{"1 hour", 60}, {"4 hours", 240}, {"1 day", 1440}, {"3 days", 4320}, {"7 days", 10080}}

func (w *Wizard) buildFields(ch model.Channel, s app.Secrets) {
	f := &w.f
	f.draft = ch
	f.Name = widget.NewEntry()
	f.Name.SetPlaceHolder("e.g. My shop")
	f.Name.SetText(ch.Name)
	f.Type = widget.NewSelect([]string{"Magento 2 (REST API)"}, nil)
	f.Type.SetSelectedIndex(0)

	f.BaseURL = widget.NewEntry()
	f.BaseURL.SetPlaceHolder("https://shop.example.com")
	f.BaseURL.SetText(ch.BaseURL)
	f.StoreCode = widget.NewEntry()
	f.StoreCode.SetPlaceHolder("default (leave empty)")
	f.StoreCode.SetText(ch.StoreCode)
	f.AdminURL = widget.NewEntry()
	f.AdminURL.SetPlaceHolder("https://shop.example.com/admin (optional)")
	f.AdminURL.SetText(ch.AdminURL)
	f.Token = widget.NewPasswordEntry()
	f.Token.SetPlaceHolder("Access Token of the integration")
	f.Token.SetText(s.Token)
	f.ConsumerKey = widget.NewEntry()
	f.ConsumerKey.SetText(s.ConsumerKey)
	f.ConsumerSecret = widget.NewPasswordEntry()
	f.ConsumerSecret.SetText(s.ConsumerSecret)
	f.AccessToken = widget.NewEntry()
	f.AccessToken.SetText(s.AccessToken)
	f.AccessTokenSecret = widget.NewPasswordEntry()
	f.AccessTokenSecret.SetText(s.AccessTokenSecret)
	f.BasicUser = widget.NewEntry()
	f.BasicUser.SetPlaceHolder("only if a password protects the staging site")
	f.BasicUser.SetText(ch.BasicAuthUser)
	f.BasicPassword = widget.NewPasswordEntry()
	f.BasicPassword.SetText(s.BasicPassword)
	f.AllowHTTP = widget.NewCheck("Allow plain http (unencrypted: the token travels in clear text)", nil)
	f.AllowHTTP.SetChecked(ch.AllowInsecureHTTP)
	f.TrustCert = widget.NewCheck("Trust this certificate", nil)
	f.TrustCert.SetChecked(ch.TrustedCertSHA256 != "")
	f.fingerprint = ch.TrustedCertSHA256
	f.CertInfo = widget.NewLabel("")
	f.CertInfo.Wrapping = fyne.TextWrapBreak
	f.trustBox = container.NewVBox(f.CertInfo, f.TrustCert)
	if ch.TrustedCertSHA256 == "" {
		f.trustBox.Hide()
	} else {
		f.CertInfo.SetText("Trusted certificate SHA-256: " + ch.TrustedCertSHA256)
	}
	f.bearerBox = container.NewVBox(widget.NewForm(widget.NewFormItem("Access token", f.Token)))
	f.oauthBox = container.NewVBox(widget.NewForm(
		widget.NewFormItem("Consumer key", f.ConsumerKey),
		widget.NewFormItem("Consumer secret", f.ConsumerSecret),
		widget.NewFormItem("Access token", f.AccessToken),
		widget.NewFormItem("Access token secret", f.AccessTokenSecret),
	))
	f.AuthMode = widget.NewRadioGroup([]string{authBearer, authOAuth}, func(s string) {
		if s == authOAuth {
			f.bearerBox.Hide()
			f.oauthBox.Show()
		} else {
			f.oauthBox.Hide()
			f.bearerBox.Show()
		}
	})
	f.AuthMode.Required = true
	if ch.AuthMode == "oauth" {
		f.AuthMode.SetSelected(authOAuth)
	} else {
		f.AuthMode.SetSelected(authBearer)
	}
	f.CheckButton = widget.NewButton("Check connection", w.checkConnection)
	f.Activity = widget.NewActivity()
	f.Activity.Hide()
	f.CheckResult = widget.NewLabel("")
	f.CheckResult.Wrapping = fyne.TextWrapWord

	f.websiteBox = container.NewVBox()
	f.Entities = map[string]*widget.Check{}
	for _, e := range []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers, model.EntityProducts} {
		c := widget.NewCheck(app.EntityTitle(e), nil)
		c.SetChecked(slices.Contains(ch.Entities, e))
		f.Entities[e] = c
	}
	customers := f.Entities[model.EntityCustomers]
	customers.SetChecked(true)
	customers.Text = "Customers (always synced: every other record refers to them)"
	customers.Disable()

	f.SyncStart = widget.NewEntry()
	f.SyncStart.SetPlaceHolder("YYYY-MM-DD — empty = all history")
	if ch.SyncStart != "" && ch.SyncStart != model.DefaultSyncStart {
		f.SyncStart.SetText(ch.SyncStart[:min(10, len(ch.SyncStart))])
	}
	var intervals []string
	for _, m := range app.SyncIntervals {
		intervals = append(intervals, intervalLabels[m])
	}
	f.Interval = widget.NewSelect(intervals, nil)
	f.Interval.SetSelected(intervalLabels[ch.SyncInterval])
	var abandon []string
	sel := ""
	for _, a := range abandonLabels {
		abandon = append(abandon, a.label)
		if a.minutes == ch.AbandonAfter {
			sel = a.label
		}
	}
	if sel == "" && ch.AbandonAfter > 0 {
		sel = fmt.Sprintf("%d minutes", ch.AbandonAfter)
		abandon = append(abandon, sel)
	}
	f.AbandonAfter = widget.NewSelect(abandon, nil)
	f.AbandonAfter.SetSelected(sel)
	f.Priority = widget.NewRadioGroup([]string{remoteWins, localWins}, nil)
	f.Priority.Required = true
	if ch.LocalWins {
		f.Priority.SetSelected(localWins)
	} else {
		f.Priority.SetSelected(remoteWins)
	}
	f.TwoWay = widget.NewCheck("Two-way sync: send edits made here back to Magento", func(on bool) {
		if on {
			f.Priority.Enable()
		} else {
			f.Priority.Disable()
		}
	})
	f.TwoWay.SetChecked(ch.TwoWay)
	if !ch.TwoWay {
		f.Priority.Disable()
	}
	f.Summary = widget.NewLabel("")
	f.Summary.Wrapping = fyne.TextWrapWord
	f.summaryBox = container.NewVBox()
}

func help(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

func (w *Wizard) stepName() wizardPage {
	f := &w.f
	return wizardPage{
		content: container.NewVBox(
			widget.NewForm(
				widget.NewFormItem("Channel name", f.Name),
				widget.NewFormItem("Type", f.Type),
			),
			help("The name is how this store appears in MageDesk, e.g. \"Shop EU\". Only Magento 2 (2.3, 2.4) is supported."),
		),
		validate: func() error {
			if strings.TrimSpace(f.Name.Text) == "" {
				return errors.New("Give the channel a name.")
			}
			return nil
		},
	}
}

// aclHelp tells the user how to create the integration and what to tick.
const aclHelp = "In the Magento admin open System > Extensions > Integrations > Add New Integration, " +
	"give it a name, and under API tick these resources: Magento_Customer::customer, Magento_Cart::manage, " +
	"Magento_Sales::actions_view, Magento_Sales::sales_creditmemo, Magento_Catalog::products, " +
	"Magento_Backend::store, Magento_Customer::group. Save, click Activate and Allow, then copy the Access Token " +
	"(or the four credentials for OAuth). On Magento 2.4.4 and later a token works as Bearer only when " +
	"Stores > Configuration > Services > OAuth > \"Allow OAuth Access Tokens to be used as standalone Bearer tokens\" is Yes; " +
	"otherwise choose OAuth 1.0a."

func (w *Wizard) stepConnection() wizardPage {
	f := &w.f
	form := widget.NewForm(
		widget.NewFormItem("Store base URL", f.BaseURL),
		widget.NewFormItem("Store view code", f.StoreCode),
		widget.NewFormItem("Admin URL", f.AdminURL),
	)
	basic := widget.NewAccordion(widget.NewAccordionItem("HTTP password in front of the site (staging)",
		widget.NewForm(widget.NewFormItem("User", f.BasicUser), widget.NewFormItem("Password", f.BasicPassword))))
	howto := widget.NewAccordion(widget.NewAccordionItem("How do I get a token?", help(aclHelp)))
	return wizardPage{
		content: container.NewVBox(
			form,
			widget.NewLabelWithStyle("Authentication", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			f.AuthMode, f.bearerBox, f.oauthBox,
			help("Create an integration in the Magento admin under System > Extensions > Integrations, activate it, and paste its credentials here."),
			howto, basic, f.AllowHTTP, f.trustBox,
			container.NewHBox(f.CheckButton, f.Activity),
			f.CheckResult,
		),
		validate: func() error {
			if err := w.validateConnectionFields(); err != nil {
				return err
			}
			w.mu.Lock()
			ok := w.checkedAs != "" && w.checkedAs == w.connectionKey()
			w.mu.Unlock()
			if !ok {
				return errors.New("Check the connection first (the button above): the next step needs what it finds.")
			}
			return nil
		},
	}
}

// validateConnectionFields checks the form before any network call.
func (w *Wizard) validateConnectionFields() error {
	f := &w.f
	raw := app.NormalizeBaseURL(f.BaseURL.Text)
	if raw == "" {
		return errors.New("Enter the store's base URL, e.g. https://shop.example.com.")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("%q is not a web address: it should look like https://shop.example.com.", f.BaseURL.Text)
	}
	if u.Scheme == "http" && !app.IsLoopbackURL(raw) && !f.AllowHTTP.Checked {
		return errors.New("Plain http sends your access token unencrypted. Use https, or tick \"Allow plain http\" if you accept the risk.")
	}
	if f.AuthMode.Selected == authOAuth {
		if strings.TrimSpace(f.ConsumerKey.Text) == "" || strings.TrimSpace(f.ConsumerSecret.Text) == "" ||
			strings.TrimSpace(f.AccessToken.Text) == "" || strings.TrimSpace(f.AccessTokenSecret.Text) == "" {
			return errors.New("OAuth needs all four credentials of the integration.")
		}
	} else if strings.TrimSpace(f.Token.Text) == "" {
		return errors.New("Paste the integration's access token.")
	}
	return nil
}

// connectionKey identifies the connection fields, so a change after a
// successful check asks for a new check.
func (w *Wizard) connectionKey() string {
	f := &w.f
	return strings.Join([]string{
		app.NormalizeBaseURL(f.BaseURL.Text), f.StoreCode.Text, f.AuthMode.Selected, f.Token.Text,
		f.ConsumerKey.Text, f.ConsumerSecret.Text, f.AccessToken.Text, f.AccessTokenSecret.Text,
		f.BasicUser.Text, f.BasicPassword.Text, strconv.FormatBool(f.AllowHTTP.Checked),
		strconv.FormatBool(f.TrustCert.Checked), f.fingerprint,
	}, "\x00")
}

func (w *Wizard) stepScope() wizardPage {
	f := &w.f
	ents := container.NewVBox()
	for _, e := range []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers, model.EntityProducts} {
		ents.Add(f.Entities[e])
	}
	return wizardPage{
		content: container.NewVBox(
			widget.NewLabelWithStyle("Websites to sync", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			f.websiteBox,
			widget.NewLabelWithStyle("Records to sync", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			ents,
			help("Products are only needed to add items to carts from MageDesk; large catalogues take a while."),
		),
		enter: w.fillWebsites,
		validate: func() error {
			if len(f.Websites) > 0 && !slices.ContainsFunc(f.Websites, func(c *widget.Check) bool { return c.Checked }) {
				return errors.New("Choose at least one website.")
			}
			return nil
		},
	}
}

// fillWebsites lists the websites the connection check found, ticking the
// channel's current choice (all for a new channel).
func (w *Wizard) fillWebsites() {
	f := &w.f
	w.mu.Lock()
	rep := w.report
	w.mu.Unlock()
	var sites []model.Website
	if rep != nil {
		sites = rep.Websites
	}
	prev := map[int64]bool{}
	for i, c := range f.Websites {
		prev[f.websiteIDs[i]] = c.Checked
	}
	f.websiteBox.RemoveAll()
	f.Websites, f.websiteIDs = nil, nil
	for _, s := range sites {
		if s.MagentoID == 0 {
			continue // the admin website holds no shop data
		}
		c := widget.NewCheck(fmt.Sprintf("%s (%s)", s.Name, s.Code), nil)
		on, seen := prev[s.MagentoID]
		switch {
		case seen:
			c.SetChecked(on)
		case len(f.draft.WebsiteIDs) > 0:
			c.SetChecked(slices.Contains(f.draft.WebsiteIDs, s.MagentoID))
		default:
			c.SetChecked(true)
		}
		f.Websites = append(f.Websites, c)
		f.websiteIDs = append(f.websiteIDs, s.MagentoID)
		f.websiteBox.Add(c)
	}
	if len(sites) == 0 {
		f.websiteBox.Add(help("All websites (the connection check did not list them)."))
	}
}

func (w *Wizard) stepSettings() wizardPage {
	f := &w.f
	return wizardPage{
		content: container.NewVBox(
			widget.NewForm(
				widget.NewFormItem("Sync records from", f.SyncStart),
				widget.NewFormItem("Sync automatically", f.Interval),
				widget.NewFormItem("Cart abandoned after", f.AbandonAfter),
			),
			help("An open cart with items and a known customer or email that has not changed for this long counts as abandoned."),
			f.TwoWay, f.Priority,
			help("When both sides changed a record, the priority decides which version wins."),
		),
		validate: func() error {
			if _, err := w.syncStart(); err != nil {
				return err
			}
			if f.Interval.Selected == "" {
				return errors.New("Choose how often to sync (or Off).")
			}
			if f.AbandonAfter.Selected == "" {
				return errors.New("Choose after how long an open cart counts as abandoned.")
			}
			return nil
		},
	}
}

// syncStart turns the date field into Magento's UTC time ("" = all history).
func (w *Wizard) syncStart() (string, error) {
	t := strings.TrimSpace(w.f.SyncStart.Text)
	if t == "" {
		return model.DefaultSyncStart, nil
	}
	d, err := time.Parse("2006-01-02", t)
	if err != nil {
		return "", fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, or leave it empty for all history.", t)
	}
	return d.Format("2006-01-02") + " 00:00:00", nil
}

func (w *Wizard) stepSummary() wizardPage {
	return wizardPage{
		content: container.NewVBox(w.f.summaryBox,
			help(finishHelp(w.core.Creds.FallbackInUse()))),
		enter:    w.fillSummary,
		validate: func() error { return nil },
	}
}

// channel collects the form into a channel and its secrets.
func (w *Wizard) channel() (model.Channel, app.Secrets) {
	f := &w.f
	ch := f.draft
	ch.Name = strings.TrimSpace(f.Name.Text)
	ch.Type = "magento2"
	ch.BaseURL = app.NormalizeBaseURL(f.BaseURL.Text)
	ch.StoreCode = strings.TrimSpace(f.StoreCode.Text)
	ch.AdminURL = strings.TrimRight(strings.TrimSpace(f.AdminURL.Text), "/")
	ch.BasicAuthUser = strings.TrimSpace(f.BasicUser.Text)
	ch.AllowInsecureHTTP = f.AllowHTTP.Checked
	ch.TrustedCertSHA256 = ""
	if f.TrustCert.Checked {
		ch.TrustedCertSHA256 = f.fingerprint
	}
	s := app.Secrets{BasicPassword: f.BasicPassword.Text}
	if f.AuthMode.Selected == authOAuth {
		ch.AuthMode = "oauth"
		s.ConsumerKey = strings.TrimSpace(f.ConsumerKey.Text)
		s.ConsumerSecret = strings.TrimSpace(f.ConsumerSecret.Text)
		s.AccessToken = strings.TrimSpace(f.AccessToken.Text)
		s.AccessTokenSecret = strings.TrimSpace(f.AccessTokenSecret.Text)
	} else {
		ch.AuthMode = "bearer"
		s.Token = strings.TrimSpace(f.Token.Text)
	}
	ch.WebsiteIDs = nil
	all := true
	for i, c := range f.Websites {
		if c.Checked {
			ch.WebsiteIDs = append(ch.WebsiteIDs, f.websiteIDs[i])
		} else {
			all = false
		}
	}
	if all {
		ch.WebsiteIDs = nil // all websites, including ones added later
	}
	ch.Entities = nil
	for _, e := range []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers, model.EntityProducts} {
		if f.Entities[e].Checked {
			ch.Entities = append(ch.Entities, e)
		}
	}
	ch.SyncStart, _ = w.syncStart()
	for m, l := range intervalLabels {
		if l == f.Interval.Selected {
			ch.SyncInterval = m
		}
	}
	for _, a := range abandonLabels {
		if a.label == f.AbandonAfter.Selected {
			ch.AbandonAfter = a.minutes
		}
	}
	ch.TwoWay = f.TwoWay.Checked
	ch.LocalWins = f.TwoWay.Checked && f.Priority.Selected == localWins
	w.mu.Lock()
	if rep := w.report; rep != nil {
		ch.StoreName, ch.BaseCurrency, ch.Timezone = rep.StoreName, rep.BaseCurrency, rep.Timezone
		ch.HasNewsletterRoute = rep.HasNewsletterRoute
	}
	w.mu.Unlock()
	return ch, s
}

func (w *Wizard) summaryText() string {
	ch, _ := w.channel()
	var b strings.Builder
	fmt.Fprintf(&b, "Name: %s\n", ch.Name)
	store := ch.StoreCode
	if store == "" {
		store = "default"
	}
	fmt.Fprintf(&b, "Store: %s (store view %s)\n", ch.BaseURL, store)
	if ch.StoreName != "" {
		fmt.Fprintf(&b, "Magento store: %s, base currency %s, time zone %s\n", ch.StoreName, ch.BaseCurrency, ch.Timezone)
	}
	auth := "integration access token (Bearer)"
	if ch.AuthMode == "oauth" {
		auth = "OAuth 1.0a"
	}
	fmt.Fprintf(&b, "Authentication: %s\n", auth)
	if len(ch.WebsiteIDs) == 0 {
		b.WriteString("Websites: all\n")
	} else {
		var names []string
		for _, c := range w.f.Websites {
			if c.Checked {
				names = append(names, strings.SplitN(c.Text, " (", 2)[0])
			}
		}
		fmt.Fprintf(&b, "Websites: %s\n", strings.Join(names, ", "))
	}
	var ents []string
	for _, e := range ch.Entities {
		ents = append(ents, app.EntityTitle(e))
	}
	fmt.Fprintf(&b, "Records: %s\n", strings.Join(ents, ", "))
	if ch.SyncStart == model.DefaultSyncStart {
		b.WriteString("History: everything\n")
	} else {
		fmt.Fprintf(&b, "History: from %s\n", ch.SyncStart[:10])
	}
	fmt.Fprintf(&b, "Automatic sync: %s\n", intervalLabels[ch.SyncInterval])
	fmt.Fprintf(&b, "Cart abandoned after: %s\n", w.f.AbandonAfter.Selected)
	if ch.TwoWay {
		prio := "remote wins"
		if ch.LocalWins {
			prio = "local wins"
		}
		fmt.Fprintf(&b, "Two-way sync: on, %s\n", prio)
	} else {
		b.WriteString("Two-way sync: off\n")
	}
	if ch.TrustedCertSHA256 != "" {
		fmt.Fprintf(&b, "Trusted certificate: %s\n", ch.TrustedCertSHA256)
	}
	if w.core.Creds.FallbackInUse() {
		b.WriteString("\nNo system keychain was found: the credentials will be kept in a file only you can read, in MageDesk's data folder.")
	}
	return b.String()
}

// fillSummary shows the summary lines "Key: value" as a form and any other
// line (the keychain notice) as a warning under it.
func (w *Wizard) fillSummary() {
	text := w.summaryText()
	w.f.Summary.SetText(text)
	form := widget.NewForm()
	notes := container.NewVBox()
	for _, line := range strings.Split(text, "\n") {
		if line == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			n := widget.NewLabel(line)
			n.Wrapping = fyne.TextWrapWord
			n.Importance = widget.WarningImportance
			notes.Add(n)
			continue
		}
		l := widget.NewLabel(v)
		l.Wrapping = fyne.TextWrapWord
		form.Append(k, l)
	}
	w.f.summaryBox.Objects = []fyne.CanvasObject{form, notes}
	w.f.summaryBox.Refresh()
}

func finishHelp(fallback bool) string {
	where := "your system's keychain"
	if fallback {
		where = "a file only you can read, in MageDesk's data folder"
	}
	return "Finish saves the channel (the credentials go to " + where + ") and starts the first sync."
}
