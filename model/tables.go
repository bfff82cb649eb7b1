package model

// Column lists per table: the struct fields Magento gives us. Local ids,
// channel_id, magento_id, hash, synced_at, raw and derived columns are
// handled by the code that writes each table.

func websiteCols(v *Website) cols {
	return colsOf(col{"code", &v.Code}, col{"name", &v.Name}, col{"default_group_id", &v.DefaultGroupID})
}

func storeGroupCols(v *StoreGroup) cols {
	return colsOf(col{"website_id", &v.WebsiteID}, col{"code", &v.Code}, col{"name", &v.Name},
		col{"root_category_id", &v.RootCategoryID}, col{"default_store_id", &v.DefaultStoreID})
}

func storeViewCols(v *StoreView) cols {
	return colsOf(col{"code", &v.Code}, col{"name", &v.Name}, col{"website_id", &v.WebsiteID},
		col{"store_group_id", &v.StoreGroupID}, col{"is_active", &v.IsActive}, col{"locale", &v.Locale},
		col{"timezone", &v.Timezone}, col{"base_currency", &v.BaseCurrency},
		col{"display_currency", &v.DisplayCurrency}, col{"base_url", &v.BaseURL})
}

func customerGroupCols(v *CustomerGroup) cols {
	return colsOf(col{"code", &v.Code}, col{"tax_class_id", &v.TaxClassID}, col{"tax_class_name", &v.TaxClassName})
}

func customerCols(v *Customer) cols {
	return colsOf(col{"website_id", &v.WebsiteID}, col{"store_id", &v.StoreID}, col{"group_id", &v.GroupID},
		col{"email", &v.Email}, col{"prefix", &v.Prefix}, col{"firstname", &v.Firstname},
		col{"middlename", &v.Middlename}, col{"lastname", &v.Lastname}, col{"suffix", &v.Suffix},
		col{"dob", &v.DOB}, col{"gender", &v.Gender}, col{"taxvat", &v.Taxvat}, col{"created_in", &v.CreatedIn},
		col{"created_at", &v.CreatedAt}, col{"updated_at", &v.UpdatedAt},
		col{"default_billing", &v.DefaultBilling}, col{"default_shipping", &v.DefaultShipping},
		col{"is_subscribed", optBool{&v.IsSubscribed}})
}

func addressCols(v *Address) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"prefix", &v.Prefix}, col{"firstname", &v.Firstname},
		col{"middlename", &v.Middlename}, col{"lastname", &v.Lastname}, col{"suffix", &v.Suffix},
		col{"company", &v.Company}, col{"street", jsonList[string]{&v.Street}}, col{"city", &v.City},
		col{"region", &v.Region}, col{"region_code", &v.RegionCode}, col{"region_id", &v.RegionID},
		col{"postcode", &v.Postcode}, col{"country_id", &v.CountryID}, col{"telephone", &v.Telephone},
		col{"vat_id", &v.VatID}, col{"default_billing", &v.DefaultBilling}, col{"default_shipping", &v.DefaultShipping})
}

// cartCols are the cart columns Magento's cart search gives; the totals
// (cartTotalsCols) come from a separate call and are kept when a batch
// carries a cart without them.
func cartCols(v *Cart) cols {
	return colsOf(col{"store_id", &v.StoreID}, col{"created_at", &v.CreatedAt}, col{"updated_at", &v.UpdatedAt},
		col{"converted_at", &v.ConvertedAt}, col{"is_active", &v.IsActive}, col{"is_virtual", &v.IsVirtual},
		col{"customer_is_guest", &v.CustomerIsGuest}, col{"customer_id", &v.CustomerID},
		col{"customer_email", &v.CustomerEmail}, col{"customer_firstname", &v.CustomerFirstname},
		col{"customer_lastname", &v.CustomerLastname}, col{"items_count", &v.ItemsCount},
		col{"items_qty", &v.ItemsQty}, col{"reserved_order_id", &v.ReservedOrderID},
		col{"orig_order_id", &v.OrigOrderID}, col{"base_currency", &v.BaseCurrency},
		col{"quote_currency", &v.QuoteCurrency})
}

func cartTotalsCols(v *Cart) cols {
	return colsOf(money("grand_total", &v.GrandTotal), money("base_grand_total", &v.BaseGrandTotal),
		money("subtotal", &v.Subtotal), money("tax_amount", &v.TaxAmount),
		money("discount_amount", &v.DiscountAmount), money("shipping_amount", &v.ShippingAmount),
		col{"totals_updated_at", &v.TotalsUpdatedAt})
}

