"""atomic_file: a failed or killed write leaves the old file byte-identical and no temporary file behind."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from netcrm.core import atomic
from netcrm.core.atomic import atomic_file, atomic_write, cleanup_stale_temps
from netcrm.core.errors import BadInputError, EnvironmentFailure

OLD = b"old content\r\n" * 1000
SRC = Path(__file__).resolve().parents[3] / "src"


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_bytes(OLD)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_target_and_leaves_no_temp(target: Path) -> None:
    with atomic_file(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(target.parent) == []


def test_text_mode_honours_encoding_and_newline(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("Zoë\r\n")
    assert path.read_bytes() == "\ufeffZoë\r\n".encode()


def test_new_files_are_private_and_existing_keep_their_mode(tmp_path: Path, target: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.xlsx"
        atomic_write(fresh, lambda f: f.write(b"x"))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
        target.chmod(0o644)
        atomic_write(target, lambda f: f.write(b"y"))
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
    finally:
        os.umask(old_umask)


def test_temp_file_sits_in_the_target_folder_with_a_hidden_name(target: Path) -> None:
    with atomic_file(target) as handle:
        names = leftovers(target.parent)
        handle.write(b"x")
    assert len(names) == 1
    assert names[0].startswith(".contacts.csv.")
    assert atomic._TEMP_RE.match(names[0])


def test_a_failing_writer_leaves_the_old_file_and_no_temp(target: Path) -> None:
    def writer(handle: object) -> None:
        handle.write(b"half a file" * 100_000)  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        atomic_write(target, writer)
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("failing", ["write", "fsync"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EFBIG])
def test_disk_full_is_an_environment_failure_and_the_old_file_survives(
    target: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int
) -> None:
    def fail(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(EnvironmentFailure, match="disk full") as caught:
        atomic_write(target, lambda f: f.write(b"new" * 1_000_000))
    assert str(target) in str(caught.value)
    assert caught.value.exit_code == 5
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_every_nth_write_failing_ends_in_success_or_a_clean_error(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SQLite-style I/O error loop (RELIABILITY.md section 3) over os.write."""
    real_write = os.write
    payload = os.urandom(3 * 1024 * 1024 + 17)
    outcomes = set()
    for n in range(1, 8):
        calls = 0

        def write(fd: int, data: bytes, n: int = n) -> int:
            nonlocal calls
            calls += 1
            if calls == n:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)

        monkeypatch.setattr(os, "write", write)
        try:
            atomic_write(target, lambda f: f.write(payload))
        except EnvironmentFailure:
            outcomes.add("failed")
            assert target.read_bytes() == OLD
        else:
            outcomes.add("written")
            assert target.read_bytes() == payload
            target.write_bytes(OLD)
        finally:
            monkeypatch.setattr(os, "write", real_write)
        assert leftovers(target.parent) == []
    assert outcomes == {"failed", "written"}


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EACCES, "permission denied"), (errno.EPERM, "permission denied"), (errno.EROFS, "read-only")],
)
def test_refused_rename_names_the_cause(
    target: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(EnvironmentFailure, match=message):
        atomic_write(target, lambda f: f.write(b"new"))
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_a_read_only_target_is_refused(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == target else real_access(p, mode))
    with pytest.raises(EnvironmentFailure, match="permission denied"):
        atomic_write(target, lambda f: f.write(b"new"))
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


def test_a_folder_that_cannot_be_synced_is_reported_after_the_rename(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync
    calls = 0

    def fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # the folder's
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(EnvironmentFailure, match="written, but its folder could not be synced"):
        atomic_write(target, lambda f: f.write(b"new"))
    assert target.read_bytes() == b"new"
    assert leftovers(target.parent) == []


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_FSIZE and SIGXFSZ as on Linux")
def test_file_size_limit_in_a_child_gives_disk_full(target: Path) -> None:
    """M3: a plain write under RLIMIT_FSIZE leaves a partial file; atomic_write leaves the old one."""
    script = textwrap.dedent(
        f"""
        import sys
        from netcrm.core.atomic import atomic_write
        from netcrm.core.errors import EnvironmentFailure
        try:
            atomic_write({str(target)!r}, lambda f: f.write(b"x" * 2_000_000))
        except EnvironmentFailure as exc:
            print(exc)
            sys.exit(5)
        """
    )

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (500_000, 500_000))

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", script], preexec_fn=limit, capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 5, done.stderr
    assert "disk full" in done.stdout
    assert target.read_bytes() == OLD
    assert leftovers(target.parent) == []


EXPORT_SCRIPT = """
import sys
from datetime import date
from netcrm.core.model import Contact
from netcrm.core.io.export_csv import write_csv
from netcrm.core.io.export_vcard import write_vcard
from netcrm.core.io.export_xlsx import write_xlsx

fmt, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
people = [
    Contact(id=i, first_name=f"F{i}", display_name=f"F{i}", emails=(f"p{i}@example.com",), notes="x" * 50)
    for i in range(n)
]
print("started", flush=True)
if fmt == "xlsx":
    write_xlsx(path, people, today=date(2025, 6, 1))
elif fmt == "csv":
    write_csv(path, people)
else:
    write_vcard(path, people)
print("not reached", flush=True)
"""


def run_export(fmt: str, path: Path, n: int, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", EXPORT_SCRIPT, fmt, str(path), str(n)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC), **env},
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "vcf"])
def test_crash_point_before_rename_leaves_the_old_file(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"export.{fmt}"
    target.write_bytes(OLD)
    proc = run_export(fmt, target, 50, NETCRM_CRASHPOINT="export.before_rename")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 137, err
    assert "not reached" not in out
    assert target.read_bytes() == OLD
    # The killed writer's temp file stays behind, hidden; a later clean-up takes it once it is stale.
    stale = leftovers(tmp_path)
    assert len(stale) == 1
    assert cleanup_stale_temps(tmp_path) == []
    old = time.time() - 7200
    os.utime(tmp_path / stale[0], (old, old))
    assert [p.name for p in cleanup_stale_temps(tmp_path)] == stale
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == OLD


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 0.6, 1.2])
def test_kill_at_a_random_moment_leaves_old_or_complete_file(tmp_path: Path, delay: float) -> None:
    """RELIABILITY.md test 2: SIGKILL during an export over an existing file."""
    import zipfile

    target = tmp_path / "export.xlsx"
    target.write_bytes(OLD)
    proc = run_export("xlsx", target, 8000)
    assert proc.stdout is not None
    assert proc.stdout.readline() == "started\n"
    time.sleep(delay)
    proc.kill()
    proc.communicate(timeout=60)
    data = target.read_bytes()
    if data != OLD:  # the export finished before the kill: then it is whole
        with zipfile.ZipFile(target) as archive:
            assert archive.testzip() is None
    assert not [
        p for p in tmp_path.iterdir() if p.name not in ("export.xlsx",) and not p.name.endswith(".tmp")
    ]


