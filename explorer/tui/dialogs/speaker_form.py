"""A speaker's name and role (and, for a new speaker, kind): "new speaker…" when
attributing a quote, and `e` in the speakers pane (rename, set the role)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from explorer.model import SPEAKER_KINDS
from explorer.tui.dialogs.dialog import Dialog
from explorer.tui.safe_text import printable
from explorer.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class SpeakerDetails:
    """What the form was given: a name (never empty), a role (may be empty), a kind."""

    name: str
    role: str
    kind: str


class SpeakerForm(Dialog[SpeakerDetails | None]):
    """Name, role and (when `kind` is given) kind of a speaker; Enter in a box, in the
    list of kinds or on the button accepts, Escape cancels.  Dismisses with
    `SpeakerDetails`, or None."""

    DEFAULT_CSS = """
    SpeakerForm {
        & > #speaker-form { width: 64; }
        & #speaker-form-title { text-style: bold; width: 100%; margin-bottom: 1; }
        & Input { margin-bottom: 1; }
        & #speaker-form-problem { color: $readable-error; height: auto; }
        & #speaker-kind { height: auto; border: none; padding: 0; }
        & #speaker-form-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    def __init__(self, title: str, *, name: str = "", role: str = "", kind: str | None = None,
                 accept: str = "OK") -> None:
        """`kind` None: the form has no kind (a rename keeps the speaker's kind)."""
        super().__init__()
        self.title_text = title
        self.name_value = name
        self.role_value = role
        self.kind = kind
        self.accept = accept

    def compose(self) -> ComposeResult:
        with Vertical(id="speaker-form", classes="dialog-box"):
            yield Label(Content(printable(self.title_text)), id="speaker-form-title")
            yield Label("Name")
            yield Input(self.name_value, placeholder="as the story names them: Mark Rutte", id="speaker-name",
                        compact=True)
            yield Label("Role")
            yield Input(self.role_value, placeholder="as the story gives it: NATO Secretary General",
                        id="speaker-role", compact=True)
            if self.kind is not None:
                yield Label("Kind (↑ ↓ choose, Enter adds)")
                yield OptionList(*(Option(kind, id=kind) for kind in SPEAKER_KINDS), id="speaker-kind")
            yield Label(id="speaker-form-problem")
            with Horizontal(id="speaker-form-buttons"):
                yield Button("Cancel", id="speaker-form-cancel", compact=True)
                yield Button(self.accept, variant="primary", id="speaker-form-accept", compact=True)
        yield KeyFooter()  # the dialog's keys, over the story screen's

    def on_mount(self) -> None:
        if self.kind is not None:
            self.query_one("#speaker-kind", OptionList).highlighted = SPEAKER_KINDS.index(self.kind)

    def chosen_kind(self) -> str:
        """The kind highlighted in the list (empty when the form has none)."""
        if self.kind is None:
            return ""
        option = self.query_one("#speaker-kind", OptionList).highlighted_option
        return option.id or self.kind if option is not None else self.kind

    @on(Input.Submitted)
    @on(OptionList.OptionSelected, "#speaker-kind")
    @on(Button.Pressed, "#speaker-form-accept")
    def _accept(self) -> None:
        name = self.query_one("#speaker-name", Input).value.strip()
        if not name:
            self.query_one("#speaker-form-problem", Label).update("A speaker needs a name.")
            self.set_focus(self.query_one("#speaker-name", Input))
            return
        role = self.query_one("#speaker-role", Input).value.strip()
        self.dismiss(SpeakerDetails(name, role, self.chosen_kind()))

    @on(Button.Pressed, "#speaker-form-cancel")
    def _cancelled(self) -> None:
        self.dismiss(None)