// cartStatusCols are ours (derived from the rules in carts.go).
func cartStatusCols(v *Cart) cols {
	return colsOf(col{"status", &v.Status}, col{"status_note", &v.StatusNote}, col{"order_magento_id", &v.OrderMagentoID})
}

func cartItemCols(v *CartItem) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"sku", &v.SKU}, col{"name", &v.Name}, col{"qty", &v.Qty},
		money("price", &v.Price), col{"product_type", &v.ProductType}, col{"options", &v.Options})
}

func orderCols(v *Order) cols {
	return colsOf(col{"increment_id", &v.IncrementID}, col{"quote_id", &v.QuoteID}, col{"store_id", &v.StoreID},
		col{"store_name", &v.StoreName}, col{"customer_id", &v.CustomerID},
		col{"customer_is_guest", &v.CustomerIsGuest}, col{"customer_group_id", &v.CustomerGroupID},
		col{"customer_email", &v.CustomerEmail}, col{"customer_firstname", &v.CustomerFirstname},
		col{"customer_lastname", &v.CustomerLastname}, col{"state", &v.State}, col{"status", &v.Status},
		col{"created_at", &v.CreatedAt}, col{"updated_at", &v.UpdatedAt},
		col{"base_currency", &v.BaseCurrency}, col{"order_currency", &v.OrderCurrency},
		money("grand_total", &v.GrandTotal), money("base_grand_total", &v.BaseGrandTotal),
		money("subtotal", &v.Subtotal), money("tax_amount", &v.TaxAmount),
		money("shipping_amount", &v.ShippingAmount), money("discount_amount", &v.DiscountAmount),
		money("total_paid", &v.TotalPaid), money("total_invoiced", &v.TotalInvoiced),
		money("total_refunded", &v.TotalRefunded), money("base_total_refunded", &v.BaseTotalRefunded),
		money("total_due", &v.TotalDue), col{"total_qty_ordered", &v.TotalQtyOrdered},
		col{"total_item_count", &v.TotalItemCount}, col{"shipping_method", &v.ShippingMethod},
		col{"shipping_desc", &v.ShippingDesc}, col{"remote_ip", &v.RemoteIP})
}

func orderItemCols(v *OrderItem) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"parent_item_id", &v.ParentItemID},
		col{"quote_item_id", &v.QuoteItemID}, col{"product_id", &v.ProductID},
		col{"product_type", &v.ProductType}, col{"sku", &v.SKU}, col{"name", &v.Name},
		col{"qty_ordered", &v.QtyOrdered}, col{"qty_invoiced", &v.QtyInvoiced},
		col{"qty_shipped", &v.QtyShipped}, col{"qty_refunded", &v.QtyRefunded},
		col{"qty_canceled", &v.QtyCanceled}, money("price", &v.Price), money("base_price", &v.BasePrice),
		money("original_price", &v.OriginalPrice), money("row_total", &v.RowTotal),
		money("base_row_total", &v.BaseRowTotal), money("tax_amount", &v.TaxAmount),
		money("discount_amount", &v.DiscountAmount), money("amount_refunded", &v.AmountRefunded),
		col{"product_option", &v.ProductOption})
}

func orderAddressCols(v *OrderAddress) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"address_type", &v.AddressType},
		col{"firstname", &v.Firstname}, col{"lastname", &v.Lastname}, col{"company", &v.Company},
		col{"street", jsonList[string]{&v.Street}}, col{"city", &v.City}, col{"region", &v.Region},
		col{"region_code", &v.RegionCode}, col{"region_id", &v.RegionID}, col{"postcode", &v.Postcode},
		col{"country_id", &v.CountryID}, col{"telephone", &v.Telephone}, col{"email", &v.Email})
}

func paymentCols(v *Payment) cols {
	return colsOf(col{"method", &v.Method}, money("amount_ordered", &v.AmountOrdered),
		money("base_amount_ordered", &v.BaseAmountOrdered), money("amount_paid", &v.AmountPaid),
		col{"additional_info", jsonList[string]{&v.AdditionalInfo}}, col{"cc_last4", &v.CcLast4},
		col{"last_transaction_id", &v.LastTransactionID}, col{"account_status", &v.AccountStatus},
		col{"method_title", &v.MethodTitle}, money("amount_refunded", &v.AmountRefunded),
		money("base_amount_refunded", &v.BaseAmountRefunded))
}

func statusHistoryCols(v *StatusHistory) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"comment", &v.Comment}, col{"status", &v.Status},
		col{"entity_name", &v.EntityName}, col{"created_at", &v.CreatedAt},
		col{"is_customer_notified", &v.IsCustomerNotified}, col{"is_visible_on_front", &v.IsVisibleOnFront})
}

