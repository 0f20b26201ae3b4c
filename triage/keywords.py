"""The content words of a complaint, from which cluster keywords are chosen.

A content word is a segmented word (triage/segment.py) that is not a stop
word, a number, a link or an @handle. Stop words are the project's short
lists plus the stopwords-iso lists (`stopwordsiso`, MIT licence) of every
language they cover. Japanese is re-segmented into dictionary words with
Janome (pure Python, its dictionary inside the package), keeping nouns,
verbs and adjectives in their base form: the BudouX chunks the classifier
reads ("返品するか") are phrases, not words. A Korean word is a noun with its
particles ("배송이", "배송은"); `merge_korean_particles` maps it to the bare
noun when the complaints show that noun elsewhere.
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
# Korean particles that follow a noun inside a space-separated word, longest first
_KO_PARTICLES = tuple(sorted(
    "이 가 은 는 을 를 에 의 도 만 와 과 로 으로 에서 에게 한테 까지 부터 처럼 보다 하고 이랑 랑 이나 마다 조차 "
    "밖에 에는 에서는 으로는 로는 에도 에서도 이라도 라도 께서 이에요 예요 이요".split(), key=len, reverse=True))
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")


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


def merge_korean_particles(words: Sequence[set[str]]) -> list[set[str]]:
    """Korean words of several complaints with their particles taken off
    ("배송이" -> "배송") where the noun is attested: alone, or with another
    particle, among these complaints. Nouns of two syllables or more only, so
    a word that merely ends like a particle ("고양이", cat) keeps its form
    unless "고양" itself occurs."""
    vocabulary: set[str] = set().union(*words)
    forms: dict[str, set[str]] = {}  # noun -> its words with a particle
    for word in vocabulary:
        if not _HANGUL.match(word):
            continue
        for particle in _KO_PARTICLES:
            noun = word[: -len(particle)]
            if word.endswith(particle) and len(noun) >= 2:
                forms.setdefault(noun, set()).add(word)
                break
    stem = {word: noun for noun, found in forms.items()
            if noun in vocabulary or len(found) >= 2 for word in found}
    return [{stem.get(w, w) for w in found} for found in words]


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
