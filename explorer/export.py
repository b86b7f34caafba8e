"""Exporting a list of quotes: CSV, JSON or Markdown, written next to the library.

Any quote list of the explorer (a story's quotes, a search result, a
speaker's quotes across stories) becomes a list of flat records
(`QuoteHit.as_record()`, `story_records()`), written here.  Files go to
`exports/` inside the library folder (or the story's folder), named after
what the list is and when it was exported; when that folder cannot be
written, to the current folder.  Writes are atomic: a failed export leaves
no partial file.

The formats keep the text exactly, except where the format cannot: JSON
escapes what it must; CSV has no escaping of its own for control characters,
so they become visible escapes (`\\x1b`), and a cell that a spreadsheet
would run as a formula (`=`, `+`, `-`, `@` or a tab first) gets a leading apostrophe;
Markdown gets the same escapes and its own markup characters escaped, so a
pasted list reads as written.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from explorer.citing import citation as cited
from explorer.files import write_text_atomic
from explorer.index.cues import cue_lemma
from explorer.model import Story

FORMATS = {"csv": "CSV", "json": "JSON", "md": "Markdown"}

#: The columns of a CSV export, in order.
FIELDS = ("story", "outlet", "published", "url", "file", "paragraph", "paragraph_id", "id", "speaker", "speaker_id",
          "kind", "cue", "verb", "mention", "text", "start", "end", "method", "confidence", "review", "note")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: What a spreadsheet takes for the start of a formula in a cell it opens from CSV.
_FORMULA_START = ("=", "+", "-", "@", "\t")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def story_records(story: Story, path: Path | None, quotes: Sequence | None = None) -> list[dict[str, object]]:
    """The quotes of `story` (all of them in article order, or those given) as export records."""

    position = story.paragraph_position
    chosen = story.quotes_in_order() if quotes is None else quotes
    return [{"story": story.title, "outlet": story.outlet, "published": story.published, "url": story.url,
             "file": str(path) if path else None, "paragraph": position.get(q.paragraph, -1) + 1,
             "paragraph_id": q.paragraph, "id": q.id, "speaker": story.speaker_name(q), "speaker_id": q.speaker,
             "kind": q.kind, "cue": q.cue, "verb": cue_lemma(q.cue), "mention": q.mention, "text": q.text,
             "start": q.start, "end": q.end, "method": q.method, "confidence": q.confidence, "review": q.review,
             "note": q.note or None}
            for q in chosen]


def visible_controls(text: str) -> str:
    """Control characters (escape sequences, bidi overrides) as visible escapes."""
    return _CONTROL.sub(lambda match: ascii(match.group())[1:-1], text)


def spreadsheet_safe(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would run it as a formula
    (a quote may well start with "-" or "="; with the apostrophe it shows as text)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_cell(value: object) -> object:
    if not isinstance(value, str):
        return "" if value is None else value
    return spreadsheet_safe(visible_controls(value))


def as_csv(records: Sequence[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _csv_cell(value) for key, value in record.items()} for record in records)
    return out.getvalue()


def as_json(records: Sequence[dict[str, object]]) -> str:
    return json.dumps([{key: record.get(key) for key in FIELDS} for record in records], ensure_ascii=False,
                      indent=2) + "\n"


def _md(text: object) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible_controls(" ".join(str(text).split())))


def citation(record: dict[str, object]) -> str:
    """“…” — Speaker, Outlet, date, ¶ n: a quote as a journalist cites it, as `y` copies it
    in the explorer (`explorer.citing`; the story's link follows it in the export)."""
    def text_of(key: str) -> str | None:
        return str(record[key]) if record.get(key) else None

    return cited(str(record.get("text") or ""), str(record.get("kind") or "direct"), text_of("speaker"),
                 text_of("outlet"), text_of("published"), record.get("paragraph"))


def as_markdown(records: Sequence[dict[str, object]], title: str) -> str:
    """A list to paste: a heading, then one line per quote, cited, with its story and link."""
    lines = [f"# {_md(title)}", "", f"{len(records):,} quote{'s' if len(records) != 1 else ''}.", ""]
    for record in records:
        story = _md(record.get("story") or "")
        link = f"[{story}](<{record['url']}>)" if record.get("url") else f"*{story}*"
        review = f" [{record['review']}]" if record.get("review") else ""
        lines.append(f"- {_md(citation(record))}{review}. {link}")
    return "\n".join(lines) + "\n"


def render(records: Sequence[dict[str, object]], form: str, title: str) -> str:
    """The export of `records` in `form` ("csv", "json" or "md")."""
    if form == "csv":
        return as_csv(records)
    if form == "json":
        return as_json(records)
    if form == "md":
        return as_markdown(records, title)
    raise ValueError(f"unknown export format {form!r}")


def slug(text: str, limit: int = 40) -> str:
    """A file-name part from `text`: letters and digits, dashes between, clipped."""
    words = re.findall(r"[^\W_]+", text.casefold())
    return "-".join(words)[:limit].strip("-") or "quotes"


def export_quotes(records: Sequence[dict[str, object]], form: str, title: str, near: Path,
                  now: datetime | None = None) -> Path:
    """Write the export into `near`/exports/ (else the current folder); its path.

    `OSError` when it cannot be written anywhere (the caller says why)."""
    text = render(records, form, title)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"{slug(title)}-{stamp}"
    last_error: OSError | None = None
    for folder in (near / "exports", Path.cwd()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for attempt in range(1, 100):
                target = folder / (f"{name}.{form}" if attempt == 1 else f"{name}-{attempt}.{form}")
                try:
                    write_text_atomic(target, text)
                    return target
                except FileExistsError:
                    continue
        except OSError as error:
            last_error = error
    raise last_error or OSError("no folder to export to")
