import uuid

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from concerto.jobs.models import Job


def owned_job(request, job_id: str) -> Job | None:
    """The job named in a page's query string, if it is the visitor's own: import pages
    show the state of the import they started."""
    if not job_id or not request.user.is_authenticated:
        return None
    try:
        job_id = str(uuid.UUID(job_id))
    except ValueError:
        return None
    return Job.objects.filter(pk=job_id, owner=request.user).first()


def _visible_job(request, job_id) -> Job:
    job = get_object_or_404(Job, pk=job_id)
    if not job.get_abilities(request.user)["view"]:
        raise PermissionDenied
    return job


@require_safe
def detail(request, job_id):
    return render(request, "jobs/detail.html", {"job": _visible_job(request, job_id)})


@require_safe
def status(request, job_id):
    return JsonResponse(_visible_job(request, job_id).as_dict())
