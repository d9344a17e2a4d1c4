"""A real SMTP server on loopback (aiosmtpd), for tests and benchmarks: it counts what
it received per recipient and per Message-ID, and can keep the messages."""

import socket
import threading
from collections import Counter
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, keep: bool = True):
        self.keep = keep
        self.messages = []
        self.by_recipient: Counter[str] = Counter()
        self.by_message_id: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message_id = ""
        if self.keep:
            message = message_from_bytes(envelope.content, policy=policy.default)
            message_id = message.get("Message-ID", "")
        else:  # benchmarks: read the one header without parsing the whole message
            head = envelope.content.split(b"\r\n\r\n", 1)[0]
            for line in head.split(b"\r\n"):
                if line[:11].lower() == b"message-id:":
                    message_id = line[11:].strip().decode()
                    break
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.by_recipient[recipient.lower()] += 1
            self.by_message_id[message_id] += 1
            if self.keep:
                self.messages.append(message)
        return "250 OK"

    @property
    def total(self) -> int:
        return sum(self.by_recipient.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTP:
    """`with LoopbackSMTP() as smtp:` serves on 127.0.0.1:smtp.port until the block ends."""

    def __init__(self, keep: bool = True):
        self.recorder = Recorder(keep)
        self.port = free_port()
        self.controller = Controller(
            self.recorder, hostname="127.0.0.1", port=self.port, data_size_limit=10_000_000
        )

    def __enter__(self) -> "LoopbackSMTP":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
