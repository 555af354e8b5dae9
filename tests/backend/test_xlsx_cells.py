"""The fast workbook reader reads every cell as openpyxl does: the example workbook, each
mistake an organiser can make, and a workbook written the way Excel writes one (shared strings
with rich text and phonetic hints, 1904 dates, custom date formats, a hidden sheet)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from zipfile import ZipFile

import pytest
from openpyxl import Workbook

from backend.commands import EXAMPLE_WORKBOOK
from backend.tables import SourceError
from backend.workbook import _openpyxl_sheets, read_workbook
from backend.xlsx_cells import read_sheets
from backend.xlsx_parts import Unsupported
from tests.backend.workbook_mistakes import MISTAKES, with_mistake

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = f"{REL}/worksheet"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
XF = 'fontId="0" fillId="0" borderId="0"'


def override(part: str, kind: str) -> str:
    kind = f"application/vnd.openxmlformats-officedocument.spreadsheetml.{kind}+xml"
    return f'<Override PartName="{part}" ContentType="{kind}"/>'


def same_as_openpyxl(path: Path) -> None:
    fast, slow = read_sheets(path), _openpyxl_sheets(path)
    assert [s.title for s in fast] == [s.title for s in slow]
    for mine, theirs in zip(fast, slow, strict=True):
        assert (mine.sheet_state, sorted(mine.merged)) == (
            theirs.sheet_state,
            sorted(theirs.merged),
        )
        assert mine.rows == theirs.rows, mine.title


def test_read_sheets_example_workbook_as_openpyxl_reads_it() -> None:
    same_as_openpyxl(EXAMPLE_WORKBOOK)


@pytest.mark.parametrize("mistake", MISTAKES, ids=lambda f: f.__name__)
def test_read_sheets_each_mistake_as_openpyxl_reads_it(
    tmp_path: Path, mistake: Callable[[Workbook], str]
) -> None:
    same_as_openpyxl(with_mistake(tmp_path, mistake)[0])


def excel_like(path: Path, sheet: str, extra: str = "") -> None:
    """A workbook as Excel writes one: shared strings, styles, 1904 dates, a hidden sheet."""
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{TYPES}"><Default Extension="rels" ContentType="{RELS_TYPE}"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + override("/xl/workbook.xml", "sheet.main")
            + override("/xl/worksheets/sheet1.xml", "worksheet")
            + override("/xl/worksheets/sheet2.xml", "worksheet")
            + override("/xl/styles.xml", "styles")
            + override("/xl/sharedStrings.xml", "sharedStrings")
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr date1904="1"/><sheets>'
            '<sheet name="Activities" sheetId="1" r:id="rId1"/>'
            '<sheet name="Old" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{SHEET_TYPE}" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{SHEET_TYPE}" Target="/xl/worksheets/sheet2.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="2">'
            '<numFmt numFmtId="164" formatCode="d/mm/yyyy"/>'
            '<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            f'<cellStyleXfs count="1"><xf numFmtId="0" {XF}/></cellStyleXfs>'
            f'<cellXfs count="5"><xf numFmtId="0" {XF} xfId="0"/>'
            f'<xf numFmtId="14" {XF} xfId="0" applyNumberFormat="1"/>'
            f'<xf numFmtId="164" {XF} xfId="0" applyNumberFormat="1"/>'
            f'<xf numFmtId="20" {XF} xfId="0" applyNumberFormat="1"/>'
            f'<xf numFmtId="165" {XF} xfId="0" applyNumberFormat="1"/>'
            "</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{MAIN}" count="5" uniqueCount="5"><si><t>id</t></si>'
            '<si><t xml:space="preserve"> Tom &amp; Jerry </t></si>'
            '<si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r></si>'
            '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si/></sst>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/worksheets/sheet2.xml": (
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
            "</row></sheetData></worksheet>"
        ),
    }
    with ZipFile(path, "w") as book:
        for name, text in parts.items():
            book.writestr(name, text + extra if name == "xl/worksheets/sheet1.xml" else text)


CELLS = (
    f'<worksheet xmlns="{MAIN}"><dimension ref="A1:H4"/><sheetData>'
    '<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>'
    '<row r="2"><c r="A2" s="1"><v>45935</v></c><c r="B2" s="2"><v>44473.5</v></c>'
    '<c r="C2" s="3"><v>0.5625</v></c><c r="D2" s="4"><v>1.25</v></c><c r="E2"><v>37.7857</v></c>'
    '<c r="F2"><v>42</v></c><c r="G2" t="b"><v>1</v></c><c r="H2" t="e"><v>#N/A</v></c></row>'
    '<row r="4"><c r="A4" s="1"/><c r="B4"><f>SUM(E2:F2)</f><v>79.7857</v></c>'
    '<c r="C4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D4" t="str"><v>text &lt;3</v></c>'
    '<c r="E4" t="inlineStr"><is><t>inline</t></is></c>'
    '<c r="F4" t="d"><v>2025-10-06T09:30:00</v></c>'
    '</row></sheetData><mergeCells count="1"><mergeCell ref="G4:H4"/></mergeCells>'
    '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1"><formula>1</formula>'
    "</cfRule></conditionalFormatting></worksheet>"
)


def test_read_sheets_excel_written_workbook_as_openpyxl_reads_it(tmp_path: Path) -> None:
    excel_like(tmp_path / "e.xlsx", CELLS)
    same_as_openpyxl(tmp_path / "e.xlsx")
    sheets = read_sheets(tmp_path / "e.xlsx")
    assert [c.value for c in sheets[0].rows[0][:5]] == [
        "id",
        " Tom & Jerry ",
        "Rich text",
        "東京",
        "",
    ]
    assert sheets[1].sheet_state == "hidden"


@pytest.mark.parametrize(
    "sheet",
    [
        CELLS.replace('<c r="A2" s="1">', '<c s="1">'),  # a cell without its reference
        CELLS.replace("<f>SUM(E2:F2)</f>", '<f t="shared" si="0"/>'),  # a shared formula
        re.sub(r"<(/?)(\w)", r"<\1x:\2", CELLS).replace("xmlns=", "xmlns:x="),  # prefixed
        CELLS.replace('<c r="G2" t="b">', '<c t="b" r="G2">'),  # attributes in another order
    ],
    ids=["no reference", "shared formula", "prefixed", "order"],
)
def test_read_sheets_unusual_workbook_is_left_to_openpyxl(tmp_path: Path, sheet: str) -> None:
    excel_like(tmp_path / "u.xlsx", sheet)
    with pytest.raises(Unsupported):
        read_sheets(tmp_path / "u.xlsx")
    errors: list[SourceError] = []  # openpyxl reads it instead
    tables = read_workbook(tmp_path / "u.xlsx", {"activities.csv": ["id"]}, {}, errors)
    assert [row.line for row in tables["activities.csv"].rows] == [2, 4]
    assert not [e for e in errors if "cannot be opened" in str(e)]
