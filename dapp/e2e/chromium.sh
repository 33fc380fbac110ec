#!/usr/bin/env bash
# Makes Debian's chromium available to the browser tests. It installs the
# package with apt-get when it is missing and this user may install
# packages (root, or CI); otherwise it prints how to install it, and the
# tests skip themselves unless THX_BROWSER_TESTS=required.
set -euo pipefail

browser=/usr/bin/chromium
if [ -x "$browser" ]; then
	exit 0
fi

if command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || [ -n "${CI:-}" ]; }; then
	echo "chromium is missing: installing Debian's chromium package with apt-get"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		sudo="sudo"
	fi
	$sudo apt-get update
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
	exit 0
fi

echo "chromium is missing at $browser, so the browser tests will be skipped."
echo "Install it with: sudo apt-get update && sudo apt-get install -y chromium"
