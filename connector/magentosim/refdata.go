package magentosim

// Fixed reference data: the store hierarchy, customer groups, countries with regions,
// and the name/address pools the generator draws from.

var websites = []Website{
	{ID: 0, Code: "admin", Name: "Admin", DefaultGroupID: 0, currency: "USD"},
	{ID: 1, Code: "base", Name: "Main Website", DefaultGroupID: 1, currency: "USD"},
	{ID: 2, Code: "eu", Name: "EU Website", DefaultGroupID: 2, currency: "EUR"},
	{ID: 3, Code: "uk", Name: "UK Website", DefaultGroupID: 3, currency: "GBP"},
}

var storeGroups = []StoreGroup{
	{ID: 0, WebsiteID: 0, RootCategoryID: 0, DefaultStoreID: 0, Name: "Default", Code: "default"},
	{ID: 1, WebsiteID: 1, RootCategoryID: 2, DefaultStoreID: 1, Name: "Main Website Store", Code: "main_website_store"},
	{ID: 2, WebsiteID: 2, RootCategoryID: 2, DefaultStoreID: 2, Name: "EU Store", Code: "eu_store"},
	{ID: 3, WebsiteID: 3, RootCategoryID: 2, DefaultStoreID: 4, Name: "UK Store", Code: "uk_store"},
}

var storeViews = []StoreView{
	{ID: 0, Code: "admin", Name: "Admin", WebsiteID: 0, StoreGroupID: 0, IsActive: 1},
	{ID: 1, Code: "default", Name: "Default Store View", WebsiteID: 1, StoreGroupID: 1, IsActive: 1},
	{ID: 2, Code: "fr", Name: "French Store View", WebsiteID: 2, StoreGroupID: 2, IsActive: 1},
	{ID: 3, Code: "de", Name: "German Store View", WebsiteID: 2, StoreGroupID: 2, IsActive: 1},
	{ID: 4, Code: "uk", Name: "UK Store View", WebsiteID: 3, StoreGroupID: 3, IsActive: 1},
}

// per-store locale/timezone, index = store id
var storeLocales = []struct {
	locale, tz, country string
}{
	{"en_US", "America/Los_Angeles", "US"},
	{"en_US", "America/Los_Angeles", "US"},
	{"fr_FR", "Europe/Paris", "FR"},
	{"de_DE", "Europe/Berlin", "DE"},
	{"en_GB", "Europe/London", "GB"},
}

// Base -> global (USD) rates per currency.
var currencyRates = map[string]float64{"USD": 1, "EUR": 1.0842, "GBP": 1.2671}

func websiteOf(storeID int) Website {
	for _, v := range storeViews {
		if v.ID == storeID {
			return websites[v.WebsiteID]
		}
	}
	return websites[1]
}

// storeName renders order.store_name: "Website\nGroup\nView".
func storeName(storeID int) string {
	v := storeViews[storeID]
	return websites[v.WebsiteID].Name + "\n" + storeGroups[v.StoreGroupID].Name + "\n" + v.Name
}

func storeConfigs(baseURL string) []StoreConfig {
	out := make([]StoreConfig, 0, len(storeViews)-1)
	for _, v := range storeViews[1:] {
		w := websites[v.WebsiteID]
		l := storeLocales[v.ID]
		weight := "lbs"
		if l.country != "US" {
			weight = "kgs"
		}
		u := baseURL + "/"
		su := u
		out = append(out, StoreConfig{
			ID: v.ID, Code: v.Code, WebsiteID: v.WebsiteID, Locale: l.locale,
			BaseCurrencyCode: w.currency, DefaultDisplayCurrencyCode: w.currency, Timezone: l.tz,
			WeightUnit: weight, BaseURL: u, BaseLinkURL: u, BaseStaticURL: u + "static/",
			BaseMediaURL: u + "media/", SecureBaseURL: su, SecureBaseLinkURL: su,
			SecureBaseStaticURL: su + "static/", SecureBaseMediaURL: su + "media/",
		})
	}
	return out
}

var customerGroups = []CustomerGroup{
	{ID: 0, Code: "NOT LOGGED IN", TaxClassID: 3, TaxClassName: "Retail Customer"},
	{ID: 1, Code: "General", TaxClassID: 3, TaxClassName: "Retail Customer"},
	{ID: 2, Code: "Wholesale", TaxClassID: 3, TaxClassName: "Retail Customer"},
	{ID: 3, Code: "Retailer", TaxClassID: 3, TaxClassName: "Retail Customer"},
}

