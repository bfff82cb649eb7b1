package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestAppVersionMatchesFyneAppToml(t *testing.T) {
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml has no [Details] Version")
	}
	if string(m[1]) != appVersion {
		t.Fatalf("FyneApp.toml says %s, appVersion is %s: keep them equal", m[1], appVersion)
	}
}

func TestVersionFlagPrintsVersion(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"--version"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), appVersion) {
		t.Fatalf("--version printed %q", out.String())
	}
}

func TestUnknownCommandIsRefused(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), `unknown command "frobnicate"`) {
		t.Fatalf("stderr %q", errOut.String())
	}
}
