// Package magentosim is a faithful, seeded, scalable fake Magento 2.4 store served over
// real HTTP. Tests, benchmarks and the app's demo mode talk to it exactly as they talk to
// a production store: same routes, JSON shapes, quirks, error bodies and auth.
//
// # Quick start
//
//	s := magentosim.New(magentosim.Options{Seed: 7, NewsletterModule: true})
//	srv, err := s.Start("127.0.0.1:0") // srv.URL = "http://127.0.0.1:PORT"
//	defer srv.Close()
//	// GET srv.URL+"/rest/V1/orders?searchCriteria[pageSize]=50"
//	// with "Authorization: Bearer "+s.Token(), or OAuth 1.0a with s.OAuth().
//
// # Public API
//
//	New(Options) *Store                   // builds the data deterministically from Options.Seed
//	(*Store).Handler() http.Handler       // for httptest.NewServer
//	(*Store).Start(addr) (*Server, error) // Server{URL}; Close()
//	(*Store).SetFaults(Faults)            // change faults at runtime (thread-safe)
//	(*Store).SetBearerEnabled(bool)       // flip the "integration token as Bearer" setting
//	(*Store).Token() string               // accepted bearer token (Options.Token, default "demo-token";
//	                                      // the OAuth access token is accepted as Bearer too)
//	(*Store).OAuth() OAuthCredentials     // the four integration credentials
//	SignRequest(req, creds, "HMAC-SHA256"|"HMAC-SHA1", nonce, unixTime) // OAuth header for tools/tests
//	SizeDemo, SizeL                       // size presets (Options with only the counts set)
//
// Test helpers (all take the store lock, all safe while serving):
//
//	(*Store).Snapshot() Snapshot          // map entity -> EntityTruth{Count, IDs asc, UpdatedAt[id]}
//	Snapshot.IDs(entity) []int64; Snapshot.Checksum(entity) string // over id, updated_at, key money fields
//	(*Store).Touch(entity, id) error      // bump updated_at to Now; also TouchCustomer/Cart/Order/CreditMemo/Product(id)
//	(*Store).DeleteCustomer(id) error     // account, its subscriber row and its quotes disappear; orders stay
//	(*Store).PurgeCart(id) error          // quote-lifetime cron: the quote disappears (404 afterwards)
//	(*Store).SetSubscriberStatus(customerID, status) error // 1..4; moves change_status_at, NOT customer updated_at
//	(*Store).ForceSameTimestamp(entity, n [, ts]) int      // first n records by id share updated_at (default Now)
//
// Entity names are the model.Entity* strings: "customers", "carts", "orders",
// "creditmemos", "subscribers", "products".
//
// # Options and faults
//
// Zero sizes fall back to SizeDemo (300 customers, 400 carts, 800 orders, 60 credit memos,
// 200 subscribers, 60 products; CreditMemos -1 means none; Products at least 12).
// Bearer tokens are accepted unless Options.DisableBearer is
// set (a plain bool cannot default to true, so Options.BearerEnabled is derived from it);
// with bearer off the token is ignored and the caller is a guest: 401 ACL body, like 2.4.4+.
// Options.NewsletterModule adds the companion route GET /V1/newsletter/subscribers.
// Options.Now is the clock for writes and Touch; the generated history ends one hour
// before Now's UTC day began, so the same seed gives the same store all day long.
//
// Faults: Latency; ErrorRate (500 "Internal Error... Report ID: webapi-<hex>"); HTMLRate (503
// Varnish HTML page); ResetRate (TCP reset); TruncateRate (200 with half a JSON body);
// DropWriteResponse (+DropWritesN, 0 = every write): the write commits, then the connection
// is reset; MutateWhilePaging (3 random records of the listed entity get updated_at = Now
// before each list request); InputLimits (default pageSize 20, max 300, Magento's 400 above);
// LegacyPaging (2.3: a page past the end repeats the last page; default 2.4: empty items);
// ACL (non-nil: the integration only has these resources); SkewOAuth (OAuth timestamps more
// than 10 minutes off Now are rejected with Magento's 400).
//
// # HTTP surface
//
// Prefixes /rest/V1, /rest/<store_code>/V1 (default, fr, de, uk) and /rest/all/V1; an unknown
// store code or route is 404 {"message":"Request does not match any route."}; a wrong verb
// on an existing path is the same 404; PATCH (or any verb Magento lacks) is 405.
// Routes and ACL resources follow magento-rest.md §3: store/websites|storeGroups|storeViews|
// storeConfigs, directory/countries, customerGroups/search, customers/search, customers/{id}
// (GET, PUT), customers (POST), customers/{id}/carts (POST), carts/search, carts (POST),
// carts/{id} (GET; PUT assigns a guest quote to a customer) and its items, totals,
// billing-address, estimate-shipping-methods(-by-address-id),
// shipping-information, payment-methods, selected-payment-method, order; orders, orders/{id};
// creditmemos, creditmemo/{id}, order/{id}/refund; products, products/{sku};
// newsletter/subscribers (companion module, ACL Magento_Newsletter::subscriber).
//
// Writes behave like Magento's services: customer saves validate e-mail uniqueness per
// website and addresses (one error -> that error, several -> "One or more input exceptions
// have occurred." with errors[]); is_subscribed in a customer PUT updates the subscriber
// row; placing an order reserves a 9-digit increment id (per-store prefix: store 2 ->
// "2000000NN"), sets order.quote_id and deactivates the quote; an offline refund needs an
// invoiced order, creates a credit memo, updates the order totals/state and updated_at.
//
// searchCriteria: snake and camel keys; OR inside a group, AND across groups; conditions eq
// neq gt gteq lt lteq moreq like nlike in nin finset nfinset null notnull from to (NULL
// compares false as in SQL; strings compare case-insensitively, numbers numerically); multi-
// field sort (no direction = DESC); no searchCriteria at all -> 400 "%fieldName" is required;
// pageSize absent or 0 -> all rows; total_count before paging; search_criteria echoed as
// Magento does (filter_groups always; condition_type, sort_orders, page_size, current_page
// only when sent). Filterable columns are the record's scalar JSON keys plus entity_id/id;
// carts also customer_id, customer_email, grand_total, subtotal; customer groups also
// customer_group_id, customer_group_code, class_name. An unknown column is a 500
// (Magento's SQL error). ?fields=items[id,updated_at],total_count trims any response.
//
// Performance: each entity is kept as Go structs in two orders, by id and by
// (updated_at, id). An updated_at range is a binary search, the sync sort (updated_at,
// entity_id) needs no sorting, id ranges and "id in (...)" lists use the id index, so the
// query itself takes microseconds at 100k orders (BenchmarkSearchOnlyStoreL ~7µs); the
// answer's time is JSON encoding (a 100-order page is ~1.7 MB, as real orders are: items
// appear in items, shipping_assignments and parent_item), about 10 ms on a quiet core.
// Partial responses with only scalar keys (fields=items[entity_id,updated_at]) are
// rendered in one buffer: ~90 ms for all 100k orders. Store L (50k customers, 50k carts,
// 100k orders, 5k credit memos, 20k subscribers) builds in ~3.5 s and holds ~540 MB.
package magentosim
