"""Annotating a batch of articles: the work one worker does, article by article.

`annotate_articles` reads each article's structure, parses the texts through
`nlp.pipe` in groups of `BATCH_SIZE` (the fastest setting measured), finds
the quotes, and writes each output (a story file, a brat file) itself, or
hands back its content (stdout, a JSON Lines shard line).  It says when
each group begins and when each article is done, so that whoever watches it
(`explorer.annotate.workers`) can hold every article to its time budget:
the watcher stops a group that runs over, and asks again for its articles
one at a time (`alone`), so that only the article at fault is skipped.

Each article stands alone: one that fails (cannot be read, cannot be
written, an error inside the annotator) is an `Outcome` with a one-line
`problem`, and the next one goes on.  spaCy and the annotator are imported
here only when a batch runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explorer.annotate.inputs import ArticleItem
from explorer.annotate.outputs import WriteSettings, write_output
from explorer.files import shown_path

if TYPE_CHECKING:  # pragma: no cover
    from explorer.annotate.article import Article

#: Documents per `nlp.pipe` batch (the fastest setting measured).
BATCH_SIZE = 16


@dataclass
class Outcome:
    """What became of one article: written (`written`, with its counts), or a
    `problem`; `content` is the output handed back instead of written."""

    ordinal: int
    written: bool = False
    quotes: int = 0
    speakers: int = 0
    problem: str | None = None
    content: str | None = None


#: A message from a worker: ("begin", [ordinals]) or ("done", Outcome).
Message = tuple[str, Any]


def annotate_articles(nlp, items: list[ArticleItem], settings: WriteSettings, send: Callable[[Message], None],
                      alone: frozenset[int] = frozenset()) -> None:
    """Annotate `items` in order with the pipeline `nlp`, telling `send` as it goes."""
    for group in _groups(items, alone):
        send(("begin", [item.ordinal for item in group]))
        ready: list[tuple[ArticleItem, Article]] = []
        for item in group:
            if item.problem is not None:
                send(("done", Outcome(item.ordinal, problem=item.problem)))
                continue
            try:
                ready.append((item, item.article or _read(item)))
            except Exception as error:  # a bug on one odd article must not sink the batch
                send(("done", Outcome(item.ordinal, problem=_failed(error))))
        for (item, article), doc in zip(ready, _parses(nlp, [article for _, article in ready])):
            send(("done", _finish(nlp, item, article, doc, settings)))


def warm_up(nlp) -> None:  # noqa: ANN001
    """Import and exercise everything a batch uses, once, in the process that forks the
    workers: each worker then inherits it ready, instead of paying for the imports and
    spaCy's first-call set-up in every batch (measured: 60 ms a batch without this)."""
    from explorer.annotate.article import read_article

    article = read_article("A headline\n\n“It works,” she said.\n")
    item = ArticleItem(0, "warm-up", text=article.text, article=article)
    for form in ("story", "brat", "jsonl"):
        _finish(nlp, item, article, nlp(article.analysis_text), WriteSettings(form, False, None, True))


def _groups(items: list[ArticleItem], alone: frozenset[int]) -> Iterator[list[ArticleItem]]:
    group: list[ArticleItem] = []
    for item in items:
        if item.ordinal in alone:
            if group:
                yield group
                group = []
            yield [item]
            continue
        group.append(item)
        if len(group) == BATCH_SIZE:
            yield group
            group = []
    if group:
        yield group


def _read(item: ArticleItem) -> "Article":
    from explorer.annotate.article import read_article

    return read_article(item.text, item.title, markdown=item.markdown)


def _parses(nlp, articles: list["Article"]) -> Iterator[Any]:
    """The parse of each article, or the error that stopped it: `nlp.pipe` on the
    group, and should it fail, each article alone, so that one cannot sink the rest."""
    texts = [article.analysis_text for article in articles]
    done = 0
    try:
        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE):
            done += 1
            yield doc
    except Exception:
        for text in texts[done:]:
            try:
                yield nlp(text)
            except Exception as error:
                yield error


def _finish(nlp, item: ArticleItem, article: "Article", doc: Any, settings: WriteSettings) -> Outcome:
    """Extract, build and write one parsed article."""
    from explorer.annotate.brat import write_ann
    from explorer.annotate.build import build_story
    from explorer.annotate.extract import extract
    from explorer.storyfile import dump_story, story_to_data

    outcome = Outcome(item.ordinal)
    try:
        if isinstance(doc, Exception):
            raise doc
        extraction = extract(doc, article.paragraphs)
        if settings.form == "brat":
            content = write_ann(extraction, article.text)
            # What is counted is what is written: one E line per attribution.
            outcome.quotes = sum(1 for line in content.splitlines() if line.startswith("E"))
            outcome.speakers = len(extraction.speakers)
        else:
            story = build_story(article, extraction, language=nlp.lang)
            for key, value in item.metadata.items():
                setattr(story, key, value)
            outcome.quotes, outcome.speakers = len(story.quotes), len(story.speakers)
            if settings.form == "jsonl":
                content = json.dumps({"id": item.id, **story_to_data(story)}, ensure_ascii=False)
            else:
                content = dump_story(story)
    except Exception as error:  # a bug on one odd article must not sink the batch
        outcome.problem = _failed(error)
        return outcome
    if item.target is None:
        outcome.content = content
        outcome.written = True
        return outcome
    path = settings.path(item.target)
    shown = shown_path(item.target if settings.shown_folder is None else os.path.join(settings.shown_folder, item.target))
    try:
        write_output(path, content, force=settings.force)
    except FileExistsError:
        outcome.problem = f"{shown} already exists (use --force to overwrite)"
        return outcome
    except OSError as error:
        outcome.problem = f"cannot write {shown}: {error.strerror or error}"
        return outcome
    outcome.written = True
    return outcome


def _failed(error: BaseException) -> str:
    return f"annotator failed: {type(error).__name__}: {error}"
