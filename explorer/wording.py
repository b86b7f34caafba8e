"""Small pieces of English the program's messages share."""

from __future__ import annotations


def counted(number: int, one: str, many: str) -> str:
    """"1 story", "5,000 stories"."""
    return f"{number:,} {one if number == 1 else many}"
