package magentosim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// apiError is a Magento REST error: status plus {"message","parameters"} with the raw template.
type apiError struct {
	status     int
	message    string
	parameters any
	errors     []*apiError // aggregated input errors (InputException with several errors)
}

func apiErr(status int, message string, parameters any) *apiError {
	return &apiError{status: status, message: message, parameters: parameters}
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s", e.status, e.message) }

func (e *apiError) body() map[string]any {
	b := map[string]any{"message": e.message}
	if e.parameters != nil {
		b["parameters"] = e.parameters
	}
	if len(e.errors) > 0 {
		list := make([]map[string]any, len(e.errors))
		for i, sub := range e.errors {
			list[i] = sub.body()
		}
		b["errors"] = list
	}
	return b
}

// inputErrors renders several validation errors the way InputException does: one error
// is sent as itself, several as "One or more input exceptions have occurred." + errors[].
func inputErrors(errs []*apiError) *apiError {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return &apiError{status: 400, message: "One or more input exceptions have occurred.", errors: errs}
}

func errRoute() *apiError { return apiErr(404, "Request does not match any route.", nil) }

func errRequired(field string) *apiError {
	return apiErr(400, `"%fieldName" is required. Enter and try again.`, map[string]any{"fieldName": field})
}

func errNoSuchEntity(field string, value any) *apiError {
	return apiErr(404, "No such entity with %fieldName = %fieldValue", map[string]any{"fieldName": field, "fieldValue": value})
}

func errEntityMissing() *apiError {
	return apiErr(404, "The entity that was requested doesn't exist. Verify the entity and try again.", nil)
}

func errACL(resource string) *apiError {
	return apiErr(401, "The consumer isn't authorized to access %resources.", map[string]any{"resources": resource})
}

func errBadRequest(msg string, params any) *apiError { return apiErr(400, msg, params) }

// reqCtx is what a route handler sees.
type reqCtx struct {
	r       *http.Request
	params  map[string]string
	storeID int
	q       url.Values
	body    []byte
}

func (rc *reqCtx) id(name string) (int64, bool) {
	n, err := strconv.ParseInt(rc.params[name], 10, 64)
	return n, err == nil
}

// decode reads the JSON body into v; a malformed body is Magento's 400.
func (rc *reqCtx) decode(v any) *apiError {
	if len(bytes.TrimSpace(rc.body)) == 0 {
		return errBadRequest("An error occurred while processing the request.", nil)
	}
	d := json.NewDecoder(bytes.NewReader(rc.body))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		return errBadRequest("Decoding error: %1", []any{err.Error()})
	}
	return nil
}

type handlerFunc func(s *Store, rc *reqCtx) (any, error)

type route struct {
	method string
	parts  []string
	acl    string
	h      handlerFunc
	list   string // entity touched by MutateWhilePaging
	write  bool
}

func (rt route) match(parts []string) (map[string]string, bool) {
	if len(parts) != len(rt.parts) {
		return nil, false
	}
	var params map[string]string
	for i, p := range rt.parts {
		if strings.HasPrefix(p, "{") {
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = parts[i]
			continue
		}
		if p != parts[i] {
			return nil, false
		}
	}
	return params, true
}

// Handler returns the store's REST API as an http.Handler.
func (s *Store) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// Server is a running simulated store.
type Server struct {
	URL string // base URL, e.g. http://127.0.0.1:41234 (append /rest/V1/...)
	srv *http.Server
	ln  net.Listener
}

// Close stops the server.
func (sv *Server) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := sv.srv.Shutdown(ctx); err != nil {
		_ = sv.srv.Close()
	}
}

// Start serves the store on addr ("127.0.0.1:0" picks a free port).
func (s *Store) Start(addr string) (*Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("magentosim listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("magentosim serve", "err", err)
		}
	}()
	return &Server{URL: "http://" + ln.Addr().String(), srv: srv, ln: ln}, nil
}

var supportedMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true}

