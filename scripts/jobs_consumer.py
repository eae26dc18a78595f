"""Run the job queue's consumer (ADR 0010): huey's own, with Abri's log scrubbing.

    python scripts/jobs_consumer.py [path.to.huey] [huey_consumer options]   e.g. -w 2 -k thread

scripts/serve.sh starts it beside the web server. Several may run (one per host, on
Redis): each also schedules the periodic tasks, which are harmless to run twice. In
production it refuses to start without an acceptable key, as the web server does.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huey.bin.huey_consumer import consumer_main

from helpline.config import get_settings
from helpline.keys import load_keyring
from webserver import logs

if __name__ == "__main__":
    logs.install()  # no exception message (it can quote input) in any line
    settings = get_settings()
    if settings.env != "local":  # like the web server: no jobs without the operator's key
        load_keyring(settings)
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):  # tests name a module of their own
        sys.argv[1:1] = ["helpline.jobs.huey"]
    consumer_main()
