#!/usr/bin/env bash
# Serve the built app on one port: granian with N workers (N > 1 needs Redis),
# restarting a worker that dies instead of stopping the whole server; and beside it the
# job queue's consumer (ABRI_JOBS_CONSUMER=0 leaves it out). Either one ending stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
read -r PORT_SETTING WORKERS JOB_WORKERS < <(python -c \
  'from helpline.config import get_settings as g; s=g(); print(s.port, s.workers, s.jobs_workers)')
# Older versions let Reflex pickle page states (decrypted messages) to .states/: never keep them.
rm -rf .states

pids=()
stop() {
  trap - EXIT INT TERM
  # SIGINT lets the consumer finish the jobs it is running; granian stops on TERM.
  [[ -n "${consumer:-}" ]] && kill -INT "$consumer" 2>/dev/null || true
  [[ -n "${server:-}" ]] && kill -TERM "$server" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 0' INT TERM  # asked to stop: a clean stop

if [[ "${ABRI_JOBS_CONSUMER:-1}" != 0 ]]; then
  # Polls the embedded queue at least once a second; waits up to 30 s for running jobs.
  python scripts/jobs_consumer.py --workers "$JOB_WORKERS" --worker-type thread \
    --delay 0.1 --max-delay 1 --shutdown-timeout 30 \
    $([[ "${ABRI_LOG_LEVEL:-warning}" =~ ^(info|debug)$ ]] || echo --quiet) &
  consumer=$!
  pids+=("$consumer")
fi

REFLEX_ENV_MODE=prod __REFLEX_SKIP_COMPILE=true __REFLEX_MOUNT_FRONTEND_COMPILED_APP=true \
granian --interface asgi --factory --host "${ABRI_HOST:-0.0.0.0}" --port "$PORT_SETTING" \
  --workers "$WORKERS" --respawn-failed-workers --log-level "${ABRI_LOG_LEVEL:-warning}" abri:app &
server=$!
pids+=("$server")

status=0
wait -n "${pids[@]}" || status=$?
exit "$status"
