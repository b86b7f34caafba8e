"""Edits to a story: small pure operations, each with its inverse.

A person checking a story confirms, rejects and corrects quotes and tidies its
speakers.  Each such change is an `Edit`; `apply(story, edit)` returns the new
story and the edit that undoes it, so an undo stack is a list of inverses and a
redo stack the inverses of those.  Nothing is changed in place: a `Story` and
its records are never mutated, the new story shares every record the edit did
not touch, and the old one stays valid (for undo, for `diff`, for saving only
what changed).

The primitive edits change records by id (`SetQuote`, `InsertQuote`,
`RemoveQuote`, `SetSpeaker`, `InsertSpeaker`, `RemoveSpeaker`), and `Batch`
makes several one step.  The functions after them build the edit for what a
person does (`confirm`, `reject`, `set_speaker`, `move_start`, `add_quote`,
`merge_speakers` ...), check that it makes sense for the story, and say what
it was in `label` ("confirmed q3"), for the status line and the undo message.

Review states follow what the person did: confirming or rejecting sets them;
changing a quote's speaker, kind or span makes it "corrected"; a quote a person
adds is "corrected" too (the story was corrected by it); a note, a merge of two
speakers, a rename or a new role leave the review states as they are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Any, Union

from explorer.model import QUOTE_KINDS, SPEAKER_KINDS, Quote, Speaker, Story


class EditError(ValueError):
    """An edit that does not fit the story (an unknown id, an empty span ...); one line."""


# --- the primitive edits -------------------------------------------------------------


@dataclass(frozen=True)
class SetQuote:
    """Set `fields` ((name, value) pairs) of the quote `quote_id`."""

    quote_id: str
    fields: tuple[tuple[str, Any], ...]
    label: str = ""


@dataclass(frozen=True)
class InsertQuote:
    """Put `quote` at `position` in the story's quotes (the file's order); None: at the end."""

    quote: Quote
    position: int | None = None
    label: str = ""


@dataclass(frozen=True)
class RemoveQuote:
    quote_id: str
    label: str = ""


@dataclass(frozen=True)
class SetSpeaker:
    """Set `fields` ((name, value) pairs) of the speaker `speaker_id`."""

    speaker_id: str
    fields: tuple[tuple[str, Any], ...]
    label: str = ""


@dataclass(frozen=True)
class InsertSpeaker:
    speaker: Speaker
    position: int | None = None
    label: str = ""


@dataclass(frozen=True)
class RemoveSpeaker:
    speaker_id: str
    label: str = ""


@dataclass(frozen=True)
class Batch:
    """Several edits as one step: applied in order, undone in reverse."""

    edits: tuple[Edit, ...]
    label: str = ""


Edit = Union[SetQuote, InsertQuote, RemoveQuote, SetSpeaker, InsertSpeaker, RemoveSpeaker, Batch]

_QUOTE_FIELDS = frozenset(Quote.__dataclass_fields__) - {"id"}
_SPEAKER_FIELDS = frozenset(Speaker.__dataclass_fields__) - {"id"}


def _position(records: list, record_id: str, what: str) -> int:
    for position, record in enumerate(records):
        if record.id == record_id:
            return position
    raise EditError(f"no {what} has the id {record_id!r}")


def _changed(record: Any, fields: tuple[tuple[str, Any], ...], allowed: frozenset[str]) -> tuple[Any, tuple]:
    """`record` with `fields` set, and the (name, old value) pairs that set them back."""
    unknown = [name for name, _ in fields if name not in allowed]
    if unknown:
        raise EditError(f"{type(record).__name__.lower()}s have no field {unknown[0]!r}")
    return replace(record, **dict(fields)), tuple((name, getattr(record, name)) for name, _ in fields)


def _inserted(records: list, record: Any, position: int | None, what: str) -> list:
    if any(existing.id == record.id for existing in records):
        raise EditError(f"a {what} with the id {record.id!r} is already in the story")
    at = len(records) if position is None else position
    return [*records[:at], record, *records[at:]]


def apply(story: Story, edit: Edit) -> tuple[Story, Edit]:
    """The story after `edit`, and the edit that undoes it (with the same label).
    Raises `EditError` when the edit does not fit the story; `story` is never changed."""
    quotes, speakers = story.quotes, story.speakers
    if isinstance(edit, SetQuote):
        at = _position(quotes, edit.quote_id, "quote")
        new, old = _changed(quotes[at], edit.fields, _QUOTE_FIELDS)
        return replace(story, quotes=[*quotes[:at], new, *quotes[at + 1:]]), SetQuote(edit.quote_id, old, edit.label)
    if isinstance(edit, InsertQuote):
        quotes = _inserted(quotes, edit.quote, edit.position, "quote")
        return replace(story, quotes=quotes), RemoveQuote(edit.quote.id, edit.label)
    if isinstance(edit, RemoveQuote):
        at = _position(quotes, edit.quote_id, "quote")
        return replace(story, quotes=[*quotes[:at], *quotes[at + 1:]]), InsertQuote(quotes[at], at, edit.label)
    if isinstance(edit, SetSpeaker):
        at = _position(speakers, edit.speaker_id, "speaker")
        new, old = _changed(speakers[at], edit.fields, _SPEAKER_FIELDS)
        return (replace(story, speakers=[*speakers[:at], new, *speakers[at + 1:]]),
                SetSpeaker(edit.speaker_id, old, edit.label))
    if isinstance(edit, InsertSpeaker):
        speakers = _inserted(speakers, edit.speaker, edit.position, "speaker")
        return replace(story, speakers=speakers), RemoveSpeaker(edit.speaker.id, edit.label)
    if isinstance(edit, RemoveSpeaker):
        at = _position(speakers, edit.speaker_id, "speaker")
        if any(quote.speaker == edit.speaker_id for quote in quotes):
            raise EditError(f"speaker {edit.speaker_id!r} still has quotes")
        return (replace(story, speakers=[*speakers[:at], *speakers[at + 1:]]),
                InsertSpeaker(speakers[at], at, edit.label))
    if isinstance(edit, Batch):
        inverses = []
        for part in edit.edits:
            story, inverse = apply(story, part)
            inverses.append(inverse)
        return story, Batch(tuple(reversed(inverses)), edit.label)
    raise TypeError(f"not an edit: {edit!r}")


# --- what a person does ----------------------------------------------------------------


def _quote(story: Story, quote_id: str) -> Quote:
    return story.quotes[_position(story.quotes, quote_id, "quote")]


def _speaker(story: Story, speaker_id: str) -> Speaker:
    return story.speakers[_position(story.speakers, speaker_id, "speaker")]


def confirm(story: Story, quote_id: str) -> Edit:
    """The quote is right as it is."""
    _quote(story, quote_id)
    return SetQuote(quote_id, (("review", "confirmed"),), f"confirmed {quote_id}")


def reject(story: Story, quote_id: str) -> Edit:
    """The quote is not an attribution; it stays in the file, marked."""
    _quote(story, quote_id)
    return SetQuote(quote_id, (("review", "rejected"),), f"rejected {quote_id}")


def clear_review(story: Story, quote_id: str) -> Edit:
    """Back to not checked."""
    _quote(story, quote_id)
    return SetQuote(quote_id, (("review", None),), f"{quote_id} not checked")


def set_note(story: Story, quote_id: str, note: str) -> Edit:
    _quote(story, quote_id)
    note = note.strip()
    return SetQuote(quote_id, (("note", note),), f"note on {quote_id}" if note else f"note on {quote_id} removed")


def set_speaker(story: Story, quote_id: str, speaker_id: str | None) -> Edit:
    """Attribute the quote to `speaker_id` (None: unknown speaker)."""
    _quote(story, quote_id)
    if speaker_id is not None:
        _speaker(story, speaker_id)
    who = speaker_id or "unknown speaker"
    return SetQuote(quote_id, (("speaker", speaker_id), ("review", "corrected")), f"{quote_id} → {who}")


def set_kind(story: Story, quote_id: str, kind: str) -> Edit:
    _quote(story, quote_id)
    if kind not in QUOTE_KINDS:
        raise EditError(f"kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    return SetQuote(quote_id, (("kind", kind), ("review", "corrected")), f"{quote_id} is {kind}")


#: Quote marks are not part of a word: a span moved by words stops inside them.
QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›"
_WORD = re.compile(r"\S+")


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each word of `text`: runs of non-space characters with the
    quote marks at their edges left out (punctuation such as a comma stays)."""
    spans = []
    for found in _WORD.finditer(text):
        start, end = found.span()
        while start < end and text[start] in QUOTE_MARKS:
            start += 1
        while end > start and text[end - 1] in QUOTE_MARKS:
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def paragraph_text(story: Story, paragraph_id: str) -> str:
    position = story.paragraph_position.get(paragraph_id)
    if position is None:
        raise EditError(f"no paragraph has the id {paragraph_id!r}")
    return story.paragraphs[position].text


