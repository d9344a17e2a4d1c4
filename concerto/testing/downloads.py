"""Reading back what a download view answered, in the tests."""

import csv
import io


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV response, streamed or not."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))
