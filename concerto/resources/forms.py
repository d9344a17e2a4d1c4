"""The CMS's document form: Wagtail's own, plus the platform's upload check."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from concerto.uploads.validators import UploadValidator


class DocumentForm(BaseDocumentForm):
    """Guides, capsules and subtitles uploaded by the CIPC's editors go through the same
    content check as every other upload (a renamed program or HTML page is refused)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].validators.append(UploadValidator(settings.WAGTAILDOCS_EXTENSIONS))

    def _post_clean(self):
        # Wagtail's model check then sees no file and adds "extension « » not allowed":
        # when the upload was already refused, only the reason it was refused is shown.
        refused = self._errors.get("file")
        refused = list(refused.as_data()) if refused else None
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused)
