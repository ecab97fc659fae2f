"""One netcrm window per database: a lock file beside the database, and a local socket to raise the window.

The QLockFile is the authority (it survives nothing but a live process: a crashed netcrm's lock is
recognised as stale by its dead PID). The QLocalServer only carries the "raise your window" request
from a second start to the first, and the first's answer: "ok" (raised), or "busy TEXT" when it has no
window to raise (it is finishing work after its window closed), so the second start can say what it does.
A second start never writes beside the database.
"""

from __future__ import annotations

import enum
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from netcrm.core.paths import data_dir, ensure_private_dir, is_url

RAISE_REQUEST = b"raise\n"
RAISE_REPLY = b"ok\n"
BUSY_REPLY = b"busy "


class Claim(enum.Enum):
    """What claiming a database found."""

    FIRST = "first"  # this process may open the database
    RAISED_OTHER = "raised"  # another netcrm has it open and was asked to show its window
    OTHER_UNREACHABLE = "unreachable"  # another netcrm has it open but did not answer
    OTHER_BUSY = "busy"  # another netcrm has it open, has no window, and said what it is doing


def lock_path(target: str) -> Path:
    """The lock file for a database: beside the file, or in the data folder for a server URL."""
    if is_url(target):
        return data_dir() / f".server-{_digest(target)[:16]}.lock"
    path = Path(target)
    return path.parent / f".{path.name}.lock"


def server_name(target: str) -> str:
    """The local socket name for a database, private to this user (the path is hashed, never shown)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    return f"netcrm-{_digest(user + chr(0) + target)[:24]}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class InstanceGuard(QObject):
    """Claims a database for this process, and relays later starts' requests to raise the window."""

    activation_requested = Signal()

    def __init__(self, target: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = lock_path(target)
        self._name = server_name(target)
        self._lock = QLockFile(str(self._path))
        self._lock.setStaleLockTime(0)  # a live netcrm keeps its lock however long it runs
        self._server: QLocalServer | None = None
        #: What this process does when it has no window to raise ("" while it has one).
        self.busy_status: Callable[[], str] = lambda: ""
        #: What the other process said it was doing (after `claim` returned OTHER_BUSY).
        self.other_status = ""

    def claim(self, timeout_ms: int = 3000) -> Claim:
        """Take the database, or ask the netcrm that has it to raise its window."""
        if not self._path.parent.exists():
            ensure_private_dir(self._path.parent)  # a first start: the store would create it anyway
        if self._lock.tryLock(0):
            self._listen()
            return Claim.FIRST
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            # The lock cannot be written (a read-only folder): opening the store reports the real problem.
            return Claim.FIRST
        reply = self._ask_to_raise(timeout_ms)
        if reply.startswith(RAISE_REPLY.strip()):
            return Claim.RAISED_OTHER
        if reply.startswith(BUSY_REPLY):
            self.other_status = reply[len(BUSY_REPLY) :].decode("utf-8", "replace").strip()
            return Claim.OTHER_BUSY
        return Claim.OTHER_UNREACHABLE

    def release(self) -> None:
        """Stop listening and remove the lock (also done by the OS when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _listen(self) -> None:
        QLocalServer.removeServer(self._name)  # a crashed netcrm's socket; ours since we hold the lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        if server.listen(self._name):
            self._server = server

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._answer(s))
            socket.disconnected.connect(socket.deleteLater)

    def _answer(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_REQUEST.strip()):
            busy = " ".join(self.busy_status().split())  # one line
            if busy:
                socket.write(BUSY_REPLY + busy.encode("utf-8") + b"\n")
            else:
                self.activation_requested.emit()
                socket.write(RAISE_REPLY)
            socket.flush()

    def _ask_to_raise(self, timeout_ms: int) -> bytes:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return b""
        socket.write(RAISE_REQUEST)
        answered = socket.waitForBytesWritten(timeout_ms) and socket.waitForReadyRead(timeout_ms)
        reply = bytes(socket.readAll().data()) if answered else b""
        while answered and not reply.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        return reply
