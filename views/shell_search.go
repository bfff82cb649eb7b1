package views

import "fyne.io/fyne/v2/widget"

// ownSearch is implemented by pages that carry their own search box (the
// list pages): the shell then hides its toolbar box, so there is one search
// field on screen, and Ctrl+F goes to the page's box.
type ownSearch interface {
	searchEntry() *widget.Entry
}

// searchEntry exposes a list page's search box to the shell.
func (p *listPage[T]) searchEntry() *widget.Entry { return p.search }
