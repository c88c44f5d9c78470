"""``python -m newsprism``: the same command line as ``newsprism``."""

from newsprism.cli import app

app(prog_name="newsprism")
