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
