"""Opening a link from the terminal, or saying that nothing could.

Python's `webbrowser` falls back on browsers that run in the terminal
itself (lynx, w3m, links) when there is no graphical one, as over ssh: one
of those would draw over the explorer and fight it for the keyboard.  So
only a browser that runs beside the terminal is used; when there is none
(or it fails to start) the caller offers the link to copy instead.  Under
textual-serve the link goes to the reader's own browser (`App.open_url`).
"""

from __future__ import annotations


def open_in_browser(url: str) -> bool:
    """Open `url` in a browser outside the terminal; False when none could be started."""
    import webbrowser  # here, not at start-up: it imports shlex and looks for browsers

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    if isinstance(browser, webbrowser.GenericBrowser) and not isinstance(browser, webbrowser.BackgroundBrowser):
        return False  # a browser in this very terminal
    try:
        return bool(browser.open(url))
    except OSError:
        return False
