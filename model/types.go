package model

// Domain types shared by the store (model), the connector and the app.
// Times are Magento's UTC strings "YYYY-MM-DD HH:MM:SS" (empty = unknown);
// they compare lexicographically exactly as Magento's SQL compares them.
// MagentoID fields hold Magento's own ids; ID fields are our local row ids.
// Raw holds the record's JSON exactly as Magento sent it (nil when not kept).

// Entity names used for sync state, runs, errors and the CLI.
const (
	EntityWebsites    = "websites"
	EntityStoreViews  = "store_views"
	EntityGroups      = "customer_groups"
	EntityCustomers   = "customers"
	EntityCarts       = "carts"
	EntityOrders      = "orders"
	EntityCreditMemos = "creditmemos"
	EntitySubscribers = "subscribers"
	EntityProducts    = "products"
)

// SyncEntities are the record entities in the order the engine syncs them.
var SyncEntities = []string{EntityCustomers, EntityCarts, EntityOrders, EntityCreditMemos, EntitySubscribers, EntityProducts}

// DefaultSyncStart is "all history" (OroCRM's default was 2007-01-01).
const DefaultSyncStart = "2007-01-01 00:00:00"

// Channel is one connected Magento store.
type Channel struct {
	ID        int64
	Name      string
	Type      string // "magento2"
	BaseURL   string // e.g. https://shop.example.com (no /rest)
	StoreCode string // store view code used in /rest/<code>/V1; "" = default
	AuthMode  string // "bearer" or "oauth"
	// CredentialKey names the secret in the credential store (keychain);
	// secrets never live in the database.
	CredentialKey string
	IsDemo        bool

	WebsiteIDs    []int64  // websites to sync; empty = all
	Entities      []string // enabled entities (customers always)
	SyncStart     string   // UTC, default DefaultSyncStart
	SyncInterval  int      // minutes; 0 = manual only
	AbandonAfter  int      // minutes idle before an open cart counts as abandoned
	TwoWay        bool
	LocalWins     bool // two-way conflict priority; false = remote wins
	PageSize      int  // 0 = default (100)
	Concurrency   int  // parallel page requests; 0 = default (4)
	ReconcileDays int  // days between reconciliation sweeps; 0 = 1

	// Connection extras for real setups.
	AllowInsecureHTTP bool
	BasicAuthUser     string // HTTP basic auth in front of staging; password in the credential store
	TrustedCertSHA256 string // hex fingerprint of a self-signed/private-CA cert the user trusted
	AdminURL          string // e.g. https://shop.example.com/admin (for "Open in Magento admin")

	// Learned at connect/sync time.
	StoreName          string
	BaseCurrency       string
	Timezone           string // IANA zone of the default store view
	HasNewsletterRoute bool

	CreatedAt      string
	LastSyncAt     string
	LastSyncStatus string // "ok", "failed: …", "running", ""
	LastReconcile  string
}

// Website, StoreGroup, StoreView, CustomerGroup are Magento's dictionaries.
type Website struct {
	ChannelID      int64
	MagentoID      int64
	Code, Name     string
	DefaultGroupID int64
}

type StoreGroup struct {
	ChannelID      int64
	MagentoID      int64
	WebsiteID      int64
	Code, Name     string
	RootCategoryID int64
	DefaultStoreID int64
}

type StoreView struct {
	ChannelID       int64
	MagentoID       int64
	Code, Name      string
	WebsiteID       int64
	StoreGroupID    int64
	IsActive        bool
	Locale          string
	Timezone        string
	BaseCurrency    string
	DisplayCurrency string
	BaseURL         string
}

type CustomerGroup struct {
	ChannelID    int64
	MagentoID    int64
	Code         string
	TaxClassID   int64
	TaxClassName string
}

type Customer struct {
	ID                  int64
	ChannelID           int64
	MagentoID           int64
	WebsiteID           int64
	StoreID             int64
	GroupID             int64
	Email               string
	Prefix, Firstname   string
	Middlename          string
	Lastname, Suffix    string
	DOB                 string // YYYY-MM-DD
	Gender              int    // 0 unknown, 1 male, 2 female, 3 not specified
	Taxvat              string
	CreatedIn           string
	CreatedAt           string
	UpdatedAt           string
	DefaultBilling      string // address id as Magento sends it (string)
	DefaultShipping     string
	IsSubscribed        *bool // nil when Magento did not say
	Addresses           []Address
	Raw                 []byte
	SyncedAt            string
	RemovedInMagento    bool // personal data erased; row kept only as a tombstone
	RemovedInMagentoAt  string
	LifetimeUnits       int64 // derived: base grand total of orders minus refunds
	OrdersCount         int64 // derived
	LastOrderAt         string
	FirstOrderAt        string
	DisplayCurrencyCode string // derived: base currency of the customer's website
}

