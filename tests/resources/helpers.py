"""Build resource-centre pages under the skeleton that post_migrate keeps in place."""

from datetime import date

from concerto.resources.models import (
    CapsuleIndexPage,
    CapsulePage,
    FaqEntryPage,
    FaqIndexPage,
    FaqTheme,
    GuideChapterPage,
    GuidePage,
    GuideSheetPage,
)


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def chapter(title="Cadrer la démarche", slug="cadrer", intro="Avant toute méthode."):
    return publish_child(
        GuidePage.objects.get(), GuideChapterPage(title=title, slug=slug, intro=intro)
    )


def sheet(parent=None, *, title="Définir la décision en jeu", slug="decision", **fields):
    values = {
        "summary": "Une démarche participative sert une décision.",
        "body": "<p>Les participants acceptent de donner du temps.</p>",
        "key_points": "Nommer la décision\nSaisir le CIPC",
    }
    values.update(fields)
    return publish_child(parent or chapter(), GuideSheetPage(title=title, slug=slug, **values))


def theme(name="Saisine du CIPC", position=0):
    return FaqTheme.objects.get_or_create(name=name, defaults={"position": position})[0]


def faq_entry(
    question="Quand dois-je saisir le CIPC ?",
    answer="<p>Avant le lancement.</p>",
    slug=None,
    theme_name="Saisine du CIPC",
    checked=date(2026, 10, 1),
):
    from django.utils.text import slugify

    return publish_child(
        FaqIndexPage.objects.get(),
        FaqEntryPage(
            title=question,
            slug=slug or slugify(question),
            answer=answer,
            theme=theme(theme_name),
            last_checked=checked,
        ),
    )


def capsule(title="Le devoir de suite en quatre minutes", transcript="Bonjour à toutes."):
    return publish_child(
        CapsuleIndexPage.objects.get(),
        CapsulePage(
            title=title,
            slug="capsule",
            summary="Pourquoi rendre compte.",
            video_url="https://video.exemple.fr/devoir-de-suite",
            duration_seconds=245,
            transcript=transcript,
        ),
    )
