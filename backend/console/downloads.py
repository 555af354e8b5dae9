"""The console's downloads: the invites CSV, the same with every QR code in a ZIP, and the
workbooks to start from (the empty template, the example mission)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from starlette.responses import FileResponse, Response

from backend.template import write_workbook


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


def workbook(path: Path, name: str) -> Response:
    """An .xlsx to start from: the empty template or the example mission."""
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return FileResponse(path, media_type=media, filename=name)


def empty_template(folder: Path) -> Response:
    """The empty template (backend.template), made once per console in `folder`."""
    path = folder / "mission-template.xlsx"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_workbook(path)
    return workbook(path, "mission-template.xlsx")