func (s *Store) serveHTTP(w http.ResponseWriter, r *http.Request) {
	f := s.currentFaults()
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return
		}
	}
	switch s.rollFault(f) {
	case "reset":
		resetConn(w)
		return
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "<!DOCTYPE html>\n<html><head><title>503 Backend fetch failed</title></head><body>"+
			"<h1>Error 503 Backend fetch failed</h1><p>Backend fetch failed</p><h3>Guru Meditation:</h3>"+
			"<p>XID: 32771</p><hr><p>Varnish cache server</p></body></html>\n")
		return
	case "error":
		s.writeJSON(w, 500, reportBody(s.frngHex()))
		return
	}
	status, body := s.dispatch(w, r)
	if body == nil { // the connection was taken over (dropped write)
		return
	}
	if status == 200 && s.rollTruncate(f) {
		body = body[:len(body)/2]
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

func reportBody(id string) map[string]any {
	return map[string]any{"message": "Internal Error. Details are available in Magento log file. Report ID: webapi-" + id}
}

func (s *Store) writeJSON(w http.ResponseWriter, status int, v any) {
	b, _ := marshal(v)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// storeIDFor resolves the store code of /rest/<code>/V1; ok=false for unknown codes.
func storeIDFor(code string) (int, bool) {
	if code == "all" {
		return 0, true
	}
	for _, v := range storeViews[1:] {
		if v.Code == code {
			return v.ID, true
		}
	}
	return 0, false
}

// dispatch routes, authenticates, runs the handler and renders the JSON answer.
func (s *Store) dispatch(w http.ResponseWriter, r *http.Request) (int, []byte) {
	if !supportedMethods[r.Method] {
		return s.errorBody(apiErr(405, "The %1 HTTP method is not supported.", []any{r.Method}))
	}
	path := strings.TrimSuffix(r.URL.EscapedPath(), "/")
	if !strings.HasPrefix(path, "/rest/") {
		return s.errorBody(errRoute())
	}
	segs := strings.Split(strings.TrimPrefix(path, "/rest/"), "/")
	storeID := 1
	if segs[0] != "V1" {
		id, ok := storeIDFor(segs[0])
		if !ok || len(segs) < 2 || segs[1] != "V1" {
			return s.errorBody(errRoute())
		}
		storeID = id
		segs = segs[1:]
	}
	segs = segs[1:]
	for i, seg := range segs { // unescape per segment so a sku may contain "%2F"
		if u, err := url.PathUnescape(seg); err == nil {
			segs[i] = u
		}
	}
	var rt *route
	var params map[string]string
	pathMatched := false
	for i := range routes {
		p, ok := routes[i].match(segs)
		if !ok {
			continue
		}
		pathMatched = true
		if routes[i].method == r.Method {
			rt, params = &routes[i], p
			break
		}
	}
	if rt == nil {
		_ = pathMatched // wrong verb on an existing path is the same 404 in Magento
		return s.errorBody(errRoute())
	}
	if rt.list == EntitySubscribers && !s.opts.NewsletterModule {
		return s.errorBody(errRoute())
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return s.errorBody(errBadRequest("An error occurred while processing the request.", nil))
	}
	if aerr := s.authorize(r, body, rt.acl); aerr != nil {
		return s.errorBody(aerr)
	}
	if rt.list != "" && s.currentFaults().MutateWhilePaging {
		s.mutateSome(rt.list, 3)
	}
	rc := &reqCtx{r: r, params: params, storeID: storeID, q: r.URL.Query(), body: body}
	if rt.write {
		s.mu.Lock()
	} else {
		s.mu.RLock()
	}
	v, herr := rt.h(s, rc)
	var out []byte
	if herr == nil {
		v = applyFields(v, rc.q.Get("fields"))
		out, herr = marshal(v)
	}
	if rt.write {
		s.mu.Unlock()
	} else {
		s.mu.RUnlock()
	}
	if herr != nil {
		return s.errorBody(herr)
	}
	if rt.write && s.takeDropWrite() {
		resetConn(w) // committed, but the client never hears back
		return 0, nil
	}
	return 200, out
}

func (s *Store) errorBody(err error) (int, []byte) {
	var ae *apiError
	if errors.As(err, &ae) {
		b, _ := marshal(ae.body())
		return ae.status, b
	}
	slog.Debug("magentosim internal error", "err", err)
	b, _ := marshal(reportBody(s.frngHex()))
	return 500, b
}

// resetConn hijacks the connection and closes it with SO_LINGER 0 so the peer sees a reset.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	conn.Close()
}

func (s *Store) rollFault(f Faults) string {
	if f.ResetRate <= 0 && f.HTMLRate <= 0 && f.ErrorRate <= 0 {
		return ""
	}
	s.fmu.Lock()
	x := s.frng.Float64()
	s.fmu.Unlock()
	switch {
	case x < f.ResetRate:
		return "reset"
	case x < f.ResetRate+f.HTMLRate:
		return "html"
	case x < f.ResetRate+f.HTMLRate+f.ErrorRate:
		return "error"
	}
	return ""
}

func (s *Store) rollTruncate(f Faults) bool {
	if f.TruncateRate <= 0 {
		return false
	}
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return s.frng.Float64() < f.TruncateRate
}

func (s *Store) frngHex() string {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	return fmt.Sprintf("%x", s.frng.Uint64())[:12]
}

func (s *Store) takeDropWrite() bool {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	if !s.faults.DropWriteResponse {
		return false
	}
	if s.faults.DropWritesN > 0 {
		if s.dropLeft <= 0 {
			return false
		}
		s.dropLeft--
	}
	return true
}
