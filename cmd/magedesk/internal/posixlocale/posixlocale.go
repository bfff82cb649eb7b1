// Package posixlocale keeps Fyne quiet on machines whose locale is the
// POSIX one (LANG=C: servers, CI, containers). Fyne reads the locale
// while its lang package initializes and logs "Error parsing user locale
// C" on every run, also of headless commands. Go initializes packages
// whose dependencies are ready in import-path order (Go 1.21+), and this
// package needs only os, so main imports it first and its init runs
// before Fyne's: it names English for messages instead of "C".
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(env)
		if v == "" {
			continue
		}
		if base, _, _ := strings.Cut(v, "."); base == "C" || base == "POSIX" {
			os.Setenv("LC_MESSAGES", "en")
			if env == "LC_ALL" { // LC_ALL would override LC_MESSAGES
				os.Unsetenv("LC_ALL")
			}
		}
		return
	}
}
