"""The console's pages drawn from its templates, in the reader's language: any page, the result of a
check or publish, and a publish that could not write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from backend import sources
from backend.console.access import csrf_token, remember_csrf
from backend.console.uploads import label
from backend.preview import MAX_DROP
from backend.publish import Report
from backend.tables import SourceError
from backend.wording import describe, not_published, refusal
from backend.write_failure import WriteFailure, sentence, upload_sentence
from services.i18n import Translator, pick_language
from services.models import LANGS
from services.said import said, say

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def page(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    lang = language(request)
    words = Translator(lang)
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "_": words.gettext,
            "ngettext": words.ngettext,
            "lang": lang,
            "langs": LANGS,
            "csrf": csrf_token(request),
            "switch": _switch(request, str(context.get("upload") or "")),
            **context,
        },
        status_code=status,
    )
    remember_csrf(request, response)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie("lang", lang, samesite="strict")
    return response


def _switch(request: Request, upload: str) -> str:
    """Where the language links lead, up to their `lang=`: the answer to a form (a POST) has no
    URL of its own, so the kept upload checked again there (a GET that never publishes), or
    the home page; any other page, itself."""
    if upload:
        return f"{request.url.path}?{urlencode({'upload': upload})}&"
    return "/?" if request.method == "POST" else "?"


def result(
    request: Request, report: Report, upload_id: str, name: str, pressed: bool = False
) -> Response:
    """A check's errors, or its preview with the Publish button (and the guard's refusal; when
    Publish was `pressed`, first on the page that nothing went out)."""
    lang = language(request)
    words = Translator(lang)
    preview = report.preview
    lines = describe(preview, words.gettext, words.ngettext, lang) if preview else []
    refused = stopped = ""
    blocked = preview is not None and preview.other_secret  # no box publishes over it
    if preview is not None and report.refusal:
        refused = refusal(preview, MAX_DROP, words.gettext, words.ngettext, console=True)
        stopped = not_published(preview, MAX_DROP, words.gettext) if pressed else ""
    status = 422 if report.errors else 200
    kept = f"{upload_id}.xlsx"  # a problem with the whole file names it as the organiser did
    groups: dict[str, list[str]] = {}  # by sheet (or file), in the order they come
    for e in report.errors:
        e = replace(e, file=name or "?") if e.file == kept else e
        groups.setdefault(e.file, []).append(say(e.sentence(), words.gettext))
    errors = [text for texts in groups.values() for text in texts]
    return page(
        request, "result.html", status, errors=errors, groups=list(groups.items()),
        lines=lines, refused=refused, upload=upload_id, filename=name, base=report.base,
        unchanged=report.unchanged, stopped=stopped, blocked=blocked,
    )  # fmt: skip


def not_a_workbook(request: Request, filename: str) -> Response:
    """An upload the console does not read (.ods, .xls, .csv...): why, and how to save it so
    that it does, in the words the command line uses (backend.sources)."""
    why = sources.not_a_workbook(filename) or said(
        "is not an Excel workbook (.xlsx): in Excel, choose File, Save As, and the type Excel"
        " Workbook (.xlsx); then use that file"
    )
    problem = SourceError(label(filename), 0, why)
    other = say(problem.sentence(), Translator(language(request)).gettext)
    return page(request, "result.html", 400, missing_file=True, other=other)


def failed(
    request: Request, failure: WriteFailure, action: str, upload: str, filename: str = ""
) -> Response:
    """`action` ("upload", "publish" or "rollback") could not write: say what is live and what
    to do, in the reader's language (507: the disk is full). The kept `upload` can be checked
    and published again."""
    words = Translator(language(request)).gettext
    if action == "upload":
        text = upload_sentence(failure, words)
    else:
        text = sentence(failure, action, words)
    status = 507 if failure.full else 500
    return page(
        request, "result.html", status, errors=[], failure=text, reason=failure.reason,
        upload=upload, filename=filename,
    )  # fmt: skip


def language(request: Request) -> Any:
    asked = request.query_params.get("lang") or request.cookies.get("lang")
    if asked in LANGS:
        return asked
    header = request.headers.get("accept-language", "")
    return pick_language(part.split(";")[0].strip() for part in header.split(","))
