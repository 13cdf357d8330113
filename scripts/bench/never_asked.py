"""Registry filters nobody asked for before: drawn at random while the bench runs, from a seed
the run prints (os.urandom unless --seed repeats a run), and never handed out twice in a run,
so no answer computed earlier in the run (warm-up, query count, another row) can serve one."""

import os


def new_seed():
    return int.from_bytes(os.urandom(8), "big")


class NeverAsked:
    """Filter-only listing URLs: type, authority, year, and a legal field or none."""

    def __init__(self, rng, type_ids, authority_ids, field_ids, years):
        self.rng = rng
        self.type_ids, self.authority_ids = list(type_ids), list(authority_ids)
        self.field_ids, self.years = [None, *field_ids], list(years)
        self.size = (
            len(self.type_ids) * len(self.authority_ids) * len(self.field_ids) * len(self.years)
        )
        self.asked = set()

    def draw(self, count):
        """`count` URLs none of which this run has drawn before."""
        if len(self.asked) + count > self.size:
            raise SystemExit(
                f"only {self.size - len(self.asked)} filter combinations left, {count} wanted"
            )
        urls = []
        while len(urls) < count:
            combination = (
                self.rng.choice(self.type_ids),
                self.rng.choice(self.authority_ids),
                self.rng.choice(self.years),
                self.rng.choice(self.field_ids),
            )
            if combination in self.asked:
                continue
            self.asked.add(combination)
            kind, authority, year, field = combination
            url = f"/van-ban/?loai={kind}&co_quan={authority}&nam={year}"
            urls.append(url + (f"&linh_vuc={field}" if field else ""))
        return urls
