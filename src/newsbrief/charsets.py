"""Pick the legacy encoding of bytes that are not UTF-8: the decoding whose words are real words.

charset-normalizer ranks candidate code pages by how chaotic the decoded text looks, which on a
short news paragraph often cannot tell cp1252 from cp1257 or cp1250: "après" and "aprčs" are
equally tidy. Among the candidates it finds nearly as clean as its best, this module keeps the one
whose non-ASCII words most often appear in wordfreq's lists for the languages charset-normalizer
suggests (wordfreq is already a dependency, for cleaning). Ties go to cp1252, the code page most
legacy news exports use. On one sentence each of French, Spanish, German, Polish, Czech,
Lithuanian, Turkish, Russian and Greek in their Windows code pages (tests/test_input_edge_cases.py)
all decode as written; charset-normalizer's first choice, with cp1252 preferred only on an exact
tie, got French, Polish, Czech and Lithuanian wrong.
"""

from __future__ import annotations

import re

CHAOS_MARGIN = 0.1  # candidates this close to the cleanest one are compared by their words
MAX_CANDIDATES = 6
SAMPLE_WORDS = 200
_WORD = re.compile(r"[^\W\d_]+")
# charset-normalizer's language names -> wordfreq codes (languages wordfreq has a small list for).
WORDFREQ_CODES = {
    "English": "en", "French": "fr", "German": "de", "Spanish": "es", "Italian": "it", "Portuguese": "pt", "Dutch": "nl",
    "Polish": "pl", "Czech": "cs", "Slovak": "sk", "Lithuanian": "lt", "Latvian": "lv", "Slovene": "sl", "Turkish": "tr",
    "Hungarian": "hu", "Norwegian": "nb", "Swedish": "sv", "Danish": "da", "Finnish": "fi", "Romanian": "ro", "Russian": "ru",
    "Ukrainian": "uk", "Bulgarian": "bg", "Greek": "el",
}  # fmt: skip


def decode_legacy(data: bytes) -> str | None:
    """The most plausible decoding of non-UTF-8 bytes, or None when no code page fits (binary data)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    candidates = [m for m in matches if m.chaos <= best.chaos + CHAOS_MARGIN][:MAX_CANDIDATES]
    languages = {WORDFREQ_CODES[name] for m in candidates for name in m.languages[:3] if name in WORDFREQ_CODES}
    chosen = max(candidates, key=lambda m: (_known_share(str(m), languages), m.encoding == "cp1252", -m.chaos))
    return str(chosen)


def _known_share(text: str, languages: set[str]) -> float:
    """Share of the text's non-ASCII words that are words of one of `languages` (1.0 when there are none)."""
    from wordfreq import zipf_frequency

    words = [w.lower() for w in _WORD.findall(text[:20_000]) if not w.isascii()][:SAMPLE_WORDS]
    if not words or not languages:
        return 1.0
    return sum(any(zipf_frequency(w, lang, wordlist="small") > 0 for lang in languages) for w in words) / len(words)
