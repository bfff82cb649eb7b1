package magentosim

// Catalog records: products with stock, configurable options and custom attributes.

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
