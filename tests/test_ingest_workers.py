"""Issue 9, with real processes: kill -9 of the ingest leaves no process behind, a killed
worker's documents are retried once, Ctrl-C stops everything and says what was stored."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from robust_helpers import KILLER
from store_helpers import ROOT

DRIVER = """
import sys
from onrecord.store import IngestInterrupted, ingest, open_store
from robust_helpers import killing_analyze

with open_store(sys.argv[1]) as store:
    try:
        s = ingest(store, [sys.argv[2]], workers=2, analyzer=killing_analyze)
    except IngestInterrupted as exc:
        print("interrupted", exc.summary.stored, exc.summary.failed, flush=True)
        sys.exit(130)
print(s.stored, s.duplicates, s.failed)
for origin, reason in s.failures:
    print(origin.rsplit("/", 1)[-1], reason)
"""


def article(i: int) -> str:
    return f'Vladimir Putin said "this is point number {i}". Olaf Scholz listened.\n'


def _folder(tmp_path: Path, total: int, killer: int | None = None) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(total):
        text = article(i) + (KILLER if i == killer else "")
        (folder / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _start(tmp_path: Path, folder: Path, delay: str | None) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")]))
    env.pop("ONRECORD_TEST_DELAY", None)
    if delay:
        env["ONRECORD_TEST_DELAY"] = delay
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, f"sqlite:///{tmp_path / 's.db'}", str(folder)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # The driver must see Ctrl-C as a user's shell gives it, whatever an earlier test in
        # this pytest process did to SIGINT's disposition (an ignored SIGINT is inherited).
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid and fields[0] != "Z":
                    found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cmdline(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def _workers(pid: int, count: int) -> list[int]:
    """The ``count`` analysis workers of ``pid`` (not the resource tracker), once running."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        workers = [c for c in _children(pid) if "resource_tracker" not in _cmdline(c)]
        if len(workers) >= count:
            return workers
        time.sleep(0.1)
    raise AssertionError("the workers did not start")


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


def _kill_9_leaves_nothing(proc: subprocess.Popen, everything: list[int]) -> None:
    """kill -9 the parent; every process it had (``everything``) must be gone within 20 s."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    left = _wait_gone(everything, 20)
    assert left == [], [_cmdline(p) for p in left]


def test_kill_9_of_the_parent_leaves_no_process(tmp_path: Path) -> None:
    proc = _start(tmp_path, _folder(tmp_path, 8), delay="3")
    try:
        _workers(proc.pid, 2)
        _kill_9_leaves_nothing(proc, _children(proc.pid))  # workers and resource tracker
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


MANY = """
from onrecord.pipeline import analyze_many
texts = (f'Vladimir Putin said "this is point number {i}".' for i in range(100_000))
for record in analyze_many(texts, n_process=2, batch_size=4):
    print(record.document.text[-5:], flush=True)
"""


def test_kill_9_of_analyze_many_leaves_no_process() -> None:
    """``analyze_many(n_process=2)`` (forked workers, no ingest around them) too."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(
        [sys.executable, "-c", MANY],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        everything = _children(proc.pid)
        assert len(everything) >= 2
        _kill_9_leaves_nothing(proc, everything)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_a_killed_workers_documents_are_retried(tmp_path: Path) -> None:
    proc = _start(tmp_path, _folder(tmp_path, 6), delay="1")
    try:
        victim = _workers(proc.pid, 2)[0]
        time.sleep(0.5)  # it holds a batch by now
        os.kill(victim, signal.SIGKILL)
        out, err = proc.communicate(timeout=240)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, err
    assert out.splitlines() == ["6 0 0"]


def test_a_document_that_kills_its_worker_fails_alone(tmp_path: Path) -> None:
    proc = _start(tmp_path, _folder(tmp_path, 6, killer=2), delay=None)
    out, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err
    assert out.splitlines() == [
        "5 0 1",
        "02.txt an analysis worker process died while this document was in flight "
        "(also when retried alone)",
    ]


@pytest.mark.parametrize(("children", "pause"), [(1, 0.0), (3, 0.5)])
def test_ctrl_c_during_pool_start_up_stops_everything(
    tmp_path: Path, children: int, pause: float
) -> None:
    """Ctrl-C while the pool starts its processes (as soon as the first child exists; while
    the workers import onrecord): no worker sees it (a worker that did printed a
    KeyboardInterrupt traceback), the parent stops at once and says what was stored."""
    proc = _start(tmp_path, _folder(tmp_path, 8), delay="600")
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < children and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(pause)
        everything = _children(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        assert (proc.returncode, out.splitlines()) == (130, ["interrupted 0 0"]), err
        assert "Traceback" not in err
        assert _wait_gone(everything, 20) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def test_ctrl_c_stops_everything_and_says_what_was_stored(tmp_path: Path) -> None:
    proc = _start(tmp_path, _folder(tmp_path, 8), delay="600")
    try:
        workers = _workers(proc.pid, 2)
        time.sleep(3)  # the parent has submitted its batches (each document takes 600 s)
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        out, _ = proc.communicate(timeout=60)  # each batch would take 600 s per document
        assert proc.returncode == 130
        assert out.splitlines() == ["interrupted 0 0"]
        assert _wait_gone(workers, 20) == []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
