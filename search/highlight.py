"""Highlighted snippets: the passage of a result's text where the query's words occur, with
them marked, whether the citizen typed the marks or not."""

import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.core.text import fold

WINDOW = 90


@lru_cache(maxsize=4096)
def fold_char(char):
    return (fold(char) or char)[:1]


def fold_each(text):
    # One character in, one out, so positions in the folded text are positions in the text.
    return "".join(map(fold_char, text))


def snippet(text, query, window=WINDOW):
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    words = [w for w in re.findall(r"\w+", fold(query)) if len(w) > 1][:10]
    if not text:
        return ""
    folded = fold_each(text).lower()
    spans = []
    for word in words:
        spans += [m.span() for m in re.finditer(rf"\b{re.escape(word)}\b", folded)]
    if not spans:
        return escape(text[: 2 * window]) + ("…" if len(text) > 2 * window else "")
    spans.sort()
    start = max(spans[0][0] - window, 0)
    end = min(start + 2 * window + len(query), len(text))
    out, cursor = [], start
    for begin, finish in spans:
        if begin < cursor or finish > end:
            continue
        out += [escape(text[cursor:begin]), "<mark>", escape(text[begin:finish]), "</mark>"]
        cursor = finish
    out.append(escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)


def page_text(page):
    """The text a result is summarised from, most specific first."""
    for name in ("summary", "lead", "search_description", "intro", "full_text"):
        value = getattr(page, name, "")
        if value:
            return value
    return ""
