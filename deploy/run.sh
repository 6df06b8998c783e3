#!/usr/bin/env bash
# Sets up this host (deploy/setup.sh) and runs `paas server` in the foreground with the embedded store and a managed
# nginx. Any flag of `paas server` may follow, e.g. --domain apps.example.com or --http-port 8080.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/setup.sh

cat <<'EOT'
-----> Starting paas. On its first start it prints the admin token (also saved as DATA_DIR/admin-token, mode 0600).
       Next steps, in another terminal (with the URL of --listen, default http://127.0.0.1:7100):
       bin/paas login http://127.0.0.1:7100 --token TOKEN
       bin/paas apps:create myapp
       cd your-app && /path/to/paas/bin/paas git:remote -a myapp && git push paas main
EOT
exec node bin/paas server "$@"
