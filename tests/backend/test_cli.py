"""The organiser command line (`python -m backend ...`), run in this process on real files:
what it refuses, and that it says what was wrong and where before writing anything."""

from __future__ import annotations

import argparse
import io
import re
import socket
from pathlib import Path

import pytest

from backend.__main__ import main
from backend.commands import EXAMPLE_WORKBOOK
from backend.console.config import ConfigError, from_args
from backend.releases import history
from tests.backend.servers import EXAMPLE
from tests.backend.sources import (
    copy_example,
    edit,
    macro_enabled,
    read_rows,
    remove_maes,
    write_rows,
)


def _secret(tmp_path: Path, text: str = "s" * 40) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(text)
    return path


def _publish(tmp_path: Path, *extra: str, source: Path = EXAMPLE) -> list[str]:
    out, secret = tmp_path / "feed", _secret(tmp_path)
    invites = ["--invites", str(tmp_path / "invites")]
    return ["publish", str(source), str(out), "--secret", str(secret), *invites, *extra]


@pytest.mark.parametrize(
    ("public", "app", "named"),
    [
        ("feed.example.org", "https://app.example.org/", "--public-url 'feed.example.org'"),
        ("https://feed.example.org/", "app.example.org", "--app-url 'app.example.org'"),
        ("ftp://feed.example.org/", None, "starts with ftp://"),
        ("https://", None, "names no host"),
    ],
)
def test_cli_publish_address_without_web_scheme_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], public: str, app: str | None, named: str
) -> None:
    app_option = ["--app-url", app] if app else []
    code = main(_publish(tmp_path, "--public-url", public, *app_option))
    err = capsys.readouterr().err
    assert code == 2 and named in err and "is not a web address" in err, err
    assert not (tmp_path / "feed").exists() and not (tmp_path / "invites").exists()


def test_cli_publish_loopback_http_address_accepted(tmp_path: Path) -> None:
    assert main(_publish(tmp_path, "--public-url", "http://127.0.0.1:8787/")) == 0
    assert (tmp_path / "invites" / "invites.csv").exists()


def _console_args(tmp_path: Path, public: str, app: str | None) -> argparse.Namespace:
    password = tmp_path / "password.txt"
    password.write_text("p" * 20)
    return argparse.Namespace(
        out=str(tmp_path / "feed"), public_url=public, app_url=app, invites=None,
        secret=str(_secret(tmp_path)), password_file=str(password),
    )  # fmt: skip


def test_console_address_without_web_scheme_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=re.escape("--public-url 'feed.example.org' is not a web")
    ):
        from_args(_console_args(tmp_path, "feed.example.org", None))
    with pytest.raises(
        ConfigError, match=re.escape("--app-url 'ftp://app.example.org/' is not a web")
    ):
        from_args(_console_args(tmp_path, "https://feed.example.org/", "ftp://app.example.org/"))
    assert from_args(_console_args(tmp_path, "https://f.example.org/", None)).public_url


def test_cli_template_existing_workbook_kept_unless_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "mywork.xlsx"
    work.write_bytes(b"the organiser's work")
    assert main(["template", str(work)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert work.read_bytes() == b"the organiser's work"
    assert main(["template", str(work), "--force"]) == 0
    assert work.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("name", "said"),
    [("x.csv", "does not end in .xlsx"), ("nodir/x.xlsx", "nodir does not exist")],
)
def test_cli_template_bad_target_one_sentence_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    assert main(["template", str(tmp_path / name)]) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.splitlines()) == 1, err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux's /sys")
def test_cli_template_write_failure_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that refuses new files, even to root (sysfs): one sentence, no traceback."""
    out = Path("/sys/kernel/y.xlsx")
    assert main(["template", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "could not be written" in err, err
    assert len(err.splitlines()) == 1 and not out.exists()


@pytest.mark.parametrize("missing", ["nosuch", "file"])
def test_cli_template_from_folder_missing_or_with_errors_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    (tmp_path / "file").write_text("x")
    out = tmp_path / "y.xlsx"
    assert main(["template", str(out), "--from", str(tmp_path / missing)]) == 1
    err = capsys.readouterr()
    assert f"--from {tmp_path / missing}" in err.err and "wrote" not in err.out
    assert not out.exists()
    source = copy_example(tmp_path)
    (source / "venues.csv").unlink()
    assert main(["template", str(out), "--from", str(source)]) == 1
    assert "nothing was written" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(("name", "what"), [("nosuch.xlsx", "workbook"), ("nosuch", "folder")])
def test_cli_publish_source_missing_says_it_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, what: str
) -> None:
    source = tmp_path / name
    code = main(_publish(tmp_path, "--public-url", "https://f.example.org/", source=source))
    err = capsys.readouterr().err
    assert code == 2 and f"the {what} {source} does not exist" in err, err
    assert "Excel" not in err and "file is missing" not in err
    assert not (tmp_path / "feed").exists()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("mission.ods", "is a LibreOffice spreadsheet (.ods), not an Excel workbook: in "
         "LibreOffice Calc, choose File, Save As, and the type Excel 2007-365 (.xlsx)"),
        ("mission.xls", "is an older or binary Excel file, not an Excel workbook (.xlsx): in "
         "Excel, choose File, Save As, and the type Excel Workbook (.xlsx)"),
        ("mission.xlsb", "is an older or binary Excel file, not an Excel workbook (.xlsx): in "
         "Excel, choose File, Save As, and the type Excel Workbook (.xlsx)"),
    ],
)  # fmt: skip
def test_cli_publish_other_spreadsheet_says_how_to_save_it_as_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, said: str
) -> None:
    """A workbook saved by LibreOffice in its own format, or by an old Excel: 'is neither a
    folder of CSV files nor .xlsx', and nothing about what to do."""
    source = tmp_path / name
    source.write_bytes(b"PK\x03\x04")
    code = main(_publish(tmp_path, "--public-url", "https://f.example.org/", source=source))
    err = capsys.readouterr().err
    assert code == 1 and f"{name}: {said}" in err, err
    assert not (tmp_path / "feed").exists()


