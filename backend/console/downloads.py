"""The welcome pack's downloads: the invites CSV, and the same with every QR code in a ZIP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from starlette.responses import FileResponse, Response


def not_found() -> Response:
    return Response("Not found", 404)


def invites_csv(folder: Path) -> Response:
    path = folder / "invites.csv"
    if not path.exists():
        return not_found()
    return FileResponse(path, media_type="text/csv", filename="invites.csv")


def invites_zip(folder: Path) -> Response:
    if not (folder / "invites.csv").exists():
        return not_found()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(folder / "invites.csv", "invites.csv")
        for png in sorted((folder / "qr").glob("*.png")):
            archive.write(png, f"qr/{png.name}")
    headers = {"Content-Disposition": 'attachment; filename="invites.zip"'}
    return Response(buffer.getvalue(), media_type="application/zip", headers=headers)
