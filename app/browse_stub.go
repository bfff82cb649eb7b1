package app

import (
	"context"
	"errors"
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
