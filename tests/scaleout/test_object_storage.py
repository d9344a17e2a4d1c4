"""Files in an S3-compatible object store (SeaweedFS on loopback): what one app server
writes, every other serves, and nothing lands on the local disk."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from concerto.opendata.publish import publish
from concerto.settings import s3_storage
from tests.meetings.helpers import meetings_module, schedule
from tests.meetings.test_views import organiser_url, signed_in
from tests.opendata.test_datasets import public_state  # noqa: F401 (fixture)
from tests.scaleout.servers import s3_credentials, seaweedfs_s3

BUCKET = "concerto"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with seaweedfs_s3(tmp_path_factory.mktemp("seaweedfs"), BUCKET) as endpoint:
        yield endpoint


@pytest.fixture
def in_the_store(settings, store, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")  # must stay empty
    credentials = s3_credentials(store)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(
            BUCKET, store, credentials["aws_access_key_id"], credentials["aws_secret_access_key"],
            location=tmp_path.name,  # one prefix per test
        ),
    }  # fmt: skip
    client = boto3.client("s3", **credentials)

    def stored(prefix=""):
        listing = client.list_objects_v2(Bucket=BUCKET, Prefix=f"{tmp_path.name}/{prefix}")
        return {item["Key"].split("/", 1)[1]: item["Size"] for item in listing.get("Contents", [])}

    yield stored
    assert not (tmp_path / "media").exists()


@pytest.mark.django_db
def test_open_data_is_published_to_the_store_and_served_from_it(public_state, client, in_the_store):  # noqa: F811
    publication = publish()
    files = in_the_store(publication.folder)
    assert f"{publication.folder}/dispositifs.csv" in files
    assert f"{publication.folder}/datapackage.json" in files
    response = client.get(reverse("opendata:download", args=["dispositifs.csv"]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert len(body) == files[f"{publication.folder}/dispositifs.csv"]
    assert "Concertation sur le plan vélo" in body.decode("utf-8")


@pytest.mark.django_db
def test_a_meeting_report_uploaded_goes_to_the_store_and_is_served_from_it(client, in_the_store):
    module, organiser = meetings_module()
    meeting = schedule(module, organiser, in_days=-1, title="Réunion de Bron")
    signed_in(client, organiser)
    upload = SimpleUploadedFile("bron.pdf", b"%PDF-1.4 Bron", content_type="application/pdf")
    response = client.post(
        organiser_url(module, f"{meeting.pk}/compte-rendu/"),
        {"form": "report", "report": "Soixante participants.", "report_file": upload},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert in_the_store() == {meeting.report_file.name: len(b"%PDF-1.4 Bron")}
    client.logout()
    url = reverse("meetings:report_file", args=[module.process.slug, module.pk, meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Bron"
