"""The parts of an .xlsx workbook around its cells: which sheets it has and where, which cell
styles are dates, and its shared strings (backend.xlsx_cells reads the cells). Anything written
another way than Excel and openpyxl write it raises `Unsupported`."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from xml.etree.ElementTree import parse
from zipfile import ZipFile

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_DEFAULT_NS = re.compile(rb'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
_SI = re.compile(rb"<si>(.*?)</si>|<si/>", re.DOTALL)
_T = re.compile(rb"<t\b[^>]*>(.*?)</t>", re.DOTALL)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)


class Unsupported(Exception):
    """Something this reader does not read: use openpyxl."""


def text(inner: bytes) -> str:
    """A shared or inline string's XML: its text and its runs' text, not phonetic hints."""
    if inner.startswith(b"<t>") and inner.endswith(b"</t>") and inner.count(b"<") == 2:
        text = inner[3:-4].decode()  # most strings
        return unescape(text) if "&" in text else text
    if b"<rPh" in inner:
        inner = _PHONETIC.sub(b"", inner)
    return unescape(b"".join(_T.findall(inner)).decode())


def shared_strings(book: ZipFile) -> list[str]:
    data = plain(book.read("xl/sharedStrings.xml"))
    return [text(inner or b"") for inner in _SI.findall(data)]


def plain(data: bytes) -> bytes:
    """`data` if it is written the plain way (the main namespace unprefixed, no CDATA)."""
    if b"<![CDATA[" in data or not _DEFAULT_NS.search(data[:2000]):
        raise Unsupported("prefixed or CDATA XML")
    return data


def date_styles(book: ZipFile) -> tuple[set[int], set[int]]:
    """The cell styles whose number format is a date or time, and those that are a duration."""
    with book.open("xl/styles.xml") as stream:
        root = parse(stream).getroot()
    custom = {
        int(f.get("numFmtId", "-1")): f.get("formatCode", "") for f in root.iter(f"{MAIN}numFmt")
    }
    xfs = root.find(f"{MAIN}cellXfs")
    dates, spans = set(), set()
    for index, xf in enumerate(xfs if xfs is not None else []):
        number = int(xf.get("numFmtId", "0"))
        code = custom.get(number, BUILTIN_FORMATS.get(number, "General"))
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            spans.add(index)
    return dates, spans


def sheets_of(book: ZipFile) -> tuple[object, list[tuple[str, str, str]]]:
    with book.open("xl/_rels/workbook.xml.rels") as stream:
        rels = parse(stream).getroot()
    targets = {
        r.get("Id"): r.get("Target", "")
        for r in rels.iter(f"{RELS}Relationship")
        if r.get("Type", "").endswith("/worksheet")
    }
    with book.open("xl/workbook.xml") as stream:
        root = parse(stream).getroot()
    properties = root.find(f"{MAIN}workbookPr")
    mac = properties is not None and properties.get("date1904") in ("1", "true")
    sheets = []
    for sheet in root.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{DOC_RELS}id"))
        if target is None:
            continue  # a chart sheet: openpyxl leaves it out of `worksheets` too
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        sheets.append(
            (sheet.get("name", ""), sheet.get("state", "visible"), posixpath.normpath(part))
        )
    return (MAC_EPOCH if mac else WINDOWS_EPOCH), sheets
