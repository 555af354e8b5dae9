"""One session's signing in and out: the code or personal link checked against its feed, the
confirmations (another server, signing out), a sign-in kept while the organisers are out of
reach, and what a first sign-in sets (the person's language)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import flet as ft

from services.i18n import Translator
from services.links import feed_url_from_link
from services.origin import normalise_origin
from services.sync_state import SyncState

if TYPE_CHECKING:
    from views.shell import AppShell


class SessionSignIn:
    def __init__(self, shell: AppShell) -> None:
        self.shell = shell
        # a sign-in that found the organisers unreachable: tried again once they answer
        settings = shell.repo.settings
        kept = settings.waiting_code if settings.personal_code is None else None
        confirmed = settings.waiting_confirmed  # "Use this server", said before a restart
        self.waiting_code: tuple[str, bool] | None = (kept, confirmed) if kept else None

    def retry(self, own_answered: bool) -> None:
        """After a sync: the sign-in kept while offline, tried again once its server may answer.
        A code, or a link to the app's own server: once that sync went through. A link to
        another server this app may use (`Account.sign_in` checks it there): every sync round,
        whatever the app's own server did, and quietly while that one does not answer either."""
        if self.waiting_code is None:
            return
        code, confirmed = self.waiting_code
        if own_answered or not self._for_own_server(code):
            self.sign_in(code, confirmed, retrying=True)

    def _for_own_server(self, text: str) -> bool:
        link = feed_url_from_link(text)
        if link is None:
            return True  # a bare code is checked on the app's own server
        try:
            return normalise_origin(link) == self.shell.repo.origin
        except ValueError:  # never fetched (Feeds.admit refuses it): wait with the app's own
            return True

    def sign_in(self, text: str | None, confirmed: bool = False, retrying: bool = False) -> None:
        tr = self.shell.ctx.tr

        async def sign_out() -> None:
            await self.shell.account.sign_out()
            await self._keep_waiting(None)
            self.shell.ctx.state.forget_person()  # nothing the last person typed is left out
            demo = self.shell.repo.delegate is not None
            text = tr.gettext("Signed out: showing the demo agenda") if demo else None
            self.shell.toast(text or tr.gettext("Signed out"))
            self.shell.render()

        async def check(code: str) -> None:
            self.waiting_code = None
            outcome = await self.shell.account.sign_in(code, confirmed)
            if outcome.status == "offline":  # a personal link opened without a network
                self.waiting_code = (code, confirmed)
            await self._keep_waiting(self.waiting_code)
            if retrying and outcome.status == "offline":
                return  # still out of reach: they were told so when they signed in
            sentence = self.shell.ctx.describe(SyncState.done(outcome), sign_in=True)
            if outcome.status == "confirm_origin":
                again = partial(self.sign_in, code, confirmed=True)
                self._confirm(sentence, again, tr.gettext("Use this server"))
                return
            if not outcome.ok:
                self.shell.ctx.state.sign_in_refused = outcome  # stays on the sign-in card
                if self.shell.repo.is_demo:
                    self.shell.repo.allow_demo(False)  # a wrong link never shows someone's agenda
                self.shell.toast(sentence)
                self.shell.render()
                return
            self.shell.ctx.state.sign_in_refused = None
            self.shell.ctx.state.forget_person()  # the code field too: it did its job
            if previous != self.shell.repo.settings.personal_code:
                await self._first_sign_in()
            # said again: a first sign-in has just switched to the person's own language
            self.shell.toast(self.shell.ctx.describe(SyncState.done(outcome), sign_in=True))
            self.shell.ctx.sync = SyncState.done(outcome)
            self.shell.syncing.start_loop()
            if self.shell.ctx.state.route.path() == "/agenda":  # a personal link: there already
                self.shell.render()  # pushing the same route again would never be echoed
            else:
                self.shell.routes.navigate("/agenda")

        previous = self.shell.repo.settings.personal_code

        if text is None and not confirmed:
            again = partial(self.sign_in, None, confirmed=True)
            self._confirm(self._leaving(), again, tr.gettext("Sign out"), tr.gettext("Sign out?"))
        elif text is None:
            self.waiting_code = None
            self.shell.tasks.run(sign_out)
        else:
            self.shell.tasks.run(lambda: check(text))

    async def _keep_waiting(self, waiting: tuple[str, bool] | None) -> None:
        """The code to sign in with once the organisers answer, and whether the person said
        "Use this server" to it, kept with their settings: the promise 'you will be signed in'
        outlives a reload, and never asks again what they answered."""
        code, confirmed = waiting or (None, False)
        settings = self.shell.repo.settings
        if (settings.waiting_code, settings.waiting_confirmed) != (code, confirmed):
            await self.shell.repo.update_settings(waiting_code=code, waiting_confirmed=confirmed)

    async def _first_sign_in(self) -> None:
        """Their own language from the organisers' sheet (they can change it), and no report
        of changes made before they ever saw this agenda."""
        await self.shell.repo.mark_all_seen(everywhere=True)
        if self.shell.repo.delegate is not None:
            language = self.shell.repo.delegate.delegate.language
            await self.shell.repo.update_settings(language=language)
            self.shell.ctx.tr = Translator(language)
            self.shell.apply_locale()
            self.shell.account.changed()  # the offline copy follows the language

    def _leaving(self) -> str:
        """What signing out costs: one tap took the agenda off the phone, and offline, with the
        agenda still there, signing in again was refused until the network came back."""
        _ = self.shell.ctx.tr.gettext
        text = _(
            "Your agenda leaves this device. To see it again, you need your personal code "
            "and a connection."
        )
        outcome = self.shell.ctx.sync.outcome
        if outcome is not None and outcome.status == "offline" and outcome.problems:
            text += " " + _(
                "The organisers' server answers with an error now: you could not sign in again "
                "until it answers."
            )  # the phone is online: a 503 is no network of the person's to wait for
        elif outcome is not None and outcome.status == "offline":
            # no network, or a server that is down: the phone cannot tell which, so say what
            # both mean for the person ("offline" sent them to check a Wi-Fi that worked)
            text += " " + _(
                "The organisers cannot be reached now: you could not sign in again until they can."
            )
        return text

    def _confirm(
        self, question: str, then: Callable[[], None], yes: str, title: str | None = None
    ) -> None:
        """`question` with Cancel and `yes` (its words, translated), under `title` if given."""
        _ = self.shell.ctx.tr.gettext

        def answer(yes: bool) -> None:
            self.shell.page.pop_dialog()
            if yes:
                then()

        self.shell.page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(title) if title else None,
                content=ft.Text(question),
                # read out as the dialog's name: Flutter's default outside iOS is 'Alert'
                semantics_label=title,
                actions=[
                    ft.TextButton(_("Cancel"), on_click=lambda _e: answer(False)),
                    ft.TextButton(yes, on_click=lambda _e: answer(True)),
                ],
            )
        )
