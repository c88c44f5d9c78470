"""Stage 5, compare: what the outlets of one story share and where they differ."""

from .chains import attribution_chains, outlet_profiles
from .claims import ClaimSettings, align_claims
from .framing import framing_findings
from .quotes import group_quotes

__all__ = ["ClaimSettings", "align_claims", "attribution_chains", "framing_findings", "group_quotes", "outlet_profiles"]
