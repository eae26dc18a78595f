"""Run the job queue's consumer (ADR 0010): huey's own, with Abri's log scrubbing.

    python scripts/jobs_consumer.py [path.to.huey] [huey_consumer options]   e.g. -w 2 -k thread

scripts/serve.sh starts it beside the web server. Several may run (one per host, on
Redis): each also schedules the periodic tasks, which are harmless to run twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huey.bin.huey_consumer import consumer_main

from webserver import logs

if __name__ == "__main__":
    logs.install()  # no exception message (it can quote input) in any line
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):  # tests name a module of their own
        sys.argv[1:1] = ["helpline.jobs.huey"]
    consumer_main()
