package magentosim

// Sales records: orders with their lines, addresses, payment and history; credit memos.

// OrderAddress is an order billing or shipping address.
type OrderAddress struct {
	AddressType       string   `json:"address_type"`
	City              string   `json:"city"`
	Company           string   `json:"company,omitempty"`
	CountryID         string   `json:"country_id"`
	CustomerAddressID int64    `json:"customer_address_id,omitempty"`
	CustomerID        int64    `json:"customer_id,omitempty"`
	Email             string   `json:"email"`
	EntityID          int64    `json:"entity_id"`
	Firstname         string   `json:"firstname"`
	Lastname          string   `json:"lastname"`
	ParentID          int64    `json:"parent_id"`
	Postcode          string   `json:"postcode"`
	Region            string   `json:"region,omitempty"`
	RegionCode        string   `json:"region_code,omitempty"`
	RegionID          int      `json:"region_id,omitempty"`
	Street            []string `json:"street"`
	Telephone         string   `json:"telephone"`
}

// OrderItem is a sales order line (parent and child lines of configurables both appear).
type OrderItem struct {
	AmountRefunded                    float64        `json:"amount_refunded"`
	AppliedRuleIDs                    string         `json:"applied_rule_ids,omitempty"`
	BaseAmountRefunded                float64        `json:"base_amount_refunded"`
	BaseDiscountAmount                float64        `json:"base_discount_amount"`
	BaseDiscountInvoiced              float64        `json:"base_discount_invoiced"`
	BaseDiscountTaxCompensationAmount float64        `json:"base_discount_tax_compensation_amount"`
	BaseOriginalPrice                 float64        `json:"base_original_price"`
	BasePrice                         float64        `json:"base_price"`
	BasePriceInclTax                  float64        `json:"base_price_incl_tax"`
	BaseRowInvoiced                   float64        `json:"base_row_invoiced"`
	BaseRowTotal                      float64        `json:"base_row_total"`
	BaseRowTotalInclTax               float64        `json:"base_row_total_incl_tax"`
	BaseTaxAmount                     float64        `json:"base_tax_amount"`
	BaseTaxInvoiced                   float64        `json:"base_tax_invoiced"`
	CreatedAt                         string         `json:"created_at"`
	DiscountAmount                    float64        `json:"discount_amount"`
	DiscountInvoiced                  float64        `json:"discount_invoiced"`
	DiscountPercent                   float64        `json:"discount_percent"`
	FreeShipping                      int            `json:"free_shipping"`
	DiscountTaxCompensationAmount     float64        `json:"discount_tax_compensation_amount"`
	IsQtyDecimal                      int            `json:"is_qty_decimal"`
	IsVirtual                         int            `json:"is_virtual"`
	ItemID                            int64          `json:"item_id"`
	Name                              string         `json:"name"`
	NoDiscount                        int            `json:"no_discount"`
	OrderID                           int64          `json:"order_id"`
	OriginalPrice                     float64        `json:"original_price"`
	ParentItemID                      int64          `json:"parent_item_id,omitempty"`
	Price                             float64        `json:"price"`
	PriceInclTax                      float64        `json:"price_incl_tax"`
	ProductID                         int64          `json:"product_id"`
	ProductType                       string         `json:"product_type"`
	QtyCanceled                       float64        `json:"qty_canceled"`
	QtyInvoiced                       float64        `json:"qty_invoiced"`
	QtyOrdered                        float64        `json:"qty_ordered"`
	QtyRefunded                       float64        `json:"qty_refunded"`
	QtyShipped                        float64        `json:"qty_shipped"`
	QuoteItemID                       int64          `json:"quote_item_id"`
	RowInvoiced                       float64        `json:"row_invoiced"`
	RowTotal                          float64        `json:"row_total"`
	RowTotalInclTax                   float64        `json:"row_total_incl_tax"`
	RowWeight                         float64        `json:"row_weight"`
	SKU                               string         `json:"sku"`
	StoreID                           int            `json:"store_id"`
	TaxAmount                         float64        `json:"tax_amount"`
	TaxInvoiced                       float64        `json:"tax_invoiced"`
	TaxPercent                        float64        `json:"tax_percent"`
	UpdatedAt                         string         `json:"updated_at"`
	Weight                            float64        `json:"weight"`
	ProductOption                     *ProductOption `json:"product_option,omitempty"`
	ParentItem                        *OrderItem     `json:"parent_item,omitempty"`
}

