"""Offline contributions: typed in by an agent, or imported from a CSV file all or nothing."""

import re
import uuid
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from concerto.accounts.roles import Role
from concerto.participation import offline
from concerto.participation.models import Channel, Contribution
from concerto.processes.models import Theme
from tests.factories import PASSWORD, UserFactory, complete_process, open_module, user_with_role

pytestmark = pytest.mark.django_db

HEADER = "channel,received_on,author,title,text,theme\n"


def urls(module) -> tuple[str, str]:
    base = f"/espace/dispositifs/{module.process_id}/modules/{module.pk}/hors-ligne/"
    return base, base + "import/"


def signed_in(client, user):
    client.login(username=user.email, password=PASSWORD)
    return client


def csv_file(content: str, name: str = "cahiers.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def import_file(client, module, content: str, **kwargs):
    return client.post(urls(module)[1], {"file": csv_file(content)}, **kwargs)


def entry(**fields) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "channel": "paper",
        "received_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "author": "Jeanne Martin",
        "title": "Pistes cyclables",
        "body": "Des pistes protégées le long de la départementale.",
        "theme": "",
    }
    data.update(fields)
    return data


def snapshot() -> list[tuple]:
    return list(Contribution.objects.order_by("pk").values_list("pk", "body", "status"))


# Typing in one contribution


def test_an_agent_types_in_a_paper_contribution(client):
    module, organiser = open_module("proposals")
    theme = Theme.objects.get(slug="transports")
    received = timezone.localdate() - timedelta(days=3)
    signed_in(client, organiser)
    assert client.get(urls(module)[0]).status_code == 200

    response = client.post(urls(module)[0], entry(theme=theme.pk), follow=True)

    assert "Contribution enregistrée et publiée (canal : Papier (cahier citoyen, formulaire))." in (
        response.text
    )
    contribution = Contribution.objects.get()
    # In a proposals module, a contribution that arrived offline is a listed proposal.
    assert (contribution.module, contribution.channel, contribution.kind) == (
        module, Channel.PAPER, "proposal",
    )  # fmt: skip
    assert (contribution.author, contribution.pseudonym, contribution.entered_by) == (
        None, "Jeanne Martin", organiser,
    )  # fmt: skip
    assert (contribution.title, contribution.theme) == ("Pistes cyclables", theme)
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.created_at == timezone.make_aware(datetime.combine(received, time(12)))
    assert contribution.author_name == "Jeanne Martin"
    assert "Des pistes protégées le long de la départementale." in response.text


