"""Random edits for the property tests: a hypothesis strategy of steps, and the edit each
step makes on a story (every kind of edit a reviewer can make, with text that needs
quoting in YAML)."""

from __future__ import annotations

from hypothesis import strategies as st

from explorer import edits
from explorer.model import QUOTE_KINDS, Story

EDIT_NAMES = ("confirm", "reject", "clear", "speaker", "kind", "start", "end", "note", "add", "merge", "rename",
              "role", "new")


def edit_steps(max_size: int = 12) -> st.SearchStrategy[list[tuple[str, int, int]]]:
    """Lists of (edit name, a number that picks the record, a step of -3..3)."""
    return st.lists(st.tuples(st.sampled_from(EDIT_NAMES), st.integers(0, 20), st.integers(-3, 3)),
                    min_size=1, max_size=max_size)


def edit_for(story: Story, name: str, pick: int, step: int, paragraph: str) -> edits.Edit:
    """The edit `name` makes on `story` (new quotes go in `paragraph`); `EditError` when
    it does not fit the story."""
    quote_id = story.quotes[pick % len(story.quotes)].id
    speaker_id = story.speakers[pick % len(story.speakers)].id
    other = story.speakers[(pick + 1) % len(story.speakers)].id
    build = {
        "confirm": lambda: edits.confirm(story, quote_id),
        "reject": lambda: edits.reject(story, quote_id),
        "clear": lambda: edits.clear_review(story, quote_id),
        "speaker": lambda: edits.set_speaker(story, quote_id, speaker_id if step else None),
        "kind": lambda: edits.set_kind(story, quote_id, QUOTE_KINDS[pick % 3]),
        "start": lambda: edits.move_start(story, quote_id, step),
        "end": lambda: edits.move_end(story, quote_id, step),
        "note": lambda: edits.set_note(story, quote_id, f"note: {pick} 'it' “so”"),
        "add": lambda: edits.add_quote(story, paragraph, pick % 10, 12 + pick, speaker_id=speaker_id),
        "merge": lambda: edits.merge_speakers(story, speaker_id, other),
        "rename": lambda: edits.rename_speaker(story, speaker_id, f"Name {pick}: {step}"),
        "role": lambda: edits.set_role(story, speaker_id, f"role #{step}"),
        "new": lambda: edits.attribute_to_new_speaker(story, quote_id, f"New {pick}"),
    }[name]
    return build()
