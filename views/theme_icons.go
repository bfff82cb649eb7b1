package views

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// cartSVG is a shopping cart (Fyne's theme has none); black fills are
// recoloured by the theme like the built-in icons.
const cartSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">
<path fill="#000000" d="M1 2.5h3.6c.5 0 .9.3 1 .8l.5 2.2H22c.6 0 1 .6.8 1.2l-2.6 8.3c-.2.5-.6.8-1.1.8H8.2c-.5 0-.9-.3-1-.8L4 4.5H1z"/>
<circle fill="#000000" cx="9" cy="20" r="2"/>
<circle fill="#000000" cx="18" cy="20" r="2"/>
</svg>`

// cartIcon follows the current theme's foreground colour.
var cartIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("cart.svg", []byte(cartSVG)))
