"""What the console needs before it starts; anything missing fails with a sentence."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from backend.addresses import address_problem
from backend.tokens import MissingSecret, load_secret

PASSWORD_ENV = "DELEGATE_CONSOLE_PASSWORD"
PASSWORD_FILE_ENV = "DELEGATE_CONSOLE_PASSWORD_FILE"
PUBLIC_URL_ENV = "DELEGATE_PUBLIC_URL"


class ConfigError(RuntimeError):
    """The console cannot start; the message says what to do."""


@dataclass(frozen=True)
class ConsoleConfig:
    out: Path
    secret: bytes
    public_url: str
    password: str
    app_url: str | None = None
    invites: Path | None = None

    @property
    def invites_dir(self) -> Path:
        return self.invites or self.out.parent / f"{self.out.name}-invites"

    @property
    def uploads(self) -> Path:
        return self.out.parent / f".{self.out.name}.uploads"


def load_password(file: str | None) -> str:
    """From --password-file, $DELEGATE_CONSOLE_PASSWORD_FILE or $DELEGATE_CONSOLE_PASSWORD."""
    path = file or os.environ.get(PASSWORD_FILE_ENV)
    password = Path(path).read_text("utf-8").strip() if path else os.environ.get(PASSWORD_ENV, "")
    if len(password) < 10:
        raise ConfigError(
            "The console needs a password of at least 10 characters: put it in a file and pass "
            f"--password-file FILE (or set {PASSWORD_FILE_ENV} or {PASSWORD_ENV})."
        )
    return password


def from_args(args: argparse.Namespace) -> ConsoleConfig:
    public_url = args.public_url or os.environ.get(PUBLIC_URL_ENV, "")
    if not public_url:
        raise ConfigError(
            "Where will delegates fetch the feed? Pass --public-url https://feed.example.org/ "
            f"(or set {PUBLIC_URL_ENV}); invite links are made from it."
        )
    for value, named in ((public_url, "--public-url"), (args.app_url, "--app-url")):
        problem = address_problem(value, named) if value else ""
        if problem:
            raise ConfigError(problem)
    try:
        secret = load_secret(Path(args.secret) if args.secret else None)
    except (MissingSecret, OSError) as exc:
        raise ConfigError(str(exc)) from None
    return ConsoleConfig(
        out=Path(args.out).absolute(),
        secret=secret,
        public_url=public_url,
        password=load_password(args.password_file),
        app_url=args.app_url,
        invites=Path(args.invites) if args.invites else None,
    )
