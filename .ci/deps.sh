#!/usr/bin/env bash
# Installs what building and testing MageDesk needs on Debian/Ubuntu, only
# what is missing. Usage: .ci/deps.sh [build|test|gui]
#   test: a C compiler for go-sqlite3 (tests use Fyne's headless driver)
#   build: + the OpenGL/X11 headers Fyne's GL driver needs
#   gui:  + Xvfb and ImageMagick for the real-window smoke test
set -euo pipefail
want=${1:-build}

need_go="1.26"
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "MageDesk needs Go $need_go or newer, and none was found." >&2
  echo "Debian's golang-go package is far too old. Get Go from https://go.dev/dl/ and unpack it:" >&2
  echo "  sudo tar -C /usr/local -xzf go${need_go}.linux-amd64.tar.gz && export PATH=/usr/local/go/bin:\$PATH" >&2
  exit 1
fi
have=$(go env GOVERSION | sed 's/^go//')
if [ "$(printf '%s\n%s\n' "$need_go" "$have" | sort -V | head -1)" != "$need_go" ]; then
  echo "MageDesk needs Go $need_go or newer; this machine has $have (from $(command -v go))." >&2
  echo "Debian's golang-go is too old: install Go from https://go.dev/dl/ into /usr/local/go." >&2
  exit 1
fi

pkgs=(gcc libc6-dev pkg-config)
case "$want" in
  build|gui) pkgs+=(libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev) ;;
esac
case "$want" in
  gui) pkgs+=(xvfb imagemagick xz-utils) ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages: ${missing[*]}; install them with your package manager." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
