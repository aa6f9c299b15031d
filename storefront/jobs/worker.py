"""`flask worker`: an RQ worker on the jobs' queue, running each job in this process."""

import logging

from flask import Flask
from rq import SimpleWorker

from storefront.jobs import queue

log = logging.getLogger(__name__)


def run(app: Flask, *, burst: bool = False) -> bool:
    """Work the queue until stopped (or, with `burst`, until it is empty). SimpleWorker: no fork
    per job, so the app, its connection pools and its templates are loaded once; run more worker
    processes to run more jobs at once. Its scheduler moves delayed retries onto the queue."""
    jobs = queue.get_queue(app)
    if jobs is None:
        raise RuntimeError(
            "flask worker needs JOBS_REDIS_URL (or REDIS_URL); without it jobs run in the web "
            "process after each commit"
        )
    worker = SimpleWorker([jobs], connection=jobs.connection)
    return worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
