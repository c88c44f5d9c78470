"""One story, compared: the unit of analysis. A pure function of the story's articles, so
its findings are the same whether the story is analysed alone or among a day of news, in
whatever order the articles came, in a loop, a worker process or on a cluster."""

from __future__ import annotations

from ..config import Settings
from ..embed import Embedder, Encoder
from ..lang.identify import reads_english
from ..model import Span, StoryBundle, StoryFindings
from ..relate import people_named_in_story
from .brief import write_brief
from .chains import attribution_chains, outlet_profiles
from .claims import claims_and_disputes
from .framing import framing_findings
from .quotes import canonical_speakers, group_quotes
from .timeline import build_timeline


def compare_story(bundle: StoryBundle, embedder: Embedder | None, settings: Settings | None = None,
                  encoder: Encoder | None = None) -> StoryFindings:
    """Quote groups, claims, timeline, framing, attribution chains, outlet profiles and the
    brief of one story. Ids inside are derived from the story's id; the bundle's records are
    not changed (the story's reading of them, repaired names and speakers, is returned).
    ``encoder`` matches claims (settings.claims.encoder, loaded once by the caller); the
    ``embedder`` when not given."""
    settings = settings or Settings()
    story = bundle.story
    order = {article_id: n for n, article_id in enumerate(story.article_ids)}
    articles = sorted((a for a in bundle.articles if a.id in order), key=lambda a: order[a.id])
    articles = canonical_speakers(people_named_in_story(articles))
    # What is compared is what the annotators read, which is English: an article in another
    # language stays in the story, with its note, but omits no claim and frames no word.
    read = [a for a in articles if reads_english(a.language)]
    quotes = [q for a in read for q in a.quotes]
    quote_groups = group_quotes(story, read, embedder)
    encoder = encoder or embedder
    altered = [Span(m.quote_id.split(":")[0], m.start, m.end) for g in quote_groups for m in g.members
               if m.fidelity == "altered" and m.start is not None and m.end is not None]
    claims, disputes = claims_and_disputes(story, read, bundle.reuse, encoder, settings.claims, altered) \
        if encoder else ([], [])
    timeline = build_timeline(story, read, claims, settings.timeline)
    chains = attribution_chains(read, quotes)
    framing = framing_findings(read, claims, embedder, settings.framing)
    profiles = outlet_profiles(story, read, claims, chains, framing)
    brief = write_brief(read, claims, quote_groups, settings.brief, disputes, framing)
    return StoryFindings(
        story=story, articles=articles, quotes=quotes, reuse=bundle.reuse, quote_groups=quote_groups,
        claims=claims, disputes=disputes, framing=framing, timeline=timeline, chains=chains, profiles=profiles,
        brief=brief,
    )
