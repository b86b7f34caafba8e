"""The common base of the speaker, quote and source panes: an `OptionList`
that moves with the pane keys and rebuilds its prompts when the theme changes
(prompts carry speaker colours computed for the theme's background)."""

from __future__ import annotations

from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from explorer.tui import keys
from explorer.tui.story_index import StoryIndex


class PaneList(OptionList):
    """An `OptionList` over one story; subclasses build the options and post their own messages."""

    BINDINGS = keys.PANE_BINDINGS

    def __init__(self, index: StoryIndex, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.index = index
        self._built_for_theme: str | None = None

    def on_mount(self) -> None:
        self._built_for_theme = self.app.theme
        self.rebuild()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._built_for_theme not in (None, self.app.theme):
            self._built_for_theme = self.app.theme
            self.rebuild()

    def rebuild(self) -> None:
        """Build every option from the story (on mount and after a theme change)."""
        raise NotImplementedError

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