type Address struct {
	MagentoID       int64
	Prefix          string
	Firstname       string
	Middlename      string
	Lastname        string
	Suffix          string
	Company         string
	Street          []string
	City            string
	Region          string
	RegionCode      string
	RegionID        int64
	Postcode        string
	CountryID       string
	Telephone       string
	VatID           string
	DefaultBilling  bool
	DefaultShipping bool
}

// Cart statuses (ours, OroCRM's): Purchased is final.
const (
	CartOpen      = "open"
	CartLost      = "lost"
	CartExpired   = "expired"
	CartPurchased = "purchased"
)

type Cart struct {
	ID                int64
	ChannelID         int64
	MagentoID         int64
	StoreID           int64
	CreatedAt         string
	UpdatedAt         string
	ConvertedAt       string
	IsActive          bool
	IsVirtual         bool
	CustomerIsGuest   bool
	CustomerID        int64 // Magento customer id; 0 for guests
	CustomerEmail     string
	CustomerFirstname string
	CustomerLastname  string
	ItemsCount        int64
	ItemsQty          string // decimal as sent
	ReservedOrderID   string
	OrigOrderID       int64
	BaseCurrency      string
	QuoteCurrency     string
	// Totals from GET /V1/carts/{id}/totals (active carts only). GrandTotal
	// is Magento's /totals grand_total, which excludes tax; BaseGrandTotal
	// includes it.
	GrandTotal      Money
	BaseGrandTotal  Money
	Subtotal        Money
	TaxAmount       Money
	DiscountAmount  Money
	ShippingAmount  Money
	TotalsUpdatedAt string
	Status          string // CartOpen …
	StatusNote      string // e.g. "removed in Magento", "inactive, no order"
	OrderMagentoID  int64  // set when Purchased
	Items           []CartItem
	Raw             []byte
	SyncedAt        string
	Abandoned       bool // derived on read
}

type CartItem struct {
	MagentoID   int64
	SKU         string
	Name        string
	Qty         string
	Price       Money
	ProductType string
	Options     string // JSON of product_option, if any
}

type Order struct {
	ID                int64
	ChannelID         int64
	MagentoID         int64 // entity_id
	IncrementID       string
	QuoteID           int64 // kept even when Magento purged the quote
	StoreID           int64
	StoreName         string
	CustomerID        int64 // 0 for guests
	CustomerIsGuest   bool
	CustomerGroupID   int64
	CustomerEmail     string
	CustomerFirstname string
	CustomerLastname  string
	State             string
	Status            string
	CreatedAt         string
	UpdatedAt         string
	BaseCurrency      string
	OrderCurrency     string
	GrandTotal        Money
	BaseGrandTotal    Money
	Subtotal          Money
	TaxAmount         Money
	ShippingAmount    Money
	DiscountAmount    Money
	TotalPaid         Money
	TotalInvoiced     Money
	TotalRefunded     Money
	BaseTotalRefunded Money
	TotalDue          Money
	TotalQtyOrdered   string
	TotalItemCount    int64
	ShippingMethod    string // carrier_method from shipping_assignments
	ShippingDesc      string
	RemoteIP          string
	Items             []OrderItem // parent lines and child lines (ParentItemID != 0)
	BillingAddress    *OrderAddress
	ShippingAddress   *OrderAddress
	Payment           *Payment
	StatusHistory     []StatusHistory
	Raw               []byte
	SyncedAt          string
	RemovedInMagento  bool
}

type OrderItem struct {
	MagentoID      int64
	ParentItemID   int64
	QuoteItemID    int64
	ProductID      int64
	ProductType    string
	SKU            string
	Name           string
	QtyOrdered     string
	QtyInvoiced    string
	QtyShipped     string
	QtyRefunded    string
	QtyCanceled    string
	Price          Money
	BasePrice      Money
	OriginalPrice  Money
	RowTotal       Money
	BaseRowTotal   Money
	TaxAmount      Money
	DiscountAmount Money
	AmountRefunded Money
	ProductOption  string // JSON
}

type OrderAddress struct {
	MagentoID   int64
	AddressType string // billing | shipping
	Firstname   string
	Lastname    string
	Company     string
	Street      []string
	City        string
	Region      string
	RegionCode  string
	RegionID    int64
	Postcode    string
	CountryID   string
	Telephone   string
	Email       string
}

type Payment struct {
	Method             string
	AmountOrdered      Money
	BaseAmountOrdered  Money
	AmountPaid         Money
	AdditionalInfo     []string
	CcLast4            string
	LastTransactionID  string
	AccountStatus      string
	MethodTitle        string // from additional_information[0] when present
	AmountRefunded     Money
	BaseAmountRefunded Money
}

