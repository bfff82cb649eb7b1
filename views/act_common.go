package views

import (
	"context"
	"html"
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

// ActService is what the "act on the store" windows need; *app.Core
// implements it. Every call may talk to Magento, so the windows call it
// off the UI goroutine.
type ActService interface {
	CustomerFormChoices(ctx context.Context, channelID int64) (app.CustomerFormChoices, error)
	Countries(ctx context.Context, channelID int64) ([]app.Country, error)
	CreateCustomer(ctx context.Context, in app.NewCustomer) (int64, model.Customer, error)
	GuestRegistration(ctx context.Context, channelID int64, email string) (app.NewCustomer, error)
	RegisterGuest(ctx context.Context, in app.NewCustomer) (int64, model.Customer, error)

	FindCustomer(ctx context.Context, channelID int64, email string) (int64, error)
	PrepareCart(ctx context.Context, customerLocalID, storeID int64) (*app.CartSession, error)
	OpenCart(ctx context.Context, s *app.CartSession) (model.Cart, error)
	AddCartLine(ctx context.Context, s *app.CartSession, in app.CartItemInput) (model.Cart, error)
	SetCartLineQty(ctx context.Context, s *app.CartSession, itemID int64, qty float64) (model.Cart, error)
	RemoveCartLine(ctx context.Context, s *app.CartSession, itemID int64) (model.Cart, error)
	PickProducts(ctx context.Context, channelID int64, text string) ([]model.Product, error)
	RefreshProducts(ctx context.Context, channelID int64, text string) (int, error)

	CheckoutAddresses(ctx context.Context, s *app.CartSession) ([]model.Address, string, error)
	EstimateShipping(ctx context.Context, s *app.CartSession, addr app.QuoteAddress) ([]app.ShippingMethod, error)
	SetShipping(ctx context.Context, s *app.CartSession, ship app.QuoteAddress, billing *app.QuoteAddress, m app.ShippingMethod) (app.Review, error)
	PlaceOrder(ctx context.Context, s *app.CartSession, pay app.PaymentInput) (app.PlacedOrder, error)

	PlanRefund(ctx context.Context, orderLocalID int64) (app.RefundPlan, error)
	Refund(ctx context.Context, plan app.RefundPlan, in app.RefundInput) (app.CreatedRefund, error)

	CustomerEditState(ctx context.Context, customerLocalID int64) (app.EditState, error)
	EditCustomer(ctx context.Context, customerLocalID int64, e app.CustomerEdit) (app.PushResult, error)
	PushQueue(ctx context.Context, channelID int64, withDone bool) ([]model.PushItem, error)
	RetryPushes(ctx context.Context, channelID int64) (int, error)
}

// ActWindows opens the windows that change the store: new customer,
// register guest, edit customer, new cart and checkout, refund, pending
// changes. Records created are opened through nav.
type ActWindows struct {
	app  fyne.App
	svc  ActService
	nav  Navigator
	busy sync.WaitGroup
	// OnChanged runs on the UI goroutine after a write reached Magento and
	// was stored (detail windows re-read what they show).
	OnChanged func()
}

// changed tells the owner of the windows that stored records changed.
func (w *ActWindows) changed() {
	if w.OnChanged != nil {
		w.OnChanged()
	}
}

// NewActWindows builds the act windows.
func NewActWindows(a fyne.App, svc ActService, nav Navigator) *ActWindows {
	return &ActWindows{app: a, svc: svc, nav: nav}
}

// WaitIdle blocks until every background call has finished and its result
// is shown (tests).
func (w *ActWindows) WaitIdle() {
	for {
		w.busy.Wait()
		if !drainUIQueue() {
			return
		}
	}
}

// run does work off the UI goroutine and hands its error to done on the
// UI goroutine, then lays win out again (done usually shows or hides
// parts). Magento calls get a generous timeout: placing an order on a
// busy shop can take many seconds.
func (w *ActWindows) run(win fyne.Window, work func(ctx context.Context) error, done func(err error)) {
	w.busy.Add(1)
	go func() {
		defer w.busy.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		err := work(ctx)
		runOnUI(func() {
			done(err)
			relayout(win)
		})
	}()
}

// relayout makes a window lay out again after parts were shown or hidden:
// showing or hiding a fyne.Container does not refresh its parents, so a
// step that appears would keep a zero size until something else resized.
func relayout(win fyne.Window) {
	if win == nil || win.Content() == nil {
		return
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *fyne.Container:
			for _, ch := range x.Objects {
				walk(ch)
			}
			x.Refresh()
		case *container.Scroll:
			walk(x.Content)
			x.Refresh()
		case *widget.Card:
			if x.Content != nil {
				walk(x.Content)
			}
		}
	}
	walk(win.Content())
}

func (w *ActWindows) newWindow(title string, size fyne.Size) fyne.Window {
	win := w.app.NewWindow(title + " – MageDesk")
	win.Resize(size)
	return win
}

// fieldErrors shows errors under the inputs they belong to: each field
// key (app.FieldError.Field) has a hidden red label below its input; an
// error without a known field goes to the form's general label.
type fieldErrors struct {
	labels  map[string]*widget.Label
	general *widget.Label
}

func newFieldErrors() *fieldErrors {
	g := widget.NewLabel("")
	g.Wrapping = fyne.TextWrapWord
	g.Importance = widget.DangerImportance
	g.Hide()
	return &fieldErrors{labels: map[string]*widget.Label{}, general: g}
}

// under wraps an input with its error label.
func (f *fieldErrors) under(key string, input fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.TextStyle = fyne.TextStyle{Italic: true}
	l.Hide()
	f.labels[key] = l
	return container.NewVBox(input, l)
}

// clear hides every error.
func (f *fieldErrors) clear() {
	for _, l := range f.labels {
		l.SetText("")
		l.Hide()
	}
	f.general.SetText("")
	f.general.Hide()
}

// show puts err at its field (or the general label) and returns the key
// it went to ("" = general).
func (f *fieldErrors) show(err error) string {
	f.clear()
	if err == nil {
		return ""
	}
	field, msg := app.ErrorField(err)
	if l, ok := f.labels[field]; ok && field != "" {
		l.SetText(msg)
		l.Show()
		return field
	}
	f.general.SetText(msg)
	f.general.Show()
	return ""
}

// text is the error shown at key ("" = general), for tests.
func (f *fieldErrors) text(key string) string {
	if key == "" {
		return f.general.Text
	}
	if l, ok := f.labels[key]; ok {
		return l.Text
	}
	return ""
}

// setNote shows a note with text, or hides it when text is empty (an
// empty label would still take a line).
func setNote(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// hiddenNote is a note that appears when setNote gives it text.
func hiddenNote(imp widget.Importance) *widget.Label {
	l := noteLabel("", imp)
	l.Hide()
	return l
}

// plainName shows a Magento product name: the catalogue often stores
// HTML entities ("Lumaflex&trade;").
func plainName(s string) string { return strings.TrimSpace(html.UnescapeString(s)) }

// noteLabel is a wrapped informational line.
func noteLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

// warningBox is a highlighted warning with an icon.
func warningBox(text string) (fyne.CanvasObject, *widget.Label) {
	l := noteLabel(text, widget.WarningImportance)
	return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l), l
}

// The app core is the service the shell passes in.
var _ ActService = (*app.Core)(nil)
