package app

import (
	"context"
	"slices"
	"testing"

	"github.com/magedesk/magedesk/model"
)

func TestNewChannelDefaults(t *testing.T) {
	ch := NewChannelDraft()
	if ch.SyncStart != model.DefaultSyncStart {
		t.Errorf("SyncStart %q", ch.SyncStart)
	}
	for _, e := range []string{model.EntityCustomers, model.EntityCarts, model.EntityOrders, model.EntityCreditMemos, model.EntitySubscribers} {
		if !slices.Contains(ch.Entities, e) {
			t.Errorf("%s off by default", e)
		}
	}
	if slices.Contains(ch.Entities, model.EntityProducts) {
		t.Error("products on by default")
	}
}

func TestCreateChannelForcesCustomersAndNormalizesURL(t *testing.T) {
	c := newTestCore(t, Options{})
	ch := NewChannelDraft()
	ch.Name = "  Shop  "
	ch.BaseURL = "https://shop.example.com/rest/default/V1/"
	ch.Entities = []string{model.EntityOrders}
	ch.SyncStart = ""
	got, err := c.CreateChannel(context.Background(), ch, Secrets{Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	stored, err := c.Channel(context.Background(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Name != "Shop" || stored.BaseURL != "https://shop.example.com" {
		t.Errorf("stored %q %q", stored.Name, stored.BaseURL)
	}
	if !slices.Contains(stored.Entities, model.EntityCustomers) {
		t.Errorf("customers not forced on: %v", stored.Entities)
	}
	if stored.SyncStart != model.DefaultSyncStart {
		t.Errorf("SyncStart %q", stored.SyncStart)
	}
}

func TestCreateChannelRejectsBadInput(t *testing.T) {
	c := newTestCore(t, Options{})
	for _, ch := range []model.Channel{
		{Name: "", BaseURL: "https://x"},
		{Name: "x", BaseURL: ""},
		{Name: "x", BaseURL: "https://x", SyncInterval: 7},
		{Name: "x", BaseURL: "https://x", AuthMode: "basic"},
	} {
		if _, err := c.CreateChannel(context.Background(), ch, Secrets{}); err == nil {
			t.Errorf("accepted %+v", ch)
		}
	}
}

func TestUpdateChannelKeepsSyncFieldsAndSecrets(t *testing.T) {
	c := newTestCore(t, Options{})
	ch := NewChannelDraft()
	ch.Name = "Shop"
	ch.BaseURL = "https://shop.example.com"
	ch, err := c.CreateChannel(context.Background(), ch, Secrets{Token: "t1"})
	if err != nil {
		t.Fatal(err)
	}
	c.saveSyncResult(ch.ID, "ok", true)
	edit := ch
	edit.Name = "Shop EU"
	edit.LastSyncAt = "" // the form knows nothing of sync results
	if err := c.UpdateChannel(context.Background(), edit, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := c.Channel(context.Background(), ch.ID)
	if got.Name != "Shop EU" || got.LastSyncAt == "" || got.LastSyncStatus != "ok" {
		t.Fatalf("after edit: %+v", got)
	}
	if s, err := c.Secrets(got); err != nil || s.Token != "t1" {
		t.Fatalf("secrets lost on edit: %v", err)
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	cases := map[string]string{
		" https://shop.example.com/ ":          "https://shop.example.com",
		"https://shop.example.com/rest":        "https://shop.example.com",
		"https://shop.example.com/rest/V1":     "https://shop.example.com",
		"https://shop.example.com/rest/de/V1/": "https://shop.example.com",
		"shop.example.com":                     "https://shop.example.com",
		"https://shop.example.com/magento2":    "https://shop.example.com/magento2",
		"https://shop.example.com/restaurant":  "https://shop.example.com/restaurant",
		"http://127.0.0.1:8080":                "http://127.0.0.1:8080",
		"":                                     "",
	}
	for in, want := range cases {
		if got := NormalizeBaseURL(in); got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, want %q", in, got, want)
		}
	}
}