def _checked_span(story: Story, paragraph_id: str, start: int, end: int) -> tuple[int, int]:
    text = paragraph_text(story, paragraph_id)
    if not 0 <= start < end <= len(text):
        raise EditError(f"a quote needs some text: {start}..{end} is not a span of the paragraph")
    return start, end


def set_span(story: Story, quote_id: str, start: int, end: int) -> Edit:
    """The quote is the paragraph's text from `start` to `end` (character offsets)."""
    quote = _quote(story, quote_id)
    start, end = _checked_span(story, quote.paragraph, start, end)
    text = paragraph_text(story, quote.paragraph)[start:end]
    return SetQuote(quote_id, (("start", start), ("end", end), ("text", text), ("review", "corrected")),
                    f"{quote_id} re-spanned")


def _span_of(story: Story, quote: Quote) -> tuple[int, int]:
    if quote.start is None or quote.end is None:
        found = paragraph_text(story, quote.paragraph).find(quote.text)
        if found < 0:
            raise EditError(f"quote {quote.id!r} has no place in its paragraph")
        return found, found + len(quote.text)
    return quote.start, quote.end


def move_start(story: Story, quote_id: str, words: int) -> Edit:
    """Move the quote's start by `words` words: negative takes in the words before it,
    positive leaves its first words out (a quote keeps at least one word)."""
    quote = _quote(story, quote_id)
    start, end = _span_of(story, quote)
    spans = word_spans(paragraph_text(story, quote.paragraph))
    for _ in range(abs(words)):
        if words < 0:
            before = [s for s, _ in spans if s < start]
            start = before[-1] if before else start
        else:
            after = [s for s, _ in spans if start < s < end]
            start = after[0] if after else start
    return set_span(story, quote_id, start, end)


