"""What related reports must share before their embeddings are compared.

Keys are the rare words of the title and the lead (names, places, the words
that make a news item: `carlineo`, `plague`, `duvet`; rare by wordfreq's
small lists, quick to load for any language), the article's named
people, organisations and groups, and its places (dateline, GPE and LOC
entities). Two reports of the same news share several; two reports that only
happen on the same day rarely do. Comparing embeddings only where keys are
shared keeps linking cheap and keeps a story from drifting.
"""

from __future__ import annotations

from functools import cache

from wordfreq import available_languages, zipf_frequency

from tidings.record import Article
from tidings.stories.config import RelatedSettings, settings
from tidings.stories.sketch import words

NAMED_KINDS = frozenset({"person", "organization", "group"})
PLACE_LABELS = frozenset({"GPE", "LOC"})


def article_keys(article: Article, config: RelatedSettings | None = None) -> frozenset[str]:
    config = config or settings().related
    language = _wordfreq_language(article.language)
    lead = words(article.title) + words(article.body)[: config.key_lead_words]
    rare = {f"w:{w}" for w in lead if _rare(w, language, config.key_max_zipf)}
    named = {f"a:{a.name.lower()}" for a in article.actors if a.kind in NAMED_KINDS}
    places = {f"p:{e.text.lower()}" for e in article.entities if e.label in PLACE_LABELS}
    if article.dateline:
        places.add(f"p:{article.dateline.place.lower()}")
    return frozenset(rare | named | places)


def key_weights(config: RelatedSettings | None = None) -> dict[str, float]:
    """What a shared key is worth, by its prefix: rare words most, names and places less."""
    config = config or settings().related
    return {"w:": config.word_weight, "a:": config.name_weight, "p:": config.name_weight}


def embedding_text(title: str, body: str, config: RelatedSettings | None = None) -> str:
    """The text whose embedding stands for an article: its title (and first words)."""
    config = config or settings().related
    if not title.strip():
        return " ".join(body.split()[: config.untitled_words])
    lead = " ".join(body.split()[: config.embed_words])
    return f"{title}. {lead}" if lead else title


def _rare(word: str, language: str, below: float) -> bool:
    if len(word) < 3 or word.isdigit():
        return False
    return zipf_frequency(word, language, wordlist="small") < below


@cache
def _wordfreq_language(code: str | None) -> str:
    """The article's language if wordfreq knows it (and can tokenize it here), else English."""
    if not code or code not in available_languages(wordlist="small"):
        return "en"
    try:
        zipf_frequency("news", code, wordlist="small")  # ja and ko need MeCab, zh jieba
    except Exception:
        return "en"
    return code
