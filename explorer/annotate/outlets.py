"""Outlets the text cites: news outlets named in the paragraphs or quoted.

"in an interview with The New York Times", "the Post reported": each outlet
becomes a cited source of the story, with the paragraphs that name it or
quote it; the short forms of one outlet ("the Post", "New York Post") are
merged under the longest.
"""

from __future__ import annotations

from explorer.annotate.document import Document
from explorer.annotate.found import FoundOutlet
from explorer.annotate.names import is_outlet_name


def cited_outlets(document: Document, quoted_outlets: list[tuple[str, int]]) -> list[FoundOutlet]:
    """Outlets named in the paragraphs, merged by name ("the Post" ->
    "New York Post"), with the paragraphs that name them or quote them
    (`quoted_outlets`: (outlet name, paragraph) of quotes attributed to one)."""
    named = []
    for ent in document.doc.ents:
        if ent.label_ in ("ORG", "WORK_OF_ART", "PERSON", "GPE") and document.in_paragraph(ent.start_char):
            name = ent.text.removeprefix("the ")
            for suffix in ("’s", "'s"):
                name = name.removesuffix(suffix)
            named.append((name, document.paragraph_of(ent.start_char)))
    found: dict[str, FoundOutlet] = {}
    for name, paragraph in named + quoted_outlets:
        key = name.lower().removeprefix("the ")
        existing = next((k for k in found if k == key or k.endswith(" " + key) or key.endswith(" " + k)), None)
        if existing is None and not is_outlet_name(name):
            continue
        if existing is not None and len(key) > len(existing):
            found[key] = found.pop(existing)
            found[key].name = name
            existing = key
        outlet = found.setdefault(existing or key, FoundOutlet(name))
        if paragraph not in outlet.paragraphs:
            outlet.paragraphs.append(paragraph)
    for outlet in found.values():
        outlet.paragraphs.sort()
    return list(found.values())
