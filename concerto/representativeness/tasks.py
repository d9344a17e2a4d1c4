from django_tasks import task

from concerto.representativeness.alerts import check_all


@task()
def check_representativeness_alerts() -> int:
    return check_all()
