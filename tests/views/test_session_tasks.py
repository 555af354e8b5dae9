"""Work a session runs beside it: a failure is said in a toast that names what went wrong."""

from __future__ import annotations

import errno

import pytest

from tests.views.harness import App

FULL = "This could not be saved: the storage on this device is full. Nothing was changed."
AGAIN = "That did not work. Please try again."


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), FULL),
        (TimeoutError("the client did not answer"), AGAIN),  # an OSError, no storage's
        (ConnectionResetError("the connection went away"), AGAIN),
        (RuntimeError("a defect"), AGAIN),
    ],
)
async def test_session_task_failure_is_said_as_storage_only_when_it_is(
    app: App, error: Exception, said: str
) -> None:
    """TimeoutError and ConnectionError are OSErrors: a share or a link that timed out told
    the person their storage was full and nothing was changed."""

    async def fails() -> None:
        raise error

    assert app.shell is not None
    app.shell.tasks.run(fails)
    for _ in range(10):
        await app.settle()
    assert app.toasts()[-1:] == [said], app.toasts()
