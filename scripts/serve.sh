#!/usr/bin/env bash
# Serve the built app on one port: granian with N workers (N > 1 needs Redis),
# restarting a worker that dies instead of stopping the whole server.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r PORT_SETTING WORKERS < <(python -c \
  'from helpline.config import get_settings as g; s=g(); print(s.port, s.workers)')
# Older versions let Reflex pickle page states (decrypted messages) to .states/: never keep them.
rm -rf .states
export REFLEX_ENV_MODE=prod __REFLEX_SKIP_COMPILE=true __REFLEX_MOUNT_FRONTEND_COMPILED_APP=true
exec granian --interface asgi --factory --host "${ABRI_HOST:-0.0.0.0}" --port "$PORT_SETTING" \
  --workers "$WORKERS" --respawn-failed-workers --log-level "${ABRI_LOG_LEVEL:-warning}" abri:app
