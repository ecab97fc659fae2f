"""A throwaway PostgreSQL cluster per test session (per xdist worker), and a fresh database per test.

The cluster listens on a unix socket in its own temporary folder only (no TCP port), so parallel workers and
other programs on the machine never meet. initdb and postgres refuse to run as root: under root (CI, this
container) they run as `nobody`, owning the folder. Each test's database is copied from a template that the
migrations built once, which is far quicker than migrating per test.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from netcrm.core.clock import FixedClock
from netcrm.core.services import Services
from netcrm.core.store.store import Store

TEMPLATE = "netcrm_template"
UNPRIVILEGED = "nobody"
PREFIX = "netcrm-pg-"


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders (newest first)."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version(p.parent.name))
    for folder in reversed(candidates):
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def missing_requirement() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg (PostgreSQL driver) is not installed: pip install 'netcrm[postgres]'"
    if find_pg_bin() is None:
        return "PostgreSQL server programs (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(UNPRIVILEGED)
        except KeyError:
            return f"running as root and there is no '{UNPRIVILEGED}' user to run PostgreSQL as"
    return None


@dataclass
class Cluster:
    """A running PostgreSQL cluster reachable through a unix socket in `folder`."""

    bin: Path
    folder: Path
    user: str | None  # the unprivileged account the server runs as, when we are root
    counter: itertools.count[int]
    version: int = 0  # the server's, e.g. 150018

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for one database of this cluster."""
        return f"postgresql+psycopg://netcrm@/{database}?host={self.folder}"

    def run(self, *args: str) -> None:
        """Run one of PostgreSQL's programs as the cluster's owner."""
        extra: dict[str, Any] = {}
        if self.user is not None:
            extra = {"user": self.user, "group": pwd.getpwnam(self.user).pw_gid, "extra_groups": []}
        try:
            subprocess.run(
                [str(self.bin / args[0]), *args[1:]],
                check=True,
                capture_output=True,
                text=True,
                cwd=self.folder,
                timeout=120,
                **extra,
            )
        except subprocess.CalledProcessError as exc:  # say why: the folder (and its log) is removed next
            log = self.folder / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {exc.stderr or exc.stdout}\n{tail}") from exc

    def sql(self, statement: str) -> int:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that); returns the server's
        version number."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), user="netcrm", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(statement)  # type: ignore[arg-type]
            return conn.info.server_version

    def new_database(self, template: str = TEMPLATE) -> str:
        """A fresh database copied from `template` (use 'template0' for an empty one); returns its name."""
        name = f"t{next(self.counter)}"
        # PostgreSQL 15 copies through the WAL by default: four times slower for a small template.
        strategy = " STRATEGY FILE_COPY" if self.version >= 150000 else ""
        self.sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        return name

    def drop_database(self, name: str) -> None:
        """Drop a test's database, whoever still holds a connection to it."""
        self.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once (the data is throwaway) and remove its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                try:
                    self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
                except (RuntimeError, subprocess.SubprocessError, OSError):
                    _kill_postmaster(self.folder)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _reap_stale_clusters() -> None:
    """Stop clusters that a killed earlier session left behind (its pytest process is gone)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owner = folder / "owner.pid"
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if _alive(pid):
            continue
        _kill_postmaster(folder)
        shutil.rmtree(folder, ignore_errors=True)


def _kill_postmaster(folder: Path) -> None:
    """SIGQUIT is PostgreSQL's immediate shutdown: the postmaster stops its children and exits."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        postmaster = int((folder / "data" / "postmaster.pid").read_text().split()[0])
        os.kill(postmaster, signal.SIGQUIT)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_cluster() -> Cluster:
    """initdb, start on a private socket, and build the migrated template database."""
    pg_bin = find_pg_bin()
    assert pg_bin is not None
    _reap_stale_clusters()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # short: a socket path must stay under ~100 bytes
    (folder / "owner.pid").write_text(str(os.getpid()))
    user = UNPRIVILEGED if os.geteuid() == 0 else None
    if user is not None:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    cluster = Cluster(pg_bin, folder, user, itertools.count(1))
    try:
        cluster.run(
            "initdb", "-D", str(cluster.data), "-U", "netcrm", "--auth=trust", "--no-sync", "-E", "UTF8"
        )
        # Throwaway data: no fsync and no TCP; a fixed port number only names the socket file in our folder.
        options = (
            f"-c listen_addresses= -k '{folder}' -p 5432 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=40 -c shared_buffers=16MB"
        )
        cluster.run(
            "pg_ctl", "-D", str(cluster.data), "-l", str(folder / "server.log"), "-o", options, "-w", "start"
        )
        cluster.version = cluster.sql(f'CREATE DATABASE "{TEMPLATE}" TEMPLATE template0')
        Store.open(cluster.url(TEMPLATE)).close()  # the migrations run once; every test copies the result
    except BaseException:
        cluster.stop()
        raise
    return cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One cluster for this test session (each xdist worker has its own session, hence its own cluster)."""
    why = missing_requirement()
    if why is not None:
        pytest.skip(why)
    cluster = start_cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A SQLAlchemy URL of a fresh database at netcrm's current schema."""
    name = pg_cluster.new_database()
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def empty_pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A SQLAlchemy URL of an empty database: no tables, no migrations applied."""
    name = pg_cluster.new_database("template0")
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.drop_database(name)


@pytest.fixture
def svc(pg_url: str, clock: FixedClock) -> Iterator[Services]:
    """Services on a fresh PostgreSQL database: core tests imported into tests/pg run on the server."""
    store = Store.open(pg_url)
    try:
        yield Services(store, clock)
    finally:
        store.close()