// CountryRegion is an available_regions entry of GET /V1/directory/countries.
type CountryRegion struct {
	ID   string `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// Country is an item of GET /V1/directory/countries.
type Country struct {
	ID                      string          `json:"id"`
	TwoLetterAbbreviation   string          `json:"two_letter_abbreviation"`
	ThreeLetterAbbreviation string          `json:"three_letter_abbreviation"`
	FullNameLocale          string          `json:"full_name_locale"`
	FullNameEnglish         string          `json:"full_name_english"`
	AvailableRegions        []CountryRegion `json:"available_regions,omitempty"`
}

// Region ids are Magento's directory_country_region ids for these regions.
var countries = []Country{
	{ID: "AT", TwoLetterAbbreviation: "AT", ThreeLetterAbbreviation: "AUT", FullNameLocale: "Austria", FullNameEnglish: "Austria"},
	{ID: "BE", TwoLetterAbbreviation: "BE", ThreeLetterAbbreviation: "BEL", FullNameLocale: "Belgium", FullNameEnglish: "Belgium"},
	{ID: "CA", TwoLetterAbbreviation: "CA", ThreeLetterAbbreviation: "CAN", FullNameLocale: "Canada", FullNameEnglish: "Canada",
		AvailableRegions: []CountryRegion{{"66", "AB", "Alberta"}, {"67", "BC", "British Columbia"}, {"74", "ON", "Ontario"}, {"76", "QC", "Quebec"}}},
	{ID: "DE", TwoLetterAbbreviation: "DE", ThreeLetterAbbreviation: "DEU", FullNameLocale: "Germany", FullNameEnglish: "Germany",
		AvailableRegions: []CountryRegion{{"80", "BAW", "Baden-Württemberg"}, {"81", "BAY", "Bayern"}, {"82", "BER", "Berlin"}, {"84", "HAM", "Hamburg"}, {"88", "NRW", "Nordrhein-Westfalen"}}},
	{ID: "ES", TwoLetterAbbreviation: "ES", ThreeLetterAbbreviation: "ESP", FullNameLocale: "Spain", FullNameEnglish: "Spain"},
	{ID: "FR", TwoLetterAbbreviation: "FR", ThreeLetterAbbreviation: "FRA", FullNameLocale: "France", FullNameEnglish: "France",
		AvailableRegions: []CountryRegion{{"257", "75", "Paris"}, {"182", "13", "Bouches-du-Rhône"}, {"251", "69", "Rhône"}, {"264", "33", "Gironde"}}},
	{ID: "GB", TwoLetterAbbreviation: "GB", ThreeLetterAbbreviation: "GBR", FullNameLocale: "United Kingdom", FullNameEnglish: "United Kingdom"},
	{ID: "IT", TwoLetterAbbreviation: "IT", ThreeLetterAbbreviation: "ITA", FullNameLocale: "Italy", FullNameEnglish: "Italy"},
	{ID: "NL", TwoLetterAbbreviation: "NL", ThreeLetterAbbreviation: "NLD", FullNameLocale: "Netherlands", FullNameEnglish: "Netherlands"},
	{ID: "US", TwoLetterAbbreviation: "US", ThreeLetterAbbreviation: "USA", FullNameLocale: "United States", FullNameEnglish: "United States",
		AvailableRegions: []CountryRegion{{"12", "CA", "California"}, {"18", "FL", "Florida"}, {"23", "IL", "Illinois"}, {"33", "MI", "Michigan"}, {"43", "NY", "New York"}, {"57", "TX", "Texas"}, {"62", "WA", "Washington"}}},
}

type place struct {
	country, city, postcode, regionCode, region string
	regionID                                    int
	phone                                       string
}

var placesByCountry = map[string][]place{
	"US": {
		{"US", "San Francisco", "94107", "CA", "California", 12, "(415) 555-"},
		{"US", "Los Angeles", "90012", "CA", "California", 12, "(213) 555-"},
		{"US", "Purchase", "10577", "NY", "New York", 43, "(914) 555-"},
		{"US", "New York", "10001", "NY", "New York", 43, "(212) 555-"},
		{"US", "Austin", "78701", "TX", "Texas", 57, "(512) 555-"},
		{"US", "Calder", "49628-7978", "MI", "Michigan", 33, "(555) 229-"},
		{"US", "Chicago", "60601", "IL", "Illinois", 23, "(312) 555-"},
		{"US", "Seattle", "98101", "WA", "Washington", 62, "(206) 555-"},
		{"US", "Miami", "33101", "FL", "Florida", 18, "(305) 555-"},
	},
	"CA": {
		{"CA", "Toronto", "M5V 2T6", "ON", "Ontario", 74, "(416) 555-"},
		{"CA", "Montréal", "H2Y 1C6", "QC", "Quebec", 76, "(514) 555-"},
		{"CA", "Vancouver", "V6B 1A1", "BC", "British Columbia", 67, "(604) 555-"},
	},
	"DE": {
		{"DE", "München", "80331", "BAY", "Bayern", 81, "089 555"},
		{"DE", "Berlin", "10115", "BER", "Berlin", 82, "030 555"},
		{"DE", "Hamburg", "20095", "HAM", "Hamburg", 84, "040 555"},
		{"DE", "Köln", "50667", "NRW", "Nordrhein-Westfalen", 88, "0221 555"},
	},
	"FR": {
		{"FR", "Paris", "75002", "75", "Paris", 257, "01 55 "},
		{"FR", "Marseille", "13001", "13", "Bouches-du-Rhône", 182, "04 91 "},
		{"FR", "Lyon", "69002", "69", "Rhône", 251, "04 72 "},
		{"FR", "Bordeaux", "33000", "33", "Gironde", 264, "05 56 "},
	},
	"GB": {
		{"GB", "London", "EC1A 1BB", "", "London", 0, "020 7946 "},
		{"GB", "Manchester", "M1 1AE", "", "Greater Manchester", 0, "0161 496 "},
		{"GB", "Bristol", "BS1 4DJ", "", "Bristol", 0, "0117 496 "},
	},
}

// countries a website's customers live in
var websiteCountries = map[int][]string{1: {"US", "US", "US", "CA"}, 2: {"FR", "DE"}, 3: {"GB"}}

var firstNames = []string{"Veronica", "Jane", "John", "Melanie", "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas",
	"Sophie", "Léa", "Hugo", "Chloé", "Jonas", "Mia", "Leon", "Hannah", "Oliver", "Amelia", "George", "Isla",
	"Mateo", "Sofia", "Ethan", "Zoe", "Nora", "Felix", "Clara", "Samuel", "Grace", "Daniel", "Maya", "Elias"}

var lastNames = []string{"Costello", "Doe", "Shaw", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis",
	"Martin", "Bernard", "Dubois", "Durand", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Taylor",
	"Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Lopez", "Clarke", "Moreau", "Laurent", "Becker"}

var streetNames = []string{"Oak Ave", "Big Tree Avenue", "Honey Bluff Parkway", "Main Street", "Rue de Rivoli",
	"Hauptstraße", "High Street", "Market Street", "Elm Road", "Lindenallee", "Boulevard Voltaire", "Station Road"}

var emailDomains = []string{"example.com", "example.org", "example.net", "mail.example.com"}

// Catalogue building blocks: simple goods and configurable apparel.
var simpleGoods = []struct {
	prefix, name string
	price        int64 // cents
	weight       float64
}{
	{"24-UG02", "Pursuit Lumaflex&trade; Tone Band", 1600, 1},
	{"24-UG03", "Harmony Lumaflex&trade; Strength Band Kit ", 2200, 1},
	{"24-MB01", "Joust Duffle Bag", 3400, 1},
	{"24-MB04", "Strive Shoulder Pack", 3200, 1},
	{"24-WG080", "Sprite Yoga Strap 8 foot", 1700, 1},
	{"24-WG084", "Sprite Foam Roller", 1900, 1},
	{"24-UG06", "Affirm Water Bottle ", 7, 1},
	{"24-WB04", "Overnight Duffle", 4500, 1},
	{"RAM-12GB", "RAM 12GB", 2500, 0.5},
	{"24-MG04", "Aim Analog Watch", 4500, 1},
}

var apparel = []struct {
	prefix, name string
	price        int64
}{
	{"WS12", "Radiant Tee", 2200},
	{"MH01", "Chaz Kangeroo Hoodie", 5200},
	{"WJ12", "Olivia 1/4 Zip Light Jacket", 7700},
	{"MS04", "Gobi HeatTec&reg; Tee", 2900},
	{"WH09", "Ariel Roll Sleeve Sweatshirt", 3900},
	{"MP11", "Zeppelin Yoga Pant", 8200},
}

var sizes = []struct {
	label string
	index int
}{{"XS", 166}, {"S", 167}, {"M", 168}, {"L", 169}, {"XL", 170}}

var colors = []struct {
	label string
	index int
}{{"Black", 49}, {"Blue", 50}, {"Gray", 52}, {"Orange", 56}, {"Purple", 57}, {"Red", 58}, {"White", 59}}

const (
	attrColor = "93"
	attrSize  = "144"
)

var orderComments = []string{"", "Customer asked for gift wrapping.", "Please leave at the front door.",
	"Captured amount of %s online.", "Order shipped via UPS.", "Customer called about delivery date."}
