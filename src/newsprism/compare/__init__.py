"""Stage 5, compare: what the outlets of one story share and where they differ."""

from .quotes import group_quotes

__all__ = ["group_quotes"]
