"""Serving an uploaded file back: never as a page the browser would render or run."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

from concerto.uploads import sniffing

# The file is not a page: it may load nothing, and a browser opening it runs no script.
SANDBOX_POLICY = "default-src 'none'; sandbox"
# PDF viewers are plugins a sandboxed document may not load; a PDF still may load nothing.
INLINE_POLICY = "default-src 'none'"


def upload_response(file: FieldFile, filename: str, *, inline: bool = False) -> FileResponse:
    """A response serving an uploaded `file` under `filename`.

    The content type comes from the content itself (sniffed), not from the name nor
    from what the uploader declared; only PDF and images may be shown inline (when
    `inline` asks for it), everything else is a download. Browsers must not guess
    the type (nosniff).
    """
    handle = file.open("rb")
    kind = sniffing.sniff(handle)
    content_type = sniffing.CONTENT_TYPES.get(kind, "application/octet-stream")
    shown_inline = inline and kind in sniffing.INLINE_KINDS
    response = FileResponse(
        handle, as_attachment=not shown_inline, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = INLINE_POLICY if shown_inline else SANDBOX_POLICY
    return response
