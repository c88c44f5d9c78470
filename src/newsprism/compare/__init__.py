"""Stage 5, compare: what the outlets of one story share and where they differ."""

from .claims import ClaimSettings, align_claims
from .quotes import group_quotes

__all__ = ["ClaimSettings", "align_claims", "group_quotes"]
