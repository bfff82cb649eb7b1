package connector

import (
	"encoding/json"

	"github.com/magedesk/magedesk/model"
)

// MapProduct maps a product as GET /V1/products and /V1/products/{sku}
// send it. Stock comes from extension_attributes.stock_item (absent when
// MSI-only stores hide it: Qty stays "" and InStock false).
func MapProduct(raw json.RawMessage) (model.Product, error) {
	o, err := newRecord(raw)
	if err != nil {
		return model.Product{}, err
	}
	defer o.release()
	ext := o.child("extension_attributes")
	stock := ext.child("stock_item")
	p := model.Product{
		MagentoID:           o.int("id"),
		SKU:                 o.str("sku"),
		Name:                o.str("name"),
		TypeID:              o.str("type_id"),
		Price:               o.money("price"),
		Status:              int(o.int("status")),
		Visibility:          int(o.int("visibility")),
		WebsiteIDs:          ext.ints("website_ids"),
		Qty:                 stock.decimal("qty"),
		InStock:             stock.bool("is_in_stock"),
		ConfigurableOptions: ext.jsonText("configurable_product_options"),
		ParentSKU:           o.str("parent_sku"),
		CreatedAt:           o.str("created_at"),
		UpdatedAt:           o.str("updated_at"),
		Raw:                 keepRaw(raw),
	}
	return p, o.result("product", p.MagentoID)
}
