"""Agencies behind an article: the wire it credits itself to, and the agencies it names.

A credit ("By Xinhua", "LONDON (Reuters) -", "(Reporting by Reuters; ...)") says the text
is the agency's; a mention ("TASS reported") says only that some of it came from there.
Names are normalised ("The Associated Press" and "AP" are one agency) so outlets match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..data import word_list
from ..model import Article

_BY_LINE = re.compile(r"^[ \t]*by\s+([^\n]{2,80})$", re.I | re.M)  # a byline the cleaner left in the text
_CLOSING_CREDIT = re.compile(r"\((?:additional )?(?:reporting|writing|compiled)\s+by\s+(?:the\s+)?([^;)]+)", re.I)
# Spellings of one agency, keyed in lower case, to the name this module reports.
_ALIASES = {
    "associated press": "AP", "the associated press": "AP", "agence france-presse": "AFP",
    "deutsche presse-agentur": "dpa", "united press international": "UPI", "press trust of india": "PTI",
    "press association": "PA Media", "pa": "PA Media", "xinhua news agency": "Xinhua",
    "kyodo news": "Kyodo", "jiji press": "Jiji", "yonhap news agency": "Yonhap", "anadolu agency": "Anadolu",
}


def article_credit(article: Article) -> str | None:
    """The agency an article credits, from its byline or a credit left in the text
    ("LONDON (Reuters) -", "(Reporting by Reuters; ...)"); names normalised ("AP")."""
    return ", ".join(sorted(credits(article, known_agencies([article])))) or None


@lru_cache(maxsize=1)
def _listed_agencies() -> tuple[str, ...]:
    return word_list("agencies.txt")


@lru_cache(maxsize=1)
def _listed_by_key() -> dict[str, str]:
    return {n.lower(): n for n in _listed_agencies()}


def canonical(name: str) -> str:
    """One name per agency: "The Associated Press" -> "AP", "Xinhua News Agency" -> "Xinhua"."""
    name = re.sub(r"^the\s+", "", name.strip(" .,"), flags=re.I)
    return _ALIASES.get(name.lower()) or _listed_by_key().get(name.lower(), name)


def known_agencies(articles: Iterable[Article]) -> tuple[str, ...]:
    """Agency names to look for: the shipped list plus every credit seen in the run."""
    credited = {part.strip() for a in articles if a.credit for part in a.credit.split(",") if part.strip()}
    return tuple(sorted(set(_listed_agencies()) | credited, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=64)
def agency_pattern(known: tuple[str, ...]) -> re.Pattern[str]:
    """Acronyms ("AP", "TT") match in capitals only, so "tt" or "Ap" inside text do not."""
    parts = [re.escape(n) if n.isupper() else f"(?i:{re.escape(n)})" for n in known]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def mentions(text: str, known: tuple[str, ...]) -> frozenset[str]:
    """Agencies the text names anywhere ("TASS reports", "according to Reuters")."""
    return frozenset(canonical(m.group()) for m in agency_pattern(known).finditer(text))


def credits(article: Article, known: tuple[str, ...]) -> frozenset[str]:
    """Agencies the article credits itself to: byline credit, a "By Xinhua" line or a
    "(Reuters) -" dateline at the top, a closing "(Reporting by ...)" line. A mere mention
    ("TASS reported") is not a credit."""
    names = {canonical(p) for p in (article.credit or "").split(",") if p.strip()}
    pattern = agency_pattern(known)
    head, tail = article.text[:300], article.text[-400:]
    for match in re.finditer(r"\(([^()\n]{2,40})\)\s*[-–—]", head):
        if pattern.fullmatch(match.group(1).strip()):
            names.add(canonical(match.group(1)))
    lines = [m.group(1) for m in _BY_LINE.finditer(head)] + [m.group(1) for m in _CLOSING_CREDIT.finditer(tail)]
    for line in lines:
        names |= {canonical(m.group()) for m in pattern.finditer(line)}
    return frozenset(names)


def edge_agency(credit_a: frozenset[str], credit_b: frozenset[str], seen_a: frozenset[str],
                seen_b: frozenset[str]) -> str | None:
    """The agency an edge from ``a`` to ``b`` goes back to: one both credit, else the
    original's credit, else one of them credits and the other names."""
    for names in (credit_a & credit_b, credit_a, credit_b & seen_a):
        if names:
            return sorted(names)[0]
    return None
