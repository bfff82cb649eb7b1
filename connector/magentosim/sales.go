package magentosim

import (
	"errors"
	"fmt"
	"strings"
)

// Order building and refunds shared by the generator and the write routes, so that
// generated history and orders placed over HTTP have exactly the same shape.

// shipping methods: code -> description
var shippingMethods = map[string]string{
	"flatrate_flatrate":         "Flat Rate - Fixed",
	"tablerate_bestway":         "Best Way - Table Rate",
	"freeshipping_freeshipping": "Free Shipping - Free",
}

// payment methods in the order Magento lists them
var paymentMethods = []struct{ code, title string }{
	{"checkmo", "Check / Money order"},
	{"banktransfer", "Bank Transfer Payment"},
	{"cashondelivery", "Cash On Delivery"},
	{"purchaseorder", "Purchase Order"},
}

func paymentTitle(code string) string {
	for _, p := range paymentMethods {
		if p.code == code {
			return p.title
		}
	}
	return ""
}

// shippingCents prices a method for a cart: flatrate $5 per item, tablerate by subtotal,
// freeshipping only from a 100 subtotal. ok=false when the method is unavailable.
func shippingCents(method string, subtotal int64, qty float64) (int64, bool) {
	switch method {
	case "flatrate_flatrate":
		return int64(500 * qty), true
	case "tablerate_bestway":
		switch {
		case subtotal >= 20000:
			return 0, true
		case subtotal >= 5000:
			return 500, true
		}
		return 1000, true
	case "freeshipping_freeshipping":
		return 0, subtotal >= 10000
	}
	return 0, false
}

func taxPercent(websiteID int) float64 {
	if websiteID >= 2 {
		return 20 // VAT on the EU and UK websites
	}
	return 0
}

type lineSpec struct {
	product     *Product // visible product: simple or configurable parent
	child       *Product // configurable child, nil for simple
	qty         float64
	quoteItemID int64
}

type addrSpec struct {
	first, last, email, phone string
	street                    []string
	pl                        place
	customerAddressID         int64
}

type orderSpec struct {
	storeID    int
	created    string
	customer   *Customer // nil = guest
	email      string
	first      string
	last       string
	billing    addrSpec
	shipping   addrSpec
	shipMethod string
	payMethod  string
	coupon     bool
	quoteID    int64
	lines      []lineSpec
	remoteIP   string
}

func orderAddr(a addrSpec, typ string, id, orderID int64, customerID int64) *OrderAddress {
	return &OrderAddress{
		AddressType: typ, City: a.pl.city, CountryID: a.pl.country, Email: a.email, EntityID: id,
		Firstname: a.first, Lastname: a.last, ParentID: orderID, Postcode: a.pl.postcode,
		Region: a.pl.region, RegionCode: a.pl.regionCode, RegionID: a.pl.regionID,
		Street: a.street, Telephone: a.phone, CustomerAddressID: a.customerAddressID, CustomerID: customerID,
	}
}

