package magentosim

// Wire records. Field tags follow Magento's Data interfaces as rendered by the REST
// serializer: optional values that are null are omitted (omitempty / nil pointers),
// non-nullable declared fields stay (pointers without omitempty render as null),
// empty arrays that Magento keeps are initialised to non-nil slices.
// Records are kept as Go structs and marshalled on demand.

// Website is a row of GET /V1/store/websites.
type Website struct {
	ID             int    `json:"id"`
	Code           string `json:"code"`
	Name           string `json:"name"`
	DefaultGroupID int    `json:"default_group_id"`
	currency       string
}

// StoreGroup is a row of GET /V1/store/storeGroups.
type StoreGroup struct {
	ID             int    `json:"id"`
	WebsiteID      int    `json:"website_id"`
	RootCategoryID int    `json:"root_category_id"`
	DefaultStoreID int    `json:"default_store_id"`
	Name           string `json:"name"`
	Code           string `json:"code"`
}

// StoreView is a row of GET /V1/store/storeViews.
type StoreView struct {
	ID           int    `json:"id"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	WebsiteID    int    `json:"website_id"`
	StoreGroupID int    `json:"store_group_id"`
	IsActive     int    `json:"is_active"`
}

// StoreConfig is a row of GET /V1/store/storeConfigs.
type StoreConfig struct {
	ID                         int     `json:"id"`
	Code                       string  `json:"code"`
	WebsiteID                  int     `json:"website_id"`
	Locale                     string  `json:"locale"`
	BaseCurrencyCode           string  `json:"base_currency_code"`
	DefaultDisplayCurrencyCode string  `json:"default_display_currency_code"`
	Timezone                   string  `json:"timezone"`
	WeightUnit                 string  `json:"weight_unit"`
	BaseURL                    string  `json:"base_url"`
	BaseLinkURL                string  `json:"base_link_url"`
	BaseStaticURL              string  `json:"base_static_url"`
	BaseMediaURL               string  `json:"base_media_url"`
	SecureBaseURL              string  `json:"secure_base_url"`
	SecureBaseLinkURL          string  `json:"secure_base_link_url"`
	SecureBaseStaticURL        string  `json:"secure_base_static_url"`
	SecureBaseMediaURL         string  `json:"secure_base_media_url"`
	rate                       float64 // base -> global (USD) rate
}

// CustomerGroup is an item of GET /V1/customerGroups/search.
type CustomerGroup struct {
	ID           int64  `json:"id"`
	Code         string `json:"code"`
	TaxClassID   int    `json:"tax_class_id"`
	TaxClassName string `json:"tax_class_name"`
}

// Region is the nested region object of a customer address.
type Region struct {
	RegionCode string `json:"region_code"`
	Region     string `json:"region"`
	RegionID   int    `json:"region_id"`
}

// CustomerAddress is an address in a customer's address book.
type CustomerAddress struct {
	ID              int64    `json:"id"`
	CustomerID      int64    `json:"customer_id"`
	Region          Region   `json:"region"`
	RegionID        int      `json:"region_id"`
	CountryID       string   `json:"country_id"`
	Street          []string `json:"street"`
	Company         string   `json:"company,omitempty"`
	Telephone       string   `json:"telephone"`
	Postcode        string   `json:"postcode"`
	City            string   `json:"city"`
	Firstname       string   `json:"firstname"`
	Lastname        string   `json:"lastname"`
	DefaultShipping bool     `json:"default_shipping,omitempty"`
	DefaultBilling  bool     `json:"default_billing,omitempty"`
}

// CustomerExt is the customer's extension_attributes.
type CustomerExt struct {
	IsSubscribed bool `json:"is_subscribed"`
}

// Customer is a customer account (GET /V1/customers/{id}).
type Customer struct {
	ID                     int64             `json:"id"`
	GroupID                int               `json:"group_id"`
	DefaultBilling         string            `json:"default_billing,omitempty"`
	DefaultShipping        string            `json:"default_shipping,omitempty"`
	CreatedAt              string            `json:"created_at"`
	UpdatedAt              string            `json:"updated_at"`
	CreatedIn              string            `json:"created_in"`
	Dob                    string            `json:"dob,omitempty"`
	Email                  string            `json:"email"`
	Firstname              string            `json:"firstname"`
	Lastname               string            `json:"lastname"`
	Middlename             string            `json:"middlename,omitempty"`
	Prefix                 string            `json:"prefix,omitempty"`
	Gender                 int               `json:"gender,omitempty"`
	StoreID                int               `json:"store_id"`
	Taxvat                 string            `json:"taxvat,omitempty"`
	WebsiteID              int               `json:"website_id"`
	Addresses              []CustomerAddress `json:"addresses"`
	DisableAutoGroupChange int               `json:"disable_auto_group_change"`
	ExtensionAttributes    *CustomerExt      `json:"extension_attributes,omitempty"`
}

// QuoteAddress is a cart billing/shipping address.
type QuoteAddress struct {
	ID                int64    `json:"id,omitempty"`
	Region            string   `json:"region,omitempty"`
	RegionID          int      `json:"region_id,omitempty"`
	RegionCode        string   `json:"region_code,omitempty"`
	CountryID         string   `json:"country_id,omitempty"`
	Street            []string `json:"street,omitempty"`
	Telephone         string   `json:"telephone,omitempty"`
	Postcode          string   `json:"postcode,omitempty"`
	City              string   `json:"city,omitempty"`
	Firstname         string   `json:"firstname,omitempty"`
	Lastname          string   `json:"lastname,omitempty"`
	CustomerID        int64    `json:"customer_id,omitempty"`
	CustomerAddressID int64    `json:"customer_address_id,omitempty"`
	Email             string   `json:"email,omitempty"`
	SameAsBilling     int      `json:"same_as_billing"`
	SaveInAddressBook int      `json:"save_in_address_book"`
}

// ConfigurableItemOption selects one value of a configurable attribute.
type ConfigurableItemOption struct {
	OptionID    string `json:"option_id"`
	OptionValue int    `json:"option_value"`
}

// ProductOptionExt is product_option.extension_attributes.
type ProductOptionExt struct {
	ConfigurableItemOptions []ConfigurableItemOption `json:"configurable_item_options,omitempty"`
}

// ProductOption is the product_option block of cart and order items.
type ProductOption struct {
	ExtensionAttributes *ProductOptionExt `json:"extension_attributes,omitempty"`
}

// CartItem is a visible quote item.
type CartItem struct {
	ItemID        int64          `json:"item_id"`
	SKU           string         `json:"sku"`
	Qty           float64        `json:"qty"`
	Name          string         `json:"name"`
	Price         float64        `json:"price"`
	ProductType   string         `json:"product_type"`
	QuoteID       string         `json:"quote_id"`
	ProductOption *ProductOption `json:"product_option,omitempty"`
	productID     int64
}

// CartCurrency is the cart's currency block.
type CartCurrency struct {
	GlobalCurrencyCode string  `json:"global_currency_code"`
	BaseCurrencyCode   string  `json:"base_currency_code"`
	StoreCurrencyCode  string  `json:"store_currency_code"`
	QuoteCurrencyCode  string  `json:"quote_currency_code"`
	StoreToBaseRate    float64 `json:"store_to_base_rate"`
	StoreToQuoteRate   float64 `json:"store_to_quote_rate"`
	BaseToGlobalRate   float64 `json:"base_to_global_rate"`
	BaseToQuoteRate    float64 `json:"base_to_quote_rate"`
}

// cart is the stored quote; it is rendered to JSON by cartView (carts.go) because its
// shape depends on is_active and on the live customer record.
type cart struct {
	ID              int64
	CreatedAt       string
	UpdatedAt       string
	IsActive        bool
	IsVirtual       bool
	Items           []*CartItem
	CustomerID      int64 // 0 = guest
	Email           string
	StoreID         int
	BillingAddress  *QuoteAddress
	ShippingAddress *QuoteAddress
	ShippingMethod  string // carrier_method
	PaymentMethod   string
	ReservedOrderID string
	Currency        string
	rate            float64
}

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

// Subscriber is an item of the companion route GET /V1/newsletter/subscribers.
type Subscriber struct {
	SubscriberID     int64  `json:"subscriber_id"`
	StoreID          int    `json:"store_id"`
	CustomerID       int64  `json:"customer_id"`
	SubscriberEmail  string `json:"subscriber_email"`
	SubscriberStatus int    `json:"subscriber_status"`
	ChangeStatusAt   string `json:"change_status_at"`
}

// CategoryLink links a product to a category.
type CategoryLink struct {
	Position   int    `json:"position"`
	CategoryID string `json:"category_id"`
}

// StockItem is the product's stock_item extension.
type StockItem struct {
	ItemID                         int64   `json:"item_id"`
	ProductID                      int64   `json:"product_id"`
	StockID                        int     `json:"stock_id"`
	Qty                            float64 `json:"qty"`
	IsInStock                      bool    `json:"is_in_stock"`
	IsQtyDecimal                   bool    `json:"is_qty_decimal"`
	ShowDefaultNotificationMessage bool    `json:"show_default_notification_message"`
	UseConfigMinQty                bool    `json:"use_config_min_qty"`
	MinQty                         float64 `json:"min_qty"`
	UseConfigMinSaleQty            int     `json:"use_config_min_sale_qty"`
	MinSaleQty                     float64 `json:"min_sale_qty"`
	UseConfigMaxSaleQty            bool    `json:"use_config_max_sale_qty"`
	MaxSaleQty                     float64 `json:"max_sale_qty"`
	UseConfigBackorders            bool    `json:"use_config_backorders"`
	Backorders                     int     `json:"backorders"`
	UseConfigNotifyStockQty        bool    `json:"use_config_notify_stock_qty"`
	NotifyStockQty                 float64 `json:"notify_stock_qty"`
	UseConfigQtyIncrements         bool    `json:"use_config_qty_increments"`
	QtyIncrements                  float64 `json:"qty_increments"`
	UseConfigEnableQtyInc          bool    `json:"use_config_enable_qty_inc"`
	EnableQtyIncrements            bool    `json:"enable_qty_increments"`
	UseConfigManageStock           bool    `json:"use_config_manage_stock"`
	ManageStock                    bool    `json:"manage_stock"`
	LowStockDate                   *string `json:"low_stock_date"`
	IsDecimalDivided               bool    `json:"is_decimal_divided"`
	StockStatusChangedAuto         int     `json:"stock_status_changed_auto"`
}

// ConfigurableOptionValue is a value of a configurable product option.
type ConfigurableOptionValue struct {
	ValueIndex int `json:"value_index"`
}

// ConfigurableProductOption describes one configurable attribute (size, color).
type ConfigurableProductOption struct {
	ID          int64                     `json:"id"`
	AttributeID string                    `json:"attribute_id"`
	Label       string                    `json:"label"`
	Position    int                       `json:"position"`
	Values      []ConfigurableOptionValue `json:"values"`
	ProductID   int64                     `json:"product_id"`
}

// ProductExt is the product's extension_attributes.
type ProductExt struct {
	WebsiteIDs                 []int                       `json:"website_ids"`
	CategoryLinks              []CategoryLink              `json:"category_links,omitempty"`
	StockItem                  *StockItem                  `json:"stock_item,omitempty"`
	ConfigurableProductOptions []ConfigurableProductOption `json:"configurable_product_options,omitempty"`
	ConfigurableProductLinks   []int64                     `json:"configurable_product_links,omitempty"`
}

// CustomAttribute is an attribute_code/value pair; Value is a string or []string.
type CustomAttribute struct {
	AttributeCode string `json:"attribute_code"`
	Value         any    `json:"value"`
}

// Product is GET /V1/products/{sku}.
type Product struct {
	ID                  int64             `json:"id"`
	SKU                 string            `json:"sku"`
	Name                string            `json:"name"`
	AttributeSetID      int               `json:"attribute_set_id"`
	Price               float64           `json:"price"`
	Status              int               `json:"status"`
	Visibility          int               `json:"visibility"`
	TypeID              string            `json:"type_id"`
	CreatedAt           string            `json:"created_at"`
	UpdatedAt           string            `json:"updated_at"`
	Weight              float64           `json:"weight,omitempty"`
	ExtensionAttributes *ProductExt       `json:"extension_attributes,omitempty"`
	ProductLinks        []any             `json:"product_links"`
	Options             []any             `json:"options"`
	MediaGalleryEntries []any             `json:"media_gallery_entries"`
	TierPrices          []any             `json:"tier_prices"`
	CustomAttributes    []CustomAttribute `json:"custom_attributes"`

	// option values of a configurable child: attribute id -> value index
	attrs    map[string]int
	parentID int64
	children []int64
}
