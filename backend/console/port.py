"""Whether the console (or `backend serve`) can listen where it was asked to, checked before it
says it started."""

from __future__ import annotations

import errno
import socket


def port_problem(host: str, port: int, who: str = "the console") -> str:
    """Why `who` cannot listen on `host`:`port`, as one sentence; "" when it can (bound and let
    go at once, as the server binds it: another program that holds it is found)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError, OverflowError):
        return f"--host {host} is not an address of this machine: leave it out for 127.0.0.1"
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            return _said(host, port, exc, who)
    return ""


def _said(host: str, port: int, exc: OSError, who: str) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use: choose another with --port"
    if exc.errno == errno.EACCES:
        return f"port {port} needs administrator rights: choose one above 1024 with --port"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"--host {host} is not an address of this machine: leave it out for 127.0.0.1"
    return f"{who} cannot listen on {host}:{port} ({exc.strerror or exc})"
