"""The Flutter client's files as this app serves them: Flet's web build with our index, manifest,
icons and service worker on top, and brotli/gzip twins made once and kept on disk.

Lookup order: generated files (index.html, manifest, worker), assets/web, assets/, Flet's web
build. `export` writes the same tree, twins included, for nginx to serve from disk.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import secrets
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import brotli
from flet.controls.types import RouteUrlStrategy, WebRenderer
from flet_web import get_package_web_dir, patch_font_manifest_json, patch_index_html

from services.offline_notice import offline_notice_texts

APP_NAME = "Delegate Companion"
# Not used by the server-driven client: Python-in-the-browser runtime and debug symbols.
SKIPPED = re.compile(r"^(pyodide/|python.*\.js$)|\.(map|symbols)$")
COMPRESSIBLE = {".js", ".mjs", ".wasm", ".json", ".html", ".otf", ".ttf", ".css", ".svg", ".bin"}
MIN_SIZE = 512
# Nothing leaves for another host: Flutter's engine names a CDN (rive_native) that this blocks.
# 'unsafe-eval' lets test drivers evaluate scripts; it allows no other origin.
POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; "
    "worker-src 'self' blob:; connect-src 'self' blob: data:; img-src 'self' data: blob:; "
    "font-src 'self' data:; style-src 'self' 'unsafe-inline'; manifest-src 'self'; "
    "base-uri 'self'; form-action 'none'"
)
BROTLI_QUALITY = 5  # within 10 % of the best on the wasm files, 70x faster than quality 11


def worker_version(web: Path) -> str:
    """The `v` Flutter's loader puts on flutter_service_worker.js: we register the same URL."""
    found = re.search(
        r'serviceWorkerVersion:\s*"(\d+)"', (web / "flutter_bootstrap.js").read_text()
    )
    return found.group(1) if found else "0"


def _notice() -> str:
    """The offline notice's sentences (services.offline_notice), for an HTML attribute."""
    return html.escape(json.dumps(offline_notice_texts(), ensure_ascii=False), quote=True)


MADE = ("index.html", "flutter_service_worker.js", "assets/FontManifest.json")


class ClientFiles:
    """Resolves request paths to files and keeps their compressed twins under `cache`."""

    def __init__(self, assets: Path, cache: Path, base: str = "/") -> None:
        self.web = Path(get_package_web_dir())
        self.assets = assets
        ours = sorted(p for p in (assets / "web").rglob("*") if p.is_file())
        key = hashlib.sha256(str(self.web.resolve()).encode())
        for path in ours:
            key.update(path.name.encode() + path.read_bytes())
        key.update(_notice().encode())  # the catalogs' sentences go into index.html
        self.version = key.hexdigest()[:16]
        self.generated = cache / f"client-{self.version}"
        self.twins = cache / "twins"
        self.roots = [self.generated, assets / "web", assets, self.web]
        self._lock = threading.Lock()
        self._generate(base)

    def _generate(self, base: str) -> None:
        """The files made for this client in a folder of this process's own, then each put in
        place whole: app processes started together (behind nginx) share the cache, and one
        served index.html while another rewrote it ('Response content longer than
        Content-Length': a blank page)."""
        out = self.generated
        work = out.with_name(f".{out.name}-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            self._make(work, base)
            (out / "assets").mkdir(parents=True, exist_ok=True)
            for name in MADE:
                os.replace(work / name, out / name)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _make(self, out: Path, base: str) -> None:
        (out / "assets").mkdir(parents=True, exist_ok=True)
        ours = self.assets / "index.html"  # as with Flet's server, an index in assets/ wins
        shutil.copyfile(ours if ours.exists() else self.web / "index.html", out / "index.html")
        patch_index_html(
            str(out / "index.html"),
            base_href=base,
            websocket_endpoint_path=f"{base.rstrip('/')}/ws",
            app_name=APP_NAME,
            app_description="Your trade mission agenda, maps and contacts, offline.",
            web_renderer=WebRenderer.AUTO,
            route_url_strategy=RouteUrlStrategy.PATH,
            no_cdn=True,
        )
        worker = f"flutter_service_worker.js?v={worker_version(self.web)}"
        index = (out / "index.html").read_text("utf-8")
        index = index.replace("Flet application.", "Delegate Companion")
        index = index.replace(
            "</head>",
            f'  <meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
            f'  <meta name="theme-color" content="#0B5FA5">\n'
            f'  <script src="pocket-bridge.js" data-worker="{worker}"></script>\n'
            f'  <script src="offline-notice.js" data-texts="{_notice()}"></script>\n</head>',
        )
        (out / "index.html").write_text(index, "utf-8")
        source = (self.assets / "web" / "flutter_service_worker.js").read_text("utf-8")
        sw = source.replace("__VERSION__", self.version)
        (out / "flutter_service_worker.js").write_text(sw, "utf-8")
        shutil.copyfile(
            self.web / "assets" / "FontManifest.json", out / "assets" / "FontManifest.json"
        )
        patch_font_manifest_json(str(out / "assets" / "FontManifest.json"))

    def find(self, path: str) -> Path | None:
        """The file for a URL path (no leading slash), or None; never outside the roots."""
        if not path or path.endswith("/"):
            path += "index.html"
        if ".." in path.split("/") or SKIPPED.search(path):
            return None
        for root in self.roots:
            candidate = root / path
            if candidate.is_file():
                return candidate
        return None

    def twin(self, file: Path, encoding: str) -> Path | None:
        """The brotli or gzip twin of `file`, made on first use; None if not worth it."""
        if file.suffix not in COMPRESSIBLE or file.stat().st_size < MIN_SIZE:
            return None
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:32]
        target = self.twins / f"{digest}.{'br' if encoding == 'br' else 'gz'}"
        if target.exists():
            return target
        with self._lock:
            if not target.exists():
                data = file.read_bytes()
                packed = (
                    brotli.compress(data, quality=BROTLI_QUALITY, lgwin=24)
                    if encoding == "br"
                    else gzip.compress(data, compresslevel=6, mtime=0)
                )
                self.twins.mkdir(parents=True, exist_ok=True)
                tmp = target.with_suffix(f".tmp-{os.getpid()}")
                tmp.write_bytes(packed)
                os.replace(tmp, target)
        return target

    def export(self, out: Path, compress: Callable[[str], bool] = lambda _path: True) -> int:
        """Write the whole client (every file once, with .br and .gz twins) for nginx;
        `compress` may limit which paths get twins (tests)."""
        written: set[str] = set()
        for root in self.roots:
            for file in sorted(p for p in root.rglob("*") if p.is_file()):
                relative = file.relative_to(root).as_posix()
                if relative in written or SKIPPED.search(relative) or relative.startswith("web/"):
                    continue
                written.add(relative)
                target = out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
                for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
                    twin = self.twin(file, encoding) if compress(relative) else None
                    if twin is not None:
                        shutil.copyfile(twin, target.with_name(target.name + suffix))
        (out / "client-version.json").write_text(json.dumps({"version": self.version}))
        return len(written)
