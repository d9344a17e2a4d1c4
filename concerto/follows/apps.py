from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from concerto import pagecache
from concerto.generations import renew, renew_on_rows
from concerto.participation.read_ahead import register_reads


class FollowsConfig(AppConfig):
    name = "concerto.follows"
    verbose_name = _("Abonnements")

    def ready(self) -> None:
        # models are loaded only in ready(); importing mailings registers its kinds
        from concerto.follows import mailings, signals  # noqa: F401 - mailings registers
        from concerto.follows.actions import follow_preference_spec, preferences_scope  # models
        from concerto.follows.templatetags.follows import followed_among  # models: only now

        signals.connect()
        renew_on_rows(
            {"follows.Preferences": lambda preferences: preferences.user_id},
            lambda user_id: renew(preferences_scope(user_id)),
            "follow-preferences",
        )
        # A page kept for all signed-in readers shows each of them their follow buttons.
        pagecache.answers_for_members("follows", followed_among)
        # Contributing follows what one contributes to, unless one said no.
        register_reads(lambda module, user: [follow_preference_spec(user.pk)])