// Payment is the order payment block.
type Payment struct {
	AccountStatus         *string  `json:"account_status"`
	AdditionalInformation []string `json:"additional_information"`
	AmountOrdered         float64  `json:"amount_ordered"`
	AmountPaid            *float64 `json:"amount_paid,omitempty"`
	AmountRefunded        *float64 `json:"amount_refunded,omitempty"`
	BaseAmountOrdered     float64  `json:"base_amount_ordered"`
	BaseAmountPaid        *float64 `json:"base_amount_paid,omitempty"`
	BaseAmountRefunded    *float64 `json:"base_amount_refunded,omitempty"`
	BaseShippingAmount    float64  `json:"base_shipping_amount"`
	CcLast4               *string  `json:"cc_last4"`
	EntityID              int64    `json:"entity_id"`
	Method                string   `json:"method"`
	ParentID              int64    `json:"parent_id"`
	ShippingAmount        float64  `json:"shipping_amount"`
}

// StatusHistory is an order comment.
type StatusHistory struct {
	Comment            string `json:"comment"`
	CreatedAt          string `json:"created_at"`
	EntityID           int64  `json:"entity_id"`
	EntityName         string `json:"entity_name"`
	IsCustomerNotified int    `json:"is_customer_notified"`
	IsVisibleOnFront   int    `json:"is_visible_on_front"`
	ParentID           int64  `json:"parent_id"`
	Status             string `json:"status"`
}

// ShippingTotal is shipping_assignments[].shipping.total.
type ShippingTotal struct {
	BaseShippingAmount                    float64 `json:"base_shipping_amount"`
	BaseShippingDiscountAmount            float64 `json:"base_shipping_discount_amount"`
	BaseShippingInclTax                   float64 `json:"base_shipping_incl_tax"`
	BaseShippingTaxAmount                 float64 `json:"base_shipping_tax_amount"`
	ShippingAmount                        float64 `json:"shipping_amount"`
	ShippingDiscountAmount                float64 `json:"shipping_discount_amount"`
	ShippingDiscountTaxCompensationAmount float64 `json:"shipping_discount_tax_compensation_amount"`
	ShippingInclTax                       float64 `json:"shipping_incl_tax"`
	ShippingTaxAmount                     float64 `json:"shipping_tax_amount"`
}

// OrderShipping is shipping_assignments[].shipping.
type OrderShipping struct {
	Address *OrderAddress `json:"address,omitempty"`
	Method  string        `json:"method,omitempty"`
	Total   ShippingTotal `json:"total"`
}

// ShippingAssignment is an entry of extension_attributes.shipping_assignments.
type ShippingAssignment struct {
	Shipping OrderShipping `json:"shipping"`
	Items    []*OrderItem  `json:"items"`
}

// KeyValue is a payment_additional_info entry.
type KeyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// OrderExt is the order's extension_attributes.
type OrderExt struct {
	ShippingAssignments   []ShippingAssignment `json:"shipping_assignments"`
	PaymentAdditionalInfo []KeyValue           `json:"payment_additional_info,omitempty"`
}