// buildOrder creates a new order (state new/pending) with fresh ids; caller adds it to the table.
func (s *Store) buildOrder(sp orderSpec) *Order {
	w := websiteOf(sp.storeID)
	rate := currencyRates[w.currency]
	oid := s.seq.next(&s.seq.order)
	taxPct := taxPercent(w.ID)
	o := &Order{
		BaseCurrencyCode: w.currency, BaseToGlobalRate: rate, BaseToOrderRate: 1,
		CreatedAt: sp.created, UpdatedAt: sp.created, CustomerEmail: sp.email,
		CustomerFirstname: sp.first, CustomerLastname: sp.last, CustomerNoteNotify: 1, EmailSent: 1,
		EntityID: oid, GlobalCurrencyCode: "USD", IncrementID: s.nextIncrement(sp.storeID),
		OrderCurrencyCode: w.currency, ProtectCode: fmt.Sprintf("%06x", (oid*2654435761)&0xffffff),
		QuoteID: sp.quoteID, RemoteIP: sp.remoteIP, State: "new", Status: "pending",
		StoreCurrencyCode: w.currency, StoreID: sp.storeID, StoreName: storeName(sp.storeID),
		StatusHistories: []StatusHistory{},
	}
	var customerID int64
	if sp.customer != nil {
		customerID = sp.customer.ID
		o.CustomerID = &customerID
		o.CustomerGroupID = sp.customer.GroupID
	} else {
		o.CustomerIsGuest = 1
	}
	var subtotal, tax, weightSum int64
	var qtyTotal, weight float64
	for _, l := range sp.lines {
		priceC := toCents(l.product.Price)
		rowC := priceC * int64(l.qty)
		taxC := int64(float64(rowC)*taxPct/100 + 0.5)
		subtotal += rowC
		tax += taxC
		qtyTotal += l.qty
		pw := l.product.Weight
		if l.child != nil {
			pw = l.child.Weight
		}
		weight += pw * l.qty
		weightSum++
		parent := &OrderItem{
			ItemID: s.seq.next(&s.seq.orderItem), OrderID: oid, CreatedAt: sp.created, UpdatedAt: sp.created,
			Name: l.product.Name, ProductID: l.product.ID, ProductType: l.product.TypeID, SKU: l.product.SKU,
			QtyOrdered: l.qty, QuoteItemID: l.quoteItemID, StoreID: sp.storeID, Weight: pw, RowWeight: pw * l.qty,
			Price: money(priceC), BasePrice: money(priceC), OriginalPrice: money(priceC), BaseOriginalPrice: money(priceC),
			PriceInclTax: money(priceC + int64(float64(priceC)*taxPct/100+0.5)), RowTotal: money(rowC), BaseRowTotal: money(rowC),
			RowTotalInclTax: money(rowC + taxC), TaxAmount: money(taxC), BaseTaxAmount: money(taxC), TaxPercent: taxPct,
		}
		parent.BasePriceInclTax = parent.PriceInclTax
		parent.BaseRowTotalInclTax = parent.RowTotalInclTax
		o.Items = append(o.Items, parent)
		if l.child != nil {
			// Magento puts the child's sku on the parent line and adds a zero-priced child line.
			parent.SKU = l.child.SKU
			parent.ProductOption = configurableOption(l.child)
			child := &OrderItem{
				ItemID: s.seq.next(&s.seq.orderItem), OrderID: oid, CreatedAt: sp.created, UpdatedAt: sp.created,
				Name: l.child.Name, ProductID: l.child.ID, ProductType: "simple", SKU: l.child.SKU,
				QtyOrdered: l.qty, QuoteItemID: l.quoteItemID + 1, StoreID: sp.storeID, Weight: pw, RowWeight: 0,
				ParentItemID: parent.ItemID, ParentItem: parent,
			}
			o.Items = append(o.Items, child)
		}
	}
	var discount int64
	if sp.coupon {
		discount = -(subtotal / 10)
		o.AppliedRuleIDs, o.CouponCode, o.DiscountDescription = "1", "SAVE10", "SAVE10"
		for _, it := range o.Items {
			if it.ParentItemID == 0 {
				d := toCents(it.RowTotal) / 10
				it.DiscountAmount, it.BaseDiscountAmount, it.DiscountPercent = money(d), money(d), 10
				it.AppliedRuleIDs = "1"
			}
		}
	}
	shipC, ok := shippingCents(sp.shipMethod, subtotal, qtyTotal)
	if !ok {
		sp.shipMethod = "flatrate_flatrate"
		shipC, _ = shippingCents(sp.shipMethod, subtotal, qtyTotal)
	}
	grand := subtotal + tax + shipC + discount
	o.Subtotal, o.BaseSubtotal = money(subtotal), money(subtotal)
	o.SubtotalInclTax, o.BaseSubtotalInclTax = money(subtotal+tax), money(subtotal+tax)
	o.TaxAmount, o.BaseTaxAmount = money(tax), money(tax)
	o.DiscountAmount, o.BaseDiscountAmount = money(discount), money(discount)
	o.ShippingAmount, o.BaseShippingAmount = money(shipC), money(shipC)
	o.ShippingInclTax, o.BaseShippingInclTax = money(shipC), money(shipC)
	o.GrandTotal, o.BaseGrandTotal = money(grand), money(grand)
	o.TotalDue, o.BaseTotalDue = money(grand), money(grand)
	o.TotalQtyOrdered = qtyTotal
	o.TotalItemCount = len(o.Items)
	o.Weight = round2(weight)
	o.ShippingDescription = shippingMethods[sp.shipMethod]

	shipID := s.seq.next(&s.seq.orderAddress)
	billID := s.seq.next(&s.seq.orderAddress)
	o.BillingAddressID = billID
	o.BillingAddress = orderAddr(sp.billing, "billing", billID, oid, customerID)
	title := paymentTitle(sp.payMethod)
	o.Payment = &Payment{
		AdditionalInformation: []string{title, ""}, AmountOrdered: o.GrandTotal, BaseAmountOrdered: o.GrandTotal,
		BaseShippingAmount: o.ShippingAmount, EntityID: oid, Method: sp.payMethod, ParentID: oid,
		ShippingAmount: o.ShippingAmount,
	}
	o.ExtensionAttributes = &OrderExt{
		ShippingAssignments: []ShippingAssignment{{
			Shipping: OrderShipping{
				Address: orderAddr(sp.shipping, "shipping", shipID, oid, customerID),
				Method:  sp.shipMethod,
				Total: ShippingTotal{
					BaseShippingAmount: money(shipC), BaseShippingInclTax: money(shipC),
					ShippingAmount: money(shipC), ShippingInclTax: money(shipC),
				},
			},
			Items: o.Items,
		}},
		PaymentAdditionalInfo: []KeyValue{{Key: "method_title", Value: title}},
	}
	s.addHistory(o, "pending", "", sp.created, 0)
	return o
}

