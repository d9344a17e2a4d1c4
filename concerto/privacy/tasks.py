from django_tasks import task

from concerto.privacy.retention import apply_retention


@task()
def apply_retention_task() -> dict[str, int]:
    return apply_retention()
