import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from concerto.accounts.roles import Role
from concerto.jobs.models import Job, JobInput
from concerto.opendata.imports import capcollectif, decidim
from concerto.opendata.imports.actions import import_contributions
from concerto.opendata.models import ImportRun
from concerto.participation.models import Channel, Contribution
from tests.factories import open_module, user_with_role
from tests.opendata.conftest import FIXTURES

pytestmark = pytest.mark.django_db

Q_DEMOCRATIE = (
    "Que faudrait-il faire aujourd'hui pour mieux associer les citoyens aux grandes "
    "orientations et à la décision publique ? Comment mettre en place une démocratie plus "
    "participative ?"
)


def test_grand_debat_csv_imports_each_answer_and_reports_what_was_left_out(grand_debat_export):
    module, organiser = open_module("questionnaire")
    parsed = capcollectif.parse(grand_debat_export)
    report = import_contributions(module, actor=organiser, parsed=parsed, filename="gd.csv")

    assert (report.created, report.existing, report.refused) == (8, 0, False)
    assert report.by_kind == {"answer": 8}
    assert report.encoding == "ISO-8859-1"
    assert [str(issue) for issue in report.columns_ignored] == [
        "authorId : donnée personnelle : non importée.",
        "authorZipCode : donnée personnelle : non importée.",
        "sourceTag : colonne inconnue : ignorée.",
    ]
    assert [str(issue) for issue in report.rows_rejected] == [
        "ligne 6 : contribution masquée par la modération de la plateforme d'origine : non "
        "importée.",
        "ligne 7 : aucune réponse.",
        "ligne 8 : caractères mal encodés (texte illisible) : ligne non importée.",
        "ligne 9 : date « 32/13/2019 » illisible.",
    ]
    assert report.summary() == "8 contributions importées. 4 lignes non importées."
    stored = Contribution.objects.filter(module=module).order_by("created_at", "pk")
    assert stored.count() == 8
    first = stored[0]
    assert first.kind == "answer"
    assert first.channel == Channel.ONLINE
    assert first.title == Q_DEMOCRATIE
    assert first.body == (
        "Ne nous gargarisons pas de mots: démocratie participative n'est il pas un pléonasme ?"
    )
    assert first.created_at.isoformat() == "2019-01-22T08:15:00+00:00"
    assert (first.author, first.pseudonym, first.entered_by) == (None, "", organiser)
    last = stored.last()
    assert last.body == "Un relevé annuel détaillé, envoyé à chacun."
    assert stored.filter(body="Des référendums locaux,\nplus souvent.").count() == 1
    assert not stored.filter(body__contains="75011").exists()
    run = ImportRun.objects.get()
    assert (run.source, run.filename, run.created, run.existing, run.rejected) == (
        "capcollectif", "gd.csv", 8, 0, 4,
    )  # fmt: skip


def test_importing_the_same_export_again_adds_nothing(grand_debat_export):
    module, organiser = open_module("questionnaire")
    import_contributions(module, actor=organiser, parsed=capcollectif.parse(grand_debat_export))
    report = import_contributions(
        module, actor=organiser, parsed=capcollectif.parse(grand_debat_export)
    )
    assert (report.created, report.existing) == (0, 8)
    assert report.summary() == (
        "0 contribution importée. 8 déjà importées auparavant, non ajoutées à nouveau. "
        "4 lignes non importées."
    )
    assert Contribution.objects.filter(module=module).count() == 8


