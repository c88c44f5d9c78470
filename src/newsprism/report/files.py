"""Report files written as one set: whoever looks at the output folder sees the whole set of
one run (or of the run before), never a partial file, never files of two runs.

Three files cannot be replaced at once where they are: three names take three renames, and a
run killed between two of them leaves a mix. So the names are links into one switch:

    DIR/report.json -> .newsprism-report/current/report.json   (relative symbolic links,
    DIR/report.html -> .newsprism-report/current/report.html    made once)
    DIR/report.md   -> .newsprism-report/current/report.md
    DIR/.newsprism-report/current -> set-20261130T071500-5f0c...  (the switch)
    DIR/.newsprism-report/set-20261130T071500-5f0c.../report.json, report.html, report.md
    DIR/.newsprism-report/lock

A run renders everything in memory first, writes its files into a new set folder (each one
fsynced), then renames a new ``current`` link over the old one: one rename(2), atomic, turns
all three names to the new set at once. Then it deletes the sets no longer current. Killed
at any moment, the folder holds the old set whole (before the rename) or the new one (after);
what a killed run leaves in ``.newsprism-report`` is deleted by the next. Two runs writing
the same folder take turns on ``lock`` (flock; the kernel releases it when a run dies), so the
last one wins whole and no run deletes a set another is still writing. This is the scheme of
Kubernetes' AtomicWriter (a ConfigMap's files, swapped by one ``..data`` link).

A link found at a report name that is not one of these (a user's, or one planted to point at
another file) is replaced, never followed: the file it points to is neither written nor read.
A ``.newsprism-report`` that is a link is refused. Regular files at the report names (written
in place by an older newsprism) are taken over first: hard-linked (or copied) into a set made
current, so the folder shows them until the new set replaces them all at once.

On a file system without symbolic links (FAT, some network shares) each file is still
replaced whole, never through a link, but the three one after the other: not as a set.
POSIX only (flock, directory file descriptors).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from ..errors import OutputError

STATE = ".newsprism-report"
CURRENT = "current"
LOCK = "lock"
SET_PREFIX = "set-"
TMP_PREFIX = ".newsprism-tmp-"  # a link or file being put in place; one a killed run left is deleted by the next
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
# A file's contents: bytes, or chunks of bytes made as the file is written (so that a large
# report is never held whole, and each of a set's files is made only when its turn comes).
Content = bytes | Iterable[bytes]
_NOT_A_FOLDER = "is a file, not a folder; give a folder for report.json, report.html and report.md (created if missing)"


def check_folder(out_dir: str | Path, names: Iterable[str]) -> Path:
    """Whether files called ``names`` can be written into ``out_dir``: raises OutputError
    naming the path at fault (a file, a folder that cannot be created or written in, a
    report name taken by a folder). A missing folder is not created (a run that stops
    before writing leaves nothing behind): a folder is made and removed where it would be."""
    out = Path(out_dir)
    if out.is_dir():
        with _Folder(out, lock=False) as folder:
            folder.check(names)
        return out
    if os.path.lexists(out):
        raise OutputError(str(out), _NOT_A_FOLDER)
    existing = next((p for p in out.parents if os.path.lexists(p)), Path("."))
    if not existing.is_dir():
        raise OutputError(str(out), f"cannot create this folder ({existing} is a file, not a folder)")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".newsprism-check-", dir=existing))
    except OSError as error:
        raise OutputError(str(out), f"cannot create this folder ({_why(error)})") from None
    return out


def write_files(out_dir: str | Path, contents: Mapping[str, Content]) -> dict[str, Path]:
    """Write ``contents`` (file name -> bytes, or chunks of bytes made as the file is written)
    into ``out_dir`` as one set, all or nothing; returns each name's path in ``out_dir``."""
    out = Path(out_dir)
    names = list(contents)
    with _Folder(out, lock=True) as folder:
        folder.check(names)
        try:
            if folder.links_work():
                new = folder.write_set(contents)
                folder.take_over(names)
                folder.link(names)
                folder.switch(new)
            else:
                folder.replace_each(contents)
            folder.clean()
        except OSError as error:
            raise OutputError(str(out), f"the report files cannot be written here ({error.strerror or error})"
                              ) from error
    return {name: out / name for name in names}


