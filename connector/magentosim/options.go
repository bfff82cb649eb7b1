package magentosim

import (
	"time"
)

// Entity names accepted by the test helpers (Snapshot, ForceSameTimestamp...).
// They match model.Entity* so tests on both sides speak the same words.
const (
	EntityCustomers   = "customers"
	EntityCarts       = "carts"
	EntityOrders      = "orders"
	EntityCreditMemos = "creditmemos"
	EntitySubscribers = "subscribers"
	EntityProducts    = "products"
)

// OAuthCredentials are the four values Magento shows when an integration is activated.
type OAuthCredentials struct {
	ConsumerKey       string
	ConsumerSecret    string
	AccessToken       string
	AccessTokenSecret string
}

// Options size and shape the simulated store. Zero sizes fall back to the demo sizes.
type Options struct {
	Seed int64

	Customers, Carts, Orders, CreditMemos, Subscribers, Products int

	// ActiveCartShare is the share of carts that are still active quotes (default 0.2).
	ActiveCartShare float64
	// Token is the integration access token accepted as a Bearer token (default "demo-token").
	Token string
	// OAuth holds the integration credentials; nil generates demo ones from Seed.
	OAuth *OAuthCredentials
	// BearerEnabled mimics "Allow OAuth Access Tokens to be used as standalone Bearer tokens".
	// New() cannot tell an unset bool from false, so DisableBearer exists for callers that
	// build Options literally: BearerEnabled is forced true unless DisableBearer is set.
	BearerEnabled bool
	DisableBearer bool
	// NewsletterModule exposes the companion route GET /V1/newsletter/subscribers.
	NewsletterModule bool
	// Now is the clock; generated data ends before Now(). Default time.Now.
	Now func() time.Time
	// Faults are the initial fault settings (change later with SetFaults).
	Faults Faults
}

// Faults make the store misbehave the way production stores and their hosting do.
type Faults struct {
	Latency      time.Duration // added to every request
	ErrorRate    float64       // share answered 500 with Magento's Report ID body
	HTMLRate     float64       // share answered 503 with an HTML page (Varnish/WAF style)
	ResetRate    float64       // share whose TCP connection is reset
	TruncateRate float64       // share whose JSON body is cut in half (200, broken JSON)
	// DropWriteResponse commits writes and then drops the connection instead of answering.
	// DropWritesN limits it to the next N writes (0 = every write while set).
	DropWriteResponse bool
	DropWritesN       int
	// MutateWhilePaging bumps updated_at of a few random records of the listed entity
	// to "now" before every list request, like a busy live store.
	MutateWhilePaging bool
	// InputLimits mimics webapi/validation/input_limit_enabled: default pageSize 20, max 300.
	InputLimits bool
	// LegacyPaging mimics 2.3: a page past the end repeats the last page.
	LegacyPaging bool
	// ACL, if non-nil, restricts the integration to these ACL resources.
	ACL []string
	// SkewOAuth rejects OAuth timestamps more than 10 minutes off the clock.
	SkewOAuth bool
}

// Size presets used by the demo-store command and benchmarks.
var (
	// SizeDemo is the default small store.
	SizeDemo = Options{Customers: 300, Carts: 400, Orders: 800, CreditMemos: 60, Subscribers: 200, Products: 60}
	// SizeL is "Store L" from the performance brief.
	SizeL = Options{Customers: 50000, Carts: 50000, Orders: 100000, CreditMemos: 5000, Subscribers: 20000, Products: 400}
)

func (o Options) withDefaults() Options {
	if o.Customers <= 0 {
		o.Customers = SizeDemo.Customers
	}
	if o.Carts <= 0 {
		o.Carts = SizeDemo.Carts
	}
	if o.Orders <= 0 {
		o.Orders = SizeDemo.Orders
	}
	if o.CreditMemos < 0 {
		o.CreditMemos = 0
	} else if o.CreditMemos == 0 {
		o.CreditMemos = SizeDemo.CreditMemos
	}
	if o.Subscribers <= 0 {
		o.Subscribers = SizeDemo.Subscribers
	}
	if o.Products <= 0 {
		o.Products = SizeDemo.Products
	} else if o.Products < 12 {
		o.Products = 12 // room for one configurable product with its six children
	}
	if o.ActiveCartShare <= 0 || o.ActiveCartShare > 1 {
		o.ActiveCartShare = 0.2
	}
	if o.Token == "" {
		o.Token = "demo-token"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	o.BearerEnabled = !o.DisableBearer
	return o
}
