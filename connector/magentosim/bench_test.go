package magentosim

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

func storeLOptions() Options {
	o := SizeL
	o.Seed = 42
	o.NewsletterModule = true
	o.Now = clock
	return o
}

// BenchmarkGenerateStoreL measures building Store L (50k customers, 50k carts, 100k
// orders, 5k credit memos, 20k subscribers) and reports the live heap it holds.
func BenchmarkGenerateStoreL(b *testing.B) {
	var s *Store
	for i := 0; i < b.N; i++ {
		s = New(storeLOptions())
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(s)
}

// BenchmarkIncrementalPageStoreL is the sync engine's hot query: 100 orders updated
// since a watermark, sorted by (updated_at, entity_id), over 100k orders.
func BenchmarkIncrementalPageStoreL(b *testing.B) {
	s := New(storeLOptions())
	h := s.Handler()
	url := "/rest/V1/orders?searchCriteria[filter_groups][0][filters][0][field]=updated_at" +
		"&searchCriteria[filter_groups][0][filters][0][value]=2024-01-01%2000:00:00" +
		"&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq" +
		"&searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC" +
		"&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC" +
		"&searchCriteria[pageSize]=100&searchCriteria[currentPage]=3"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer demo-token")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
		}
	}
}

// BenchmarkReconcileSweepStoreL is the reconciliation sweep: every order id and
// updated_at in one partial response.
func BenchmarkReconcileSweepStoreL(b *testing.B) {
	s := New(storeLOptions())
	h := s.Handler()
	url := "/rest/V1/orders?searchCriteria[pageSize]=0&fields=items[entity_id,updated_at],total_count"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer demo-token")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkSearchOnlyStoreL is the query part of the incremental page (no JSON): the
// updated_at window and (updated_at, entity_id) order over 100k orders.
func BenchmarkSearchOnlyStoreL(b *testing.B) {
	s := New(storeLOptions())
	c := criteria{
		groups:      []filterGroup{{filters: []filter{{field: "updated_at", value: "2024-01-01 00:00:00", cond: "gteq"}}}},
		sorts:       []sortOrder{{field: "updated_at", direction: "ASC"}, {field: "entity_id", direction: "ASC"}},
		pageSize:    100,
		currentPage: 3,
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := s.orders.search(c, false)
		if err != nil || len(res.items) != 100 {
			b.Fatalf("search: %v, %d items", err, len(res.items))
		}
	}
}
