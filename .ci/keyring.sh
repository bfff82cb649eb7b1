#!/usr/bin/env bash
# Runs the credential tests against a real Secret Service: Debian's
# gnome-keyring in a private D-Bus session with a throwaway HOME, unlocked
# with a throwaway password. Fails if the keychain tests skip (no keychain
# reached) instead of passing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
.ci/deps.sh test
for p in gnome-keyring dbus-x11; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends gnome-keyring dbus-x11
    break
  fi
done
# Keep the Go caches of the real HOME: only the keyring lives in the temporary one.
export GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOPATH="$(go env GOPATH)"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
out=$(HOME="$home" XDG_DATA_HOME="$home/.local/share" dbus-run-session -- bash -c '
  mkdir -p "$HOME/.local/share/keyrings"
  eval "$(printf %s magedesk-ci | gnome-keyring-daemon --unlock --components=secrets)"
  MAGEDESK_REQUIRE_KEYRING=1 go test -count=1 -tags ci,sqlite_fts5 ./app/ \
    -run "TestKeyringCredentialsRoundTrip|TestTokenIsInNoFileOfTheDataFolderAfterSyncs" -v 2>&1
' 2> >(grep -v "fd limit" >&2)) || { echo "$out"; exit 1; }
echo "$out" | grep -E "^(---|ok|FAIL)"
for t in TestKeyringCredentialsRoundTrip TestTokenIsInNoFileOfTheDataFolderAfterSyncs; do
  echo "$out" | grep -q -- "--- PASS: $t" || { echo "keyring: $t did not pass against gnome-keyring" >&2; exit 1; }
done
echo "keyring: credentials tested against a real Secret Service (gnome-keyring)"
