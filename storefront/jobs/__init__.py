"""Background jobs through an outbox.

`enqueue(name, **payload)` adds an outbox row to the caller's transaction; once that transaction
commits the job runs: on a worker through Redis (RQ) when JOBS_REDIS_URL is set, else in this
process right after the commit. A rolled-back transaction takes its jobs with it. Handlers are
registered by name (`@handler("mail.deliver")`) by the packages that own them, so this low-level
package never imports them.
"""

from storefront.jobs.outbox import enqueue
from storefront.jobs.registry import handler, task

__all__ = ["enqueue", "handler", "task"]
