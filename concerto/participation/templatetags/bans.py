"""The notice that tells a participant barred by the moderation why the contribution
forms are gone: `{% barred_notice module abilities %}`, where those forms would be."""

from django import template
from django.db.models import F

from concerto.participation.models import Ban

register = template.Library()


@register.inclusion_tag("participation/includes/barred_notice.html", takes_context=True)
def barred_notice(context, module, abilities, level: int = 3):
    """The bans in force that keep the signed-in reader from contributing to `module`'s
    process, the platform block first; `level` is the heading level of each notice's title.

    Only a ban keeps a signed-in reader from an open module, so the bans are looked up
    (one query) only for a signed-in reader who may not contribute while the module is
    open: visitors, contributors and the readers of a closed module (closed to everyone,
    which its page says) pay nothing.
    """
    user = context["request"].user
    bans = []
    if user.is_authenticated and not abilities["contribute"] and module.is_open():
        bans = list(
            Ban.objects.barring(user, module.process).order_by(
                F("process_id").asc(nulls_first=True)
            )
        )
    return {"bans": bans, "level": level}