def test_cleanup_touches_only_our_stale_temps(tmp_path: Path) -> None:
    old = time.time() - 7200
    ours = tmp_path / ".book.xlsx.ab12cd_9.tmp"
    fresh = tmp_path / ".book.xlsx.zz12cd_9.tmp"
    foreign = tmp_path / "notes.tmp"
    other = tmp_path / ".hidden.tmp"
    for path in (ours, fresh, foreign, other):
        path.write_bytes(b"x")
    for path in (ours, foreign, other):
        os.utime(path, (old, old))
    removed = cleanup_stale_temps(tmp_path)
    assert removed == [ours]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (fresh, foreign, other))


def test_writes_through_a_symlink_to_the_real_file(tmp_path: Path, target: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    atomic_write(link, lambda f: f.write(b"via link"))
    assert link.is_symlink()
    assert target.read_bytes() == b"via link"


def test_a_folder_or_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="is a folder"):
        atomic_write(tmp_path, lambda f: f.write(b"x"))
    with pytest.raises(BadInputError, match="does not exist"):
        atomic_write(tmp_path / "missing" / "out.csv", lambda f: f.write(b"x"))


def test_very_long_names_still_get_a_temp_file(tmp_path: Path) -> None:
    path = tmp_path / ("ä" * 120 + ".xlsx")  # 245 bytes: the temp name must be shortened
    atomic_write(path, lambda f: f.write(b"x"))
    assert path.read_bytes() == b"x"
    assert leftovers(tmp_path) == []
