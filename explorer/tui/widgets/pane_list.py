"""The common base of the speaker, quote and source panes: an `OptionList`
that moves with the pane keys and rebuilds its prompts when the theme changes
(prompts carry speaker colours computed for the theme's background).

The prompts' colours are chosen for the pane's background; the row under the
cursor (and under the mouse) has another one, so there any colour that would
not read (a blue speaker on the blue cursor) is moved in lightness until it
does (`legible_row`)."""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import on
from textual.color import Color
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from explorer.tui import keys
from explorer.tui.contrast import TEXT_CONTRAST, contrast_ratio, with_contrast
from explorer.tui.story_index import StoryIndex


@lru_cache(maxsize=256)
def _readable_on(colour: Color, background: Color) -> Color:
    """`colour`, or the nearest one that reads (WCAG 4.5:1) on `background`."""
    if contrast_ratio(colour, background) >= TEXT_CONTRAST:
        return colour
    return with_contrast(colour, (background,))


def legible_row(strip: Strip) -> Strip:
    """`strip` with each segment's colour made to read (WCAG 4.5:1) on its own background."""
    segments = []
    for text, style, control in strip:
        if style is not None and style.color is not None and style.bgcolor is not None and text.strip():
            colour, background = style.color, style.bgcolor
            if colour.triplet is not None and background.triplet is not None:
                foreground = Color.from_rich_color(colour)
                readable = _readable_on(foreground, Color.from_rich_color(background))
                if readable != foreground:
                    style = style + RichStyle(color=readable.rich_color)
        segments.append(Segment(text, style, control))
    return Strip(segments, strip.cell_length)


class PaneList(OptionList):
    """An `OptionList` over one story; subclasses build the options and post their own messages."""

    # The pane's border shows the focus; Textual's focus tint would change the
    # background the prompts' colours were chosen for.
    DEFAULT_CSS = """
    PaneList:focus { background-tint: transparent; }
    """
    BINDINGS = keys.PANE_BINDINGS

    def __init__(self, index: StoryIndex, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.index = index
        self._built_for_theme: str | None = None

    def on_mount(self) -> None:
        self._built_for_theme = self.app.theme
        self.rebuild()

    def on_resize(self) -> None:
        # A pane made shorter (the details shown under it, a smaller terminal) keeps the
        # cursor's option in view: the keys act on it, and it was left below the last row.
        self.call_after_refresh(self.scroll_to_highlight)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._built_for_theme not in (None, self.app.theme):
            self._built_for_theme = self.app.theme
            self.rebuild()

    def rebuild(self) -> None:
        """Build every option from the story (on mount and after a theme change)."""
        raise NotImplementedError

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """Textual's rendering of one option (Textual 8.2's hook, cached there), made
        legible on a row drawn on another background than the pane's."""
        strips = super()._get_option_render(option, style)
        if style == self.get_visual_style("option-list--option"):
            return strips
        return [legible_row(strip) for strip in strips]

    def highlight_id(self, option_id: str | None) -> bool:
        """Put the cursor on the option with `option_id`; False if the list does not show it."""
        if option_id is None:
            return False
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return False
        return True

    def highlighted_id(self) -> str | None:
        """The id of the option under the cursor, if any."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def option_highlighted(self, option: Option) -> None:
        """The cursor moved onto `option` (subclasses post their message)."""

    def option_chosen(self, option: Option) -> None:
        """Enter or a click on `option` (subclasses post their message)."""

    @on(OptionList.OptionHighlighted)
    def _forward_highlight(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.option_highlighted(event.option)

    @on(OptionList.OptionSelected)
    def _forward_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.option_chosen(event.option)
