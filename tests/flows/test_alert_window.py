"""The proactive alert's window: twice the longest gap between a deployment's scheduled runs."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest
from prefect.client.schemas.objects import DeploymentSchedule
from prefect.client.schemas.responses import DeploymentResponse
from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule

from flows.alerts import AlertsError, automations, schedule_interval


def deployment(*schedules, active: bool = True) -> DeploymentResponse:
    return DeploymentResponse(
        name="every-30-min",
        flow_id=uuid4(),
        schedules=[DeploymentSchedule(schedule=s, active=active) for s in schedules],
    )


def test_the_window_follows_the_schedule():
    assert schedule_interval(deployment(CronSchedule(cron="*/30 * * * *"))) == timedelta(minutes=30)
    assert schedule_interval(deployment(CronSchedule(cron="0 6,18 * * *"))) == timedelta(hours=12)
    assert schedule_interval(deployment(IntervalSchedule(interval=timedelta(minutes=10)))) == timedelta(minutes=10)
    with pytest.raises(AlertsError, match="has no active interval or cron schedule"):
        schedule_interval(deployment(CronSchedule(cron="*/30 * * * *"), active=False))


def test_three_automations_named_for_the_deployment():
    found = automations(deployment(CronSchedule(cron="0 6,18 * * *")), "newsflow")
    assert [a.name for a in found] == [
        "newsflow newsflow/every-30-min: run failed or crashed",
        "newsflow newsflow/every-30-min: run completed with quality warnings",
        "newsflow newsflow/every-30-min: no completed run in 24 h 00 min",
    ]
    assert found[2].trigger.within == timedelta(hours=24)
    assert [type(a.actions[0]).__name__ for a in found] == ["DoNothing"] * 3
