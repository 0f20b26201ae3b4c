"""Language identification tuned for short buyer texts.

Script decides where it is unambiguous (kana means Japanese, Hangul Korean,
Han alone Chinese, Thai script Thai); a character n-gram model (py3langid)
decides between languages sharing a script, restricted to the languages
sellers' buyers commonly write in so that a three-word Dutch review is not
called Afrikaans.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNDETERMINED = "und"

# Languages the n-gram model may answer, by the script of the text.
LATIN_LANGUAGES: tuple[str, ...] = (
    "en", "es", "pt", "fr", "de", "it", "nl", "pl", "tr", "id", "ms", "vi", "tl", "sv",
    "da", "no", "fi", "cs", "sk", "ro", "hu", "hr", "lt", "lv", "et", "sl", "ca",
)
OTHER_SCRIPT_LANGUAGES: tuple[str, ...] = ("ru", "uk", "bg", "sr", "ar", "fa", "ur", "el", "he", "hi")
CANDIDATE_LANGUAGES: tuple[str, ...] = LATIN_LANGUAGES + OTHER_SCRIPT_LANGUAGES

_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Handles, links and hashtags say nothing about the writer's language.
_NOISE = re.compile(r"@\w+|#\w+|https?://\S+|www\.\S+")


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(CANDIDATE_LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' when there is too
    little text to tell (numbers, emoji, punctuation only)."""
    text = _NOISE.sub(" ", text)
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return UNDETERMINED
    han = len(_HAN.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if _KANA.search(text) and len(_KANA.findall(text)) * 10 >= letters:
        return "ja"
    if len(_HANGUL.findall(text)) * 2 >= letters - latin:
        if _HANGUL.search(text):
            return "ko"
    if han and han * 2 >= letters - latin and han >= latin / 4:
        return "zh"
    if _THAI.search(text) and len(_THAI.findall(text)) * 2 >= letters:
        return "th"
    if letters < 2:
        return UNDETERMINED
    allowed = LATIN_LANGUAGES if latin * 2 >= letters else OTHER_SCRIPT_LANGUAGES
    for language, _score in _identifier().rank(text):
        if language in allowed:
            return str(language)
    return UNDETERMINED
