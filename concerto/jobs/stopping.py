"""A long task stops between two steps when its worker is asked to stop.

A deploy or a restart sends the worker SIGTERM (Ctrl-C sends SIGINT). django_tasks_db's
worker then waits for the task it runs to end before leaving; a send to 500,000 addresses
would hold the restart for half an hour, until the process manager kills it, and a kill
lands between a message the server accepted and the mark that records it (sent again on
resume). A task that watches `stop_requested()` ends cleanly at its next step instead,
leaving the rest to the next worker.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_requested() -> Iterator[threading.Event]:
    """An event set when SIGTERM or SIGINT arrives during the block. The worker's own
    handler is still called, so the worker leaves once the task returns; Python's
    default ones (an exception, or death at once) are not: the block decides when to
    stop. Outside the main thread, where signals cannot be heard, the event stays clear.
    """
    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event
        return
    previous = {number: signal.getsignal(number) for number in SIGNALS}

    def heard(number, frame):
        event.set()
        handler = previous[number]
        if callable(handler) and handler is not signal.default_int_handler:
            handler(number, frame)

    for number in SIGNALS:
        signal.signal(number, heard)
    try:
        yield event
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
