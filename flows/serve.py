"""`newsflow serve`: a deployment of the flow on a cron schedule, served from this process.

Runs of one deployment never overlap: its concurrency limit is 1 and a run that comes due while
another is still running is cancelled (CANCEL_NEW). Nothing is lost by that: the next run picks up
every file the cancelled one would have written, because runs skip files already written. The
lock under the output (tasks/commit/lock.py) also stops any other run on the same output, served or not.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tasks.settings import Settings

DEPLOYMENT = "newsflow-scheduled"


class ServeOptions(BaseModel):
    """How the deployment is scheduled; validated before anything is sent to the server."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cron: str = Field(description="When to run, as a cron expression, e.g. '*/30 * * * *' (every 30 minutes).")
    timezone: str = Field("UTC", description="IANA time zone the cron expression is read in, e.g. Europe/London.")
    name: str = Field(DEPLOYMENT, min_length=1, description="Name of the deployment in the Prefect UI.")

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=value)
        except ValidationError:
            raise ValueError(f"{value!r} is not a cron expression like '*/30 * * * *'") from None
        return value

    @field_validator("timezone")
    @classmethod
    def _valid_timezone(cls, value: str) -> str:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron="* * * * *", timezone=value)
        except ValidationError:
            raise ValueError(f"{value!r} is not an IANA time zone like 'Europe/London'") from None
        return value


def serve(settings: Settings, options: ServeOptions) -> None:
    """Create (or update) the deployment with its schedule and run its scheduled runs until stopped."""
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.schedules import Cron

    from flows.pipeline import newsflow
    from flows.ui import deployment_tags

    newsflow.serve(
        name=options.name,
        schedules=[Cron(options.cron, timezone=options.timezone)],
        parameters={"settings": settings.model_dump(mode="json")},
        global_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW),
        tags=deployment_tags(settings),
        description=f"newsflow {settings.input} → {settings.output}, {options.cron} ({options.timezone})",
    )
