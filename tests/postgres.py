"""A real PostgreSQL server for the tests, started from Debian's binaries in a temporary folder.

``start_postgres(tmp_dir)`` runs ``initdb`` and ``pg_ctl start`` in ``tmp_dir`` (a folder the
server takes over: its data, its unix socket and its log live there) and gives back a
SQLAlchemy URL to an empty database ``newsprism_test`` and a ``stop()`` that stops the server
(``pg_ctl stop -m fast``) and removes ``tmp_dir``. The server listens on a free TCP port of
127.0.0.1 only, with ``trust`` authentication for the superuser ``postgres`` and ``fsync=off``
(the data is thrown away, so durability is not worth the time).

PostgreSQL refuses to run as root. When the tests run as root (CI does), every server
command runs as the ``postgres`` system user that Debian's package creates (``runuser -u
postgres --``, or ``su`` where runuser is missing), and ``tmp_dir`` is handed to that user;
if the user is missing it is created as a system user.

The session fixture ``postgres_url`` (imported into conftest.py) starts one server for the
whole test session. Without PostgreSQL binaries it fails, naming the Debian package to
install, rather than skipping: CI installs the package, so a skip would hide a broken setup.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

DEBIAN_PACKAGE = "postgresql"
SUPERUSER = "postgres"  # the database superuser that initdb creates (and, as root, the OS user)
DATABASE = "newsprism_test"
START_TIMEOUT = 60  # seconds for pg_ctl start and for the first connection

_SEARCH = "/usr/lib/postgresql/*/bin"


class PostgresNotFound(RuntimeError):
    """No PostgreSQL server binaries (initdb, pg_ctl, postgres) on this machine."""


class PostgresStartError(RuntimeError):
    """The server binaries exist but the server did not come up."""


def find_pg_bin() -> Path:
    """The folder holding initdb, pg_ctl and postgres: from PATH if initdb is there (Debian
    does not put it there), else the newest version under /usr/lib/postgresql/*/bin."""

    def complete(folder: Path) -> bool:
        return all(os.access(folder / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))

    on_path = shutil.which("initdb")
    if on_path:
        # resolve symlinks, so pg_ctl and postgres come from the same version as initdb
        folder = Path(on_path).resolve().parent
        if complete(folder):
            return folder

    def version(folder: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", folder.parent.name)) or (0,)

    candidates = sorted((p for p in Path("/").glob(_SEARCH.lstrip("/")) if complete(p)), key=version, reverse=True)
    if candidates:
        return candidates[0]
    raise PostgresNotFound(
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were found neither on PATH nor under "
        f"{_SEARCH}: install Debian's package with `apt-get install -y {DEBIAN_PACKAGE}` "
        "(.ci/run does this on CI)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_user() -> pwd.struct_passwd | None:
    """The OS user to run the server as: None when not root (run as ourselves), else the
    ``postgres`` system user, created if this machine lacks it."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SUPERUSER)
    except KeyError:
        pass
    useradd = shutil.which("useradd") or "/usr/sbin/useradd"
    subprocess.run(
        [useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin"]
        + [SUPERUSER],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(SUPERUSER)


def _as_user(user: pwd.struct_passwd | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    runuser = shutil.which("runuser") or ("/usr/sbin/runuser" if os.path.exists("/usr/sbin/runuser") else None)
    if runuser:
        return [runuser, "-u", user.pw_name, "--", *argv]
    return ["su", user.pw_name, "-s", "/bin/sh", "-c", shlex.join(argv)]


def _env() -> dict[str, str]:
    # no PGPORT/PGDATA/PGHOST... from the caller's shell, and a locale every machine has
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    return env


def _run(user: pwd.struct_passwd | None, argv: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        _as_user(user, argv),
        cwd=cwd,
        env=_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_postgres(tmp_dir: str | os.PathLike[str]) -> tuple[str, Callable[[], None]]:
    """Start a throw-away PostgreSQL server in ``tmp_dir`` (created if missing; it must be empty).

    Returns ``(url, stop)``: a SQLAlchemy URL ``postgresql+psycopg://postgres@127.0.0.1:PORT/newsprism_test``
    to a fresh empty database, and a function that stops the server and removes ``tmp_dir``
    (calling it twice is harmless).
    """
    import sqlalchemy as sa

    bin_dir = find_pg_bin()
    user = _server_user()
    root = Path(tmp_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise PostgresStartError(f"{root} is not empty")
    data, sock_dir, log = root / "data", root / "sock", root / "server.log"
    sock_dir.mkdir()
    if user is not None:
        for path in (root, sock_dir):
            os.chown(path, user.pw_uid, user.pw_gid)
        os.chmod(root, 0o700)
        probe = _run(user, ["test", "-w", str(root)], cwd=Path("/"), timeout=10)
        if probe.returncode != 0:
            raise PostgresStartError(
                f"the {user.pw_name} user cannot write to {root} (a parent folder is closed to it): "
                "give start_postgres a folder under a world-traversable one such as /tmp"
            )

    initdb = _run(
        user,
        [str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C"]
        + ["--no-sync"],
        cwd=root,
        timeout=120,
    )
    if initdb.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresStartError(f"initdb failed ({bin_dir}):\n{initdb.stdout}\n{initdb.stderr}")

    pg_ctl = str(bin_dir / "pg_ctl")
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if stopped:
            return
        stopped = True
        if (data / "postmaster.pid").exists():
            _run(user, [pg_ctl, "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"], cwd=root, timeout=90)
        shutil.rmtree(root, ignore_errors=True)

    port = 0
    for _attempt in range(5):  # the free port can be taken between the probe and the bind: try another
        port = _free_port()
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-c port={port}",
                f"-c unix_socket_directories={shlex.quote(str(sock_dir))}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        )
        started = _run(
            user,
            [pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", str(START_TIMEOUT), "start"],
            cwd=root,
            timeout=START_TIMEOUT + 30,
        )
        if started.returncode == 0:
            break
        log_tail = _tail(log)
        if "could not bind" in log_tail or "already in use" in log_tail:
            continue
        stop()
        raise PostgresStartError(f"pg_ctl start failed:\n{started.stdout}\n{started.stderr}\nserver log:\n{log_tail}")
    else:
        stop()
        raise PostgresStartError(f"no free port to listen on; server log:\n{_tail(log)}")

    try:
        admin = sa.create_engine(
            f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres", isolation_level="AUTOCOMMIT"
        )
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with admin.connect() as conn:
                    conn.exec_driver_sql(f"CREATE DATABASE {DATABASE}")
                break
            except sa.exc.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        admin.dispose()
    except Exception as exc:
        log_tail = _tail(log)
        stop()
        raise PostgresStartError(
            f"the server started but did not take connections: {exc}\nserver log:\n{log_tail}"
        ) from exc

    return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}", stop


def new_server_dir() -> Path:
    """A fresh folder for a server, in the system's temp folder: pytest's own tmp folders are
    private to the test user (0700), which the ``postgres`` user cannot enter when we are root,
    and a short path keeps the unix socket's path under its 107-byte limit."""
    return Path(tempfile.mkdtemp(prefix="newsprism-pg-"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A SQLAlchemy URL to an empty database on a real PostgreSQL server, one per test session."""
    try:
        find_pg_bin()
    except PostgresNotFound as exc:
        pytest.fail(str(exc), pytrace=False)
    url, stop = start_postgres(new_server_dir())
    try:
        yield url
    finally:
        stop()
