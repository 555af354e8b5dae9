"""Dependencies point down: services/ and backend/ never import flet or views; views do no I/O."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_test_file_imports_another_test_file() -> None:
    """What several test files use lives in a module named for what it does (sources.py,
    published.py, harness.py, ...): importing a test file runs its module-level set-up and
    ties one file's tests to another's."""
    for path in [*(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]:
        test_files = {m for m in _modules_of(path) if m.split(".")[-1].startswith("test_")}
        assert not test_files, (path, sorted(test_files))


def test_services_and_backend_do_not_import_flet_or_views() -> None:
    for folder in ("services", "backend"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not imports_of(path) & {"flet", "flet_web", "flet_map", "views"}, path


def test_client_never_imports_backend() -> None:
    for path in [
        ROOT / "main.py",
        *(ROOT / "services").rglob("*.py"),
        *(ROOT / "views").rglob("*.py"),
    ]:
        assert "backend" not in imports_of(path), path


def test_views_do_no_network_or_file_io() -> None:
    forbidden = {"httpx", "socket", "urllib", "requests", "os", "shutil", "sqlite3"}
    for path in (ROOT / "views").rglob("*.py"):
        assert not imports_of(path) & forbidden, path
        source = path.read_text("utf-8")
        assert "open(" not in source.replace("open_url(", ""), path
        assert ".read_bytes(" not in source and ".write_text(" not in source, path


SCREEN_SUPPORT = {
    "__init__",
    "shell",
    "session_sync",
    "session_sign_in",
    "session_clock",
    "session_routes",
    "session_tasks",
    "background",
    "context",
    "routes",
    "platform",
    "screens",
}


def _modules_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_screen_imports_another_screen_and_components_import_no_screen() -> None:
    screens = {p.stem for p in (ROOT / "views").glob("*.py")} - SCREEN_SUPPORT
    screen_modules = {f"views.{name}" for name in screens}
    for path in [*(ROOT / "views").glob("*.py"), *(ROOT / "views" / "components").glob("*.py")]:
        if path.stem in SCREEN_SUPPORT and path.parent.name == "views" and path.stem != "shell":
            continue  # the registry (screens.py) is where screens are listed
        assert not _modules_of(path) & screen_modules, path


def test_renders_change_nothing_only_the_shell_marks_items_seen() -> None:
    for path in (ROOT / "views").rglob("*.py"):
        if path.name != "shell.py":
            assert "mark_seen" not in path.read_text("utf-8"), path


def test_store_document_names_live_with_the_store() -> None:
    for folder in ("services", "views", "backend"):
        for path in (ROOT / folder).rglob("*.py"):
            if path != ROOT / "services" / "store.py":
                source = path.read_text("utf-8")
                assert '"delegate-' not in source and '.unit"' not in source, path


def test_only_sync_and_the_feeds_registry_touch_the_feed_client() -> None:
    allowed = {"feed_client.py", "sync.py", "feeds.py"}
    for path in (ROOT / "services").rglob("*.py"):
        if path.name not in allowed:
            assert "services.feed_client" not in _modules_of(path), path


def test_hosting_serves_the_app_without_views() -> None:
    for path in (ROOT / "hosting").rglob("*.py"):
        assert not {m.split(".")[0] for m in _modules_of(path)} & {"views", "backend"}, path


def test_screens_are_redrawn_never_patched_in_place() -> None:
    """The shell's View is frozen (views/shell.py render): Flet diffs each new drawing against
    the last one, and `control.update()` on a drawn control raises. Change state, then redraw
    (`ctx.act.refresh()`); only the shell updates the page."""
    for path in (ROOT / "views").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr == "update" and not node.args:
                owner = ast.unparse(node.func.value)
                assert owner == "self.page" and path.name == "shell.py", (path, owner)


DRAWN_PROPS = {"value", "error", "visible", "disabled", "selected", "selected_index", "controls",
               "content", "label", "color", "bgcolor", "opacity", "width", "height"}  # fmt: skip


def test_event_handlers_never_set_properties_of_drawn_controls() -> None:
    """A handler (a function inside a screen's function) that sets `field.error = …` on a drawn,
    frozen control crashes the session: it must change state and redraw instead."""
    for path in (ROOT / "views").rglob("*.py"):
        for outer in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(outer):
                if inner is outer or not isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(inner):
                    targets = node.targets if isinstance(node, ast.Assign) else []
                    for target in targets:
                        if isinstance(target, ast.Attribute) and target.attr in DRAWN_PROPS:
                            raise AssertionError(f"{path}: {ast.unparse(target)} in {inner.name}")


def test_backend_outside_the_console_never_imports_it() -> None:
    """The console is one front end of the backend, as the command line is: what both use
    (backend.undo, what a rollback would serve) lives beside them, not in the console. Only
    the command line's entry points start the console or borrow its port check."""
    entry_points = {"__main__.py", "commands.py"}
    for path in (ROOT / "backend").glob("*.py"):
        if path.name not in entry_points:
            assert not any(m.startswith("backend.console") for m in _modules_of(path)), path
