#!/usr/bin/env bash
# Installs and starts what paas needs on a Debian/Ubuntu host, idempotently:
#   docker.io, nginx, git (Debian packages), a running Docker engine, the npm dependencies and the compiled CLI.
# --with-test-tools also installs what the test suite uses (busybox-static, pebble, openssl, openssh-client, debootstrap).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(docker.io nginx git ca-certificates)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(busybox-static pebble openssl openssh-client debootstrap)
fi

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "-----> Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker version >/dev/null 2>&1; then
  echo "-----> Starting the Docker engine"
  if [[ -d /run/systemd/system ]] && as_root systemctl start docker 2>/dev/null; then
    :
  else
    # No init system here (containers, CI VMs): start exactly one daemon, without a bridge, so that no traffic
    # ever goes to 172.x; paas runs every container on the host network.
    as_root sh -c 'nohup setsid dockerd --bridge=none --iptables=false --host unix:///var/run/docker.sock >/var/log/paas-dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 150); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
  docker version >/dev/null 2>&1 || { echo "dockerd did not start: see /var/log/paas-dockerd.log" >&2; exit 1; }
fi

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "-----> Installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "-----> Compiling"
npm run --silent build
