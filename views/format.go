package views

import (
	"fmt"
	"strings"

	"github.com/magedesk/magedesk/app"
	"github.com/magedesk/magedesk/model"
)

// formatCount prints a count with thousands separators ("1,234").
func formatCount(n int64) string { return app.FormatCount(n) }

// countLabel says how many rows match: "1 order", "1,234 orders".
func countLabel(n int, singular, plural string) string {
	if n == 1 {
		return "1 " + singular
	}
	return formatCount(int64(n)) + " " + plural
}

// cartStatusTitle names our cart statuses for people.
func cartStatusTitle(s string) string {
	switch s {
	case model.CartOpen:
		return "Open"
	case model.CartLost:
		return "Lost"
	case model.CartExpired:
		return "Expired"
	case model.CartPurchased:
		return "Purchased"
	}
	return titleCase(s)
}

// creditMemoStateTitle names Magento's credit memo states.
func creditMemoStateTitle(state int) string {
	switch state {
	case model.CreditMemoOpen:
		return "Open"
	case model.CreditMemoRefunded:
		return "Refunded"
	case model.CreditMemoCanceled:
		return "Canceled"
	}
	return fmt.Sprintf("State %d", state)
}

// subscriberStatusTitle names Magento's subscriber_status values.
func subscriberStatusTitle(status int) string {
	switch status {
	case model.SubscriberSubscribed:
		return "Subscribed"
	case model.SubscriberNotActive:
		return "Not activated"
	case model.SubscriberUnsubscribe:
		return "Unsubscribed"
	case model.SubscriberUnconfirmed:
		return "Unconfirmed"
	}
	return fmt.Sprintf("Status %d", status)
}

// genderTitle names Magento's gender codes; unknown is blank.
func genderTitle(g int) string {
	switch g {
	case 1:
		return "Male"
	case 2:
		return "Female"
	case 3:
		return "Not specified"
	}
	return ""
}

// titleCase turns Magento's status codes ("pending_payment") into labels
// ("Pending payment"): Magento's own labels live in the admin, not the API.
func titleCase(code string) string {
	if code == "" {
		return ""
	}
	s := strings.ReplaceAll(code, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// yesNo prints a flag.
func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// fullName joins name parts that are present.
func fullName(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// orDash shows "—" for an empty value so a form row never looks broken.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