type StatusHistory struct {
	MagentoID          int64
	Comment            string
	Status             string
	EntityName         string
	CreatedAt          string
	IsCustomerNotified bool
	IsVisibleOnFront   bool
}

// Credit memo states (Magento's ints).
const (
	CreditMemoOpen     = 1
	CreditMemoRefunded = 2
	CreditMemoCanceled = 3
)

type CreditMemo struct {
	ID                 int64
	ChannelID          int64
	MagentoID          int64
	OrderID            int64 // Magento order entity_id; kept when the order is unknown here
	InvoiceID          int64
	IncrementID        string
	State              int
	StoreID            int64
	CreatedAt          string
	UpdatedAt          string
	BaseCurrency       string
	OrderCurrency      string
	GrandTotal         Money
	BaseGrandTotal     Money
	Subtotal           Money
	TaxAmount          Money
	ShippingAmount     Money
	DiscountAmount     Money
	Adjustment         Money
	AdjustmentPositive Money
	AdjustmentNegative Money
	Items              []CreditMemoItem
	Comments           []string
	Raw                []byte
	SyncedAt           string
}

type CreditMemoItem struct {
	MagentoID      int64
	OrderItemID    int64
	ProductID      int64
	SKU            string
	Name           string
	Qty            string
	Price          Money
	RowTotal       Money
	TaxAmount      Money
	DiscountAmount Money
}

// Newsletter subscriber statuses (Magento's subscriber_status).
const (
	SubscriberSubscribed  = 1
	SubscriberNotActive   = 2
	SubscriberUnsubscribe = 3
	SubscriberUnconfirmed = 4
)

type Subscriber struct {
	ID             int64
	ChannelID      int64
	MagentoID      int64 // subscriber_id from the companion route; for derived rows, the customer id
	Source         string
	StoreID        int64
	CustomerID     int64 // 0 for guests
	Email          string
	Status         int
	ChangeStatusAt string
	SyncedAt       string
}

// Subscriber sources.
const (
	SubscriberFromModule   = "module"   // GET /V1/newsletter/subscribers
	SubscriberFromCustomer = "customer" // derived from customer is_subscribed
)

type Product struct {
	ID         int64
	ChannelID  int64
	MagentoID  int64
	SKU        string
	Name       string
	TypeID     string
	Price      Money
	Status     int // 1 enabled, 2 disabled
	Visibility int
	WebsiteIDs []int64
	Qty        string
	InStock    bool
	// ConfigurableOptions is the JSON of
	// extension_attributes.configurable_product_options (attribute ids, labels, values).
	ConfigurableOptions string
	ParentSKU           string
	CreatedAt           string
	UpdatedAt           string
	Raw                 []byte
	SyncedAt            string
}

// GuestCustomer groups guest orders and carts by email (OroCRM's guest
// customer sync), linked to a registered customer with the same email.
type GuestCustomer struct {
	ID                 int64
	ChannelID          int64
	Email              string
	Firstname          string
	Lastname           string
	OrdersCount        int64
	CartsCount         int64
	FirstOrderAt       string
	LastOrderAt        string
	LinkedCustomerID   int64 // Magento id of the registered customer with this email, 0 if none
	LifetimeUnits      int64
	LifetimeCurrencies string
}

// SyncState is the per-channel, per-entity bookmark. The engine commits it
// in the same transaction as the rows it covers.
type SyncState struct {
	ChannelID int64
	Entity    string
	// Incremental watermark: every row with (updated_at, id) <= (Watermark,
	// WatermarkID) is stored.
	Watermark   string
	WatermarkID int64
	// Initial (newest-first) walk: set while the initial sync is running.
	// InitialUpper is the sync start "now"; InitialDone reports completion.
	InitialUpper string
	InitialDone  bool
	// Slices finished during the initial walk, JSON owned by the connector.
	Progress   string
	TotalCount int64 // last total_count seen
	UpdatedAt  string
}

// Counters are one entity's figures in one sync run.
type Counters struct {
	Read, Added, Updated, Skipped, Failed int64
	Total                                 int64 // total_count reported by Magento, when known
}

// SyncRun is one sync of one channel.
type SyncRun struct {
	ID        int64
	ChannelID int64
	Kind      string // "incremental", "initial", "reconcile", "manual"
	StartedAt string
	EndedAt   string
	Status    string // running, ok, failed, canceled, paused
	Message   string
	Counters  map[string]Counters
}

// SyncError is a record that failed to sync, kept with its attempts.
type SyncError struct {
	ChannelID int64
	Entity    string
	MagentoID int64
	Attempts  int64
	LastError string
	FirstAt   string
	LastAt    string
}
