"""Every status of the lifecycle is reached by a named action: none is offered in the
public filters that no process can ever have."""

from concerto.processes.lifecycle import PROCESS_WORKFLOW, Status


def test_every_status_is_the_target_of_a_named_action():
    # A draft is created, then reached again when the referent returns it to the agent;
    # the analysis and the evaluation bring the steps to their statuses from their apps.
    targets = {step.target for step in PROCESS_WORKFLOW.steps.values() if step.target}
    assert set(Status) == targets


def test_every_status_but_the_last_can_be_left():
    steps = PROCESS_WORKFLOW.steps.values()
    sources = set().union(*(step.sources for step in steps if step.target))
    assert set(Status) - sources == {Status.ARCHIVED}
