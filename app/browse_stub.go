package app

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/magedesk/magedesk/model"
)

// Temporary: these wait for the store's read queries.
var errNotYet = errors.New("not available yet")

func (b *Browse) OrderDetail(ctx context.Context, id int64) (OrderDetail, error) {
	return OrderDetail{}, errNotYet
}
func (b *Browse) CartDetail(ctx context.Context, id int64) (CartDetail, error) {
	return CartDetail{}, errNotYet
}
func (b *Browse) CreditMemoDetail(ctx context.Context, id int64) (CreditMemoDetail, error) {
	return CreditMemoDetail{}, errNotYet
}
func (b *Browse) SubscriberDetail(ctx context.Context, id int64) (SubscriberDetail, error) {
	return SubscriberDetail{}, errNotYet
}
func (b *Browse) Dashboard(ctx context.Context, channelID int64, kind PeriodKind, first, last time.Time) (DashboardData, error) {
	return DashboardData{}, errNotYet
}
func (b *Browse) Websites(ctx context.Context, channelID int64) ([]model.Website, error) {
	return nil, errNotYet
}
func (b *Browse) CustomerDetail(ctx context.Context, id int64) (CustomerDetail, error) {
	return CustomerDetail{}, errNotYet
}

func (b *Browse) Customers(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CustomerRow, error) {
	return nil, errNotYet
}
func (b *Browse) CountCustomers(ctx context.Context, f Filter) (int, error) { return 0, errNotYet }
func (b *Browse) ExportCustomersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	return errNotYet
}
func (b *Browse) Carts(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CartRow, error) {
	return nil, errNotYet
}
func (b *Browse) CountCarts(ctx context.Context, f Filter) (int, error) { return 0, errNotYet }
func (b *Browse) ExportCartsCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	return errNotYet
}
func (b *Browse) Orders(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]OrderRow, error) {
	return nil, errNotYet
}
func (b *Browse) CountOrders(ctx context.Context, f Filter) (int, error) { return 0, errNotYet }
func (b *Browse) ExportOrdersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	return errNotYet
}
func (b *Browse) CreditMemos(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]CreditMemoRow, error) {
	return nil, errNotYet
}
func (b *Browse) CountCreditMemos(ctx context.Context, f Filter) (int, error) { return 0, errNotYet }
func (b *Browse) ExportCreditMemosCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	return errNotYet
}
func (b *Browse) Subscribers(ctx context.Context, f Filter, sort string, desc bool, offset, limit int) ([]SubscriberRow, error) {
	return nil, errNotYet
}
func (b *Browse) CountSubscribers(ctx context.Context, f Filter) (int, error) { return 0, errNotYet }
func (b *Browse) ExportSubscribersCSV(ctx context.Context, f Filter, sort string, desc bool, w io.Writer) error {
	return errNotYet
}
