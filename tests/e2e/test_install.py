"""Installable: our manifest and worker pass Chromium's own installability check; the first
visit comes compressed and asks nothing of any other host."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Response, sync_playwright

from tests.e2e.browser import CHROMIUM, FLAGS, VIEWPORT, enable_semantics


def test_chromium_considers_the_app_installable_and_loads_it_compressed(
    app_url: str, tmp_path: Path
) -> None:
    responses: list[Response] = []
    left: list[str] = []  # requests that went out on the network (CSP-blocked ones never do)
    with sync_playwright() as pw:
        # a persistent profile: Chromium never offers to install from an incognito one
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport=VIEWPORT,
        )
        try:
            page = context.new_page()
            page.on("response", lambda response: responses.append(response))
            context.on("requestfinished", lambda request: left.append(request.url))
            context.on(
                "requestfailed",
                lambda request: None if request.failure == "csp" else left.append(request.url),
            )
            page.add_init_script(
                "addEventListener('flutter-first-frame', () => { window.__first = true; });"
            )
            page.goto(app_url)
            page.wait_for_function("window.__first === true", timeout=60000)
            enable_semantics(page)
            cdp = context.new_cdp_session(page)
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            manifest = cdp.send("Page.getAppManifest")
            worker = page.evaluate("navigator.serviceWorker.controller?.scriptURL ?? ''")
        finally:
            context.close()
    assert errors == [] and manifest["errors"] == []
    assert "flutter_service_worker.js" in worker
    app_host = urlsplit(app_url).netloc
    hosts = {urlsplit(u).netloc for u in left if not u.startswith(("data:", "blob:"))}
    assert hosts == {app_host}, left
    big = [r for r in responses if r.url.endswith((".wasm", ".otf", ".mjs"))]
    assert big and all(r.headers.get("content-encoding") == "br" for r in big), [
        (r.url, r.headers.get("content-encoding")) for r in big
    ]
