"""Names of authorities, document types and fields as exchange files write them.

A file from outside writes "UBND tỉnh Hà Giang" for "Ủy ban nhân dân tỉnh Hà Giang", "Sở
Y tế" for "Sở Y tế Hà Giang", with or without marks, in NFD. Each known entry is
found under several keys: its name, its abbreviation and the aliases the board keeps, each
folded (no marks, đ = d, case and punctuation ignored), with the usual administrative
abbreviations spelled out, and once more without the province its own names carry. A key
that two entries share finds neither, so a guess never picks the wrong authority."""

import difflib
import re

from legal_docs.numbering import fold

# What files abbreviate in the names of state bodies, spelled out.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubtvqh": "uy ban thuong vu quoc hoi",
    "tp": "thanh pho",
    "ttg": "thu tuong chinh phu",
}
PLACE_WORDS = ("tinh", "thanh pho")


def words(text):
    folded = re.sub(r"[^0-9a-z]+", " ", fold(text or ""))
    return " ".join(ABBREVIATIONS.get(word, word) for word in folded.split())


class NameIndex:
    """Entries of one taxonomy by every key they answer to; `find` or `suggest`."""

    def __init__(self, entries, abbreviations=True):
        self.entries = list(entries)
        names = [words(entry.name) for entry in self.entries]
        # The places the registry's own names carry ("... tỉnh Hà Giang" gives "ha giang"),
        # so "Sở Y tế" finds "Sở Y tế Hà Giang" and never another province's office.
        self.places = {
            name.split(f" {word} ", 1)[1]
            for name in names
            for word in PLACE_WORDS
            if f" {word} " in name
        }
        exact, short = {}, {}
        for entry, name in zip(self.entries, names, strict=True):
            keys = {name, *(words(alias) for alias in entry.alias_list)}
            if abbreviations and entry.abbreviation:
                keys.add(words(entry.abbreviation))
            for key in keys - {""}:
                exact.setdefault(key, set()).add(entry)
                stripped = self.without_place(key)
                if stripped != key:
                    short.setdefault(stripped, set()).add(entry)
        self.exact = {key: found for key, found in exact.items()}
        self.short = short

    def without_place(self, key):
        for place in self.places:
            for suffix in (*(f" {word} {place}" for word in PLACE_WORDS), f" {place}"):
                if key.endswith(suffix) and len(key) > len(suffix):
                    return key[: -len(suffix)]
        return key

    def find(self, value):
        """The one entry `value` names, or None (unknown or ambiguous)."""
        key = words(value)
        if not key:
            return None
        for candidates in (
            self.exact.get(key),
            self.short.get(key),
            self.exact.get(self.without_place(key)),
            self.short.get(self.without_place(key)),
        ):
            if candidates and len(candidates) == 1:
                return next(iter(candidates))
            if candidates:
                return None  # two entries answer to it: ask the file to say which
        return None

    def suggest(self, value, limit=3):
        """Known entries whose names are closest to `value`, best first."""
        key = words(value)
        scored = []
        for entry in self.entries:
            keys = [words(entry.name), *(words(alias) for alias in entry.alias_list)]
            if getattr(entry, "abbreviation", ""):
                keys.append(words(entry.abbreviation))
            score = max(
                # One name inside the other counts as close, unless the shorter is a mere
                # letter or two ("L" for Luật is inside most names).
                1.0
                if min(len(key), len(candidate)) > 2 and (key in candidate or candidate in key)
                else difflib.SequenceMatcher(None, key, candidate).ratio()
                for candidate in keys
                if candidate
            )
            if score >= 0.6:
                scored.append((score, entry))
        scored.sort(key=lambda pair: -pair[0])
        # Only the near-best: "Sở Y tế tỉnh Quảng Bình" suggests the other Sở Y tế, not
        # every body whose name ends in the same province.
        best = scored[0][0] if scored else 0
        return [entry for score, entry in scored[:limit] if score >= best - 0.1]
