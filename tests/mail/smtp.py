"""A real SMTP server in the test process (aiosmtpd, on a free loopback port) that accepts,
refuses (550) or stalls each mail as the test asks, and keeps what it accepted."""

from __future__ import annotations

import asyncio
import email
import threading
from dataclasses import dataclass, field
from email.message import Message as ParsedMail
from typing import Any

from aiosmtpd.controller import Controller

from bench.servers import free_port

ACCEPT, REFUSE, STALL = "accept", "refuse", "stall"


@dataclass
class Handler:
    mode: str = ACCEPT
    stall_seconds: float = 5.0
    #: Called with each recipient before it is accepted (before any DATA): a test may hold
    #: the conversation there, its client mid-send.
    on_recipient: Any = None
    received: list[ParsedMail] = field(default_factory=list)
    envelopes: list[Any] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.on_recipient is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.on_recipient, address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == REFUSE:
            with self.lock:
                self.refused += 1
            return "550 5.7.1 Refused by the test server"
        if self.mode == STALL:
            await asyncio.sleep(self.stall_seconds)
            return "451 4.3.0 Too late"
        with self.lock:
            self.received.append(email.message_from_bytes(envelope.content))
            self.envelopes.append(envelope)
        return "250 OK"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(mail["Message-ID"]) for mail in self.received]


class SmtpServer:
    """Started on enter, stopped on exit; `.port`, `.handler`."""

    def __init__(self) -> None:
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
