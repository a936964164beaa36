"""graph.io.write_atomic: the old file or the whole new one, never half of it."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from graph.io import write_atomic


def test_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    p = tmp_path / "g.ttl"
    p.write_bytes(b"old")
    p.chmod(0o640)
    write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and stat.S_IMODE(p.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "g.ttl", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "g.ttl").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_a_symbolic_link_is_followed(tmp_path: Path) -> None:
    target = tmp_path / "real.ttl"
    target.write_bytes(b"old")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_errors_name_the_file_and_leave_nothing(tmp_path: Path, where: str) -> None:
    target = tmp_path / "missing" / "g.ttl" if where == "missing-folder" else tmp_path
    with pytest.raises(OSError) as info:
        write_atomic(target, b"x")
    assert info.value.filename == str(target)
    assert [p.name for p in tmp_path.iterdir()] == []


def test_a_failed_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = tmp_path / "g.ttl"
    p.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("graph.io.os.fsync", full)
    with pytest.raises(OSError, match="No space left") as info:
        write_atomic(p, b"new" * 1000)
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(p)
    assert p.read_bytes() == b"old" and [x.name for x in tmp_path.iterdir()] == ["g.ttl"]


def test_an_interrupt_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "g.ttl"
    p.write_bytes(b"old")

    def ctrl_c(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("graph.io.os.fsync", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(p, b"new")
    assert p.read_bytes() == b"old" and [x.name for x in tmp_path.iterdir()] == ["g.ttl"]
