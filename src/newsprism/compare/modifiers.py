"""Modifiers of the outlet's own making: the attributive and predicative adjectives and the
-ly adverbs on actions that grade what they describe ("a swift counteroffensive", "an urgent
plea", "quietly dropped"). No list can hold every such word, so each is kept as a candidate
(category "modifier", weight 0: it does not count towards a sentence's bias) and framing shows
it only with evidence: other outlets telling the same fact without it.

Left out as descriptive rather than evaluative (Quirk et al. 1985 on classifying against
qualitative adjectives; Biber et al. 1999 on adverbial classes): relational adjectives
("military", "Ukrainian", "economic": by their suffix), participles ("encircled",
"proposed"), numbers and names, and the time, frequency, degree, viewpoint and stance
adverbs and determiner-like adjectives of the lists below.
"""

from __future__ import annotations

from typing import Any

from ..model import Flag

NOTE = ("modifier of the outlet's own: grades the act or the thing it describes (Quirk et al. 1985, qualitative "
        "adjectives and process adjuncts)")
_RELATIONAL = ("al", "ic", "ary", "ian", "an", "ese", "ish", "ern", "ar", "ory", "ist", "wide", "based", "led", "like")
_PLAIN_ADJ = frozenset("""
other such same own many much few several last next first second third fourth fifth former previous recent
current new old main certain possible likely unlikely additional further total only whole entire various
different similar early late latest daily weekly monthly annual yearly public private local full large small
big long short high low top final past present future open closed available able unable due live ready sure
general common specific separate joint direct foreign domestic senior junior young chief deputy acting sole
single double triple multiple numerous more most less least fewer wide broad deep near far north south east
west northern southern eastern western central upper lower inner outer front back left right free real true
false key major minor overall average initial interim official unofficial legal illegal civil armed dead alive
wounded injured missing safe ongoing remaining leading following next-door nearby additional related
respective certain given particular usual normal regular proper daily nightly hourly
""".split())
_PLAIN_ADV = frozenset("""
currently recently previously already initially finally eventually lately formerly newly originally subsequently
earlier later soon immediately shortly presently simultaneously meanwhile annually daily weekly monthly yearly
nearly roughly approximately about almost mostly mainly largely partly partially fully entirely completely wholly
only merely simply just exactly precisely directly indirectly separately jointly individually collectively mutually
publicly privately officially unofficially formally informally personally reportedly allegedly apparently
reportedly supposedly legally politically militarily economically financially socially technically physically
historically traditionally usually normally generally typically frequently regularly occasionally rarely often
respectively especially particularly specifically notably primarily chiefly solely exclusively also likewise
similarly accordingly consequently therefore thus hence however nonetheless nevertheless instead otherwise
internationally nationally locally globally regionally domestically abroad online live early late further
additionally alternatively eventually ultimately initially firstly secondly lastly finally briefly temporarily
permanently automatically manually digitally electronically verbally orally physically remotely overnight
successfully unsuccessfully increasingly gradually steadily slightly significantly substantially considerably
relatively comparatively highly widely heavily closely strongly deeply greatly fairly rather quite very really
certainly probably possibly perhaps likely unlikely clearly obviously evidently presumably actually indeed
""".split())


def modifier_flags(doc: Any, offset: int, taken: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[Flag]:
    """Candidate modifiers of a paragraph's parse ``doc`` (offsets shifted by ``offset``),
    outside the spans already flagged (``taken``) and outside quotations (``quoted``), both in
    the paragraph's own offsets."""
    out: list[Flag] = []
    for t in doc:
        lower = t.lower_
        if t.pos_ == "ADJ":
            role = t.head.dep_ if t.dep_ == "conj" else t.dep_  # "a sweeping and costly plan": both
            if role not in {"amod", "acomp"} or t.tag_ in {"VBN", "VBG", "JJR", "JJS"} or lower in _PLAIN_ADJ \
                    or lower.endswith(_RELATIONAL) or lower.endswith(("ed", "ing")):  # participles describe
                continue
        elif t.pos_ == "ADV":
            if t.dep_ != "advmod" or not lower.endswith("ly") or t.head.pos_ != "VERB" or lower in _PLAIN_ADV:
                continue
        else:
            continue
        if not t.text.isalpha() or not t.text.islower() or t.ent_type_ or len(lower) < 4:
            continue
        a, b = t.idx, t.idx + len(t.text)
        if any(x < b and a < y for x, y in taken) or any(x <= a < y for x, y in quoted):
            continue
        out.append(Flag(a + offset, b + offset, t.text, "modifier", lower, NOTE, 0.0))
    return out