def move_end(story: Story, quote_id: str, words: int) -> Edit:
    """Move the quote's end by `words` words: positive takes in the words after it,
    negative leaves its last words out (a quote keeps at least one word)."""
    quote = _quote(story, quote_id)
    start, end = _span_of(story, quote)
    spans = word_spans(paragraph_text(story, quote.paragraph))
    for _ in range(abs(words)):
        if words > 0:
            after = [e for _, e in spans if e > end]
            end = after[0] if after else end
        else:
            before = [e for _, e in spans if start < e < end]
            end = before[-1] if before else end
    return set_span(story, quote_id, start, end)


def _fresh_id(taken: set[str], stem: str) -> str:
    """`stem` + the smallest number that makes an id not in `taken` ("q47")."""
    number = 1 + max((int(found.group(1)) for found in (re.fullmatch(re.escape(stem) + r"(\d+)", t) for t in taken)
                      if found), default=0)
    return f"{stem}{number}"


def add_quote(story: Story, paragraph_id: str, start: int, end: int, *, kind: str = "direct",
              speaker_id: str | None = None) -> Edit:
    """A quote the annotator missed: the paragraph's text from `start` to `end`."""
    start, end = _checked_span(story, paragraph_id, start, end)
    if kind not in QUOTE_KINDS:
        raise EditError(f"kind {kind!r} is not one of {', '.join(QUOTE_KINDS)}")
    if speaker_id is not None:
        _speaker(story, speaker_id)
    quote_id = _fresh_id({q.id for q in story.quotes}, "q")
    text = paragraph_text(story, paragraph_id)[start:end]
    quote = Quote(quote_id, paragraph_id, text, kind, speaker_id, start=start, end=end, review="corrected")
    return InsertQuote(quote, None, f"added {quote_id}")


