package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"
)

// countingProxy forwards to the simulator and counts requests per route,
// so the bench can tell how many calls a sync made without touching the
// simulator process. It can also add latency to every request.
type countingProxy struct {
	URL     string
	srv     *http.Server
	latency time.Duration

	mu     sync.Mutex
	counts map[string]int
}

func startCountingProxy(target string, latency time.Duration) (*countingProxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &countingProxy{URL: "http://" + l.Addr().String(), latency: latency, counts: map[string]int{}}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.Transport = &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute}
	p.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.counts[routeOf(r.URL.Path)]++
		p.mu.Unlock()
		if p.latency > 0 {
			time.Sleep(p.latency)
		}
		rp.ServeHTTP(w, r)
	})}
	go p.srv.Serve(l)
	return p, nil
}

// routeOf turns /rest/default/V1/carts/12/totals into carts/{id}/totals.
func routeOf(path string) string {
	if i := strings.Index(path, "/V1/"); i >= 0 {
		path = path[i+4:]
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	for i, s := range parts {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			parts[i] = "{id}"
		}
	}
	return strings.Join(parts, "/")
}

func (p *countingProxy) Close() { p.srv.Close() }

func (p *countingProxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.counts = map[string]int{}
}

func (p *countingProxy) Requests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, c := range p.counts {
		n += c
	}
	return n
}

func (p *countingProxy) ByRoute() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.counts))
	for k, v := range p.counts {
		out[k] = v
	}
	return out
}

func formatRoutes(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}

// listRoutes are the entity list routes; everything else a sync calls is a
// dictionary (store/*, customerGroups/search) or the newsletter probe.
var listRoutes = map[string]bool{
	"customers/search": true, "carts/search": true, "orders": true, "creditmemos": true,
	"newsletter/subscribers": true, "products": true,
}

// classifyRoutes splits a request count into entity list calls and
// dictionary calls. The newsletter route is probed once per run during
// the dictionaries; that probe is counted as a dictionary call.
func classifyRoutes(m map[string]int) (lists, dicts int) {
	for k, v := range m {
		if listRoutes[k] {
			lists += v
		} else {
			dicts += v
		}
	}
	if n := m["newsletter/subscribers"]; n > 0 {
		lists--
		dicts++
	}
	return lists, dicts
}
