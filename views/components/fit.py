"""What fits where text is large: from the window's width and the person's text size
(views/components/text_scale.py), never a word cut in two. A title shrinks, wraps between words
or goes under the bar; a row of choices stacks; the tabs' names hide behind their icons.

Widths are services.map_labels' generous estimates, so a word said to fit does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.map_labels import text_width

BUTTON = 48  # an app bar button: the theme's icon buttons, the language menu
BACK = 56  # the back button's slot, before the title
SPACING = 16  # before the title, with no back button
END = 8  # between the title and the first button, at least
LARGEST, SMALLEST = 20, 14  # a title's sizes
ONE_LINE_LEAST = 16  # smaller than this, a title rather takes two lines
SUBTITLE = 12  # the subtitle's size
TITLE_SCALE_MOST = 1.34  # Flutter's AppBar draws its title at most this much larger
TAB_LABEL = 11  # the navigation bar's labels (views/components/theme.py)
TAB_PADDING = 0  # measured: 'Instellingen' (62 px by this estimate) fits a 64 px tab
NARROW = 360  # below this (in text-size pixels) the five names run into each other
SEGMENT_LABEL = 14  # Material's segmented button label
SEGMENT_PADDING = 18  # a segment's padding (8 each side: the theme) and border
MARGINS = 32  # the page's 16 on either side


def words_fit(text: str, size: float, room: float, bold: bool = False) -> bool:
    return all(text_width(word, size, bold) <= room for word in text.split())


@dataclass(frozen=True)
class TitleFit:
    size: int
    lines: int  # 1, or 2 broken between words; 0: no word fits beside the buttons
    subtitle_lines: int = 0  # the subtitle's: 1, or 2 ('mercredi 8 oct…' was cut); 0: none

    @property
    def under_bar(self) -> bool:
        return self.lines == 0


def title_fit(
    title: str, width: float | None, scale: float, buttons: int, back: bool, subtitle: str = ""
) -> TitleFit:
    """The title on one line as large as LARGEST down to ONE_LINE_LEAST; else on two, as
    large as lets each word fit; else under the bar (390 px at 150 %: My agenda's four
    buttons leave 36 px). A subtitle under it takes a second line where it needs one."""
    if not width:  # not measured yet: the window says its width at once
        return TitleFit(LARGEST, 1, 1 if subtitle else 0)
    scale = min(scale, TITLE_SCALE_MOST)
    room = width - buttons * BUTTON - (BACK if back else SPACING) - END
    below = 0 if not subtitle else 1 if text_width(subtitle, SUBTITLE * scale) <= room else 2
    for size in range(LARGEST, ONE_LINE_LEAST - 1, -1):
        if text_width(title, size * scale, bold=True) <= room:
            return TitleFit(size, 1, below)
    for size in range(LARGEST, SMALLEST - 1, -1):
        if words_fit(title, size * scale, room, bold=True):
            return TitleFit(size, 2, below)
    return TitleFit(LARGEST, 0, below)


def bar_height(fit: TitleFit, scale: float) -> float | None:
    """The app bar's height for a title of `fit.lines` lines and its subtitle's (None:
    Material's 56 px holds them)."""
    lines = max(fit.lines, 0) * fit.size * 1.25 + fit.subtitle_lines * SUBTITLE * 1.34
    needed = lines * min(scale, TITLE_SCALE_MOST) + 8
    return round(needed + 0.5) if needed > 56 else None


def tabs_named(labels: Sequence[str], width: float | None, scale: float) -> str:
    """'all' the tabs' names, the 'selected' one's only (too narrow for five side by side),
    or 'none' (a name's word is wider than its tab: Flutter broke 'Instelling-en')."""
    if not width or not labels:
        return "all"
    room = width / len(labels) - TAB_PADDING
    if not all(words_fit(label, TAB_LABEL * scale, room) for label in labels):
        return "none"
    return "selected" if width / scale < NARROW else "all"


def segments_fit(labels: Sequence[str], width: float | None, scale: float) -> bool:
    """Whether a row of segments holds each word of each label on a line of its own segment
    ('Nederlan-ds' at 390 px zoomed to 150 %): else they stack."""
    if not width or not labels:
        return True
    room = (width - MARGINS) / len(labels) - SEGMENT_PADDING
    return all(words_fit(label, SEGMENT_LABEL * scale, room) for label in labels)
