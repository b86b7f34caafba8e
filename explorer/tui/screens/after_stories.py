"""What a screen over the library that opens stories (the quote search, the speakers across
stories) does when it is shown again: a story opened from it may have been saved (a quote
rejected, re-spanned, given another speaker), and what it lists comes from the library's
index, which only the library refreshes. It asks the library to refresh, then reads again."""

from __future__ import annotations

from textual.screen import ModalScreen, Screen


class ReadsAgainAfterStories(Screen):
    """A screen that reads the index again (`index_refreshed`) once the library has indexed
    what a story opened from it saved. The help, the palette and the dialogs save nothing:
    coming back from them reads nothing."""

    _away = False

    def on_screen_suspend(self) -> None:
        # (the screen pushed is on top by now; a screen popped is not in the stack)
        self._away = self in self.app.screen_stack and not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if not self._away or not self.app.is_running:
            return
        self._away = False
        library = next((screen for screen in self.app.screen_stack if hasattr(screen, "refresh_for")), None)
        if library is not None:
            library.refresh_for(self._refreshed)

    def _refreshed(self) -> None:
        if self in self.app.screen_stack and self.is_mounted:  # not left meanwhile
            self.index_refreshed()

    def index_refreshed(self) -> None:
        """Show what the refreshed index holds, keeping the user's place."""
        raise NotImplementedError