def speaker_id_for(story: Story, name: str) -> str:
    """A new speaker id made from `name` ("Mark Rutte" -> "mark-rutte"), unique in the story."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-") or "speaker"
    taken = {s.id for s in story.speakers}
    if stem not in taken:
        return stem
    return next(f"{stem}-{n}" for n in range(2, len(taken) + 3) if f"{stem}-{n}" not in taken)


def add_speaker(story: Story, name: str, role: str = "", kind: str = "person") -> tuple[Edit, str]:
    """A new speaker, and the id it gets."""
    name = name.strip()
    if not name:
        raise EditError("a speaker needs a name")
    if kind not in SPEAKER_KINDS:
        raise EditError(f"speaker kind {kind!r} is not one of {', '.join(SPEAKER_KINDS)}")
    speaker_id = speaker_id_for(story, name)
    return InsertSpeaker(Speaker(speaker_id, name, role.strip(), kind), None, f"new speaker {name}"), speaker_id


def attribute_to_new_speaker(story: Story, quote_id: str, name: str, role: str = "",
                             kind: str = "person") -> Edit:
    """A new speaker, and the quote attributed to them, as one step."""
    create, speaker_id = add_speaker(story, name, role, kind)
    with_speaker, _ = apply(story, create)
    return Batch((create, set_speaker(with_speaker, quote_id, speaker_id)), f"{quote_id} → new speaker {name.strip()}")


def _joined_names(first: list[str], more: list[str], leave_out: str) -> list[str]:
    """`first` then `more`, each name once (case ignored), without `leave_out`."""
    seen = {leave_out.casefold()}
    joined = []
    for name in (*first, *more):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            joined.append(name)
    return joined


def merge_speakers(story: Story, source_id: str, target_id: str) -> Edit:
    """Speaker `source_id` is the same as `target_id`: every quote of the first goes to the
    second, their names join the second's aliases, and the first is removed."""
    if source_id == target_id:
        raise EditError("a speaker cannot be merged into itself")
    source, target = _speaker(story, source_id), _speaker(story, target_id)
    moves = tuple(SetQuote(q.id, (("speaker", target_id),)) for q in story.quotes if q.speaker == source_id)
    aliases = _joined_names(target.aliases, [source.name, *source.aliases], target.name)
    fields: tuple[tuple[str, Any], ...] = (("aliases", aliases),)
    if not target.role and source.role:
        fields += (("role", source.role),)
    return Batch((*moves, SetSpeaker(target_id, fields), RemoveSpeaker(source_id)),
                 f"merged {source.name} into {target.name}")


def rename_speaker(story: Story, speaker_id: str, name: str) -> Edit:
    """A new display name; the old one is kept among the aliases (the text may use it)."""
    speaker = _speaker(story, speaker_id)
    name = name.strip()
    if not name:
        raise EditError("a speaker needs a name")
    aliases = _joined_names([a for a in speaker.aliases if a.casefold() != name.casefold()], [speaker.name], name)
    return SetSpeaker(speaker_id, (("name", name), ("aliases", aliases)), f"renamed {speaker.name} to {name}")


def set_role(story: Story, speaker_id: str, role: str) -> Edit:
    speaker = _speaker(story, speaker_id)
    role = role.strip()
    return SetSpeaker(speaker_id, (("role", role),), f"role of {speaker.name}: {role or 'none'}")
