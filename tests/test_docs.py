"""The README stays short and points at the docs, and the docs name only files that exist,
so a newcomer following them never lands on a path that was moved."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [
    "docs/architecture.md",
    "docs/operations.md",
    "docs/benchmarks.md",
    "docs/features.md",
    "docs/deployment.md",
]
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")
PATH = re.compile(r"`([\w.-]+(?:/[\w.-]+)+\.(?:py|md|json|sh|css|toml|html))`")


def test_readme_is_short_and_links_every_doc():
    readme = (ROOT / "README.md").read_text()
    assert len(readme.splitlines()) < 250
    assert readme.startswith("# ")
    assert "make run" in readme.split("\n## ", 2)[1] and "make test" in readme
    for doc in DOCS:
        assert f"]({doc})" in readme, doc


def test_links_and_paths_in_the_docs_exist():
    missing = []
    for name in ["README.md", *DOCS]:
        text = (ROOT / name).read_text()
        base = (ROOT / name).parent
        for target in LINK.findall(text):
            if not target.startswith("http") and not (base / target).exists():
                missing.append(f"{name}: {target}")
        for path in PATH.findall(text):
            # Only what a clone holds: a path outside the repository is missing on a new machine.
            if path.startswith("../") or not ((ROOT / path).exists() or (base / path).exists()):
                missing.append(f"{name}: {path}")
    assert missing == []
