package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/magedesk/magedesk/model"
)

func init() {
	register("export", "write synced customers, carts, orders, credit memos or subscribers as JSON lines or CSV", runExport)
}

// field is one exported key with its value (kept in order for CSV headers).
type field struct {
	key string
	val any
}

// record is one exported row in Magento's key names.
type record []field

// exportKind describes one exportable entity: its CSV columns (the keys
// of record, in order) and how to stream it from the store.
type exportKind struct {
	columns []string
	iterate func(ctx context.Context, st *model.Store, channelID int64, emit func(record) error) error
}

// runExport is `magedesk export KIND`: it streams every stored record of
// one entity, one per line (JSON lines or CSV), never holding the whole
// table in memory.
func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "database file (default: the app's database)")
	format := fs.String("format", "jsonl", "jsonl or csv")
	channel := fs.Int64("channel", 0, "channel id (default: the only channel)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: magedesk export customers|carts|orders|creditmemos|subscribers [--db FILE] [--format jsonl|csv] [--channel ID]")
		fs.PrintDefaults()
	}
	// The kind may come before or after the flags.
	var kindName string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		kindName, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if kindName == "" && fs.NArg() > 0 {
		kindName = fs.Arg(0)
	}
	name := strings.ToLower(kindName)
	if name == "credit_memos" || name == "creditmemo" {
		name = "creditmemos"
	}
	kind, ok := exportKinds[name]
	if !ok {
		fs.Usage()
		return fmt.Errorf("unknown or missing kind %q", kindName)
	}
	if *format != "jsonl" && *format != "csv" {
		return fmt.Errorf("--format %q: use jsonl or csv", *format)
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	chID, err := pickChannel(ctx, st, *channel)
	if err != nil {
		return err
	}

	bw := bufio.NewWriterSize(stdout, 64<<10)
	defer bw.Flush()
	var emit func(record) error
	if *format == "csv" {
		cw := csv.NewWriter(bw)
		if err := cw.Write(kind.columns); err != nil {
			return err
		}
		row := make([]string, len(kind.columns))
		idx := make(map[string]int, len(kind.columns))
		for i, c := range kind.columns {
			idx[c] = i
		}
		emit = func(r record) error {
			for i := range row {
				row[i] = ""
			}
			for _, f := range r {
				if i, ok := idx[f.key]; ok {
					row[i] = csvValue(f.val)
				}
			}
			return cw.Write(row)
		}
		defer cw.Flush()
	} else {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		emit = func(r record) error { return enc.Encode(r) }
	}
	if err := kind.iterate(ctx, st, chID, emit); err != nil {
		return fmt.Errorf("export %s: %w", kindName, err)
	}
	return nil
}

// MarshalJSON writes the fields as an object in their order.
func (r record) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range r {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		var v bytes.Buffer
		enc := json.NewEncoder(&v)
		enc.SetEscapeHTML(false) // keep "&" and "<" readable in names
		if err := enc.Encode(f.val); err != nil {
			return nil, fmt.Errorf("field %s: %w", f.key, err)
		}
		b.Write(bytes.TrimRight(v.Bytes(), "\n"))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// csvValue renders a value for one CSV cell; items become
// "sku x qty @ price" joined with "; ".
func csvValue(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case json.Number:
		return t.String()
	case int64:
		return strconv.FormatInt(t, 10)
	case int:
		return strconv.Itoa(t)
	case bool:
		if t {
			return "1"
		}
		return "0"
	case *bool:
		if t == nil {
			return ""
		}
		return csvValue(*t)
	case []record:
		parts := make([]string, len(t))
		for i, it := range t {
			var sku, qty, price string
			for _, f := range it {
				switch f.key {
				case "sku":
					sku = csvValue(f.val)
				case "qty", "qty_ordered":
					qty = csvValue(f.val)
				case "price":
					price = csvValue(f.val)
				}
			}
			parts[i] = sku + " x " + qty + " @ " + price
		}
		return strings.Join(parts, "; ")
	default:
		b, _ := json.Marshal(t)
		return string(b)
	}
}

// amount is a money value as Magento sent it (a JSON number), or nil.
func amount(m model.Money) any {
	if m.Text == "" {
		return nil
	}
	return json.Number(m.Text)
}

