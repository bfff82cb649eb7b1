package views

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/connector/magentosim"
	"github.com/magedesk/magedesk/model"
)

func newTestWizard(t *testing.T, core *app.Core) *Wizard {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	wiz := NewWizard(core, w, nil)
	w.SetContent(wiz.Content())
	return wiz
}

// checkNow taps Check connection and waits for its result.
func checkNow(t *testing.T, wiz *Wizard) string {
	t.Helper()
	done := wiz.Checked()
	test.Tap(wiz.Fields().CheckButton)
	shellWait(t, done, 60*time.Second, "connection check")
	return wiz.CheckResultText()
}

func TestWizardStepsNeedValidInput(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	wiz := newTestWizard(t, core)
	f := wiz.Fields()
	if wiz.StepTitle() != "Name & type" || !wiz.Back.Disabled() {
		t.Fatalf("start: step %q, back disabled %v", wiz.StepTitle(), wiz.Back.Disabled())
	}
	test.Tap(wiz.Next)
	if wiz.Step() != 0 || wiz.Error.Text == "" {
		t.Fatalf("empty name accepted (step %d, error %q)", wiz.Step(), wiz.Error.Text)
	}
	test.Type(f.Name, "My shop")
	test.Tap(wiz.Next)
	if wiz.StepTitle() != "Connection" {
		t.Fatalf("step %q after a valid name", wiz.StepTitle())
	}
	// Connection step: empty URL, then plain http to a remote host, then
	// no token, then no check: each refused with its reason.
	test.Tap(wiz.Next)
	if wiz.Step() != 1 || !strings.Contains(wiz.Error.Text, "base URL") {
		t.Fatalf("empty URL: step %d error %q", wiz.Step(), wiz.Error.Text)
	}
	f.BaseURL.SetText("http://shop.example.com")
	f.Token.SetText("abc")
	test.Tap(wiz.Next)
	if !strings.Contains(wiz.Error.Text, "Plain http") {
		t.Fatalf("remote http not refused: %q", wiz.Error.Text)
	}
	if got := checkNow(t, wiz); !strings.Contains(got, "Plain http") {
		t.Fatalf("check did not refuse remote http: %q", got)
	}
	f.BaseURL.SetText("https://shop.example.com")
	f.Token.SetText("")
	test.Tap(wiz.Next)
	if !strings.Contains(wiz.Error.Text, "token") {
		t.Fatalf("missing token: %q", wiz.Error.Text)
	}
	f.Token.SetText("abc")
	test.Tap(wiz.Next)
	if wiz.Step() != 1 || !strings.Contains(wiz.Error.Text, "Check the connection") {
		t.Fatalf("unchecked connection accepted: %q", wiz.Error.Text)
	}
	f.AuthMode.SetSelected(authOAuth)
	if !f.bearerBox.Hidden || f.oauthBox.Hidden {
		t.Fatal("OAuth fields not shown for OAuth")
	}
	test.Tap(wiz.Next)
	if !strings.Contains(wiz.Error.Text, "four credentials") {
		t.Fatalf("OAuth without credentials: %q", wiz.Error.Text)
	}
	test.Tap(wiz.Back)
	if wiz.Step() != 0 || f.Name.Text != "My shop" {
		t.Fatalf("Back lost the step or the name: step %d name %q", wiz.Step(), f.Name.Text)
	}
}