// Order is a sales order (GET /V1/orders/{id}).
type Order struct {
	AppliedRuleIDs                        string          `json:"applied_rule_ids,omitempty"`
	BaseCurrencyCode                      string          `json:"base_currency_code"`
	BaseDiscountAmount                    float64         `json:"base_discount_amount"`
	BaseGrandTotal                        float64         `json:"base_grand_total"`
	BaseDiscountTaxCompensationAmount     float64         `json:"base_discount_tax_compensation_amount"`
	BaseShippingAmount                    float64         `json:"base_shipping_amount"`
	BaseShippingDiscountAmount            float64         `json:"base_shipping_discount_amount"`
	BaseShippingInclTax                   float64         `json:"base_shipping_incl_tax"`
	BaseShippingTaxAmount                 float64         `json:"base_shipping_tax_amount"`
	BaseSubtotal                          float64         `json:"base_subtotal"`
	BaseSubtotalInclTax                   float64         `json:"base_subtotal_incl_tax"`
	BaseTaxAmount                         float64         `json:"base_tax_amount"`
	BaseTotalCanceled                     *float64        `json:"base_total_canceled,omitempty"`
	BaseTotalDue                          float64         `json:"base_total_due"`
	BaseTotalInvoiced                     *float64        `json:"base_total_invoiced,omitempty"`
	BaseTotalOfflineRefunded              *float64        `json:"base_total_offline_refunded,omitempty"`
	BaseTotalPaid                         *float64        `json:"base_total_paid,omitempty"`
	BaseTotalRefunded                     *float64        `json:"base_total_refunded,omitempty"`
	BaseToGlobalRate                      float64         `json:"base_to_global_rate"`
	BaseToOrderRate                       float64         `json:"base_to_order_rate"`
	BillingAddressID                      int64           `json:"billing_address_id"`
	CouponCode                            string          `json:"coupon_code,omitempty"`
	CreatedAt                             string          `json:"created_at"`
	CustomerEmail                         string          `json:"customer_email"`
	CustomerFirstname                     string          `json:"customer_firstname,omitempty"`
	CustomerGroupID                       int             `json:"customer_group_id"`
	CustomerID                            *int64          `json:"customer_id,omitempty"`
	CustomerIsGuest                       int             `json:"customer_is_guest"`
	CustomerLastname                      string          `json:"customer_lastname,omitempty"`
	CustomerNoteNotify                    int             `json:"customer_note_notify"`
	DiscountAmount                        float64         `json:"discount_amount"`
	DiscountDescription                   string          `json:"discount_description,omitempty"`
	EmailSent                             int             `json:"email_sent"`
	EntityID                              int64           `json:"entity_id"`
	GlobalCurrencyCode                    string          `json:"global_currency_code"`
	GrandTotal                            float64         `json:"grand_total"`
	DiscountTaxCompensationAmount         float64         `json:"discount_tax_compensation_amount"`
	IncrementID                           string          `json:"increment_id"`
	IsVirtual                             int             `json:"is_virtual"`
	OrderCurrencyCode                     string          `json:"order_currency_code"`
	ProtectCode                           string          `json:"protect_code"`
	QuoteID                               int64           `json:"quote_id"`
	RemoteIP                              string          `json:"remote_ip,omitempty"`
	ShippingAmount                        float64         `json:"shipping_amount"`
	ShippingDescription                   string          `json:"shipping_description,omitempty"`
	ShippingDiscountAmount                float64         `json:"shipping_discount_amount"`
	ShippingDiscountTaxCompensationAmount float64         `json:"shipping_discount_tax_compensation_amount"`
	ShippingInclTax                       float64         `json:"shipping_incl_tax"`
	ShippingTaxAmount                     float64         `json:"shipping_tax_amount"`
	State                                 string          `json:"state"`
	Status                                string          `json:"status"`
	StoreCurrencyCode                     string          `json:"store_currency_code"`
	StoreID                               int             `json:"store_id"`
	StoreName                             string          `json:"store_name"`
	StoreToBaseRate                       float64         `json:"store_to_base_rate"`
	StoreToOrderRate                      float64         `json:"store_to_order_rate"`
	Subtotal                              float64         `json:"subtotal"`
	SubtotalInclTax                       float64         `json:"subtotal_incl_tax"`
	TaxAmount                             float64         `json:"tax_amount"`
	TotalCanceled                         *float64        `json:"total_canceled,omitempty"`
	TotalDue                              float64         `json:"total_due"`
	TotalInvoiced                         *float64        `json:"total_invoiced,omitempty"`
	TotalItemCount                        int             `json:"total_item_count"`
	TotalOfflineRefunded                  *float64        `json:"total_offline_refunded,omitempty"`
	TotalPaid                             *float64        `json:"total_paid,omitempty"`
	TotalQtyOrdered                       float64         `json:"total_qty_ordered"`
	TotalRefunded                         *float64        `json:"total_refunded,omitempty"`
	UpdatedAt                             string          `json:"updated_at"`
	Weight                                float64         `json:"weight"`
	Items                                 []*OrderItem    `json:"items"`
	BillingAddress                        *OrderAddress   `json:"billing_address,omitempty"`
	Payment                               *Payment        `json:"payment,omitempty"`
	StatusHistories                       []StatusHistory `json:"status_histories"`
	ExtensionAttributes                   *OrderExt       `json:"extension_attributes,omitempty"`
}

