package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Under a POSIX locale (LANG=C.UTF-8 on servers and CI) Fyne used to log
// "Error parsing user locale C" at start-up, before main; the posixlocale
// package must initialize first. The test binary has main's imports, so
// starting it again shows what a headless command prints.
func TestNoFyneLocaleErrorUnderPOSIXLocale(t *testing.T) {
	for _, env := range []string{"LANG=C.UTF-8", "LC_ALL=C.UTF-8", "LANG=POSIX"} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(withoutLocale(os.Environ()), env)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", env, err, out)
		}
		if strings.Contains(string(out), "locale") {
			t.Errorf("%s: start-up printed:\n%s", env, out)
		}
	}
}

func withoutLocale(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
			out = append(out, kv)
		}
	}
	return out
}
