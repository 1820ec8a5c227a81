"""`newsflow alerts install`: the automations an operator of a deployment needs, as code.

Three automations per deployment, replaced when installed again: a run failed or crashed; a run
completed with quality warnings (tag `quality-warning`); and a proactive one, no completed run
within twice the schedule's interval (a dead serve process, a stopped worker, a wedged output).
Each sends a notification through a Prefect notification block when one is named, and otherwise
only fires (its firing shows in the UI's event feed), so the alerts exist before a channel does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice, pairwise
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.responses import DeploymentResponse
from prefect.client.schemas.schedules import CronSchedule, IntervalSchedule
from prefect.events.actions import DoNothing, SendNotification
from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture

FIRES_LOOKED_AT = 50  # an irregular cron: the longest gap between its next fire times counts


class AlertsError(RuntimeError):
    """The deployment or the notification block cannot be used; nothing was installed."""


def schedule_interval(deployment: DeploymentResponse) -> timedelta:
    """The longest time between two scheduled runs of the deployment's active schedules."""
    gaps = []
    for entry in (s for s in deployment.schedules if s.active):
        schedule = entry.schedule
        if isinstance(schedule, IntervalSchedule):
            gaps.append(schedule.interval)
        elif isinstance(schedule, CronSchedule):
            from cronsim import CronSim

            fires = list(islice(CronSim(schedule.cron, datetime.now(UTC)), FIRES_LOOKED_AT))
            gaps.append(max(b - a for a, b in pairwise(fires)))
    if not gaps:
        raise AlertsError(f"deployment {deployment.name} has no active interval or cron schedule")
    return min(gaps)


def automations(deployment: DeploymentResponse, flow_name: str, block_id: UUID | None = None) -> list[AutomationCore]:
    """The three automations of one deployment, matching only its runs."""
    name = f"{flow_name}/{deployment.name}"
    ours = {"prefect.resource.id": f"prefect.deployment.{deployment.id}", "prefect.resource.role": "deployment"}
    runs = {"prefect.resource.id": "prefect.flow-run.*"}
    quality = [ours, {"prefect.resource.id": "prefect.tag.quality-warning", "prefect.resource.role": "tag"}]
    window = 2 * schedule_interval(deployment)

    def automation(title: str, trigger: EventTrigger, body: str) -> AutomationCore:
        action = (
            SendNotification(block_document_id=block_id, subject=f"newsflow {name}: {title}", body=body)
            if block_id
            else DoNothing()
        )
        return AutomationCore(name=f"newsflow {name}: {title}", trigger=trigger, actions=[action])

    run_body = "{{ flow_run.name }}: {{ flow_run.state.name }}: {{ flow_run.state.message }} {{ flow_run|ui_url }}"
    return [
        automation(
            "run failed or crashed",
            EventTrigger(
                match=runs,
                match_related=ours,
                expect={"prefect.flow-run.Failed", "prefect.flow-run.Crashed"},
                posture=Posture.Reactive,
                threshold=1,
            ),
            run_body,
        ),
        automation(
            "run completed with quality warnings",
            EventTrigger(
                match=runs,
                match_related=quality,
                expect={"prefect.flow-run.Completed"},
                posture=Posture.Reactive,
                threshold=1,
            ),
            run_body + " (the run's newsflow-quality-report artifact lists the warnings)",
        ),
        automation(
            f"no completed run in {_words(window)}",
            EventTrigger(
                match=runs,
                match_related=ours,
                expect={"prefect.flow-run.Completed"},
                posture=Posture.Proactive,
                threshold=1,
                within=window,
            ),
            f"No run of {name} has completed in {_words(window)}: is its worker or serve process up?",
        ),
    ]


def _words(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def install(deployment_name: str, notify: str | None = None) -> list[str]:
    """Create (or replace) the deployment's automations; return their names."""
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            deployment = client.read_deployment_by_name(deployment_name)
        except ObjectNotFound:
            raise AlertsError(f"no deployment {deployment_name!r} on {client.api_url}") from None
        block_id = None
        if notify:
            block_type, _, block_name = notify.partition("/")
            try:
                block_id = client.read_block_document_by_name(block_name, block_type).id
            except ObjectNotFound:
                raise AlertsError(f"no notification block {notify!r} (type/name, e.g. slack-webhook/ops)") from None
        flow = client.read_flow(deployment.flow_id)
        wanted = automations(deployment, flow.name, block_id)
        for automation in wanted:
            for old in client.read_automations_by_name(automation.name):
                client.delete_automation(old.id)
            client.create_automation(automation)
    return [a.name for a in wanted]
