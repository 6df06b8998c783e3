#!/usr/bin/env bash
# Sets up this host (deploy/setup.sh) and runs `paas server` in the foreground with the embedded store and a managed
# nginx. Any flag of `paas server` may follow, e.g. --domain apps.example.com or --http-port 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/setup.sh

data_dir=${PAAS_DATA_DIR:-$([[ $(id -u) -eq 0 ]] && echo /var/lib/paas || echo "$HOME/.local/share/paas")}
cat <<EOT
-----> Starting paas (data in $data_dir). Next steps, in another terminal:
       bin/paas login http://127.0.0.1:7100 --token \$(sudo cat $data_dir/admin-token)
       bin/paas apps:create myapp
       cd your-app && /path/to/paas/bin/paas git:remote -a myapp && git push paas main
EOT
exec node bin/paas server "$@"
