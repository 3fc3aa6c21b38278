"""Bytes to text: byte-order marks, UTF-16 without one, binary files refused, and for bytes that are
not UTF-8 the legacy encoding whose words are real words.

`decode_bytes` is the one decoder of files and pages. For legacy bytes: charset-normalizer ranks
candidate code pages by how chaotic the decoded text looks, which on a
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

import codecs
import re

from newsbrief.errors import InputError
from newsbrief.ingest.text import strip_controls

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


def decode_bytes(data: bytes, *, name: str, encoding: str | None = None) -> str:
    """Decode a file's or page's bytes; binary or undecodable content raises InputError naming it.

    Order: a byte-order mark (UTF-8/16/32), UTF-16 without one (every other byte NUL), the
    `encoding` a server declared, UTF-8, then the legacy code page `charsets.decode_legacy` finds
    most plausible (cp1252, latin-1, cp1250, Shift-JIS...). Text that went through a wrong decode once already ("donâ€™t") is repaired
    with ftfy, which wordfreq already depends on.
    """
    if not data.strip():
        return ""
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: {kind}, not an article; save it as text or HTML first; skipped")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), name=name)
            except UnicodeDecodeError:
                break  # a byte-order mark followed by what is not that encoding: the checks below decide
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return _checked(data.decode(utf16, errors="replace"), name=name)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not an article; skipped")
    text = None
    for codec in dict.fromkeys(c for c in (encoding, "utf-8") if c):
        try:
            text = data.decode(codec)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if text is None:
        text = decode_legacy(data)  # charset-normalizer's candidates, judged by whether their words are words
        if text is None:
            raise InputError(f"{name}: not text in any known encoding (binary data?); skipped") from None
    return _checked(text, name=name)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
)
# A UTF-8 lead byte read as cp1252/latin-1 followed by a continuation byte read the same way:
# the mark of text decoded wrongly once. Checked with a regex first: ftfy's own test is ~1 s/MB.
_MOJIBAKE = re.compile("[ÂÃâÐÑØÙ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly Latin script has a NUL in every other byte; binary files have NULs anywhere."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.6 * len(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.6 * len(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _checked(text: str, *, name: str) -> str:
    """Refuse decoded text that is mostly control characters; repair mojibake."""
    controls = sum(1 for ch in text[:8192] if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(f"{name}: binary content (control or undecodable characters), not an article; skipped")
    if _MOJIBAKE.search(text):
        import ftfy

        text = ftfy.fix_encoding(text)
    return strip_controls(text)
