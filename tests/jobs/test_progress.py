import pytest

from concerto.jobs.models import Job, JobInput
from concerto.jobs.progress import start_job
from tests.factories import UserFactory
from tests.jobs import sample_tasks

pytestmark = pytest.mark.django_db


def test_a_job_reports_progress_and_its_result():
    owner = UserFactory()
    job = start_job(sample_tasks.count_to, owner=owner, label="Compter", total=3)
    assert job.status == Job.Status.SUCCEEDED
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.message == "3 éléments traités sur 3"
    assert job.result_url == "/resultat/3/"


def test_a_failing_job_is_marked_failed_with_a_french_message():
    job = Job.objects.create(owner=UserFactory(), label="Échouer")
    with pytest.raises(RuntimeError):
        sample_tasks.fail.call(job_id=str(job.id))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "La tâche a échoué. L'équipe technique en a été informée."


def test_the_job_page_shows_progress_to_its_owner_only(client):
    owner = UserFactory()
    job = start_job(sample_tasks.count_to, owner=owner, label="Compter", total=2)
    client.force_login(owner)
    page = client.get(f"/taches/{job.id}/").content.decode()
    assert (
        "<h1>Compter</h1>" in page and '<progress id="job-progress" max="100" value="100">' in page
    )
    status = client.get(f"/taches/{job.id}/etat/").json()
    assert status["status"] == "succeeded" and status["percent"] == 100
    client.force_login(UserFactory())
    assert client.get(f"/taches/{job.id}/").status_code == 403
    assert client.get(f"/taches/{job.id}/etat/").status_code == 403


def test_a_job_reads_its_upload_may_refuse_it_and_the_upload_is_then_deleted(client):
    owner = UserFactory()
    job = start_job(
        sample_tasks.refuse_input, owner=owner, label="Importer",
        upload=("cahiers.csv", b"Ligne 2 : canal inconnu.\nLigne 3 : date invalide."),
    )  # fmt: skip
    assert (job.status, job.finished, job.message) == ("refused", True, "cahiers.csv est refusé.")
    assert job.report == ["Ligne 2 : canal inconnu.", "Ligne 3 : date invalide."]
    assert not JobInput.objects.exists()
    client.force_login(owner)
    page = client.get(f"/taches/{job.id}/").content.decode()
    assert "<li>Ligne 3 : date invalide.</li>" in page
