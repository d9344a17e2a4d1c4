"""Static files under hashed names, and never a failed page for want of one.

collectstatic names each file after a hash of its content (the manifest), so WhiteNoise
serves them with far-future cache headers: a new version is a new name. Django then
raises when a template names a file the manifest lacks (collectstatic not run after an
update, or not at all): every page would answer 500. Here the page renders, the file
is asked for under its plain name, and the operator reads why in the log, once per file
and process: every page names the same ten files, and a warning per file per page cost
each page more than its own rendering (measured under load, issue 28).
"""

import logging

from whitenoise.storage import CompressedManifestStaticFilesStorage

logger = logging.getLogger(__name__)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._told_missing: set[str] = set()

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            if name not in self._told_missing:
                self._told_missing.add(name)
                logger.warning(
                    "Static file %s is not collected: run `concerto collectstatic`", name
                )
            return name
