"""The ingest stage: what users have (files, folders, web pages, feeds, JSONL records, Multi-News
strings) turned into Articles, each text decoded, stripped of control characters and capped in size.

    sources   everything a command line names: files, folders, URLs, feeds (`load_inputs`)
    files     files and folders, one article a file (`load_paths`, `LoadResult`)
    fetch     web pages, fetched without reaching into the user's own network
    feeds     RSS and Atom feeds: the pages their entries link to
    records   JSON records and library arguments (`cluster_from_record`, `as_articles`)
    html      a page's main text and metadata (trafilatura)
    charsets  bytes to text: byte-order marks, binary files refused, legacy code pages
    text      control characters, lone surrogates, the size cap (`cap_articles`)

Every function either returns Articles or raises `InputError` naming the offending file, URL or
field; an input that is skipped is reported (`LoadResult.errors`), never silently dropped.
The modules import one another only downward in this list (sources at the top, text at the bottom; a
contract in pyproject.toml checks it), never this package, so the stage has no import cycle.
"""

from newsbrief.ingest.charsets import _checked, decode_bytes, decode_legacy
from newsbrief.ingest.files import TEXT_SUFFIXES, LoadResult, load_paths, read_article_file
from newsbrief.ingest.html import article_from_html, article_from_text, iso_date, looks_like_html
from newsbrief.ingest.records import ClusterRequest, article_from_record, articles_from_documents, as_articles, cluster_from_record
from newsbrief.ingest.sources import load_inputs
from newsbrief.ingest.text import MULTINEWS_SEPARATOR, cap_articles, cut_text, escape_surrogates, split_multinews, strip_controls
from newsbrief.limits import MAX_ARTICLE_BYTES

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MULTINEWS_SEPARATOR",
    "TEXT_SUFFIXES",
    "ClusterRequest",
    "LoadResult",
    "_checked",  # the one binary-content rule for decoded text (verify reads summaries through it)
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "articles_from_documents",
    "as_articles",
    "cap_articles",
    "cluster_from_record",
    "cut_text",
    "decode_bytes",
    "decode_legacy",
    "escape_surrogates",
    "iso_date",
    "load_inputs",
    "load_paths",
    "looks_like_html",
    "read_article_file",
    "split_multinews",
    "strip_controls",
]
