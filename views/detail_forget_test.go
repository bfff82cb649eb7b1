package views

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestCustomerWindowOffersForgetWhenTheShellGivesTheAction(t *testing.T) {
	g := newActGUI(t, false)
	local, cu := g.customer(t, false)
	d := g.details(t)
	var gotID int64
	var gotName string
	d.Forget = func(_ fyne.Window, id int64, name string) { gotID, gotName = id, name }
	d.OpenCustomer(local)
	d.WaitLoaded()
	dw := d.window(fmt.Sprintf("customer:%d", local))
	if dw == nil || dw.win == nil {
		t.Fatal("customer window not open")
	}
	forget := shellFindButton(dw.win.Content(), "Forget…")
	if forget == nil {
		t.Fatal("customer window lacks Forget…")
	}
	test.Tap(forget)
	if gotID != local || gotName != cu.Firstname+" "+cu.Lastname {
		t.Fatalf("Forget called with %d %q, want %d %q", gotID, gotName, local, cu.Firstname+" "+cu.Lastname)
	}
}