def replace_file(path: Path, data: bytes) -> Path:
    """One file replaced whole (a temporary file beside it, fsynced, renamed over it); a link
    at ``path`` is replaced, not followed."""
    with replacing(path) as stream:
        stream.write(data)
    return path


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[BinaryIO]:
    """A file written as a stream (an export of the whole store) and put in place whole when
    the block ends without an error: a run killed or failing half-way leaves the old file, or
    none, never half of one; a link at ``path`` is replaced, not followed. A folder that
    cannot take it is an OutputError naming ``path``."""
    try:
        folder = os.open(path.parent, _DIR)
    except OSError as error:
        raise OutputError(str(path), f"cannot write there: {_why(error)}") from None
    temporary = f"{TMP_PREFIX}{secrets.token_hex(8)}-{path.name}"
    try:
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666,
                         dir_fd=folder)
        except OSError as error:
            raise OutputError(str(path), f"cannot write there: {_why(error)}") from None
        try:
            with os.fdopen(fd, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.rename(temporary, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            raise
        os.fsync(folder)
    finally:
        os.close(folder)


def _write_new(name: str, data: Content, folder: int) -> None:
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666, dir_fd=folder)
    try:
        for chunk in [data] if isinstance(data, bytes) else data:
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(error: OSError) -> str:
    return error.strerror or str(error)


class _Folder:
    """The output folder and its ``.newsprism-report``, opened as file descriptors (so that no
    name is looked up twice, and none through a link), locked for a write."""

    def __init__(self, out: Path, lock: bool) -> None:
        self.out, self.lock = out, lock
        self.token = secrets.token_hex(8)
        self.fds: list[int] = []

    def __enter__(self) -> _Folder:
        try:
            self._open()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in reversed(self.fds):  # closing the lock file releases the lock
            os.close(fd)
        self.fds.clear()

    def _fd(self, fd: int) -> int:
        self.fds.append(fd)
        return fd

    def _open(self) -> None:
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputError(str(out), _NOT_A_FOLDER)
        try:
            out.mkdir(parents=True, exist_ok=True)
            self.dir = self._fd(os.open(out, _DIR))
        except OSError as error:
            blocking = next((p for p in out.parents if p.exists() and not p.is_dir()), None)
            why = f"{blocking} is a file, not a folder" if blocking is not None else _why(error)
            raise OutputError(str(out), f"cannot create this folder ({why})") from None
        try:
            os.mkdir(STATE, dir_fd=self.dir)
        except FileExistsError:
            pass
        except OSError as error:
            raise OutputError(str(out), f"cannot write in this folder ({_why(error)})") from None
        try:
            self.state = self._fd(os.open(STATE, _DIR | os.O_NOFOLLOW, dir_fd=self.dir))
        except OSError as error:
            if error.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise OutputError(str(out / STATE), f"cannot be opened ({_why(error)})") from None
            what = "is a symbolic link" if (out / STATE).is_symlink() else "is not a folder"
            raise OutputError(str(out / STATE), f"{what}; newsprism keeps the report files' sets in a folder "
                                                "of this name and never follows a link there: remove it") from None
        try:
            lock = self._fd(os.open(LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666,
                                    dir_fd=self.state))
        except OSError as error:
            raise OutputError(str(out / STATE / LOCK), f"cannot be opened ({_why(error)})") from None
        if self.lock:
            fcntl.flock(lock, fcntl.LOCK_EX)

    def check(self, names: Iterable[str]) -> None:
        for name in names:
            try:
                mode = os.stat(name, dir_fd=self.dir, follow_symlinks=False).st_mode
            except FileNotFoundError:
                continue
            if stat.S_ISDIR(mode):
                raise OutputError(str(self.out / name), "is a folder; newsprism writes a report file of this name "
                                                        "here: move it, or give another folder")

    def _new_set(self, kind: str = "") -> tuple[str, int]:
        name = f"{SET_PREFIX}{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(8)}{kind}"
        os.mkdir(name, dir_fd=self.state)
        return name, os.open(name, _DIR | os.O_NOFOLLOW, dir_fd=self.state)

    def write_set(self, contents: Mapping[str, Content]) -> str:
        """A new set folder holding ``contents``, each file and the folder fsynced."""
        name, fd = self._new_set()
        try:
            for file_name, data in contents.items():
                _write_new(file_name, data, fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        return name

    def links_work(self) -> bool:
        """Whether this file system has symbolic links (FAT and some network shares do not)."""
        probe = f"{TMP_PREFIX}{self.token}-probe"
        try:
            os.symlink(CURRENT, probe, dir_fd=self.state)
        except OSError as error:
            if error.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS):
                return False
            raise
        os.unlink(probe, dir_fd=self.state)
        return True

    def replace_each(self, contents: Mapping[str, Content]) -> None:
        """Without links: each file still replaced whole (a temporary file renamed over it, a
        link at its name replaced, not followed), but one after the other, not as a set."""
        for name, data in contents.items():
            temporary = f"{TMP_PREFIX}{self.token}-{name}"
            _write_new(temporary, data, self.dir)
            os.rename(temporary, name, src_dir_fd=self.dir, dst_dir_fd=self.dir)
        os.fsync(self.dir)

    def _target(self, name: str) -> str:
        return f"{STATE}/{CURRENT}/{name}"

    def _ours(self, name: str) -> bool:
        try:
            return os.readlink(name, dir_fd=self.dir) == self._target(name)
        except OSError:  # not there, or not a link
            return False

    def take_over(self, names: list[str]) -> None:
        """Regular files at the report names (an older newsprism's, written in place) into a
        set made current, so that replacing them by links changes nothing a reader sees."""
        regular = [n for n in names if _is_regular(n, self.dir)]
        if not regular:
            return
        name, fd = self._new_set("-older")
        current = _open_current(self.state)
        try:
            for file_name in names:
                if file_name in regular:
                    _link_or_copy(file_name, self.dir, fd)
                elif current is not None and self._ours(file_name) and _is_regular(file_name, current):
                    _link_or_copy(file_name, current, fd)
            os.fsync(fd)
        finally:
            os.close(fd)
            if current is not None:
                os.close(current)
        self.switch(name)

    def link(self, names: list[str]) -> None:
        """Each report name a link to ``current``: whatever else is there (a regular file taken
        over, someone's link) is replaced by a rename, never written through."""
        changed = False
        for name in names:
            if self._ours(name):
                continue
            temporary = f"{TMP_PREFIX}{self.token}-{name}"
            os.symlink(self._target(name), temporary, dir_fd=self.dir)
            try:
                os.rename(temporary, name, src_dir_fd=self.dir, dst_dir_fd=self.dir)
            except OSError as error:
                os.unlink(temporary, dir_fd=self.dir)
                raise OutputError(str(self.out / name), f"cannot be replaced ({_why(error)})") from None
            changed = True
        if changed:
            os.fsync(self.dir)

    def switch(self, set_name: str) -> None:
        """``current`` to ``set_name``, in one rename: every report name follows at once."""
        temporary = f"{TMP_PREFIX}{self.token}-{CURRENT}"
        os.symlink(set_name, temporary, dir_fd=self.state)
        os.rename(temporary, CURRENT, src_dir_fd=self.state, dst_dir_fd=self.state)
        os.fsync(self.state)

    def clean(self) -> None:
        """The sets no longer current and the links a killed run left, deleted (under the lock,
        so never a set another run is writing)."""
        try:
            keep = os.readlink(CURRENT, dir_fd=self.state)
        except OSError:  # no set switched in (a file system without links)
            keep = CURRENT
        for entry in os.listdir(self.state):
            if entry in (CURRENT, LOCK, keep) or not entry.startswith((SET_PREFIX, TMP_PREFIX)):
                continue
            if stat.S_ISDIR(os.stat(entry, dir_fd=self.state, follow_symlinks=False).st_mode):
                shutil.rmtree(entry, dir_fd=self.state)
            else:
                os.unlink(entry, dir_fd=self.state)
        for entry in os.listdir(self.dir):
            if entry.startswith(TMP_PREFIX) and not stat.S_ISDIR(os.stat(entry, dir_fd=self.dir,
                                                                          follow_symlinks=False).st_mode):
                os.unlink(entry, dir_fd=self.dir)


def _is_regular(name: str, folder: int) -> bool:
    try:
        return stat.S_ISREG(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _open_current(state: int) -> int | None:
    try:
        return os.open(CURRENT, _DIR, dir_fd=state)
    except OSError:  # no set yet, or its folder is gone
        return None


def _link_or_copy(name: str, source: int, target: int) -> None:
    try:
        os.link(name, name, src_dir_fd=source, dst_dir_fd=target, follow_symlinks=False)
    except OSError:  # a file system without hard links, or a file another user owns
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=source)
        with os.fdopen(fd, "rb") as handle:
            _write_new(name, handle.read(), target)
