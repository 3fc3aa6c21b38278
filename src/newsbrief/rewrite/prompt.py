"""What the model is sent: the brief's selected sentences, numbered, each with the outlets that report
it, and the request for a brief of the same length that cites them as [n].

Nothing else leaves the machine: not the articles' full text, not their addresses, not the query.
The instructions go in one user message, because some chat templates drop a system message
(llama.cpp's Gemma format does) and every OpenAI-compatible server takes a user turn.
"""

from __future__ import annotations

from newsbrief.types import Brief

INSTRUCTIONS = """Rewrite the numbered news sentences below into one fluent news brief of about {words} words.
Rules:
- Use only facts stated in the numbered sentences. Do not add names, numbers, dates, places, causes or opinions.
- Keep every number, name and date exactly as written.
- End each sentence with the numbers of the sentences it uses, in square brackets, like [1] or [2][3].
- Write plain prose: no title, no list, no introduction, no comment about the task.

Sentences:
{numbered}

Brief:"""


def numbered_sentences(brief: Brief) -> str:
    """One line per brief sentence: `[n] text (outlet, outlet)`, n counting from 1 in brief order."""
    lines = []
    for number, sentence in enumerate(brief.sentences, start=1):
        outlets = ", ".join(dict.fromkeys(brief.articles[a].label for a in sentence.sources))
        lines.append(f"[{number}] {sentence.text} ({outlets})" if outlets else f"[{number}] {sentence.text}")
    return "\n".join(lines)


def build_messages(brief: Brief, *, words: int) -> list[dict[str, str]]:
    """The chat messages for one brief (OpenAI's `messages` shape).

    >>> build_messages(brief, words=120)[0]["content"].splitlines()[0]   # doctest: +SKIP
    'Rewrite the numbered news sentences below into one fluent news brief of about 120 words.'
    """
    return [{"role": "user", "content": INSTRUCTIONS.format(words=words, numbered=numbered_sentences(brief))}]


def max_tokens(words: int) -> int:
    """The answer's token allowance: about two tokens a word for the brief and its citations, plus
    room for a short preamble, so a model that rambles is cut off rather than left to run."""
    return int(words * 2.5) + 64
