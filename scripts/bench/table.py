"""The table `make bench` prints: every row of the portal as requests/s, p50 / p99 and two ratios
that carry from one machine to the next, to the static file served by the same server in the
same mode (the ceiling of the stack) and to the comparable row of a stock Wagtail site served
the same way (scripts/bench/peer.py); then each row's requests against its distinct URLs, and
the issue's targets, met or not met. Only formatting here: no server, no Django."""

FIRST_VISIT = "listing (filters never asked before)"
STATIC = "static file (ceiling)"
BARE = "bare child page"
HOME_LISTING = "home listing 30 children"
PEER_ROWS = [BARE, HOME_LISTING, STATIC]
# Which stock page each portal page is held against: pages that list others against the home
# page listing 30 children, pages of one item against a bare child page.
PEER_OF = {
    "home": HOME_LISTING,
    "section": HOME_LISTING,
    "article": BARE,
    "listing + filters": HOME_LISTING,
    FIRST_VISIT: HOME_LISTING,
    "legal document": BARE,
}
# Rows that ask each URL at most once in a mode, so no per-URL cache can carry them; the
# others are asked before on purpose, as a running site's popular pages are.
DISTINCT = {(FIRST_VISIT, "uncached"), ("legal document", "uncached"), (BARE, "stock")}

CACHED_TARGET = 0.8  # the application's page cache against a static file from the same server
DOCUMENT_TARGET = 1.0  # the uncached legal document against the bare stock page
FIRST_VISIT_TARGET = 100  # req/s, filter-only listing never asked before


def peer_of(row):
    return PEER_OF.get(row, HOME_LISTING if row.startswith("search") else None)


def ratio(value, reference):
    return f"{value / reference:.2f}×" if value is not None and reference else "–"


def rate(result):
    return result.rate if result else None


def cells(result, static, stock):
    if not result:
        return ["–", "–", "–", "–"]
    return [
        f"{result.rate:,.0f}",
        f"{result.p50:.1f} / {result.p99:.1f}",
        ratio(result.rate, rate(static)),
        ratio(result.rate, rate(stock)),
    ]


def main_table(rows, modes, results, queries, peer):
    """Markdown lines: one row per page, per mode its rate, latency and both ratios."""
    head = ["page", "SQL queries"]
    for mode in modes:
        head += [f"{mode} req/s", f"{mode} p50 / p99", "× static", "× stock"]
    lines = ["| " + " | ".join(head) + " |", "| --- |" + " ---: |" * (len(head) - 1)]
    for row in rows:
        line = [f"{row} (stock: {peer_of(row) or '–'})", str(queries.get(row, ""))]
        for mode in modes:
            stock = peer.get(peer_of(row))
            line += cells(results.get((row, mode)), results.get((STATIC, mode)), stock)
        lines.append("| " + " | ".join(line) + " |")
    line = [STATIC, "0"]
    for mode in modes:
        line += cells(results.get((STATIC, mode)), results.get((STATIC, mode)), peer.get(STATIC))
    lines.append("| " + " | ".join(line) + " |")
    return lines


def peer_table(peer):
    lines = [
        "| stock Wagtail page | req/s | p50 / p99 | × its static file |",
        "| --- |" + " ---: |" * 3,
    ]
    for row in PEER_ROWS:
        result = peer.get(row)
        if result:
            lines.append(
                f"| {row} | {result.rate:,.0f} | {result.p50:.1f} / {result.p99:.1f} "
                f"| {ratio(result.rate, rate(peer.get(STATIC)))} |"
            )
    return lines


def spread_lines(measured):
    """(lines, repeated rows): requests made against distinct URLs for each (row, mode)."""
    lines, repeated = [], []
    for (row, mode), result in measured.items():
        must = (row, mode) in DISTINCT
        flag = ""
        if must and result.repeated:
            flag = f" — REPEATED {result.repeated} URLs: this row is not uncached"
            repeated.append(f"{row}, {mode}")
        lines.append(
            f"- {row}, {mode}: {result.requests:,} requests, {result.urls:,} distinct URLs"
            + (" (each at most once)" if must and not result.repeated else "")
            + flag
        )
    return lines, repeated


def verdict(met):
    return "met" if met else "NOT MET"


def target_lines(results, peer, soak, cached_rows):
    """The issue's targets, each with the figure that decides it."""
    lines = []
    static = rate(results.get((STATIC, "cached")))
    shares = [results[row, "cached"].rate / static for row in cached_rows if static]
    if shares:
        low, high = min(shares), max(shares)
        span = f"{low:.2f}×" if low == high else f"{low:.2f}–{high:.2f}×"
        lines.append(
            f"- application page cache ≥ {CACHED_TARGET}× the static file from the same server: "
            f"{span}: {verdict(low >= CACHED_TARGET)}"
        )
    else:
        lines.append(f"- application page cache ≥ {CACHED_TARGET}× the static file: not measured")
    document, bare = results.get(("legal document", "uncached")), peer.get(BARE)
    if document and bare:
        share = document.rate / bare.rate
        lines.append(
            f"- uncached legal document ≥ {DOCUMENT_TARGET}× the bare stock Wagtail page: "
            f"{document.rate:,.0f} / {bare.rate:,.0f} req/s = {share:.2f}×: "
            f"{verdict(share >= DOCUMENT_TARGET)}"
        )
    else:
        lines.append(
            f"- uncached legal document ≥ {DOCUMENT_TARGET}× the bare stock page: not measured"
        )
    first = results.get((FIRST_VISIT, "uncached"))
    if first:
        lines.append(
            f"- filter-only listing never asked ≥ {FIRST_VISIT_TARGET} req/s: "
            f"{first.rate:,.0f} req/s: {verdict(first.rate >= FIRST_VISIT_TARGET)}"
        )
    else:
        lines.append(
            f"- filter-only listing never asked ≥ {FIRST_VISIT_TARGET} req/s: not measured"
        )
    if soak:
        lines.append(f"- 0 errors in the soak: {soak.errors} errors: {verdict(soak.errors == 0)}")
    else:
        lines.append("- 0 errors in the soak: not measured")
    return lines
