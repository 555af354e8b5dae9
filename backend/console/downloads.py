"""The console's downloads: the invites CSV, the same as an Excel workbook (a Belgian Excel
reads a CSV's commas as one column), the CSV with every QR code in a ZIP, and the workbooks to
start from (the empty template, the example mission)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from backend.commands import EXAMPLE_WORKBOOK
from backend.console.pages import language
from backend.template import workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_routes(signed_in: Callable[[Request], bool], invites: Path) -> list[Route]:
    """Each download, for a signed-in organiser only: anyone else (signed out since the page
    was drawn, the console restarted, a link opened in another browser) is led to the sign-in
    page, in their language, not to a bare error."""
    made: dict[str, Callable[[], Response]] = {
        "/invites.csv": lambda: invites_csv(invites),
        "/invites.xlsx": lambda: invites_xlsx(invites),
        "/invites.zip": lambda: invites_zip(invites),
        "/template.xlsx": empty_template,
        "/example.xlsx": lambda: workbook(EXAMPLE_WORKBOOK, EXAMPLE_WORKBOOK.name),
    }

    def route(path: str, make: Callable[[], Response]) -> Route:
        async def download(request: Request) -> Response:
            if not signed_in(request):
                return RedirectResponse(f"/?lang={language(request)}", status_code=303)
            made = await run_in_threadpool(make)
            if made.status_code == 404:  # no invites yet: said on the home page, not 'Not found'
                return RedirectResponse(f"/?done=no-invites&lang={language(request)}", 303)
            return made

        return Route(path, download)

    return [route(path, make) for path, make in made.items()]


def not_found() -> Response:
    return Response("Not found", 404)


def invites_csv(folder: Path) -> Response:
    path = folder / "invites.csv"
    if not path.exists():
        return not_found()
    return FileResponse(path, media_type="text/csv", filename="invites.csv")


def invites_xlsx(folder: Path) -> Response:
    path = folder / "invites.csv"
    if not path.exists():
        return not_found()
    headers = {"Content-Disposition": 'attachment; filename="invites.xlsx"'}
    return Response(as_workbook(path.read_text("utf-8-sig")), media_type=XLSX, headers=headers)


def as_workbook(text: str) -> bytes:
    """The CSV's rows in one sheet, each cell text as it is: a name typed as '=…' stays a name,
    never a formula Excel would run."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Invites")
    for row in csv.reader(io.StringIO(text)):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
    """An .xlsx to start from: the example mission."""
    return FileResponse(path, media_type=XLSX, filename=name)


def empty_template() -> Response:
    """The empty template (backend.template) of the code that runs: made once per process in
    memory, never a file an earlier version of the console left on disk."""
    headers = {"Content-Disposition": 'attachment; filename="mission-template.xlsx"'}
    return Response(_template(), media_type=XLSX, headers=headers)


@cache
def _template() -> bytes:
    return workbook_bytes()[0]
