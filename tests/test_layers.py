"""Imports go down the layers only (docs/architecture.md, Layers): the foundation (portal/core/ and the
portal app's models) imports no app; home imports the foundation; search and workflow the
foundation and home; legal_docs those and search and workflow; consultations the
foundation, home, workflow and legal_docs; subscriptions the foundation, home and legal_docs
(each kind of topic registers itself in the foundation); the rest of portal (settings,
urls, reports, the commands and demo that compose the site) anything. Read from the source
with ast, imports inside functions included, so no import can hide from it. Signals connect
when an app is ready, never on import."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "home",
    "legal_docs",
    "search",
    "workflow",
    "information_requests",
    "consultations",
    "subscriptions",
    "portal",
)
# portal/models.py only names the models of portal/core/models.py for Django, which loads an
# app's models by that name: it belongs to the foundation.
FOUNDATION_MODULES = {"portal.models"}
ALLOWED = {
    "foundation": {"foundation"},
    "home": {"foundation", "home"},
    "search": {"foundation", "home", "search"},
    "workflow": {"foundation", "home", "workflow"},
    "information_requests": {"foundation", "home", "information_requests"},
    "legal_docs": {"foundation", "home", "search", "workflow", "legal_docs"},
    "consultations": {"foundation", "home", "workflow", "legal_docs", "consultations"},
    "subscriptions": {"foundation", "home", "legal_docs", "subscriptions"},
    "top": {
        "foundation",
        "home",
        "search",
        "workflow",
        "legal_docs",
        "information_requests",
        "consultations",
        "subscriptions",
        "top",
    },
}


def layer(module):
    top = module.split(".")[0]
    if top != "portal":
        return top if top in APPS else None
    if module == "portal.core" or module.startswith("portal.core.") or module in FOUNDATION_MODULES:
        return "foundation"
    return "top"


def source_files(root=ROOT):
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name, root=ROOT):
    path = root.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imported(path, tree, root=ROOT):
    """(line, module) for every import of the file; `from portal import cache` names the
    module portal.cache, `from portal.core.cache import x` the module portal.core.cache."""
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + [base]).strip(".")
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield node.lineno, full if is_module(full, root) else base


def edges_against_layers(root=ROOT):
    wrong = []
    for path in source_files(root):
        source = layer(module_name(path, root))
        for line, target in imported(path, ast.parse(path.read_text(), str(path)), root):
            destination = layer(target)
            if destination and destination not in ALLOWED[source]:
                where = path.relative_to(root)
                wrong.append(f"{where}:{line} {source} imports {target} ({destination})")
    return list(dict.fromkeys(wrong))  # `from x import a, b` is one import


def test_imports_go_down_the_layers_only():
    assert edges_against_layers() == []


def test_the_check_sees_a_wrong_import_even_inside_a_function(tmp_path):
    # A home module importing the registry from inside a function, as the code once did, and
    # an app importing the top of portal.
    for name, text in {
        "home/feeds.py": "def items():\n    from legal_docs.models import LegalDocumentPage\n",
        "legal_docs/models.py": "",
        "search/views.py": "from portal import reports\n",
        "portal/reports.py": "",
        "workflow/ok.py": "from home import models\nfrom portal.core import cache\n",
        "home/models.py": "",
        "portal/core/cache.py": "",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert edges_against_layers(tmp_path) == [
        "home/feeds.py:2 home imports legal_docs.models (legal_docs)",
        "search/views.py:1 search imports portal.reports (top)",
    ]


def test_no_import_cycle_between_apps():
    """The layers forbid it already; this says it in so many words for the apps."""
    apps = [app for app in ALLOWED if app != "top"]
    graph = {app: set() for app in apps}
    for path in source_files():
        source = layer(module_name(path))
        if source == "top":
            continue
        for _line, target in imported(path, ast.parse(path.read_text())):
            destination = layer(target)
            if destination not in (None, "top", source):
                graph[source].add(destination)

    def reaches(start, goal, seen=()):
        return any(
            step == goal or (step not in seen and reaches(step, goal, (*seen, step)))
            for step in graph[start]
        )

    assert [app for app in graph if reaches(app, app)] == []


def test_signals_connect_when_an_app_is_ready_not_on_import():
    """No `signal.connect(...)` at module level and no @receiver: every receiver is connected
    from an AppConfig.ready() (directly or through a connect() function it calls)."""
    found = []
    for path in source_files():
        tree = ast.parse(path.read_text())
        for node in tree.body:
            for call in ast.walk(node):
                if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                    break
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "connect"
                ):
                    found.append(f"{path.relative_to(ROOT)}:{call.lineno}")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if getattr(target, "id", getattr(target, "attr", "")) == "receiver":
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} @receiver")
    assert found == []
