package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/magedesk/magedesk/connector"
	"github.com/magedesk/magedesk/model"
)

// Two-way sync of customers and their newsletter subscription. An edit is
// queued with the customer as last synced (the merge base) and pushed at
// once: re-read Magento's customer, merge field by field, PUT the result,
// store what Magento returns. A push that fails stays queued with its
// error, visible, and can be retried.

// ErrTwoWayOff: the channel does not allow editing Magento records.
var ErrTwoWayOff = errors.New("two-way sync is off for this channel")

// TwoWayOffReason is what disabled edit controls say.
const TwoWayOffReason = "Editing is off because two-way sync is off for this channel: MageDesk only reads from Magento. " +
	"Turn on two-way sync in the channel settings to edit customers and newsletter subscriptions."

// CustomerEdit is the edit form of a customer.
type CustomerEdit struct {
	Firstname, Lastname string
	Email               string
	GroupID             int64
	DOB                 string // YYYY-MM-DD or ""
	Subscribed          bool
	// Addresses is the full list wanted: MagentoID 0 = new, an address
	// missing from the list is deleted.
	Addresses []model.Address
}

// EditFromCustomer fills the edit form from a customer.
func EditFromCustomer(cu model.Customer) CustomerEdit {
	e := CustomerEdit{Firstname: cu.Firstname, Lastname: cu.Lastname, Email: cu.Email, GroupID: cu.GroupID,
		DOB: cu.DOB, Subscribed: cu.IsSubscribed != nil && *cu.IsSubscribed}
	e.Addresses = append(e.Addresses, cu.Addresses...)
	return e
}

// EditState is what the customer edit form opens with.
type EditState struct {
	Customer model.Customer
	Edit     CustomerEdit // the pending edit when there is one, else the customer
	CanEdit  bool
	Reason   string          // why editing is off
	Pending  *model.PushItem // an edit not pushed yet (failed or pending)
	Choices  CustomerFormChoices
}

// CustomerEditState reads the customer, whether the channel allows edits
// and any edit still waiting in the queue.
func (c *Core) CustomerEditState(ctx context.Context, customerLocalID int64) (EditState, error) {
	cu, ref, err := c.customerOf(ctx, customerLocalID)
	if err != nil {
		return EditState{}, err
	}
	ch, err := c.Channel(ctx, ref.ChannelID)
	if err != nil {
		return EditState{}, err
	}
	st := EditState{Customer: cu, Edit: EditFromCustomer(cu), CanEdit: ch.TwoWay}
	if !ch.TwoWay {
		st.Reason = TwoWayOffReason
	}
	if it, ok, err := c.Store.PendingPush(ctx, ref.ChannelID, model.EntityCustomers, cu.MagentoID); err != nil {
		return st, err
	} else if ok {
		st.Pending = &it
		var local map[string]any
		if json.Unmarshal([]byte(it.Local), &local) == nil {
			if lc, err := customerFromMap(local); err == nil {
				st.Edit = EditFromCustomer(lc)
			}
		}
	}
	st.Choices, err = c.CustomerFormChoices(ctx, ref.ChannelID)
	return st, err
}

func validateEdit(e *CustomerEdit) error {
	e.Firstname, e.Lastname, e.Email = strings.TrimSpace(e.Firstname), strings.TrimSpace(e.Lastname), strings.TrimSpace(e.Email)
	switch {
	case e.Firstname == "":
		return fieldErr("firstname", "Enter the first name.")
	case e.Lastname == "":
		return fieldErr("lastname", "Enter the last name.")
	case e.Email == "":
		return fieldErr("email", "Enter the email address.")
	}
	if a, err := mail.ParseAddress(e.Email); err != nil || a.Address != e.Email {
		return fieldErr("email", "This is not a valid email address.")
	}
	if e.DOB != "" && !validDate(e.DOB) {
		return fieldErr("dob", "Enter the date of birth as YYYY-MM-DD.")
	}
	for i, a := range e.Addresses {
		if err := validateAddress(a); err != nil {
			var fe *FieldError
			if errors.As(err, &fe) {
				fe.Field = fmt.Sprintf("address%d.%s", i, fe.Field)
			}
			return err
		}
	}
	return nil
}

// applyEdit renders the edit onto the customer JSON (base), keeping every
// key the form does not know.
func applyEdit(base map[string]any, e CustomerEdit) map[string]any {
	out := cloneMap(base)
	out["firstname"], out["lastname"], out["email"] = e.Firstname, e.Lastname, e.Email
	if e.GroupID != 0 {
		out["group_id"] = e.GroupID
	}
	if e.DOB != "" {
		out["dob"] = e.DOB
	} else {
		delete(out, "dob")
	}
	ext, _ := out["extension_attributes"].(map[string]any)
	ext = cloneMap(ext)
	ext["is_subscribed"] = e.Subscribed
	out["extension_attributes"] = ext
	old := map[int64]map[string]any{}
	for _, a := range addresses(base) {
		old[addressID(a)] = a
	}
	list := make([]any, 0, len(e.Addresses))
	for _, a := range e.Addresses {
		m := addressJSON(a)
		if prev, ok := old[a.MagentoID]; ok && a.MagentoID != 0 {
			merged := cloneMap(prev)
			for k, v := range m {
				merged[k] = v
			}
			if a.Company == "" {
				delete(merged, "company")
			}
			m = merged
		}
		list = append(list, m)
	}
	out["addresses"] = list
	return out
}

func customerFromMap(m map[string]any) (model.Customer, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return model.Customer{}, err
	}
	return mapCustomerJSON(b)
}

// PushResult is the outcome of one push.
type PushResult struct {
	PushID    int64
	Customer  model.Customer // as Magento returned it
	Conflicts []Conflict
}