def test_cli_publish_macro_enabled_workbook_publishes_as_the_console_does(tmp_path: Path) -> None:
    source = macro_enabled(EXAMPLE_WORKBOOK, tmp_path / "mission.xlsm")
    args = _publish(tmp_path, "--public-url", "https://f.example.org/", source=source)
    assert main(args) == 0
    assert [e.revision for e in history(tmp_path / "feed")] == [1]


@pytest.mark.parametrize(("text", "said"), [("", "is empty"), ("abcde", "has only 5 characters")])
def test_cli_publish_short_secret_file_says_how_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    args = _publish(tmp_path, "--public-url", "https://f.example.org/")
    _secret(tmp_path, text)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"secret.txt {said}: at least 16 random characters" in err, err
    assert "No token secret" not in err and not (tmp_path / "feed").exists()


def test_cli_publish_secret_that_is_a_folder_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _publish(tmp_path, "--public-url", "https://f.example.org/")
    args[args.index("--secret") + 1] = str(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path} is a folder, not a file" in err and "Errno" not in err, err


def test_cli_console_port_in_use_says_so_without_claiming_it_started(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        given = _console_args(tmp_path, "https://f.example.org/", None)
        options = ["--secret", given.secret, "--password-file", given.password_file]
        options += ["--public-url", given.public_url, "--port", str(port)]
        code = main(["console", given.out, *options])
    said = capsys.readouterr()
    assert code == 2 and "organiser console on" not in said.out
    assert f"port {port} is already in use: choose another with --port" in said.err


def test_cli_serve_port_in_use_says_so_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`serve` on a taken port printed uvicorn's '[Errno 98] error while attempting to bind'
    (exit 3), and started without a word when it could."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", str(tmp_path), "--port", str(port)])
    said = capsys.readouterr()
    assert code == 2 and "serving" not in said.out
    assert said.err == f"error: port {port} is already in use: choose another with --port\n"
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    helped = " ".join(capsys.readouterr().out.split())
    assert "the published folder" in helped and "port to listen on (8787)" in helped


def test_cli_console_help_explains_port_and_its_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["console", "--help"])
    assert "port to listen on (8790)" in " ".join(capsys.readouterr().out.split())


def test_cli_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    description = capsys.readouterr().out.split("\n\n")[1]
    commands = ("publish", "serve", "schema", "embed", "template", "releases", "rollback")
    for command in (*commands, "flat", "console"):
        assert command in description, description


def test_cli_rollback_with_the_secret_remakes_the_invites_of_the_release_it_brings_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After undoing a publish that dropped a delegate, the welcome pack still left them out;
    without the secret, the command says so instead of nothing."""
    monkeypatch.delenv("DELEGATE_TOKEN_SECRET_FILE", raising=False)
    monkeypatch.delenv("DELEGATE_TOKEN_SECRET", raising=False)
    source = copy_example(tmp_path)
    addresses = ["--public-url", "https://feed.example.org/", "--app-url", "https://app.example/"]
    assert main(_publish(tmp_path, *addresses, source=source)) == 0
    pack = tmp_path / "invites" / "invites.csv"
    before = pack.read_bytes()
    remove_maes(source)
    assert main(_publish(tmp_path, *addresses, "--force", source=source)) == 0
    assert b"d-maes" not in pack.read_bytes()
    out, invites = str(tmp_path / "feed"), ["--invites", str(tmp_path / "invites")]
    capsys.readouterr()
    assert main(["rollback", out, *invites, "--secret", str(tmp_path / "secret.txt")]) == 0
    assert "invites remade for the release now live" in capsys.readouterr().out
    assert pack.read_bytes() == before  # the app's links, as published
    assert main(_publish(tmp_path, *addresses, "--force", source=source)) == 0
    assert main(["rollback", out, *invites]) == 0  # no secret: said, not silently stale
    assert "are still those of the release undone: give --secret" in capsys.readouterr().out


class Terminal(io.StringIO):
    """An organiser at a terminal, who answers `typed`."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("typed", ["\n", "n\n", "y\n"])
