#!/usr/bin/env bash
# Creates the local base images the tests build FROM, once per machine: nothing is ever pulled (no registry here).
#   paas-test/busybox  FROM scratch + Debian's busybox-static: a 2 MB image with sh and httpd (static sites).
#   paas-test/node     the host's node binary and npm, its libraries and busybox's sh (~120 MB). It trusts only
#                      Node's own root CAs, like the real node:*-slim images: builds that reach the npm registry
#                      through this machine's TLS-intercepting proxy need paas's --build-ca-bundle setting.
#   paas-test/python   Debian bookworm (debootstrap, minbase) with Debian's python3 and gunicorn (~22 s once).
# Each image is made only if missing, so running this again is cheap.
set -euo pipefail

have() { docker image inspect "$1" >/dev/null 2>&1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

busybox_static() {
  local bb
  bb=$(command -v busybox)
  ldd "$bb" >/dev/null 2>&1 && { echo "$bb is dynamically linked: install busybox-static" >&2; exit 1; }
  echo "$bb"
}

# Minimal root filesystem pieces every image gets: passwd, group, /tmp.
base_files() {
  local root=$1
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
}

busybox_image() {
  have paas-test/busybox && return 0
  local root="$work/busybox"
  base_files "$root"
  mkdir -p "$root/www"
  cp "$(busybox_static)" "$root/bin/busybox"
  for applet in sh ls cat echo httpd sleep env kill ps mkdir rm cp mv grep sed wc head tail date true false nc wget printf test; do
    ln -s busybox "$root/bin/$applet"
  done
  tar -C "$root" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - paas-test/busybox >/dev/null
  echo "created paas-test/busybox"
}

node_image() {
  have paas-test/node && return 0
  local root="$work/node" node lib
  node=$(readlink -f "$(command -v node)")
  base_files "$root"
  mkdir -p "$root/usr/bin" "$root/usr/lib" "$root/app"
  cp "$node" "$root/usr/bin/node"
  # The dynamic loader and every library node links, plus what name resolution loads at run time (npm ci needs DNS).
  for lib in $(ldd "$node" | grep -o '/[^ ]*') /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libnss_files.so.2 \
    /lib/x86_64-linux-gnu/libresolv.so.2; do
    [[ -e $lib ]] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  cp -a /usr/lib/node_modules "$root/usr/lib/"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
  cp "$(busybox_static)" "$root/bin/busybox"
  for applet in sh env cat ls echo sleep kill ps grep sed rm mkdir cp mv test true false printf; do ln -s busybox "$root/bin/$applet"; done
  ln -s ../../bin/busybox "$root/usr/bin/env" # npm's `#!/usr/bin/env node`
  tar -C "$root" -c . | docker import -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'WORKDIR /app' -c 'CMD ["node"]' - paas-test/node >/dev/null
  echo "created paas-test/node"
}

# The URI apt already uses for Debian (deb822 .sources or a classic sources.list line).
debian_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | awk '{print $2}' | head -1)
  [[ -n $uri ]] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | grep -v security | awk '{print $2}' | head -1)
  echo "${uri:-http://deb.debian.org/debian}"
}

python_image() {
  have paas-test/python && return 0
  local root="$work/python"
  debootstrap --variant=minbase --include=python3,gunicorn bookworm "$root" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 || {
    tail -20 "$work/debootstrap.log" >&2
    exit 1
  }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man "$root"/usr/share/locale
  mkdir -p "$root/app"
  tar -C "$root" -c . | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'ENV LANG=C.UTF-8' \
    -c 'WORKDIR /app' -c 'CMD ["python3"]' - paas-test/python >/dev/null
  echo "created paas-test/python"
}

busybox_image
node_image
python_image
