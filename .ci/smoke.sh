#!/usr/bin/env bash
# Smoke test of the Linux release package: unpack dist/MageDesk-*-linux-amd64.tar.xz,
# install it with its own Makefile into a temporary root, check --version,
# start the binary under Xvfb with a temporary data folder and HOME, wait
# for its window, take a screenshot and check it is not blank, check that a
# second start does not open a second app on the same data, then close it
# (Ctrl+Q, else SIGTERM) and require a clean exit.
# Usage: .ci/smoke.sh [package.tar.xz]   (default: build it with .ci/package.sh linux)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
.ci/deps.sh gui
command -v xdotool >/dev/null 2>&1 || {
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends xdotool
}

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
pkg=${1:-}
if [ -z "$pkg" ]; then
  .ci/package.sh linux
  pkg="dist/MageDesk-${version}-linux-amd64.tar.xz"
fi
[ -f "$pkg" ] || { echo "smoke: no package at $pkg" >&2; exit 1; }

work=$(mktemp -d)
xvfb_pid=""; app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ "${SMOKE_KEEP:-}" = "" ]; then rm -rf "$work"; else echo "smoke: kept $work"; fi
}
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; [ -f "$work/app.log" ] && tail -20 "$work/app.log" >&2; exit 1; }

# 1. Unpack and install with the package's own Makefile.
tar -xJf "$pkg" -C "$work"
make -s -C "$work/magedesk" install DESTDIR="$work/root" PREFIX=/usr >/dev/null
bin="$work/root/usr/bin/magedesk"
for f in "$bin" "$work/root/usr/share/applications/io.magedesk.app.desktop" "$work/root/usr/share/pixmaps/io.magedesk.app.png"; do
  [ -e "$f" ] || fail "package did not install $f"
done
grep -q '^Exec=magedesk' "$work/root/usr/share/applications/io.magedesk.app.desktop" || fail ".desktop file has no Exec=magedesk"
got=$("$bin" --version)
case "$got" in *"$version"*) ;; *) fail "--version says '$got', want $version" ;; esac
if command -v file >/dev/null 2>&1; then
  file "$bin" | grep -q "not stripped" && fail "release binary is not stripped"
fi
echo "smoke: installed $(basename "$pkg"): $got"

# 2. A display of our own.
disp=""
for n in $(seq 90 120); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || fail "no free X display number"
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${disp#:}" ] && break; sleep 0.1; done
export DISPLAY="$disp"
export LANG=en_US.UTF-8 # Fyne cannot parse the "C" locale and says so on every start

# 3. Start the app with throwaway data and preferences.
mkdir -p "$work/home" "$work/data"
start=$(date +%s%N)
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" MAGEDESK_DATA_DIR="$work/data" \
  "$bin" >"$work/app.log" 2>&1 &
app_pid=$!
wid=""
for _ in $(seq 300); do
  kill -0 "$app_pid" 2>/dev/null || { wait "$app_pid" || true; fail "the app exited before opening a window"; }
  wid=$(xdotool search --name '^MageDesk' 2>/dev/null | head -1 || true)
  [ -n "$wid" ] && break
  sleep 0.1
done
[ -n "$wid" ] || fail "no MageDesk window within 30 s"
opened=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "smoke: window '$(xdotool getwindowname "$wid")' after ${opened}s"
sleep 2 # let it draw

# 4. A screenshot that is not blank.
import -window root "$work/shot.png"
colours=$(identify -format %k "$work/shot.png")
echo "smoke: screenshot has $colours colours"
[ "$colours" -gt 10 ] || fail "screenshot is blank ($colours colours)"
[ -n "${SMOKE_SHOT:-}" ] && cp "$work/shot.png" "$SMOKE_SHOT"

# 5. A second start on the same data folder must not open a second app.
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" MAGEDESK_DATA_DIR="$work/data" \
  timeout 20 "$bin" >"$work/second.log" 2>&1 && second=0 || second=$?
[ "$second" -ne 124 ] || fail "a second instance kept running"
kill -0 "$app_pid" 2>/dev/null || fail "the first instance died when a second one started"
echo "smoke: second start exited ($second): $(grep -m1 magedesk: "$work/second.log" || head -c 200 "$work/second.log")"

# 6. Close it: Ctrl+Q like a user, SIGTERM if that does not work; both must exit 0.
how="Ctrl+Q"
# Xvfb has no window manager: focus the window directly, then type.
xdotool windowfocus --sync "$wid" >/dev/null 2>&1 || true
xdotool key ctrl+q 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then
  how="SIGTERM"
  kill -TERM "$app_pid"
  for _ in $(seq 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
fi
kill -0 "$app_pid" 2>/dev/null && fail "the app did not exit within 10 s of $how"
rc=0; wait "$app_pid" || rc=$?
app_pid=""
[ "$rc" -eq 0 ] || fail "the app exited with status $rc after $how"
echo "smoke: closed cleanly with $how"
# The log file in the data folder tells the whole story: started, stopped, no error.
log="$work/data/logs/magedesk.log"
[ -f "$log" ] || fail "no log file at $log"
grep -q 'msg="MageDesk starting"' "$log" || fail "the log does not say MageDesk started"
grep -q 'msg="MageDesk stopped"' "$log" || fail "the log does not say MageDesk stopped cleanly"
if grep -q "level=ERROR" "$log"; then fail "errors in the app log: $(grep level=ERROR "$log" | head -3)"; fi
grep -q "already running" "$work/second.log" || fail "the second start did not say MageDesk is already running"
echo "smoke: PASS"
