from django_tasks import task

from concerto.mailing import sending
from concerto.mailing.kinds import Rendered
from concerto.mailing.messages import build_message


@task()
def send_campaign(campaign_id: int) -> dict:
    """One sender of the campaign; the first one starts a sender for each other lane, so
    that several workers share the send."""

    def call_helpers(count: int) -> None:
        for _ in range(count):
            send_campaign.enqueue(campaign_id)

    outcome = sending.send_campaign(campaign_id, call_helpers=call_helpers)
    if outcome.stopped:  # its worker is leaving: the next free one goes on at once
        send_campaign.enqueue(campaign_id)
    return {"sent": outcome.sent, "skipped": outcome.skipped, "busy": outcome.busy}


@task()
def send_single(address: str, fields: dict, message_id_seed: str) -> None:
    build_message(
        address=address, rendered=Rendered(**fields), message_id_seed=message_id_seed
    ).send()


@task()
def resume_campaigns() -> list[int]:
    """Periodic: start the campaigns whose time has come or whose sender died."""
    ids = sending.resume_unfinished()
    for campaign_id in ids:
        send_campaign.enqueue(campaign_id)
    return ids