def test_cli_rollback_in_a_terminal_asks_first_and_says_what_it_will_serve(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
) -> None:
    """One command brought back the previous release for every delegate, no question asked
    (the console asks); `--yes`, or a script with no terminal, does not ask."""
    source, address = copy_example(tmp_path), ("--public-url", "https://feed.example.org/")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    out = tmp_path / "feed"
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    capsys.readouterr()
    code = main(["rollback", str(out)])
    said = capsys.readouterr().out
    went_live = r"\w{3} \d+ \w{3} \d{4} \d\d:\d\d Los Angeles time, \d{4}-\d\d-\d\d \d\d:\d\d UTC"
    assert re.match(rf"The release of revision 1 \(published {went_live}\)", said), said
    assert (
        "would be live again, as revision 3: 1 activity changes back, 0 come back and 0 go away."
        in said
    )
    revisions = [e.revision for e in history(out)]
    if typed == "y\n":
        assert code == 0 and revisions == [1, 2, 3] and "rolled back:" in said
    else:
        assert code == 1 and revisions == [1, 2] and said.endswith("nothing was rolled back\n")


def test_cli_rollback_of_a_publish_that_changed_only_registrations_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """'0 activities change back, 0 come back and 0 go away' read as a rollback that changes
    nothing, though it brings back who attends what (the console says so since db6ff6a)."""
    source, address = copy_example(tmp_path), ("--public-url", "https://feed.example.org/")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    registrations = source / "registrations.csv"
    rows = read_rows(registrations)
    write_rows(registrations, rows[:-1], list(rows[0]))
    assert main(_publish(tmp_path, *address, source=source)) == 0
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    capsys.readouterr()
    assert main(["rollback", str(tmp_path / "feed")]) == 1
    said = capsys.readouterr().out
    assert "0 activities change back" not in said
    assert (
        "as revision 3. The activities are the same in both releases; delegates' own agendas"
        " and B2B meetings may still differ. Roll back? [y/N] " in said
    )


def test_cli_rollback_question_answered_with_ctrl_c_or_ctrl_d_is_a_no(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at 'Roll back? [y/N]' printed a Python traceback; Ctrl-D left 'nothing was rolled
    back' on the question's line."""
    source, address = copy_example(tmp_path), ("--public-url", "https://feed.example.org/")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    assert main(_publish(tmp_path, *address, source=source)) == 0

    class Interrupted:
        """An organiser at a terminal who presses Ctrl-C."""

        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            raise KeyboardInterrupt

    for stdin in (Interrupted(), Terminal("")):
        monkeypatch.setattr("sys.stdin", stdin)
        capsys.readouterr()
        assert main(["rollback", str(tmp_path / "feed")]) == 1
        said = capsys.readouterr().out
        assert said.endswith("Roll back? [y/N] \nnothing was rolled back\n"), said
    assert [e.revision for e in history(tmp_path / "feed")] == [1, 2]


def test_cli_rollback_with_yes_in_a_terminal_does_not_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source, address = copy_example(tmp_path), ("--public-url", "https://feed.example.org/")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))  # an answer nobody is asked for
    capsys.readouterr()
    assert main(["rollback", str(tmp_path / "feed"), "--yes"]) == 0
    said = capsys.readouterr().out
    assert "Roll back?" not in said and said.startswith("rolled back:")
    assert [e.revision for e in history(tmp_path / "feed")] == [1, 2, 3]


def test_cli_rollback_asked_then_overtaken_rolls_nothing_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A publish that goes out while the organiser reads the question changes what a rollback
    would bring back: the yes was for the release shown, so nothing is rolled back."""
    source, address = copy_example(tmp_path), ("--public-url", "https://feed.example.org/")
    assert main(_publish(tmp_path, *address, source=source)) == 0
    edit(source / "activities.csv", "mon-lunch", room_en="Garden Room")
    assert main(_publish(tmp_path, *address, source=source)) == 0

    class Meanwhile:
        """An organiser at a terminal who says yes once another publish went out."""

        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            edit(source / "activities.csv", "mon-lunch", room_en="Blue Room")
            assert main(_publish(tmp_path, *address, source=source)) == 0  # another organiser
            return "y\n"

    monkeypatch.setattr("sys.stdin", Meanwhile())
    capsys.readouterr()
    assert main(["rollback", str(tmp_path / "feed")]) == 1
    assert "now revision 2" in capsys.readouterr().err
    assert [e.revision for e in history(tmp_path / "feed")] == [1, 2, 3]
