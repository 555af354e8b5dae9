"""Where one person's settings live: a file natively, the browser's storage on the web."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from services.atomic import write_atomically


class KeyValue(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...


class FileKeyValue:
    """A JSON object in one file, written atomically; for the native app and for tests."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            value = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {k: v for k, v in value.items() if isinstance(v, str)}
            if isinstance(value, dict)
            else {}
        )

    async def get(self, key: str) -> str | None:
        return self._read().get(key)

    async def set(self, key: str, value: str) -> None:
        values = self._read()
        values[key] = value
        write_atomically(self.path, json.dumps(values, ensure_ascii=False).encode())
