"""The content words of a complaint, from which cluster keywords are chosen.

A content word is a segmented word (triage/segment.py) that is not a stop
word, a number, a link or an @handle. Stop words are the project's short
lists plus the stopwords-iso lists (`stopwordsiso`, MIT licence) of every
language they cover. Japanese is re-segmented into dictionary words with
Janome (pure Python, its dictionary inside the package), keeping nouns,
verbs and adjectives in their base form: the BudouX chunks the classifier
reads ("返品するか") are phrases, not words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .segment import Token

_PROJECT_STOP = {
    "en": set("the a an and or but to of in on for with at by from it is was were be been this that my i me you "
              "we they he she not no so as are have has had do did just very all after got its your our their "
              "about when what which would will can could there them one two".split()),
    "zh": set("的 了 是 我 也 就 都 还 很 太 不 没 有 和 在 这 那 个 又 吧 啊 呢 吗 给 着 说 人 一 你 他 她 它 我们 "
              "就是 但是 而且 还是 真的 非常 一个 什么 怎么 这么 那么 感觉 东西".split()),
}
_ALNUM_SHORT = re.compile(r"^[a-z0-9]{1,2}$")
_UNSPACED = ("zh", "ja", "th", "ko")  # one or two characters can be a whole word
_JA_KEPT = ("名詞", "動詞", "形容詞")
_JA_DROPPED = ("非自立", "数", "代名詞", "接尾")


@lru_cache(maxsize=64)
def stop_words(language: str) -> frozenset[str]:
    import stopwordsiso

    found = set(_PROJECT_STOP.get(language, ()))
    if stopwordsiso.has_lang(language):
        found |= {w.lower() for w in stopwordsiso.stopwords(language)}
    return frozenset(found)


def keep(word: str, language: str) -> bool:
    """Whether a lower-cased word can be a keyword."""
    if word in stop_words(language) or word.isdigit() or word.startswith(("@", "http")):
        return False
    return language in _UNSPACED or not _ALNUM_SHORT.match(word)


def content_words(text: str, tokens: Sequence[Token], language: str) -> set[str]:
    """The distinct lower-cased content words of `text`, whose segmentation is
    `tokens` (Japanese is segmented again, into dictionary words)."""
    if language == "ja":
        return {w for w in _japanese_words(text) if keep(w, language)}
    words = {t.text.lower() for t in tokens if not (t.start and text[t.start - 1] == "@")}
    return {w for w in words if keep(w, language)}


@lru_cache(maxsize=1)
def _janome():  # type: ignore[no-untyped-def]
    from janome.tokenizer import Tokenizer

    return Tokenizer()


def _japanese_words(text: str) -> list[str]:
    words = []
    for token in _janome().tokenize(text):
        pos = token.part_of_speech.split(",")
        if pos[0] in _JA_KEPT and not any(p in _JA_DROPPED for p in pos[1:]):
            words.append(token.base_form if token.base_form != "*" else token.surface)
    return words