def test_an_anonymous_letter_is_shown_with_its_channel(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    client.post(urls(module)[0], entry(channel="mail", author="Anonyme"))
    contribution = Contribution.objects.get()
    assert (contribution.pseudonym, contribution.channel) == ("", Channel.MAIL)
    assert contribution.author_name == "Courrier"


def test_the_same_entry_sent_twice_stores_one_contribution(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    data = entry()
    client.post(urls(module)[0], data)
    response = client.post(urls(module)[0], data, follow=True)
    assert "Cette contribution était déjà enregistrée." in response.text
    assert Contribution.objects.count() == 1


def test_an_invalid_entry_keeps_what_was_typed(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(urls(module)[0], entry(channel="online", received_on=tomorrow))
    assert response.status_code == 200
    assert "La date de réception est dans le futur." in response.text
    assert "Sélectionnez un choix valide" in response.text
    assert "Des pistes protégées le long de la départementale." in response.text
    assert Contribution.objects.count() == 0


def test_a_closed_module_still_takes_offline_contributions():
    yesterday = timezone.localdate() - timedelta(days=1)
    module, organiser = open_module(
        "proposals", opens_on=yesterday - timedelta(days=9), closes_on=yesterday
    )
    contribution, created = offline.enter_offline_contribution(
        module, actor=organiser, channel=Channel.MEETING, received_on=yesterday,
        body="Reçue en réunion la veille de la clôture.", idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    assert created and contribution.channel == Channel.MEETING


# Importing a file


def test_an_agent_imports_a_csv_file(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    content = (
        HEADER + 'paper,2026-01-05,Jeanne Martin,Pistes,"Des pistes, enfin ; et des arceaux.",'
        "Transports et mobilités\n"
        + 'courrier,2026-01-06,anonyme,,"Plus de trains\nle dimanche.",\n'
        + "email,2026-01-07,Paul Durand,,Un service de location longue durée.,transports\n"
    )
    response = import_file(client, module, content, follow=True)
    assert "3 contributions importées et publiées." in response.text
    rows = list(
        Contribution.objects.order_by("pk").values_list(
            "channel", "pseudonym", "title", "body", "theme__slug", "entered_by", "author"
        )
    )
    assert rows == [
        ("paper", "Jeanne Martin", "Pistes", "Des pistes, enfin ; et des arceaux.",
         "transports", organiser.pk, None),
        ("mail", "", "Plus de trains le dimanche.", "Plus de trains\nle dimanche.", None,
         organiser.pk, None),
        ("email", "Paul Durand", "Un service de location longue durée.",
         "Un service de location longue durée.", "transports", organiser.pk, None),
    ]  # fmt: skip
    dates = [timezone.localtime(c.created_at).date() for c in Contribution.objects.order_by("pk")]
    assert dates == [date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 7)]
    assert set(Contribution.objects.values_list("status", flat=True)) == {"published"}


def test_importing_the_same_file_again_adds_nothing(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    content = HEADER + "paper,2026-01-05,,,Premier cahier.,\npaper,2026-01-05,,,Second cahier.,\n"
    import_file(client, module, content)
    before = snapshot()
    response = import_file(client, module, content, follow=True)
    assert (
        "Aucune contribution ajoutée. 2 lignes étaient déjà importées : elles n'ont pas "
        "été ajoutées à nouveau."
    ) in response.text.replace("&#x27;", "'")
    assert snapshot() == before
    # Saved again by a spreadsheet (semicolons, CRLF, quotes): still the same file.
    resaved = content.replace(",", ";").replace("\n", "\r\n").replace("Premier", '"Premier')
    resaved = resaved.replace("cahier.;", 'cahier.";', 1)
    import_file(client, module, resaved)
    assert snapshot() == before
    # The same file in another module is another set of contributions.
    other, _ = open_module("proposals", process=module.process)
    import_file(client, other, content)
    assert Contribution.objects.filter(module=other).count() == 2


def test_a_file_with_invalid_rows_imports_nothing_and_lists_every_error_by_line(client):
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    content = (
        HEADER
        + "paper,2026-01-05,,,Une ligne valide.,\n"
        + "fax,2026-01-05,,,Un fax.,\n"
        + "paper,05/01/2026,,,Une date française.,\n"
        + "mail,2026-01-05,,,,\n"
        + f"email,{tomorrow},,,Une date future.,Astrologie\n"
        + 'paper,2026-01-05,,,"Sur deux\nlignes",\n'
        + "paper,2026-01-05,,,Trop,de,colonnes\n"
        + "mail,2026-01-05,,"
        + "T" * 201
        + ",Titre long.,\n"
    )
    response = import_file(client, module, content, follow=True)
    assert response.status_code == 200
    text = response.text.replace("&#x27;", "'").replace("&quot;", '"')
    assert "Aucune contribution n'a été importée : le fichier contient 7 erreurs." in text
    expected = [
        "Ligne 3 : canal « fax » inconnu ; valeurs acceptées : paper, mail, email, meeting.",
        "Ligne 4 : date de réception « 05/01/2026 » invalide ; format attendu AAAA-MM-JJ.",
        "Ligne 5 : le texte (text) est vide.",
        f"Ligne 6 : la date de réception {tomorrow} est dans le futur.",
        "Ligne 6 : thème « Astrologie » inconnu.",
        "Ligne 9 : 6 colonnes attendues, 7 trouvées (une virgule dans un texte doit être entre "
        "guillemets).",
        "Ligne 10 : le titre dépasse 200 caractères.",
    ]
    assert re.findall(r"<li>(Ligne [^<]+)</li>", text) == expected
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"channel,received_on,text\n", "Le fichier ne contient aucune contribution."),
        (b"canal,date,text\npaper,2026-01-01,x\n",
         "Ligne 1 : colonnes inconnues : canal, date."),
        (b"channel,text\npaper,x\n",
         "Ligne 1 : colonne obligatoire absente : received_on."),
        (b'channel,received_on,text\npaper,2026-01-01,"Sans fin\n',
         "Ligne 2 : un guillemet ouvert sur cette ligne n'est jamais refermé."),
        (b"channel,received_on,text\npaper,2026-01-01," + b"x" * 131_073 + b"\n",
         "Ligne 2 : une valeur dépasse 131072 caractères."),
    ],
)  # fmt: skip
def test_malformed_files_are_refused_with_a_reason(content, message):
    with pytest.raises(offline.ImportRefused) as refused:
        offline.parse_csv(content, today=date(2026, 2, 1))
    assert refused.value.errors[0].startswith(message)


def test_a_utf8_file_with_a_byte_order_mark_and_crlf_lines_is_read():
    content = "\ufeffChannel,Received_On,Text\r\nréunion,2026-01-01,Café\r\n".encode()
    rows = offline.parse_csv(content, today=date(2026, 2, 1))
    assert [(row.line, row.channel, row.text) for row in rows] == [(2, "meeting", "Café")]


def test_a_windows_1252_file_separated_by_semicolons_is_read():
    content = "channel;received_on;text\r\ncourrier;2026-01-01;L\u2019œuvre coûte 5 €\r\n"
    rows = offline.parse_csv(content.encode("cp1252"), today=date(2026, 2, 1))
    assert [(row.line, row.channel, row.text) for row in rows] == [
        (2, "mail", "L\u2019œuvre coûte 5 €")
    ]


def test_identical_letters_on_several_rows_are_as_many_contributions(client):
    """Issue 21, finding 2: three identical campaign letters are three contributions."""
    module, organiser = open_module("proposals")
    signed_in(client, organiser)
    letter = "courrier,2026-01-05,anonyme,,Non à la fermeture de la gare de Bréauté.,\n"
    content = HEADER + letter * 3 + "courrier,2026-01-05,,,Une autre lettre.,\n"
    response = import_file(client, module, content, follow=True)
    assert "4 contributions importées et publiées." in response.text
    bodies = list(Contribution.objects.order_by("pk").values_list("body", flat=True))
    assert bodies == ["Non à la fermeture de la gare de Bréauté."] * 3 + ["Une autre lettre."]
    # The same file imported again still adds nothing.
    import_file(client, module, content)
    assert Contribution.objects.count() == 4


def test_more_rows_than_the_limit_are_refused_naming_it(monkeypatch):
    monkeypatch.setattr(offline, "MAX_ROWS", 2)
    content = HEADER + "paper,2026-01-05,,,Un.,\n" * 3
    with pytest.raises(offline.ImportRefused) as refused:
        offline.parse_csv(content.encode(), today=date(2026, 2, 1))
    assert refused.value.errors == [
        "Le fichier compte plus de 2 contributions, la limite d'un import : découpez-le en "
        "plusieurs fichiers."
    ]


def test_a_row_refused_while_storing_rolls_back_the_whole_import():
    module, organiser = open_module("proposals")
    rows = offline.parse_csv(
        (HEADER + "paper,2026-01-05,,,Bon.,\npaper,2026-01-05,,,Bon aussi.,\n").encode(),
        today=date(2026, 2, 1),
    )
    # A row that passed the file check but that the model refuses.
    rows.append(offline.OfflineRow(4, "paper", date(2026, 1, 5), "", "", "   ", None))
    with pytest.raises(offline.ImportRefused) as refused:
        offline.import_offline_contributions(module, actor=organiser, rows=rows)
    assert refused.value.errors == ["Ligne 4 : Le texte de la contribution est vide."]
    assert Contribution.objects.count() == 0


# Who may do it


def test_citizens_and_other_ministries_get_403_and_nothing_changes(client):
    module, organiser = open_module("proposals")
    offline.enter_offline_contribution(
        module, actor=organiser, channel="paper", received_on=timezone.localdate(),
        body="Déjà là.", idempotency_key=uuid.uuid4(),
    )  # fmt: skip
    before = snapshot()
    entry_url, import_url = urls(module)
    for user in (UserFactory(), user_with_role(Role.AGENT)):
        signed_in(client, user)
        assert client.get(entry_url).status_code == 403
        assert client.get(import_url).status_code == 403
        assert client.post(entry_url, entry()).status_code == 403
        content = HEADER + "paper,2026-01-05,,,Intrusion.,\n"
        assert import_file(client, module, content).status_code == 403
    assert snapshot() == before
    with pytest.raises(PermissionDenied):
        offline.enter_offline_contribution(
            module, actor=UserFactory(), channel="paper", received_on=timezone.localdate(),
            body="Intrusion.", idempotency_key=uuid.uuid4(),
        )  # fmt: skip
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in(client):
    module, _ = open_module("proposals")
    for url in urls(module):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_a_module_outside_the_process_or_hidden_is_not_found(client):
    module, organiser = open_module("proposals")
    other, other_organiser = open_module("proposals")
    signed_in(client, organiser)
    wrong = f"/espace/dispositifs/{other.process_id}/modules/{module.pk}/hors-ligne/"
    assert client.get(wrong).status_code == 404
    draft = complete_process()
    hidden, _ = open_module("proposals", process=draft)
    signed_in(client, UserFactory())
    assert client.get(urls(hidden)[0]).status_code == 404
