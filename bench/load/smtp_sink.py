"""A loopback SMTP server in its own process for the mailing benchmark: it counts what
it receives and, on SIGTERM, writes the counts as JSON to the file given.

    python bench/load/smtp_sink.py PORT COUNTS.json
"""

import json
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

from concerto.testing.smtp import LoopbackSMTP  # noqa: E402


def main() -> None:
    port, out = int(sys.argv[1]), Path(sys.argv[2])
    server = LoopbackSMTP(keep=False)
    server.port = port
    server.controller.port = port
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with server:
        print("ready", flush=True)
        stop.wait()
    recorder = server.recorder
    copies = Counter(recorder.by_recipient.values())  # {messages received: recipients}
    out.write_text(
        json.dumps(
            {
                "messages": recorder.total,
                "recipients": len(recorder.by_recipient),
                "copies": {str(count): people for count, people in sorted(copies.items())},
                "distinct_message_ids": len(recorder.by_message_id),
                "by_recipient": recorder.by_recipient,
            }
        )
    )


if __name__ == "__main__":
    main()