func TestWizardCheckConnectionExplainsEachFailure(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	good, goodURL := shellStartSim(t, magentosim.Options{})
	_, htmlURL := shellStartSim(t, magentosim.Options{Faults: magentosim.Faults{HTMLRate: 1}})
	_, noBearerURL := shellStartSim(t, magentosim.Options{DisableBearer: true})
	_, aclURL := shellStartSim(t, magentosim.Options{Faults: magentosim.Faults{ACL: []string{"Magento_Backend::store", "Magento_Customer::customer"}}})

	cases := []struct {
		name, url, store, token string
		want                    []string
	}{
		{"wrong store code (route not found)", goodURL, "nosuchstore", good.Token(), []string{"route"}},
		{"HTML page instead of the API", htmlURL, "", good.Token(), []string{"web page"}},
		{"bad token", goodURL, "", "not-the-token", []string{"Bearer"}},
		{"bearer disabled", noBearerURL, "", good.Token(), []string{"Bearer"}},
		{"missing ACL resource", aclURL, "", good.Token(), []string{"Connected", "Warning", "Magento_Sales::actions_view"}},
		{"unreachable host", "http://127.0.0.1:1", "", "x", []string{"refused the connection"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wiz := newTestWizard(t, core)
			f := wiz.Fields()
			f.Name.SetText("Shop")
			test.Tap(wiz.Next)
			f.BaseURL.SetText(tc.url)
			f.StoreCode.SetText(tc.store)
			f.Token.SetText(tc.token)
			got := checkNow(t, wiz)
			t.Logf("check said: %s", got)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("check result %q lacks %q", got, w)
				}
			}
			if strings.HasPrefix(got, "Connected") && tc.name != "missing ACL resource" {
				t.Errorf("a failing store reported as connected: %q", got)
			}
		})
	}
}

