"""A question with a few answers, each on a key: save, discard or cancel; reload or save
elsewhere; direct, mixed or reported.

One key press answers (the key is shown in front of each answer, and in the footer: each
answer's key is bound on the dialog), the buttons take Tab and Enter as well, and Escape
answers None (cancel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

from explorer.tui.dialogs.dialog import Dialog
from explorer.tui.safe_text import printable
from explorer.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class Answer:
    """One answer: the `key` that gives it, its `label`, the `value` the dialog dismisses with."""

    key: str
    label: str
    value: str


class ChoiceDialog(Dialog[str | None]):
    """Ask `question` (with `detail` below it); dismisses with the value of the answer
    chosen, or None on Escape."""

    DEFAULT_CSS = """
    ChoiceDialog {
        & > #choice { width: 72; }
        & #choice-question { text-style: bold; width: 100%; }
        & #choice-detail { color: $readable-muted; width: 100%; margin-bottom: 1; }
        & #choice-answers { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; min-width: 10; }
    }
    """
    BINDINGS = [
        Binding("left", "app.focus_previous", "Previous", show=False, id="choice.previous",
                tooltip="The answer on the left"),
        Binding("right", "app.focus_next", "Next", show=False, id="choice.next", tooltip="The answer on the right"),
    ]

    def __init__(self, question: str, answers: Sequence[Answer], detail: str = "", *,
                 default: str | None = None) -> None:
        """`default`: the value of the answer that has the focus at first (else the first)."""
        super().__init__()
        self.question = question
        self.answers = answers
        self.detail = detail
        self.default = default
        # Bound, not read from key events, so that the footer names the answers: first, in
        # the order the buttons show them, then Escape.
        class_bindings = self._bindings.key_to_bindings
        self._bindings.key_to_bindings = {}
        for answer in answers:
            self._bindings.bind(answer.key, f"answer({answer.value!r})", answer.label)
        self._bindings.key_to_bindings.update(class_bindings)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice", classes="dialog-box"):
            yield Label(Content(printable(self.question)), id="choice-question")
            yield Label(Content(printable(self.detail)), id="choice-detail")
            with Horizontal(id="choice-answers"):
                for answer in self.answers:
                    yield Button(Content.assemble((answer.key, "bold underline"), " ", answer.label),
                                 id=f"answer-{answer.value}", compact=True)
        yield KeyFooter()  # the dialog's keys, over the story screen's

    def on_mount(self) -> None:
        self.query_one("#choice-detail").display = bool(self.detail)
        default = self.default or self.answers[0].value
        self.set_focus(self.query_one(f"#answer-{default}", Button))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))