// EditCustomer queues the edit (two-way channels only) and pushes it now.
// A failed push is kept in the queue with its error; the returned error
// says why.
func (c *Core) EditCustomer(ctx context.Context, customerLocalID int64, e CustomerEdit) (PushResult, error) {
	if err := validateEdit(&e); err != nil {
		return PushResult{}, err
	}
	ref, raw, err := c.Store.SyncedRecord(ctx, model.EntityCustomers, customerLocalID)
	if err != nil {
		return PushResult{}, err
	}
	ch, err := c.Channel(ctx, ref.ChannelID)
	if err != nil {
		return PushResult{}, err
	}
	if !ch.TwoWay {
		return PushResult{}, &FieldError{Message: TwoWayOffReason, Err: ErrTwoWayOff}
	}
	var base map[string]any
	if err := json.Unmarshal(raw, &base); err != nil {
		return PushResult{}, fmt.Errorf("customer %d: stored Magento record unreadable: %w", customerLocalID, err)
	}
	// A pending edit of the same customer keeps its base: the merge must
	// compare with what Magento had before the first of the edits.
	if it, ok, err := c.Store.PendingPush(ctx, ref.ChannelID, model.EntityCustomers, ref.MagentoID); err != nil {
		return PushResult{}, err
	} else if ok {
		if err := json.Unmarshal([]byte(it.Base), &base); err != nil {
			return PushResult{}, fmt.Errorf("queued edit %d: base unreadable: %w", it.ID, err)
		}
	}
	baseJSON, _ := json.Marshal(base)
	localJSON, err := json.Marshal(applyEdit(base, e))
	if err != nil {
		return PushResult{}, fmt.Errorf("encode edit: %w", err)
	}
	id, err := c.Store.QueuePush(ctx, model.PushItem{ChannelID: ref.ChannelID, Entity: model.EntityCustomers,
		MagentoID: ref.MagentoID, Label: e.Firstname + " " + e.Lastname + " <" + e.Email + ">",
		Base: string(baseJSON), Local: string(localJSON)})
	if err != nil {
		return PushResult{}, err
	}
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: ref.ChannelID, Entity: model.EntityCustomers})
	return c.PushEdit(ctx, id)
}

// PushEdit pushes one queued edit: re-read the customer in Magento, merge
// against the base by the channel's priority, PUT, store Magento's answer.
func (c *Core) PushEdit(ctx context.Context, pushID int64) (PushResult, error) {
	it, err := c.Store.PushItemByID(ctx, pushID)
	if err != nil {
		return PushResult{}, err
	}
	res := PushResult{PushID: pushID}
	if it.Status == model.PushDone {
		return res, nil
	}
	fail := func(err error) (PushResult, error) {
		err = explain(err)
		_, msg := ErrorField(err)
		if ferr := c.Store.FinishPush(ctx, pushID, model.PushFailed, msg, ""); ferr != nil {
			c.logger.ErrorContext(ctx, "record failed push", "push", pushID, "err", ferr)
		}
		c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: it.ChannelID, Entity: model.EntityCustomers})
		return res, err
	}
	ch, err := c.Channel(ctx, it.ChannelID)
	if err != nil {
		return fail(err)
	}
	if !ch.TwoWay {
		return fail(&FieldError{Message: TwoWayOffReason, Err: ErrTwoWayOff})
	}
	var base, local map[string]any
	if err := json.Unmarshal([]byte(it.Base), &base); err != nil {
		return fail(fmt.Errorf("queued edit %d: base: %w", pushID, err))
	}
	if err := json.Unmarshal([]byte(it.Local), &local); err != nil {
		return fail(fmt.Errorf("queued edit %d: edit: %w", pushID, err))
	}
	client, _, err := c.actClient(ctx, it.ChannelID, "")
	if err != nil {
		return fail(err)
	}
	var remote map[string]any
	if err := client.GetJSON(ctx, fmt.Sprintf("customers/%d", it.MagentoID), &remote); err != nil {
		return fail(fmt.Errorf("re-read customer %d before pushing: %w", it.MagentoID, err))
	}
	merged, conflicts := MergeCustomer(base, local, remote, ch.LocalWins)
	res.Conflicts = conflicts
	cu, err := client.PutCustomer(ctx, it.MagentoID, merged)
	if err != nil {
		return fail(err)
	}
	res.Customer = cu
	if err := c.storeCustomer(ctx, client, ch, cu); err != nil {
		return fail(err)
	}
	texts := make([]string, len(conflicts))
	for i, cf := range conflicts {
		texts[i] = cf.String()
	}
	if err := c.Store.FinishPush(ctx, pushID, model.PushDone, "", strings.Join(texts, "\n")); err != nil {
		return res, err
	}
	c.Events.Publish(Event{Kind: EvDataChanged, ChannelID: it.ChannelID, Entity: model.EntityCustomers})
	return res, nil
}

// RetryPushes pushes every open edit of a channel (0 = all channels),
// oldest first, and returns how many went through and the first error.
func (c *Core) RetryPushes(ctx context.Context, channelID int64) (int, error) {
	items, err := c.Store.PushItems(ctx, channelID, false, 500)
	if err != nil {
		return 0, err
	}
	ok := 0
	var first error
	for i := len(items) - 1; i >= 0; i-- {
		if _, err := c.PushEdit(ctx, items[i].ID); err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		ok++
	}
	return ok, first
}

// PushQueue lists a channel's queued edits (open ones, or all with history).
func (c *Core) PushQueue(ctx context.Context, channelID int64, withDone bool) ([]model.PushItem, error) {
	return c.Store.PushItems(ctx, channelID, withDone, 200)
}

func mapCustomerJSON(b []byte) (model.Customer, error) {
	return connector.MapCustomer(json.RawMessage(b))
}
