"""Boilerplate patterns of news pages, kept as named constants (like trafilatura's xpaths).

Each pattern describes a kind of page furniture found across outlets, not a phrase of any
one article: link-outs (READ MORE), prompts (subscribe, follow), consent banners, forms,
captions and credits, embed residue. Reasons are the words a reader sees in removed[].
"""

from __future__ import annotations

import re

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

# --- header lines of plain-text articles -------------------------------------------------
PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|first published|date|updated|last updated|modified)\s*(?:on|at)?\s*"
    r"[:\-–]?\s*(?P<date>[^|]{6,60}?)\s*(?:\|.*)?$",
    re.IGNORECASE,
)
BYLINE_LINE = re.compile(r"^(?:by|written by|words by)\s+(?P<who>[^\n]{2,120}?)\s*\.?$", re.IGNORECASE)
# The separators alone: the parts are stripped after the split. A "\s*" on either side made a
# long run of spaces take quadratic time (the engine retried it from every space in the run).
BYLINE_SPLIT = re.compile(r",|\band\b|&|\|")
# Words that mark a credit to an organisation rather than to a person.
AGENCY_WORDS = re.compile(
    r"\b(?:agency|agencies|news service|wire|wires|staff|newsroom|desk|bureau|press|"
    r"correspondents?|reporters|editorial board|news)\b",
    re.IGNORECASE,
)

# --- whole-paragraph boilerplate ---------------------------------------------------------
RELATED_LINK = re.compile(
    r"^(?:read more|read also|also read|see also|related|related articles?|related stories|"
    r"more on this|more from|recommended|don't miss|must read|you may also like|"
    r"trending|top stories|latest news|further reading|see more|also on)\b\s*[:|\-–—»]"
    r"|^(?:don't miss|don’t miss|see more|related|recommended|more stories|most read)\s*[:!]?\s*$",
    re.IGNORECASE,
)
READ_FULL = re.compile(
    r"^(?:for more (?:on|about|details)|to read more|read the full (?:story|article)|"
    r"continue reading|click here|tap here)\b.{0,200}$",
    re.IGNORECASE,
)
EMBED_LABEL = re.compile(r"^(?:watch|video|listen|audio|photos?|gallery|see the post)\s*:?\s*$", re.IGNORECASE)
# A prompt opens with its call to action; "continued to sign up subscribers" is news.
SUBSCRIBE = re.compile(
    r"^\W*(?:subscribe|sign up|follow us|follow \S+(?: \S+)? on|join us|join our|get our|"
    r"download our|like us on|support our journalism|become a member|get the latest)\b"
    r"|^(?=.{0,160}$).*\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b",
    re.IGNORECASE,
)
# Cookie-consent wording; the sentence around it is found by extending from the keyword
# (a leading [^.]* would be retried at every position of every paragraph).
COOKIES = re.compile(
    r"\b(?:uses? cookies|use of cookies|cookie policy|cookie settings|"
    r"accept (?:all )?cookies|we use cookies|consent to (?:the )?(?:use|storing)|"
    r"you can opt[- ]out)\b",
    re.IGNORECASE,
)
FORM_FIELD = re.compile(
    r"^(?:your (?:comment|name|e-?mail|message)|comments?|leave a (?:comment|reply)|"
    r"post a comment|add a comment|error page url|text containing error|report an error|"
    r"report a typo|name|e-?mail|website|send|submit|cancel|share|share this|share on|"
    r"print|tweet|whatsapp|e-?mail this|copy link|advertisement|ad|sponsored)\s*[:*]?\s*$",
    re.IGNORECASE,
)
SHARE_LINE = re.compile(
    r"^(?:share(?: this)?(?: article| story)?|follow)\s*(?:on|:)?\s*"
    r"(?:(?:facebook|twitter|x|whatsapp|telegram|linkedin|email|reddit)[\s,|/]*)+$",
    re.IGNORECASE,
)
PHOTO_CREDIT_END = re.compile(
    r"\((?:photo|photograph|image|picture|video|file photo|graphic)\b[^)]{0,120}\)\s*$"
    r"|\b(?:photo|image|picture|credit)\s*(?::|/|by)\s*[A-Z][^.]{0,80}$"
    r"|\((?:[A-Z][\w.&-]*\s*){1,4}(?:/|via)\s*[^)]{1,80}\)\s*$",
    re.IGNORECASE,
)
CAPTION_START = re.compile(
    r"^(?:photo|image|picture|pictured|file photo|caption|credit)\s*[:/]"
    r"|^in this (?:photo|image|picture|handout|file photo|video|still|frame)"
    r"|^(?:an?|the) (?:infographic|photo|photograph|picture|image|map|graphic|chart|"
    r"video still|screenshot|screengrab|file photo) (?:depicting|showing|shows|of|taken)\b",
    re.IGNORECASE,
)
# Social embed signature: "— Name (@handle)" possibly followed by the date.
EMBED_SIGNATURE = re.compile(r"^[—–-]{1,2}\s*[^\n()]{1,80}\(@\w{1,30}\)\s*(?P<date>.{0,30})$")
EMBED_DATE = re.compile(rf"^{MONTHS}\s+(?:\d{{1,2}},\s*)?\d{{4}}$", re.IGNORECASE)
# An encyclopedia lead pasted under a story: "Name (born 7 October 1952) is a ..."
ENCYCLOPEDIA_LEAD = re.compile(
    r"^[A-Z][\w.'’\- ]{2,80}\s\((?:born|b\.|née|nee)\s[^)]*\d{3,4}[^)]*\)\s(?:is|was)\s(?:a|an|the)\s",
)
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)

# --- signatures that name the outlet -----------------------------------------------------
OUTLET_SIGNATURES = [
    re.compile(
        r"\b(?i:subscribe to (?:the )?)(?P<outlet>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,4}?)"
        r"(?:'s|’s)?\s(?i:(?:on\s)?(?:telegram|facebook|youtube|newsletter|channel|rss|"
        r"whatsapp|instagram|x\b|twitter))",
    ),
    re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<outlet>[A-Z][\w.&'’ -]{1,60}?)[.,|]"),
]

# --- datelines: "MOSCOW, March 14, 2025 -", "KYIV/PARIS -", "Moscow (Reuters) -" ----------
DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][\w.'’-]*)(?:[ /][A-Z][\w.'’-]*){0,5})"
    rf"(?:,\s*(?!{MONTHS}\s*\d)(?P<region>[A-Z][\w.'’ -]{{1,30}}?))?"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?"
    rf"(?:,\s*(?P<date>{MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*[-–—]{1,2}\s+(?=\S)"
)

# What the text of a social post looks like, as opposed to an article paragraph.
POST_LIKE = re.compile(
    r"#\w|pic\.twitter|[\u2600-\u27bf\U0001f300-\U0001faff]|^BREAKING\b|…$"
)