// decimal is a quantity as sent ("2", "1.5"), as a JSON number when it is one.
func decimal(s string) any {
	if s == "" {
		return nil
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return json.Number(s)
	}
	return s
}

func pickChannel(ctx context.Context, st *model.Store, id int64) (int64, error) {
	chans, err := st.ListChannels(ctx)
	if err != nil {
		return 0, err
	}
	if id != 0 {
		for _, ch := range chans {
			if ch.ID == id {
				return id, nil
			}
		}
		return 0, fmt.Errorf("no channel %d in this database", id)
	}
	switch len(chans) {
	case 0:
		return 0, errors.New("the database has no channel yet; run `magedesk sync` first")
	case 1:
		return chans[0].ID, nil
	}
	var ids []string
	for _, ch := range chans {
		ids = append(ids, fmt.Sprintf("%d (%s)", ch.ID, ch.BaseURL))
	}
	return 0, fmt.Errorf("several channels; choose one with --channel: %s", strings.Join(ids, ", "))
}

var exportKinds = map[string]exportKind{
	"customers": {
		columns: []string{"id", "email", "firstname", "lastname", "website_id", "store_id", "group_id", "created_at", "updated_at", "dob", "gender", "is_subscribed", "orders_count", "lifetime_sales", "removed_in_magento"},
		iterate: func(ctx context.Context, st *model.Store, ch int64, emit func(record) error) error {
			return st.IterateCustomers(ctx, model.ListQuery{ChannelID: ch}, func(c model.Customer) error {
				return emit(record{{"id", c.MagentoID}, {"email", c.Email}, {"firstname", c.Firstname}, {"lastname", c.Lastname},
					{"website_id", c.WebsiteID}, {"store_id", c.StoreID}, {"group_id", c.GroupID},
					{"created_at", c.CreatedAt}, {"updated_at", c.UpdatedAt}, {"dob", c.DOB}, {"gender", c.Gender},
					{"is_subscribed", c.IsSubscribed}, {"orders_count", c.OrdersCount},
					{"lifetime_sales", json.Number(model.FormatUnits(c.LifetimeUnits))}, {"removed_in_magento", c.RemovedInMagento}})
			})
		},
	},
	"carts": {
		columns: []string{"id", "store_id", "customer_id", "customer_email", "customer_firstname", "customer_lastname", "customer_is_guest", "is_active", "items_count", "items_qty", "reserved_order_id", "grand_total", "base_grand_total", "quote_currency_code", "created_at", "updated_at", "status", "status_note", "order_id", "items"},
		iterate: func(ctx context.Context, st *model.Store, ch int64, emit func(record) error) error {
			return st.IterateCarts(ctx, model.ListQuery{ChannelID: ch}, func(c model.Cart) error {
				items := make([]record, len(c.Items))
				for i, it := range c.Items {
					items[i] = record{{"item_id", it.MagentoID}, {"sku", it.SKU}, {"name", it.Name}, {"qty", decimal(it.Qty)}, {"price", amount(it.Price)}}
				}
				return emit(record{{"id", c.MagentoID}, {"store_id", c.StoreID}, {"customer_id", c.CustomerID},
					{"customer_email", c.CustomerEmail}, {"customer_firstname", c.CustomerFirstname}, {"customer_lastname", c.CustomerLastname},
					{"customer_is_guest", c.CustomerIsGuest}, {"is_active", c.IsActive}, {"items_count", c.ItemsCount},
					{"items_qty", decimal(c.ItemsQty)}, {"reserved_order_id", c.ReservedOrderID},
					{"grand_total", amount(c.GrandTotal)}, {"base_grand_total", amount(c.BaseGrandTotal)},
					{"quote_currency_code", c.QuoteCurrency}, {"created_at", c.CreatedAt}, {"updated_at", c.UpdatedAt},
					{"status", c.Status}, {"status_note", c.StatusNote}, {"order_id", c.OrderMagentoID}, {"items", items}})
			})
		},
	},
	"orders": {
		columns: []string{"entity_id", "increment_id", "quote_id", "store_id", "customer_id", "customer_email", "customer_firstname", "customer_lastname", "customer_is_guest", "state", "status", "grand_total", "base_grand_total", "subtotal", "tax_amount", "shipping_amount", "discount_amount", "total_paid", "total_refunded", "order_currency_code", "base_currency_code", "created_at", "updated_at", "items"},
		iterate: func(ctx context.Context, st *model.Store, ch int64, emit func(record) error) error {
			return st.IterateOrders(ctx, model.ListQuery{ChannelID: ch}, func(o model.Order) error {
				var items []record
				for _, it := range o.Items {
					if it.ParentItemID != 0 {
						continue // child lines of configurables/bundles; the parent line carries the sale
					}
					items = append(items, record{{"item_id", it.MagentoID}, {"sku", it.SKU}, {"name", it.Name},
						{"qty_ordered", decimal(it.QtyOrdered)}, {"price", amount(it.Price)}, {"row_total", amount(it.RowTotal)}})
				}
				return emit(record{{"entity_id", o.MagentoID}, {"increment_id", o.IncrementID}, {"quote_id", o.QuoteID},
					{"store_id", o.StoreID}, {"customer_id", o.CustomerID}, {"customer_email", o.CustomerEmail},
					{"customer_firstname", o.CustomerFirstname}, {"customer_lastname", o.CustomerLastname},
					{"customer_is_guest", o.CustomerIsGuest}, {"state", o.State}, {"status", o.Status},
					{"grand_total", amount(o.GrandTotal)}, {"base_grand_total", amount(o.BaseGrandTotal)},
					{"subtotal", amount(o.Subtotal)}, {"tax_amount", amount(o.TaxAmount)},
					{"shipping_amount", amount(o.ShippingAmount)}, {"discount_amount", amount(o.DiscountAmount)},
					{"total_paid", amount(o.TotalPaid)}, {"total_refunded", amount(o.TotalRefunded)},
					{"order_currency_code", o.OrderCurrency}, {"base_currency_code", o.BaseCurrency},
					{"created_at", o.CreatedAt}, {"updated_at", o.UpdatedAt}, {"items", items}})
			})
		},
	},
	"creditmemos": {
		columns: []string{"entity_id", "increment_id", "order_id", "invoice_id", "state", "store_id", "grand_total", "base_grand_total", "subtotal", "tax_amount", "shipping_amount", "adjustment", "order_currency_code", "created_at", "updated_at", "items"},
		iterate: func(ctx context.Context, st *model.Store, ch int64, emit func(record) error) error {
			return st.IterateCreditMemos(ctx, model.ListQuery{ChannelID: ch}, func(m model.CreditMemo) error {
				items := make([]record, len(m.Items))
				for i, it := range m.Items {
					items[i] = record{{"entity_id", it.MagentoID}, {"order_item_id", it.OrderItemID}, {"sku", it.SKU}, {"name", it.Name},
						{"qty", decimal(it.Qty)}, {"price", amount(it.Price)}, {"row_total", amount(it.RowTotal)}}
				}
				return emit(record{{"entity_id", m.MagentoID}, {"increment_id", m.IncrementID}, {"order_id", m.OrderID},
					{"invoice_id", m.InvoiceID}, {"state", m.State}, {"store_id", m.StoreID},
					{"grand_total", amount(m.GrandTotal)}, {"base_grand_total", amount(m.BaseGrandTotal)},
					{"subtotal", amount(m.Subtotal)}, {"tax_amount", amount(m.TaxAmount)},
					{"shipping_amount", amount(m.ShippingAmount)}, {"adjustment", amount(m.Adjustment)},
					{"order_currency_code", m.OrderCurrency}, {"created_at", m.CreatedAt}, {"updated_at", m.UpdatedAt},
					{"items", items}})
			})
		},
	},
	"subscribers": {
		columns: []string{"subscriber_id", "store_id", "customer_id", "subscriber_email", "subscriber_status", "change_status_at", "source"},
		iterate: func(ctx context.Context, st *model.Store, ch int64, emit func(record) error) error {
			return st.IterateSubscribers(ctx, model.ListQuery{ChannelID: ch}, func(s model.Subscriber) error {
				return emit(record{{"subscriber_id", s.MagentoID}, {"store_id", s.StoreID}, {"customer_id", s.CustomerID},
					{"subscriber_email", s.Email}, {"subscriber_status", s.Status}, {"change_status_at", s.ChangeStatusAt},
					{"source", s.Source}})
			})
		},
	},
}
