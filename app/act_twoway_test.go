package app

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// changeInMagento edits a customer behind the app's back (the shop's own
// admin), so the stored copy is older than Magento's.
func (s actShop) changeInMagento(t *testing.T, id int64, in connector.CustomerInput) {
	t.Helper()
	if _, err := s.mag.UpdateCustomer(context.Background(), id, in); err != nil {
		t.Fatal(err)
	}
}

func TestTwoWayEditIsPushedAndStored(t *testing.T) {
	s := newActShop(t, true, false)
	ctx := context.Background()
	local, cu := s.customer(t, false)
	st, err := s.core.CustomerEditState(ctx, local)
	if err != nil || !st.CanEdit || st.Reason != "" {
		t.Fatalf("edit state %+v %v", st, err)
	}
	e := st.Edit
	e.Lastname = "Pushed"
	e.Subscribed = !e.Subscribed
	e.Addresses[0].City = "Edited City"
	e.Addresses = append(e.Addresses, model.Address{Firstname: "New", Lastname: "Address", Street: []string{"1 Added Way"},
		City: "Addville", Postcode: "10001", CountryID: "US", Telephone: "555-7"})
	res, err := s.core.EditCustomer(ctx, local, e)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 0 {
		t.Fatalf("conflicts without a change in Magento: %v", res.Conflicts)
	}
	got, err := s.mag.GetCustomer(ctx, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lastname != "Pushed" || got.IsSubscribed == nil || *got.IsSubscribed != e.Subscribed {
		t.Fatalf("Magento's customer %+v", got)
	}
	if len(got.Addresses) != len(cu.Addresses)+1 || got.Addresses[0].City != "Edited City" {
		t.Fatalf("Magento's addresses %+v", got.Addresses)
	}
	// The channel has the newsletter module: the subscription is stored as
	// the module's row, with the new status, and no derived duplicate.
	subs, err := s.core.Store.SubscriptionsOf(ctx, s.ch.ID, cu.MagentoID)
	if err != nil {
		t.Fatal(err)
	}
	wantStatus := map[bool]int{true: model.SubscriberSubscribed, false: model.SubscriberUnsubscribe}[e.Subscribed]
	if e.Subscribed && (len(subs) != 1 || subs[0].Source != model.SubscriberFromModule || subs[0].Status != wantStatus) {
		t.Fatalf("stored subscriptions %+v, want one module row with status %d", subs, wantStatus)
	}
	for _, sub := range subs {
		if sub.Source != model.SubscriberFromModule || sub.Status != wantStatus {
			t.Fatalf("stored subscription %+v, want module rows with status %d", sub, wantStatus)
		}
	}
	stored, _, _ := s.core.customerOf(ctx, local)
	if stored.Lastname != "Pushed" || len(stored.Addresses) != len(got.Addresses) {
		t.Fatalf("stored customer %+v", stored)
	}
	open, err := s.core.PushQueue(ctx, s.ch.ID, false)
	if err != nil || len(open) != 0 {
		t.Fatalf("open pushes after success: %+v %v", open, err)
	}

	// Delete the added address again.
	st, _ = s.core.CustomerEditState(ctx, local)
	e = st.Edit
	e.Addresses = e.Addresses[:len(e.Addresses)-1]
	if _, err := s.core.EditCustomer(ctx, local, e); err != nil {
		t.Fatal(err)
	}
	got, _ = s.mag.GetCustomer(ctx, cu.MagentoID)
	if len(got.Addresses) != len(cu.Addresses) {
		t.Fatalf("address not deleted in Magento: %d addresses", len(got.Addresses))
	}
}

func TestTwoWayConflictIsSettledByTheChannelPriority(t *testing.T) {
	for _, localWins := range []bool{false, true} {
		name := map[bool]string{false: "remote wins", true: "local wins"}[localWins]
		t.Run(name, func(t *testing.T) {
			s := newActShop(t, true, localWins)
			ctx := context.Background()
			local, cu := s.customer(t, false)
			st, _ := s.core.CustomerEditState(ctx, local)
			// Magento changes the last name and the group after our sync.
			s.changeInMagento(t, cu.MagentoID, connector.CustomerInput{Lastname: "FromMagento", GroupID: 3})
			e := st.Edit
			e.Lastname = "FromHere"  // conflicting change
			e.Firstname = "HereOnly" // changed only here
			res, err := s.core.EditCustomer(ctx, local, e)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.mag.GetCustomer(ctx, cu.MagentoID)
			wantLast := map[bool]string{false: "FromMagento", true: "FromHere"}[localWins]
			if got.Lastname != wantLast || got.Firstname != "HereOnly" || got.GroupID != 3 {
				t.Fatalf("Magento has %s %s group %d; want last name %s, first name HereOnly, Magento's group 3",
					got.Firstname, got.Lastname, got.GroupID, wantLast)
			}
			if len(res.Conflicts) != 1 || res.Conflicts[0].Field != "lastname" {
				t.Fatalf("conflicts %v, want lastname only", res.Conflicts)
			}
			hist, _ := s.core.PushQueue(ctx, s.ch.ID, true)
			if len(hist) != 1 || hist[0].Status != model.PushDone || !strings.Contains(hist[0].Conflicts, "lastname") {
				t.Fatalf("history %+v", hist)
			}
		})
	}
}

func TestTwoWayOffDisablesEditsAndSaysWhy(t *testing.T) {
	s := newActShop(t, false, false)
	ctx := context.Background()
	local, cu := s.customer(t, false)
	st, err := s.core.CustomerEditState(ctx, local)
	if err != nil {
		t.Fatal(err)
	}
	if st.CanEdit || !strings.Contains(st.Reason, "two-way sync is off") {
		t.Fatalf("edit state %+v", st)
	}
	e := st.Edit
	e.Lastname = "Nope"
	if _, err := s.core.EditCustomer(ctx, local, e); !errors.Is(err, ErrTwoWayOff) {
		t.Fatalf("edit with two-way off: %v", err)
	}
	if got, _ := s.mag.GetCustomer(ctx, cu.MagentoID); got.Lastname == "Nope" {
		t.Fatal("edit reached Magento with two-way sync off")
	}
}

func TestFailedPushStaysQueuedWithItsErrorAndCanBeRetried(t *testing.T) {
	s := newActShop(t, true, false)
	ctx := context.Background()
	local, cu := s.customer(t, false)
	st, _ := s.core.CustomerEditState(ctx, local)
	e := st.Edit
	e.Lastname = "Queued"

	s.sim.SetBearerEnabled(false) // Magento now refuses the token
	if _, err := s.core.EditCustomer(ctx, local, e); err == nil {
		t.Fatal("push succeeded while Magento refused the token")
	}
	open, err := s.core.PushQueue(ctx, s.ch.ID, false)
	if err != nil || len(open) != 1 {
		t.Fatalf("open pushes %+v %v", open, err)
	}
	if open[0].Status != model.PushFailed || open[0].LastError == "" || open[0].Attempts != 1 {
		t.Fatalf("failed push %+v", open[0])
	}
	st, _ = s.core.CustomerEditState(ctx, local)
	if st.Pending == nil || st.Edit.Lastname != "Queued" {
		t.Fatalf("edit form does not show the queued edit: %+v", st)
	}

	s.sim.SetBearerEnabled(true)
	n, err := s.core.RetryPushes(ctx, s.ch.ID)
	if err != nil || n != 1 {
		t.Fatalf("retry pushed %d (%v)", n, err)
	}
	if got, _ := s.mag.GetCustomer(ctx, cu.MagentoID); got.Lastname != "Queued" {
		t.Fatalf("Magento last name %q after retry", got.Lastname)
	}
	if open, _ := s.core.PushQueue(ctx, s.ch.ID, false); len(open) != 0 {
		t.Fatalf("still open after retry: %+v", open)
	}
}
