"""The form field every upload form uses: DSFR upload widget plus the content check."""

from collections.abc import Iterable

from django import forms

from concerto.uploads.validators import UploadValidator


class UploadField(forms.FileField):
    """A file field that accepts only `extensions`, checked against the file's content.

    Errors show next to the field, in French; the other fields of the form keep
    their values since the form re-renders with the posted data.
    """

    def __init__(self, *, extensions: Iterable[str], max_size: int | None = None, **kwargs):
        self.extensions = list(extensions)
        validator = UploadValidator(self.extensions, max_size=max_size)
        kwargs["validators"] = [validator, *kwargs.get("validators", [])]
        super().__init__(**kwargs)
        # DSFR's upload component: dsfr's form template reads the group class from the widget.
        self.widget.group_class = "fr-upload-group"

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", ",".join(f".{extension}" for extension in self.extensions))
        attrs.setdefault("class", "fr-upload")
        return attrs
