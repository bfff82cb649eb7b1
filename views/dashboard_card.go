package views

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// kpiCard is one big figure of the dashboard: a title, the value (one
// line per currency for money), the change against the previous period,
// and a tooltip with the figure's definition (shown on hover, or on tap
// for touch screens). Fyne 2.7 has no tooltips, hence this widget.
type kpiCard struct {
	widget.BaseWidget
	title  *widget.Label
	value  *widget.Label
	change *widget.Label
	Tip    string
	popup  *widget.PopUp
}

func newKPICard(title, tip string) *kpiCard {
	c := &kpiCard{Tip: tip}
	c.title = widget.NewLabel(title)
	c.title.Importance = widget.LowImportance
	c.value = widget.NewLabel("…")
	c.value.TextStyle = fyne.TextStyle{Bold: true}
	c.value.SizeName = theme.SizeNameSubHeadingText
	c.change = widget.NewLabel("")
	c.ExtendBaseWidget(c)
	return c
}

// Set shows the value and its change ("+12.5%"); a change starting with
// "−" is shown as a warning unless lowerIsBetter.
func (c *kpiCard) Set(value, change string, lowerIsBetter bool) {
	c.value.SetText(value)
	text := change
	if change != "" {
		text = change + " vs previous period"
	}
	flat := change == "+0.0%" || change == "−0.0%"
	up := !flat && (strings.HasPrefix(change, "+") || change == "new")
	down := !flat && strings.HasPrefix(change, "−")
	switch {
	case (up && !lowerIsBetter) || (down && lowerIsBetter):
		c.change.Importance = widget.SuccessImportance
	case up || down:
		c.change.Importance = widget.WarningImportance
	default:
		c.change.Importance = widget.LowImportance
	}
	c.change.SetText(text)
}

// Value is the figure shown (tests).
func (c *kpiCard) Value() string { return c.value.Text }

// ChangeText is the change shown (tests).
func (c *kpiCard) ChangeText() string { return c.change.Text }

func (c *kpiCard) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	// The info icon says "hover me": the definition is one pointer away.
	info := widget.NewIcon(theme.InfoIcon())
	body := container.NewVBox(container.NewHBox(c.title, info), c.value, c.change)
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(body)))
}

// MouseIn shows the definition under the card.
func (c *kpiCard) MouseIn(*desktop.MouseEvent) { c.showTip() }

func (c *kpiCard) MouseMoved(*desktop.MouseEvent) {}

// MouseOut hides the definition.
func (c *kpiCard) MouseOut() { c.hideTip() }

// Tapped toggles the definition (touch screens have no hover).
func (c *kpiCard) Tapped(*fyne.PointEvent) {
	if c.popup != nil && c.popup.Visible() {
		c.hideTip()
		return
	}
	c.showTip()
}

// TipShown reports whether the definition is on screen (tests).
func (c *kpiCard) TipShown() bool { return c.popup != nil && c.popup.Visible() }

func (c *kpiCard) showTip() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(c)
	if cv == nil || c.Tip == "" {
		return
	}
	if c.popup == nil {
		l := widget.NewLabel(c.Tip)
		l.Wrapping = fyne.TextWrapWord
		// A wrapped label's height follows its width: size it first.
		l.Resize(fyne.NewSize(320, 10))
		c.popup = widget.NewPopUp(l, cv)
		c.popup.Resize(fyne.NewSize(320+theme.Padding()*2, l.MinSize().Height+theme.Padding()*2))
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	c.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, c.Size().Height+2)))
}

func (c *kpiCard) hideTip() {
	if c.popup != nil {
		c.popup.Hide()
	}
}
