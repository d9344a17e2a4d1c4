"""E-mail subjects: one line, of a bounded length.

A subject is often built from a title typed by someone (a process, an order). A line
break in it makes Django refuse the whole message (BadHeaderError): the sending task
fails and nobody is told. Every e-mail sent from a title goes through `subject_line`.
"""

MAX_LENGTH = 255  # Notification.subject, the longest subject stored


def subject_line(text: str, max_length: int = MAX_LENGTH) -> str:
    """`text` on one line (each run of spaces and line breaks becomes one space), cut
    with an ellipsis past `max_length` characters."""
    line = " ".join(str(text).split())
    if len(line) > max_length:
        line = line[: max_length - 1].rstrip() + "…"
    return line
