"""``newsprism serve``: the web UI and JSON API over a store (a thin layer over
``newsprism.web.create_app``). Binds to the loopback interface unless told otherwise: the
archive is not published to the network by accident.

Exit codes: 0 stopped cleanly; 2 usage errors (Typer's own).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from .cli import DEFAULT_DB, USAGE_ERROR, Db, app, open_store
from .cli_terminal import _Command, epilog, say

SERVE_HELP = epilog(
    [("newsprism serve", "browse ./newsprism.db at http://127.0.0.1:8000/"),
     ("newsprism serve --db archive.db --port 8080", "another store, another port"),
     ("newsprism serve --host 0.0.0.0", "publish it to the network (anyone who reaches the machine can read it)")],
    [(0, "stopped (Ctrl-C)"), USAGE_ERROR])


@app.command(cls=_Command, epilog=SERVE_HELP)
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS",
                                      help="Interface to listen on; 0.0.0.0 publishes it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="N", min=1, max=65535, help="Port to listen on.")] = 8000,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", metavar="MB", min=0.001,
                                                 help="Largest file accepted from the browser.")] = 5.0,
    workers: Annotated[int, typer.Option("--workers", metavar="N", min=1,
                                         help="Server processes (each keeps its own page cache).")] = 1,
) -> None:
    """Browse the store in a web browser: stories, findings, articles, search and upload."""
    import uvicorn

    from .web import UploadLimits, create_app

    store = open_store(db, create=True)  # migrated once, before any worker starts
    if host not in {"127.0.0.1", "localhost", "::1"}:
        say(f"warning: listening on {host}: anyone who can reach this machine can read the store")
    say(f"newsprism: serving {db} at http://{host}:{port}/ (Ctrl-C stops)")
    if workers == 1:
        web = create_app(store, limits=UploadLimits(max_bytes=int(max_upload_mb * 1e6)))
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    os.environ["NEWSPRISM_DB"] = db
    os.environ["NEWSPRISM_MAX_UPLOAD_BYTES"] = str(int(max_upload_mb * 1e6))
    uvicorn.run("newsprism.web.app:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