func creditMemoCols(v *CreditMemo) cols {
	return colsOf(col{"order_id", &v.OrderID}, col{"invoice_id", &v.InvoiceID},
		col{"increment_id", &v.IncrementID}, col{"state", &v.State}, col{"store_id", &v.StoreID},
		col{"created_at", &v.CreatedAt}, col{"updated_at", &v.UpdatedAt},
		col{"base_currency", &v.BaseCurrency}, col{"order_currency", &v.OrderCurrency},
		money("grand_total", &v.GrandTotal), money("base_grand_total", &v.BaseGrandTotal),
		money("subtotal", &v.Subtotal), money("tax_amount", &v.TaxAmount),
		money("shipping_amount", &v.ShippingAmount), money("discount_amount", &v.DiscountAmount),
		money("adjustment", &v.Adjustment), money("adjustment_positive", &v.AdjustmentPositive),
		money("adjustment_negative", &v.AdjustmentNegative), col{"comments", jsonList[string]{&v.Comments}})
}

func creditMemoItemCols(v *CreditMemoItem) cols {
	return colsOf(col{"magento_id", &v.MagentoID}, col{"order_item_id", &v.OrderItemID},
		col{"product_id", &v.ProductID}, col{"sku", &v.SKU}, col{"name", &v.Name}, col{"qty", &v.Qty},
		money("price", &v.Price), money("row_total", &v.RowTotal), money("tax_amount", &v.TaxAmount),
		money("discount_amount", &v.DiscountAmount))
}

func subscriberCols(v *Subscriber) cols {
	return colsOf(col{"store_id", &v.StoreID}, col{"customer_id", &v.CustomerID}, col{"email", &v.Email},
		col{"status", &v.Status}, col{"change_status_at", &v.ChangeStatusAt})
}

func productCols(v *Product) cols {
	return colsOf(col{"sku", &v.SKU}, col{"name", &v.Name}, col{"type_id", &v.TypeID}, money("price", &v.Price),
		col{"status", &v.Status}, col{"visibility", &v.Visibility},
		col{"website_ids", jsonList[int64]{&v.WebsiteIDs}}, col{"qty", &v.Qty}, col{"in_stock", &v.InStock},
		col{"configurable_options", &v.ConfigurableOptions}, col{"parent_sku", &v.ParentSKU},
		col{"created_at", &v.CreatedAt}, col{"updated_at", &v.UpdatedAt})
}

func guestCustomerCols(v *GuestCustomer) cols {
	return colsOf(col{"id", &v.ID}, col{"channel_id", &v.ChannelID}, col{"email", &v.Email},
		col{"firstname", &v.Firstname}, col{"lastname", &v.Lastname}, col{"orders_count", &v.OrdersCount},
		col{"carts_count", &v.CartsCount}, col{"first_order_at", &v.FirstOrderAt},
		col{"last_order_at", &v.LastOrderAt}, col{"linked_customer_id", &v.LinkedCustomerID},
		col{"lifetime_units", &v.LifetimeUnits}, col{"lifetime_currencies", &v.LifetimeCurrencies})
}

func channelCols(v *Channel) cols {
	return colsOf(col{"name", &v.Name}, col{"type", &v.Type}, col{"base_url", &v.BaseURL},
		col{"store_code", &v.StoreCode}, col{"auth_mode", &v.AuthMode}, col{"credential_key", &v.CredentialKey},
		col{"is_demo", &v.IsDemo}, col{"website_ids", jsonList[int64]{&v.WebsiteIDs}},
		col{"entities", jsonList[string]{&v.Entities}}, col{"sync_start", &v.SyncStart},
		col{"sync_interval", &v.SyncInterval}, col{"abandon_after", &v.AbandonAfter},
		col{"two_way", &v.TwoWay}, col{"local_wins", &v.LocalWins}, col{"page_size", &v.PageSize},
		col{"concurrency", &v.Concurrency}, col{"reconcile_days", &v.ReconcileDays},
		col{"allow_insecure_http", &v.AllowInsecureHTTP}, col{"basic_auth_user", &v.BasicAuthUser},
		col{"trusted_cert_sha256", &v.TrustedCertSHA256}, col{"admin_url", &v.AdminURL},
		col{"store_name", &v.StoreName}, col{"base_currency", &v.BaseCurrency}, col{"timezone", &v.Timezone},
		col{"has_newsletter_route", &v.HasNewsletterRoute}, col{"created_at", &v.CreatedAt},
		col{"last_sync_at", &v.LastSyncAt}, col{"last_sync_status", &v.LastSyncStatus},
		col{"last_reconcile", &v.LastReconcile})
}
