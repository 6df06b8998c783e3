#!/usr/bin/env bash
# Creates the local base images the tests build FROM, once per machine: nothing is ever pulled (no registry here).
#   paas-test/busybox  FROM scratch + Debian's busybox-static: a 2 MB image with sh and httpd.
set -euo pipefail

have() { docker image inspect "$1" >/dev/null 2>&1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

busybox_image() {
  have paas-test/busybox && return 0
  local bb
  bb=$(command -v busybox)
  ldd "$bb" >/dev/null 2>&1 && { echo "$bb is dynamically linked: install busybox-static" >&2; exit 1; }
  local root="$work/busybox"
  mkdir -p "$root/bin" "$root/etc" "$root/www" "$root/tmp"
  cp "$bb" "$root/bin/busybox"
  for applet in sh ls cat echo httpd sleep env kill ps mkdir rm cp mv grep sed wc head tail date true false nc wget printf test; do
    ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - paas-test/busybox >/dev/null
  echo "created paas-test/busybox"
}

busybox_image