// CreditMemoItem is a credit memo line.
type CreditMemoItem struct {
	BaseCost                          *float64 `json:"base_cost"`
	BaseDiscountTaxCompensationAmount float64  `json:"base_discount_tax_compensation_amount"`
	BasePrice                         float64  `json:"base_price"`
	BasePriceInclTax                  float64  `json:"base_price_incl_tax"`
	BaseRowTotal                      float64  `json:"base_row_total"`
	BaseRowTotalInclTax               float64  `json:"base_row_total_incl_tax"`
	BaseTaxAmount                     float64  `json:"base_tax_amount"`
	BaseWeeeTaxRowDisposition         float64  `json:"base_weee_tax_row_disposition"`
	EntityID                          int64    `json:"entity_id"`
	DiscountTaxCompensationAmount     float64  `json:"discount_tax_compensation_amount"`
	Name                              string   `json:"name"`
	OrderItemID                       int64    `json:"order_item_id"`
	ParentID                          int64    `json:"parent_id"`
	Price                             float64  `json:"price"`
	PriceInclTax                      float64  `json:"price_incl_tax"`
	ProductID                         int64    `json:"product_id"`
	Qty                               float64  `json:"qty"`
	RowTotal                          float64  `json:"row_total"`
	RowTotalInclTax                   float64  `json:"row_total_incl_tax"`
	SKU                               string   `json:"sku"`
	TaxAmount                         float64  `json:"tax_amount"`
	WeeeTaxApplied                    string   `json:"weee_tax_applied"`
	WeeeTaxAppliedRowAmount           float64  `json:"weee_tax_applied_row_amount"`
	WeeeTaxRowDisposition             float64  `json:"weee_tax_row_disposition"`
}

// CreditMemoComment is a credit memo comment.
type CreditMemoComment struct {
	Comment            string `json:"comment"`
	CreatedAt          string `json:"created_at"`
	EntityID           int64  `json:"entity_id"`
	IsCustomerNotified int    `json:"is_customer_notified"`
	IsVisibleOnFront   int    `json:"is_visible_on_front"`
	ParentID           int64  `json:"parent_id"`
}

// CreditMemo is GET /V1/creditmemo/{id}.
type CreditMemo struct {
	Adjustment                        float64             `json:"adjustment"`
	AdjustmentNegative                float64             `json:"adjustment_negative"`
	AdjustmentPositive                float64             `json:"adjustment_positive"`
	BaseAdjustment                    float64             `json:"base_adjustment"`
	BaseAdjustmentNegative            float64             `json:"base_adjustment_negative"`
	BaseAdjustmentPositive            float64             `json:"base_adjustment_positive"`
	BaseCurrencyCode                  string              `json:"base_currency_code"`
	BaseDiscountAmount                float64             `json:"base_discount_amount"`
	BaseGrandTotal                    float64             `json:"base_grand_total"`
	BaseDiscountTaxCompensationAmount float64             `json:"base_discount_tax_compensation_amount"`
	BaseShippingAmount                float64             `json:"base_shipping_amount"`
	BaseShippingInclTax               float64             `json:"base_shipping_incl_tax"`
	BaseShippingTaxAmount             float64             `json:"base_shipping_tax_amount"`
	BaseSubtotal                      float64             `json:"base_subtotal"`
	BaseSubtotalInclTax               float64             `json:"base_subtotal_incl_tax"`
	BaseTaxAmount                     float64             `json:"base_tax_amount"`
	BaseToGlobalRate                  float64             `json:"base_to_global_rate"`
	BaseToOrderRate                   float64             `json:"base_to_order_rate"`
	BillingAddressID                  int64               `json:"billing_address_id"`
	CreatedAt                         string              `json:"created_at"`
	DiscountAmount                    float64             `json:"discount_amount"`
	EntityID                          int64               `json:"entity_id"`
	GlobalCurrencyCode                string              `json:"global_currency_code"`
	GrandTotal                        float64             `json:"grand_total"`
	DiscountTaxCompensationAmount     float64             `json:"discount_tax_compensation_amount"`
	IncrementID                       string              `json:"increment_id"`
	InvoiceID                         int64               `json:"invoice_id,omitempty"`
	OrderCurrencyCode                 string              `json:"order_currency_code"`
	OrderID                           int64               `json:"order_id"`
	ShippingAddressID                 int64               `json:"shipping_address_id"`
	ShippingAmount                    float64             `json:"shipping_amount"`
	ShippingInclTax                   float64             `json:"shipping_incl_tax"`
	ShippingTaxAmount                 float64             `json:"shipping_tax_amount"`
	State                             int                 `json:"state"`
	StoreCurrencyCode                 string              `json:"store_currency_code"`
	StoreID                           int                 `json:"store_id"`
	StoreToBaseRate                   float64             `json:"store_to_base_rate"`
	StoreToOrderRate                  float64             `json:"store_to_order_rate"`
	Subtotal                          float64             `json:"subtotal"`
	SubtotalInclTax                   float64             `json:"subtotal_incl_tax"`
	TaxAmount                         float64             `json:"tax_amount"`
	UpdatedAt                         string              `json:"updated_at"`
	Items                             []CreditMemoItem    `json:"items"`
	Comments                          []CreditMemoComment `json:"comments"`
}
