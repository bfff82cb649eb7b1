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

// Subscriber is an item of the companion route GET /V1/newsletter/subscribers.
type Subscriber struct {
	SubscriberID     int64  `json:"subscriber_id"`
	StoreID          int    `json:"store_id"`
	CustomerID       int64  `json:"customer_id"`
	SubscriberEmail  string `json:"subscriber_email"`
	SubscriberStatus int    `json:"subscriber_status"`
	ChangeStatusAt   string `json:"change_status_at"`
}