func TestWizardFinishCreatesChannelAndStartsSync(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	sim, url := shellStartSim(t, magentosim.Options{NewsletterModule: true})
	wiz := newTestWizard(t, core)
	f := wiz.Fields()
	finished := make(chan model.Channel, 1)
	wiz.OnFinish = func(ch model.Channel) { finished <- ch }

	f.Name.SetText("Sim shop")
	test.Tap(wiz.Next)
	f.BaseURL.SetText(url)
	f.Token.SetText(sim.Token())
	got := checkNow(t, wiz)
	if !strings.HasPrefix(got, "Connected") || !strings.Contains(got, "Websites:") {
		t.Fatalf("check against the simulator: %q", got)
	}
	test.Tap(wiz.Next)
	if wiz.StepTitle() != "Websites & entities" {
		t.Fatalf("step %q", wiz.StepTitle())
	}
	if len(f.Websites) < 2 {
		t.Fatalf("websites from the check: %d", len(f.Websites))
	}
	if !f.Entities[model.EntityCustomers].Disabled() || !f.Entities[model.EntityCustomers].Checked {
		t.Fatal("customers must be on and locked")
	}
	f.Websites[1].SetChecked(false)
	f.Entities[model.EntityProducts].SetChecked(true)
	test.Tap(wiz.Next)
	f.SyncStart.SetText("2020-13-45")
	test.Tap(wiz.Next)
	if wiz.StepTitle() != "Sync settings" || !strings.Contains(wiz.Error.Text, "not a date") {
		t.Fatalf("bad date accepted: step %q error %q", wiz.StepTitle(), wiz.Error.Text)
	}
	f.SyncStart.SetText("2021-01-01")
	f.Interval.SetSelected(intervalLabels[30])
	f.TwoWay.SetChecked(true)
	f.Priority.SetSelected(localWins)
	test.Tap(wiz.Next)
	if wiz.StepTitle() != "Summary" || wiz.Next.Text != "Finish" {
		t.Fatalf("step %q next %q", wiz.StepTitle(), wiz.Next.Text)
	}
	if s := f.Summary.Text; !strings.Contains(s, "Sim shop") || !strings.Contains(s, "from 2021-01-01") || !strings.Contains(s, "local wins") {
		t.Fatalf("summary %q", s)
	}
	events := make(chan app.Event, 1000)
	unsub := core.Events.Subscribe(func(e app.Event) {
		select {
		case events <- e:
		default:
		}
	})
	defer unsub()
	test.Tap(wiz.Next)
	shellWait(t, wiz.Saved(), 20*time.Second, "Finish to save")
	ch := <-finished
	stored, err := core.Channel(context.Background(), ch.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Name != "Sim shop" || stored.SyncInterval != 30 || !stored.TwoWay || !stored.LocalWins ||
		stored.SyncStart != "2021-01-01 00:00:00" || len(stored.WebsiteIDs) != len(f.Websites)-1 {
		t.Fatalf("stored channel %+v", stored)
	}
	if sec, err := core.Secrets(stored); err != nil || sec.Token != sim.Token() {
		t.Fatalf("token not in the credential store: %v", err)
	}
	deadline := time.After(60 * time.Second)
	for {
		select {
		case e := <-events:
			if e.Kind == app.EvSyncFinished && e.ChannelID == ch.ID {
				if e.Err != nil {
					t.Fatalf("first sync failed: %v", e.Err)
				}
				return
			}
		case <-deadline:
			t.Fatal("Finish did not start the first sync")
		}
	}
}

func TestWizardEditsExistingChannelPrefilled(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	ch := app.NewChannelDraft()
	ch.Name = "Old name"
	ch.BaseURL = "https://shop.example.com"
	ch.SyncInterval = 60
	ch, err := core.CreateChannel(context.Background(), ch, app.Secrets{Token: "tok"})
	if err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	wiz := NewWizard(core, w, &ch)
	w.SetContent(wiz.Content())
	f := wiz.Fields()
	if f.Name.Text != "Old name" || f.Token.Text != "tok" || f.Interval.Selected != intervalLabels[60] {
		t.Fatalf("not prefilled: %q %q %q", f.Name.Text, f.Token.Text, f.Interval.Selected)
	}
	f.Name.SetText("New name")
	for i := 0; i < 4; i++ {
		test.Tap(wiz.Next)
	}
	if wiz.StepTitle() != "Summary" {
		t.Fatalf("editing without connection changes should not need a new check; stuck at %q (%s)", wiz.StepTitle(), wiz.Error.Text)
	}
	test.Tap(wiz.Next)
	shellWait(t, wiz.Saved(), 10*time.Second, "save")
	got, _ := core.Channel(context.Background(), ch.ID)
	if got.Name != "New name" || got.SyncInterval != 60 {
		t.Fatalf("edit not saved: %+v", got)
	}
}

func TestWizardOffersToTrustSelfSignedCertificate(t *testing.T) {
	core := shellTestCore(t, app.Options{})
	sim := magentosim.New(magentosim.Options{Seed: 3, Customers: 10, Carts: 10, Orders: 10, CreditMemos: 2, Subscribers: 5, Products: 12})
	srv := httptest.NewUnstartedServer(sim.Handler())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point here
	srv.StartTLS()
	t.Cleanup(srv.Close)
	wiz := newTestWizard(t, core)
	f := wiz.Fields()
	f.Name.SetText("Staging")
	test.Tap(wiz.Next)
	f.BaseURL.SetText(srv.URL)
	f.Token.SetText(sim.Token())
	got := checkNow(t, wiz)
	if !strings.HasPrefix(got, "Connection failed") || f.trustBox.Hidden {
		t.Fatalf("self-signed certificate: result %q, trust box hidden %v", got, f.trustBox.Hidden)
	}
	want := connector.CertFingerprint(srv.Certificate())
	if f.fingerprint != want || !strings.Contains(f.CertInfo.Text, connector.FormatFingerprint(want)) {
		t.Fatalf("fingerprint shown %q, want %q", f.CertInfo.Text, want)
	}
	test.Tap(f.TrustCert)
	if got := checkNow(t, wiz); !strings.HasPrefix(got, "Connected") {
		t.Fatalf("trusted certificate still refused: %q", got)
	}
	ch, _ := wiz.channel()
	if ch.TrustedCertSHA256 != want {
		t.Fatalf("channel pins %q", ch.TrustedCertSHA256)
	}
}
