"""The outbox: one row per job, written in the transaction of the change that causes it."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storefront.database import Base, utcnow


class JobStatus(StrEnum):
    PENDING = "pending"  # waiting for its (next) attempt at next_attempt_at
    RUNNING = "running"  # claimed by a worker until locked_until (then it counts as failed)
    DONE = "done"
    DEAD = "dead"  # every attempt failed: waits for an admin to retry or discard it
    DISCARDED = "discarded"


class OutboxJob(Base):
    __tablename__ = "job_outbox"
    __table_args__ = (Index("ix_job_outbox_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=8)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