func configurableOption(child *Product) *ProductOption {
	var opts []ConfigurableItemOption
	for _, a := range []string{attrColor, attrSize} {
		if v, ok := child.attrs[a]; ok {
			opts = append(opts, ConfigurableItemOption{OptionID: a, OptionValue: v})
		}
	}
	return &ProductOption{ExtensionAttributes: &ProductOptionExt{ConfigurableItemOptions: opts}}
}

func (s *Store) addHistory(o *Order, status, comment, at string, notified int) {
	// Magento lists the newest comment first.
	h := StatusHistory{
		Comment: comment, CreatedAt: at, EntityID: s.seq.next(&s.seq.history), EntityName: "order",
		IsCustomerNotified: notified, ParentID: o.EntityID, Status: status,
	}
	o.StatusHistories = append([]StatusHistory{h}, o.StatusHistories...)
}

// invoice marks the whole order paid (state processing).
func invoice(o *Order) {
	o.TotalInvoiced, o.BaseTotalInvoiced = fptr(o.GrandTotal), fptr(o.BaseGrandTotal)
	o.TotalPaid, o.BaseTotalPaid = fptr(o.GrandTotal), fptr(o.BaseGrandTotal)
	o.TotalDue, o.BaseTotalDue = 0, 0
	o.Payment.AmountPaid, o.Payment.BaseAmountPaid = fptr(o.GrandTotal), fptr(o.BaseGrandTotal)
	for _, it := range o.Items {
		it.QtyInvoiced = it.QtyOrdered
		it.RowInvoiced, it.BaseRowInvoiced = it.RowTotal, it.BaseRowTotal
		it.TaxInvoiced, it.BaseTaxInvoiced = it.TaxAmount, it.BaseTaxAmount
		it.DiscountInvoiced, it.BaseDiscountInvoiced = it.DiscountAmount, it.BaseDiscountAmount
	}
	o.State, o.Status = "processing", "processing"
}

func ship(o *Order) {
	for _, it := range o.Items {
		it.QtyShipped = it.QtyOrdered
	}
	o.State, o.Status = "complete", "complete"
}

func cancel(o *Order) {
	o.TotalCanceled, o.BaseTotalCanceled = fptr(o.GrandTotal), fptr(o.BaseGrandTotal)
	for _, it := range o.Items {
		it.QtyCanceled = it.QtyOrdered
	}
	o.State, o.Status = "canceled", "canceled"
}

