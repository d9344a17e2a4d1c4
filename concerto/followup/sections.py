"""What the follow-up shows on the public pages of processes (processes/sections.py): the
commitments on a process's page, "late" on the cards of the list."""

from concerto.followup.queries import late_commitments, process_commitments
from concerto.processes.sections import Badge, Section


def _commitments(process) -> dict:
    # Kept, late or still due, exactly as on the follow-up page (issue 23).
    return {"commitments": process_commitments(process)}


def _late_process_ids() -> set[int]:
    # One query: the devoir de suite of these processes is late.
    return set(late_commitments().values_list("process_id", flat=True))


COMMITMENTS = Section(
    "followup-commitments", "followup/process_page/commitments.html", _commitments
)
LATE = Badge("followup-late", "followup/process_page/late_badge.html", _late_process_ids)
