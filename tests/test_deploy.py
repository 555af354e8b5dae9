"""The nginx configs in deploy/, filled in as the README says: `nginx -t` passes without a
warning (an operator reads a warning as something to fix)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.backend.servers import NGINX, filled

FILLS = {
    "nginx.conf": {"@ROOT@": "/srv/feed/current"},
    "nginx-app.conf": {
        "@CLIENT@": "/srv/delegate/client",
        "@UPSTREAMS@": "server 127.0.0.1:8551; server 127.0.0.1:8552;",
    },
}


@pytest.mark.parametrize("config", sorted(FILLS))
def test_deploy_config_filled_in_tests_without_warnings(tmp_path: Path, config: str) -> None:
    conf = filled(config, {**FILLS[config], "@LISTEN@": "127.0.0.1:8080"}, tmp_path)
    assert "@" not in conf.read_text().replace("@missing", ""), "a placeholder left"
    said = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert said.returncode == 0, said.stderr
    assert "[warn]" not in said.stderr and "[emerg]" not in said.stderr, said.stderr
