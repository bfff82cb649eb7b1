package main

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/go-resty/resty/v2"
	_ "github.com/mattn/go-sqlite3"
)

func main() {}
