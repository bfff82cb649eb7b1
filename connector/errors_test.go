package connector

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFillParametersNamedAndPositional(t *testing.T) {
	_, msg := fillParameters("No such entity with %fieldName = %fieldValue", []byte(`{"fieldName":"customerId","fieldValue":999}`))
	if msg != "No such entity with customerId = 999" {
		t.Errorf("named: %q", msg)
	}
	_, msg = fillParameters("Invalid product data: %1", []byte(`["Invalid attribute set entity type"]`))
	if msg != "Invalid product data: Invalid attribute set entity type" {
		t.Errorf("positional: %q", msg)
	}
	_, msg = fillParameters("Maximum SearchCriteria pageSize is %max", []byte(`{"max":300}`))
	if msg != "Maximum SearchCriteria pageSize is 300" {
		t.Errorf("number: %q", msg)
	}
	_, msg = fillParameters("keep %unknown and 100%", []byte(`{"x":1}`))
	if msg != "keep %unknown and 100%" {
		t.Errorf("unknown params must stay: %q", msg)
	}
}

func TestAPIErrorClassification(t *testing.T) {
	acl, _ := os.ReadFile(filepath.Join("testdata", "magento-samples", "error-401-acl.json"))
	cases := []struct {
		name   string
		status int
		ctype  string
		body   string
		kind   error
	}{
		{"acl sample", 401, "application/json", string(acl), ErrUnauthorized},
		{"acl 2.4", 401, "application/json", `{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view, Magento_Cart::manage"}}`, ErrUnauthorized},
		{"no route", 404, "application/json", `{"message":"Request does not match any route."}`, ErrRouteNotFound},
		{"entity", 404, "application/json", `{"message":"No such entity with %fieldName = %fieldValue","parameters":{"fieldName":"cartId","fieldValue":4}}`, ErrNotFound},
		{"html 503", 503, "text/html", `<!DOCTYPE html><html><body>Varnish</body></html>`, ErrNotMagento},
		{"html without type", 403, "", `<html><body>Forbidden</body></html>`, ErrNotMagento},
		{"429", 429, "application/json", `{"message": "Too Many Requests", "trace": null}`, ErrRateLimited},
		{"500", 500, "application/json", `{"message":"Internal Error. Details are available in Magento log file. Report ID: webapi-1"}`, ErrServer},
		{"400", 400, "application/json", `{"message":"Invalid product data: %1","parameters":["x"]}`, ErrRejected},
		{"oauth timestamp", 401, "application/json", `{"message":"oauth_problem=timestamp_refused"}`, ErrClockSkew},
		{"oauth signature", 401, "application/json", `{"message":"oauth_problem=signature_invalid"}`, ErrCredentialsRefused},
	}
	for _, c := range cases {
		e := newAPIError("GET", "orders", c.status, c.ctype, []byte(c.body))
		if !errors.Is(e, c.kind) {
			t.Errorf("%s: kind %v, want %v", c.name, e.Kind, c.kind)
		}
	}
	e := newAPIError("GET", "orders", 401, "application/json", []byte(`{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view, Magento_Cart::manage"}}`))
	if got := ACLResources(e); len(got) != 2 || got[0] != "Magento_Cart::manage" || got[1] != "Magento_Sales::actions_view" {
		t.Errorf("ACLResources = %v", got)
	}
	hm := HumanMessage(e)
	for _, want := range []string{"Magento_Sales::actions_view", "standalone Bearer tokens", "OAuth"} {
		if !strings.Contains(hm, want) {
			t.Errorf("human message %q lacks %q", hm, want)
		}
	}
}

func TestHumanMessagesAreDistinct(t *testing.T) {
	kinds := []error{ErrUnauthorized, ErrCredentialsRefused, ErrClockSkew, ErrNotFound, ErrRouteNotFound, ErrNotMagento,
		ErrBadResponse, ErrRateLimited, ErrServer, ErrRejected, ErrTLS, ErrUnreachable, ErrOutcomeUnknown, ErrConfig}
	seen := map[string]error{}
	for _, k := range kinds {
		m := HumanMessage(&APIError{Kind: k})
		if prev, dup := seen[m]; dup {
			t.Errorf("%v and %v share the message %q", prev, k, m)
		}
		seen[m] = k
	}
	if !strings.Contains(HumanMessage(&APIError{Kind: ErrNotMagento}), "web page, not the Magento API") {
		t.Error("HTML message wording")
	}
}

func TestConfigErrorMessageSaysWhatIsWrong(t *testing.T) {
	_, err := NewClient(Config{BaseURL: "http://shop.example.com", Auth: Auth{Token: "t"}})
	msg := HumanMessage(err)
	if !strings.Contains(msg, "plain http") || strings.Contains(msg, ErrConfig.Error()) {
		t.Errorf("message = %q", msg)
	}
}
