"""The newsroom view: a web UI and JSON API over the store (``newsprism serve``)."""

from .app import create_app
from .upload import UploadLimits

__all__ = ["UploadLimits", "create_app"]
