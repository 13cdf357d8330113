"""The site's own operating regulation (a Markdown file next to the agency profile, lightly
marked up) turned into rich-text HTML."""

import html
import re


def _inline(text):
    text = html.escape(text, quote=False)
    # Markdown's <https://...>: a link, not the address in angle brackets.
    text = re.sub(r"&lt;(https?://[^\s&]+)&gt;", r'<a href="\1">\1</a>', text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


def regulation_html(source):
    parts, items = [], []
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.strip().replace("****", "** **")
        if line.startswith("- "):
            items.append(f"<li>{_inline(line[2:])}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if not line:
            continue
        heading = re.match(r"^#+\s*(.+)$", line)
        if heading:
            parts.append(
                f"<h3>{_inline(heading.group(1)).replace('<b>', '').replace('</b>', '')}</h3>"
            )
        else:
            parts.append(f"<p>{_inline(line)}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)