// refundLine asks to refund qty of one order item.
type refundLine struct {
	orderItemID int64
	qty         float64
}

type refundArgs struct {
	lines                    []refundLine
	shipping                 *float64 // nil = refund the remaining shipping when all lines go back
	adjPositive, adjNegative float64
	comment                  string
	at                       string
}

var (
	errNotInvoiced = errors.New("The order does not allow a creditmemo.")
	errRefundQty   = errors.New("The most money available to refund is %1.")
)

// refund creates an offline credit memo and updates the order like Magento's
// RefundOrder service: item qty_refunded, totals, state closed once everything is back.
func (s *Store) refund(o *Order, a refundArgs) (*CreditMemo, error) {
	if o.TotalInvoiced == nil || o.State == "canceled" || o.State == "closed" {
		return nil, errNotInvoiced
	}
	byID := map[int64]*OrderItem{}
	for _, it := range o.Items {
		byID[it.ItemID] = it
	}
	if len(a.lines) == 0 { // no items given: refund everything still refundable
		for _, it := range o.Items {
			if it.ParentItemID == 0 && it.QtyInvoiced > it.QtyRefunded {
				a.lines = append(a.lines, refundLine{it.ItemID, it.QtyInvoiced - it.QtyRefunded})
			}
		}
	}
	w := websiteOf(o.StoreID)
	cm := &CreditMemo{
		BaseCurrencyCode: o.BaseCurrencyCode, BaseToGlobalRate: o.BaseToGlobalRate, BaseToOrderRate: 1,
		BillingAddressID: o.BillingAddressID, CreatedAt: a.at, UpdatedAt: a.at,
		GlobalCurrencyCode: o.GlobalCurrencyCode, InvoiceID: o.EntityID, OrderCurrencyCode: o.OrderCurrencyCode,
		OrderID: o.EntityID, State: 2, StoreCurrencyCode: o.StoreCurrencyCode, StoreID: o.StoreID,
		Comments: []CreditMemoComment{},
	}
	if sa := o.ExtensionAttributes; sa != nil && len(sa.ShippingAssignments) > 0 && sa.ShippingAssignments[0].Shipping.Address != nil {
		cm.ShippingAddressID = sa.ShippingAssignments[0].Shipping.Address.EntityID
	}
	taxPct := taxPercent(w.ID)
	var subtotal, tax, discount int64
	for _, l := range a.lines {
		it := byID[l.orderItemID]
		if it == nil || it.ParentItemID != 0 || l.qty <= 0 {
			continue
		}
		if l.qty > it.QtyInvoiced-it.QtyRefunded {
			return nil, fmt.Errorf("refund item %d: %w", it.ItemID, errRefundQty)
		}
		priceC := toCents(it.Price)
		rowC := int64(float64(priceC) * l.qty)
		taxC := int64(float64(rowC)*taxPct/100 + 0.5)
		discC := int64(float64(toCents(it.DiscountAmount)) * l.qty / it.QtyOrdered)
		subtotal += rowC
		tax += taxC
		discount -= discC
		cm.Items = append(cm.Items, CreditMemoItem{
			BasePrice: it.Price, BasePriceInclTax: it.PriceInclTax, BaseRowTotal: money(rowC),
			BaseRowTotalInclTax: money(rowC + taxC), BaseTaxAmount: money(taxC), EntityID: 0, Name: it.Name,
			OrderItemID: it.ItemID, Price: it.Price, PriceInclTax: it.PriceInclTax, ProductID: it.ProductID,
			Qty: l.qty, RowTotal: money(rowC), RowTotalInclTax: money(rowC + taxC), SKU: it.SKU,
			TaxAmount: money(taxC), WeeeTaxApplied: "[]",
		})
		it.QtyRefunded += l.qty
		it.AmountRefunded = round2(it.AmountRefunded + money(rowC))
		it.BaseAmountRefunded = it.AmountRefunded
		it.UpdatedAt = a.at
	}
	if len(cm.Items) == 0 {
		return nil, errors.New("You can't create a creditmemo without products.")
	}
	allBack := true
	for _, it := range o.Items {
		if it.ParentItemID == 0 && it.QtyRefunded < it.QtyInvoiced {
			allBack = false
		}
	}
	refundedShip := 0.0
	if o.BaseTotalRefunded != nil { // shipping already refunded is tracked on the payment
		for _, c := range s.creditmemosOfOrder(o.EntityID) {
			refundedShip += c.ShippingAmount
		}
	}
	var shipC int64
	if a.shipping != nil {
		shipC = toCents(*a.shipping)
	} else if allBack {
		shipC = toCents(o.ShippingAmount - refundedShip)
	}
	if money(shipC) > round2(o.ShippingAmount-refundedShip)+0.0001 {
		return nil, errors.New("Maximum shipping amount allowed to refund is: %1")
	}
	adjPos, adjNeg := toCents(a.adjPositive), toCents(a.adjNegative)
	grand := subtotal + tax + shipC + discount + adjPos - adjNeg
	already := 0.0
	if o.TotalRefunded != nil {
		already = *o.TotalRefunded
	}
	if money(grand) > round2(o.GrandTotal-already)+0.0001 || grand < 0 {
		return nil, errRefundQty
	}
	cm.Subtotal, cm.BaseSubtotal = money(subtotal), money(subtotal)
	cm.SubtotalInclTax, cm.BaseSubtotalInclTax = money(subtotal+tax), money(subtotal+tax)
	cm.TaxAmount, cm.BaseTaxAmount = money(tax), money(tax)
	cm.DiscountAmount, cm.BaseDiscountAmount = money(discount), money(discount)
	cm.ShippingAmount, cm.BaseShippingAmount = money(shipC), money(shipC)
	cm.ShippingInclTax, cm.BaseShippingInclTax = money(shipC), money(shipC)
	cm.AdjustmentPositive, cm.BaseAdjustmentPositive = money(adjPos), money(adjPos)
	cm.AdjustmentNegative, cm.BaseAdjustmentNegative = money(adjNeg), money(adjNeg)
	cm.Adjustment, cm.BaseAdjustment = money(adjPos-adjNeg), money(adjPos-adjNeg)
	cm.GrandTotal, cm.BaseGrandTotal = money(grand), money(grand)

	cm.EntityID = s.seq.next(&s.seq.creditmemo)
	cm.IncrementID = s.nextCMIncrement(o.StoreID)
	for i := range cm.Items {
		cm.Items[i].EntityID = s.seq.next(&s.seq.cmItem)
		cm.Items[i].ParentID = cm.EntityID
	}
	if a.comment != "" {
		cm.Comments = append(cm.Comments, CreditMemoComment{
			Comment: a.comment, CreatedAt: a.at, EntityID: s.seq.next(&s.seq.cmComment), ParentID: cm.EntityID,
		})
	}

	total := round2(already + cm.GrandTotal)
	o.TotalRefunded, o.BaseTotalRefunded = fptr(total), fptr(total)
	o.TotalOfflineRefunded, o.BaseTotalOfflineRefunded = fptr(total), fptr(total)
	o.Payment.AmountRefunded, o.Payment.BaseAmountRefunded = fptr(total), fptr(total)
	if allBack {
		o.State, o.Status = "closed", "closed"
	}
	s.addHistory(o, o.Status, "We refunded "+formatMoney(cm.GrandTotal, o.OrderCurrencyCode)+" offline.", a.at, 0)
	return cm, nil
}

func (s *Store) creditmemosOfOrder(orderID int64) []*CreditMemo {
	var out []*CreditMemo
	for _, c := range s.creditmemos.idOrder {
		if c.OrderID == orderID {
			out = append(out, c)
		}
	}
	return out
}

func formatMoney(v float64, currency string) string {
	sym := map[string]string{"USD": "$", "EUR": "€", "GBP": "£"}[currency]
	return sym + strings.TrimSpace(fmt.Sprintf("%.2f", v))
}
