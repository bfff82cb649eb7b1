#!/usr/bin/env bash
# Builds the release packages into dist/: the Linux .tar.xz (binary, .desktop
# file, icon, install Makefile) and the Windows .exe (cross-built with MinGW).
# Usage: .ci/package.sh [linux|windows|all]
# The fyne packager is installed on its own (go install), never through go.mod,
# because fyne.io/tools needs Fyne 2.8 and we pin Fyne 2.7.1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$(go env GOPATH)/bin:$PATH"
what=${1:-all}
FYNE_TOOLS=fyne.io/tools/cmd/fyne@v1.7.4
VERSION=${VERSION:-$(git describe --tags --always 2>/dev/null || echo dev)}
APP_VERSION=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
TAGS=sqlite_fts5,migrated_fynedo
LDFLAGS="-s -w -X main.buildRef=${VERSION}"

.ci/deps.sh build
command -v fyne >/dev/null 2>&1 || go install "$FYNE_TOOLS"
mkdir -p dist build

# fyne package bumps [Details] Build in FyneApp.toml and may leave fyne.syso
# behind: put the tree back as it was whatever happens.
cp FyneApp.toml build/FyneApp.toml.orig
restore() {
  cp build/FyneApp.toml.orig FyneApp.toml
  rm -f cmd/magedesk/fyne.syso cmd/magedesk/FyneApp.toml
}
trap restore EXIT

if [ "$what" = linux ] || [ "$what" = all ]; then
  go build -tags "$TAGS" -trimpath -ldflags "$LDFLAGS" -o build/magedesk ./cmd/magedesk
  rm -f MageDesk.tar.xz
  fyne package --os linux --exe build/magedesk --release
  mv MageDesk.tar.xz "dist/MageDesk-${APP_VERSION}-linux-amd64.tar.xz"
  echo "built dist/MageDesk-${APP_VERSION}-linux-amd64.tar.xz"
fi

if [ "$what" = windows ] || [ "$what" = all ]; then
  if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y -q gcc-mingw-w64-x86-64
  fi
  (
    cd cmd/magedesk
    CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
      fyne package --os windows --release --name MageDesk --app-id io.magedesk.app \
      --app-version "$APP_VERSION" --icon "$PWD/../../assets/icon.png" --tags "$TAGS"
  )
  mv cmd/magedesk/MageDesk.exe "dist/MageDesk-${APP_VERSION}-windows-amd64.exe"
  echo "built dist/MageDesk-${APP_VERSION}-windows-amd64.exe"
fi

# Checksums next to the packages, for the release page.
(cd dist && sha256sum MageDesk-"${APP_VERSION}"-* 2>/dev/null | grep -v '\.sha256' > "MageDesk-${APP_VERSION}.sha256" || true)
# Put the tree back now and prove it: FyneApp.toml as it was, no packager leftovers.
restore
trap - EXIT
cmp -s build/FyneApp.toml.orig FyneApp.toml || { echo "package: FyneApp.toml was left changed" >&2; exit 1; }
for f in cmd/magedesk/fyne.syso cmd/magedesk/FyneApp.toml cmd/magedesk/MageDesk.exe MageDesk.tar.xz; do
  [ ! -e "$f" ] || { echo "package: $f was left behind" >&2; exit 1; }
done
ls -l dist/
