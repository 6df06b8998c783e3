#!/usr/bin/env bash
# Installs paas as a service on a Debian/Ubuntu host with systemd:
#   packages (deploy/setup.sh), a copy of this checkout in /opt/paas, /etc/default/paas for settings,
#   and the paas.service unit, enabled and started. Re-running upgrades in place; the data in /var/lib/paas stays.
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "run as root (sudo deploy/install.sh)" >&2; exit 1; }
src=$(cd "$(dirname "$0")/.." && pwd)
[[ -d /run/systemd/system ]] || { echo "systemd is not running here: use deploy/run.sh instead" >&2; exit 1; }

"$src/deploy/setup.sh"
systemctl enable --now docker

if [[ "$src" != /opt/paas ]]; then
  mkdir -p /opt/paas
  # Everything but the data and local build output; node_modules is rebuilt by setup.sh below.
  tar -C "$src" --exclude=./node_modules --exclude=./.git --exclude=./dist -c . | tar -C /opt/paas -x
  (cd /opt/paas && deploy/setup.sh)
fi

if [[ ! -f /etc/default/paas ]]; then
  cat >/etc/default/paas <<'EOT'
# Settings of `paas server` (see /opt/paas/README.md), e.g.:
# PAAS_DOMAIN=apps.example.com
# PAAS_ACME_EMAIL=ops@example.com
# PAAS_LISTEN=127.0.0.1:7100
EOT
fi

install -m 0644 /opt/paas/deploy/paas.service /etc/systemd/system/paas.service
systemctl daemon-reload
systemctl enable paas
systemctl restart paas
for _ in $(seq 1 50); do [[ -s /var/lib/paas/admin-token ]] && break; sleep 0.2; done
echo "-----> paas is running (systemctl status paas; journalctl -u paas -f)"
[[ -s /var/lib/paas/admin-token ]] && echo "       admin token: sudo cat /var/lib/paas/admin-token"
