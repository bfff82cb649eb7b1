// Package assets holds MageDesk's bundled resources: the app icon (drawn
// for this app as SVG in icon.svg, rendered to PNG by `make icons`).
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.png
var iconPNG []byte

//go:embed icon.svg
var iconSVG []byte

// Icon is the 512 px app icon.
var Icon = fyne.NewStaticResource("magedesk.png", iconPNG)

// IconSVG is the scalable source of the icon.
var IconSVG = fyne.NewStaticResource("magedesk.svg", iconSVG)
