"""Private B2B meeting notes: what was said, the outcome, a follow-up date; exported after the
mission as CSV or a plain-text summary. They live only in this person's settings on the device.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from services.i18n import Translator, in_zone
from services.models import Meeting

Outcome = Literal["follow_up", "no_fit", "deal"]
OUTCOMES: tuple[Outcome, ...] = ("follow_up", "no_fit", "deal")
MAX_TEXT = 8000


class MeetingNote(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    text: str = Field(default="", max_length=MAX_TEXT)
    outcome: Outcome | None = None
    follow_up: date | None = None

    @property
    def empty(self) -> bool:
        return not self.text.strip() and self.outcome is None and self.follow_up is None


def owner_of(personal_code: str | None) -> str:
    """Whose things these are, as stored on the device: never the code itself."""
    return hashlib.sha256((personal_code or "demo").encode()).hexdigest()[:16]


def note_key(personal_code: str | None, meeting_id: str) -> str:
    """Notes belong to one person and one meeting; the code itself is never stored as a key."""
    return f"{owner_of(personal_code)}/{meeting_id}"


def outcome_label(tr: Translator, outcome: Outcome | None) -> str:
    _ = tr.gettext
    labels = {"follow_up": _("Follow-up"), "no_fit": _("No fit"), "deal": _("Deal")}
    return labels[outcome] if outcome else ""


def notes_csv(meetings: Sequence[Meeting], notes: Mapping[str, MeetingNote], zone: ZoneInfo) -> str:
    """One row per meeting that has a note, in meeting order; columns in English for any tool."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["date", "start", "counterpart", "company", "outcome", "follow_up", "notes"])
    for meeting in sorted(meetings, key=lambda m: m.start):
        note = notes.get(meeting.id)
        if note is None or note.empty:
            continue
        start = meeting.start.astimezone(zone)
        writer.writerow(
            [
                start.date().isoformat(),
                start.strftime("%H:%M"),
                meeting.counterpart,
                meeting.company,
                note.outcome or "",
                note.follow_up.isoformat() if note.follow_up else "",
                note.text.strip(),
            ]
        )
    return out.getvalue()


def notes_summary(
    tr: Translator,
    meetings: Sequence[Meeting],
    notes: Mapping[str, MeetingNote],
    zone: ZoneInfo,
    home: str,
) -> str:
    """A shareable text in the person's language: one paragraph per meeting with a note; its
    times say 'Brussels time' when that is the zone shown (`home`: the mission's zone)."""
    _ = tr.gettext
    parts: list[str] = [_("My B2B meetings: notes")]
    for meeting in sorted(meetings, key=lambda m: m.start):
        note = notes.get(meeting.id)
        if note is None or note.empty:
            continue
        day = tr.day(meeting.start.astimezone(zone).date())
        lines = [
            f"{meeting.counterpart} — {meeting.company}",
            f"{day}, {in_zone(tr, tr.time_range(meeting.start, meeting.end, zone), zone, home)}",
        ]
        if note.outcome:
            lines.append(_("Outcome: {outcome}").format(outcome=outcome_label(tr, note.outcome)))
        if note.follow_up:
            lines.append(_("Follow up by {day}").format(day=tr.day(note.follow_up)))
        if note.text.strip():
            lines.append(note.text.strip())
        parts.append("\n".join(lines))
    if len(parts) == 1:
        parts.append(_("No notes yet."))
    return "\n\n".join(parts)
