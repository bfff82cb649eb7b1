package main

// appVersion is the release version; it must equal [Details] Version in
// FyneApp.toml (version_test.go checks), so builds made by `fyne package`,
// which cannot pass -ldflags, still know their version.
const appVersion = "0.1.0"

// buildRef is set by `make build`/`make package` with
// -ldflags "-X main.buildRef=<git describe>"; empty in plain builds.
var buildRef = ""

// versionString is what --version and the About dialog print.
func versionString() string {
	if buildRef == "" || buildRef == appVersion {
		return appVersion
	}
	return appVersion + " (" + buildRef + ")"
}
