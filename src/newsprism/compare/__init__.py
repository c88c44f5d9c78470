"""Stage 5, compare: what the outlets of one story share and where they differ."""

from .chains import attribution_chains, outlet_profiles
from .claims import ClaimSettings, align_claims
from .framing import framing_findings
from .quotes import group_quotes
from .timeline import build_timeline

__all__ = [
    "ClaimSettings", "align_claims", "attribution_chains", "build_timeline", "framing_findings", "group_quotes",
    "outlet_profiles",
]
