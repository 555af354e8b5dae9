"""Who may use the console: a password, a session cookie, and a CSRF token in every form.

Every visitor gets a random `csrf` cookie; each form carries the same value in a hidden field
and a POST whose field does not match is refused (double submit). Cookies are HttpOnly and
SameSite=Strict. Sessions live in memory: restarting the console signs everyone out.
"""

from __future__ import annotations

import hmac
import secrets
import time

from starlette.requests import Request
from starlette.responses import Response

SESSION_COOKIE = "console_session"
CSRF_COOKIE = "console_csrf"
SESSION_SECONDS = 12 * 3600


class Access:
    def __init__(self, password: str) -> None:
        self._password = password.encode()
        self._sessions: dict[str, float] = {}

    def password_ok(self, typed: str) -> bool:
        return hmac.compare_digest(typed.encode(), self._password)

    def signed_in(self, request: Request) -> bool:
        started = self._sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        return started is not None and time.monotonic() - started < SESSION_SECONDS

    def sign_in(self, response: Response) -> None:
        session = secrets.token_urlsafe(32)
        self._sessions[session] = time.monotonic()
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict")

    def sign_out(self, request: Request, response: Response) -> None:
        self._sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        response.delete_cookie(SESSION_COOKIE)


def csrf_token(request: Request) -> str:
    """The visitor's token (a new one if the cookie is missing; `remember_csrf` sets it)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf", None)
    if not token:
        token = secrets.token_urlsafe(32)
        request.state.csrf = token
    return str(token)


def remember_csrf(request: Request, response: Response) -> None:
    if CSRF_COOKIE not in request.cookies:
        response.set_cookie(CSRF_COOKIE, csrf_token(request), httponly=True, samesite="strict")


def csrf_ok(request: Request, sent: object) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and isinstance(sent, str) and hmac.compare_digest(cookie, sent)
