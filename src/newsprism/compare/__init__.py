"""Stage 5, compare: what the outlets of one story share and where they differ."""

from .chains import attribution_chains, outlet_profiles
from .claims import align_claims
from .framing import framing_findings
from .quotes import canonical_speakers, group_quotes
from .story import compare_story
from .timeline import build_timeline

__all__ = [
    "align_claims", "attribution_chains", "build_timeline", "canonical_speakers", "compare_story", "framing_findings",
    "group_quotes", "outlet_profiles",
]