def test_decidim_zip_imports_proposals_and_comments_with_a_report(decidim_export):
    module, organiser = open_module("proposals")
    report = import_contributions(module, actor=organiser, parsed=decidim.parse(decidim_export))

    assert (report.created, report.existing, report.refused) == (10, 0, False)
    assert report.by_kind == {"proposal": 5, "comment": 5}
    assert report.files_read == [
        "participer-exemple-fr-open-data-proposals.csv",
        "participer-exemple-fr-open-data-proposal_comments.csv",
    ]
    assert [str(issue) for issue in report.files_ignored] == [
        "participer-exemple-fr-open-data-meetings.csv : ces données ne sont pas des "
        "contributions : non importées.",
        "participer-exemple-fr-open-data-results.csv : ces données ne sont pas des "
        "contributions : non importées.",
    ]
    assert [issue.where for issue in report.columns_ignored] == [
        "participer-exemple-fr-open-data-proposals.csv › custom_tag",
        "participer-exemple-fr-open-data-proposal_comments.csv › author/id",
        "participer-exemple-fr-open-data-proposal_comments.csv › author/name",
        "participer-exemple-fr-open-data-proposal_comments.csv › user_group/name",
    ]
    assert sorted(str(issue) for issue in report.rows_rejected) == [
        "participer-exemple-fr-open-data-proposal_comments.csv:7 : répond à un élément absent "
        "de l'export ou non importé.",
        "participer-exemple-fr-open-data-proposal_comments.csv:8 : commentaire d'un objet "
        "« Decidim::Debates::Debate » : seuls ceux des propositions sont importés.",
        "participer-exemple-fr-open-data-proposals.csv:7 : proposition retirée par son "
        "auteur : non importée.",
        "participer-exemple-fr-open-data-proposals.csv:8 : texte vide.",
    ]
    proposals = Contribution.objects.filter(module=module, kind="proposal").order_by("created_at")
    assert proposals.count() == 5
    first = proposals[0]
    assert first.body.startswith("Mettre en place une prime à l'investissement")
    assert "<p>" not in first.body
    assert first.created_at.isoformat() == "2020-06-10T14:00:00+00:00"
    comments = Contribution.objects.filter(module=module, kind="comment")
    assert comments.count() == 5
    on_first = comments.filter(parent=first).order_by("created_at")
    assert [c.body for c in on_first] == [
        "Coût prohibitif pour la collectivité.",
        "Oui mais toujours avec une traduction française !",
    ]
    assert [c.stance for c in on_first] == ["against", "for"]
    reply = comments.get(parent=on_first[0])
    assert (
        reply.body == "« La langue de la République est le français » (Art. II de notre "
        "constitution)"
    )
    assert not Contribution.objects.filter(pseudonym__startswith="Participant").exists()


def test_a_refused_file_imports_nothing():
    module, organiser = open_module("proposals")
    report = import_contributions(module, actor=organiser, parsed=decidim.parse(b"not a zip"))
    assert report.refused
    assert report.lines() == [
        "Aucune contribution n'a été importée.",
        "Le fichier n'est pas une archive ZIP lisible (export « données ouvertes » de Decidim "
        "attendu).",
    ]
    assert not Contribution.objects.exists()
    assert ImportRun.objects.get().created == 0


def test_a_csv_without_question_columns_is_refused():
    parsed = capcollectif.parse("id,title,authorId\n1,Bonjour,42\n".encode("latin-1"))
    assert parsed.report.refused
    assert parsed.items == []
    assert parsed.report.warnings == [
        "Aucune colonne de question trouvée : l'en-tête de chaque question doit être le texte "
        "de la question, terminé par un point d'interrogation."
    ]


def test_a_utf8_file_is_recognised_whatever_the_announced_encoding():
    data = "id,createdAt,Que proposez-vous ?\n7,2019-02-01,Une école ouverte le soir\n"
    parsed = capcollectif.parse(data.encode("utf-8"), "ISO-8859-1")
    assert parsed.report.encoding == "UTF-8"
    assert [item.body for item in parsed.items] == ["Une école ouverte le soir"]


def test_only_organisers_import_and_nothing_changes_otherwise(grand_debat_export):
    module, _organiser = open_module("questionnaire")
    citizen = user_with_role(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        import_contributions(module, actor=citizen, parsed=capcollectif.parse(grand_debat_export))
    assert not Contribution.objects.exists()
    assert not ImportRun.objects.exists()


def test_the_command_imports_a_file(capsys):
    module, organiser = open_module("questionnaire")
    call_command(
        "opendata", "import", str(FIXTURES / "grand_debat_democratie.csv"),
        module=module.pk, source="capcollectif", actor=organiser.email,
    )  # fmt: skip
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "8 contributions importées. 4 lignes non importées."
    assert Contribution.objects.filter(module=module).count() == 8


def test_the_import_page_shows_the_report(client, decidim_export):
    from django.core.files.uploadedfile import SimpleUploadedFile

    module, organiser = open_module("proposals")
    client.force_login(organiser)
    url = reverse("opendata:import", kwargs={"pk": module.process_id, "module_id": module.pk})
    response = client.post(url, {
        "source": "decidim", "encoding": "ISO-8859-1",
        "file": SimpleUploadedFile("export.zip", decidim_export, "application/zip"),
    })  # fmt: skip
    run = ImportRun.objects.get()
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{url}?tache={job.id}#job"
    # The job ran (eagerly in tests): its page leads to the report it recorded.
    assert (job.status, job.message) == ("succeeded", "10 contributions importées. 4 lignes "
                                         "non importées.")  # fmt: skip
    assert job.result_url == f"{url}?compte-rendu={run.pk}#compte-rendu"
    assert not JobInput.objects.exists()
    response = client.get(f"{url}?tache={job.id}")
    assert response["Location"] == job.result_url
    page = client.get(f"{url}?compte-rendu={run.pk}").content.decode()
    assert "10 contributions importées. 4 lignes non importées." in page
    citizen = user_with_role(Role.CITIZEN)
    client.force_login(citizen)
    assert client.get(url).status_code == 403
