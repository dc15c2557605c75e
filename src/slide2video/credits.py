"""Recognising photo-credit lines in the many phrasings newsrooms use.

`parse_credit(line)` returns the credit without its label (`Credits: DepositPhotos` -> `DepositPhotos`) or None
when the line is not a credit. Shared by the text and Markdown readers so both accept the same phrasings.
"""

from __future__ import annotations

import re

# Agencies and libraries that show up as bare credit lines ("Jane Doe/Shutterstock", "Name-USA TODAY Sports").
AGENCIES = (
    "shutterstock",
    "getty images",
    "getty",
    "depositphotos",
    "deposit photos",
    "istock",
    "istockphoto",
    "alamy",
    "associated press",
    "ap photo",
    "reuters",
    "afp",
    "usa today sports",
    "usa today network",
    "imagn",
    "unsplash",
    "pexels",
    "pixabay",
    "wikimedia commons",
    "wikimedia",
    "flickr",
    "epa",
    "epa-efe",
    "bloomberg",
    "nurphoto",
    "sopa images",
    "zuma",
    "zuma press",
    "adobe stock",
    "dreamstime",
    "123rf",
    "canva",
    "nasa",
    "public domain",
    "cc by",
    "creative commons",
    "freepik",
    "envato",
    "stocksy",
    "picture alliance",
    "dpa",
    "xinhua",
    "anadolu",
    "tass",
    "ria novosti",
    "sputnik",
    "icon sportswire",
    "rex features",
    "pa images",
    "pa wire",
)

_LABEL = re.compile(
    r"""^\(?\s*(?:
        (?:(?:featured|header|lead|top|cover|main)\s+)?
        (?:image|photo|photograph|picture|pic|img|video|illustration|graphic|photos|images)?\s*
        (?:credits?|sources?|courtesy)
      | image | images | photo | photos | photograph | picture | illustration | fotos? | фото | источник
    )\s*[:：\-–—|]\s*(?P<credit>.+?)\s*\)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_BY = re.compile(
    r"^\(?\s*(?:(?:image|photo|photograph|picture|illustration)\s+(?:by|courtesy\s+of|provided\s+by|from|via)"
    r"|courtesy\s+of|courtesy|provided\s+by|©|\(c\)|copyright)\s*:?\s+(?P<credit>.+?)\s*\)?$",
    re.IGNORECASE,
)
_SLASH = re.compile(r"^[\w .,'’&@-]{2,60}\s*/\s*[\w .,'’&@-]{2,60}$", re.UNICODE)
_VIA = re.compile(r"^.{2,60}\s+via\s+(?P<agency>.{2,40})$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[!?;]$|\w{4,}[.]\s+\w")


def clean_credit(text: str) -> str:
    """Strip surrounding punctuation and a final full stop from a credit."""
    text = re.sub(r"\s+", " ", text).strip().strip("()[]").strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _mentions_agency(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"(?<![a-z]){re.escape(a)}(?![a-z])", low) for a in AGENCIES)


def _ends_with_agency(text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"(?:^|[\s/\-–—,(]){re.escape(a)}\)?$", low) for a in AGENCIES)


def parse_credit(line: str) -> str | None:
    """The credit named by `line`, or None if the line is not a photo credit."""
    line = re.sub(r"\s+", " ", line).strip().strip("*_").strip()
    if not line or len(line) > 160:
        return None
    for pattern in (_LABEL, _BY):
        m = pattern.match(line)
        if m and m.group("credit").strip(" .:"):
            return clean_credit(m.group("credit"))
    return parse_bare_credit(line)


def parse_bare_credit(line: str) -> str | None:
    """A label-less credit: `Name/Shutterstock`, `X via Getty Images`, `Name-USA TODAY Sports`, `Reuters`."""
    line = line.strip()
    words = line.split()
    if not words or len(words) > 12 or _SENTENCE_END.search(line):
        return None
    core = line[:-1] if line.endswith(".") else line
    if _SLASH.match(core) and (_mentions_agency(core) or len(words) <= 6):
        return clean_credit(core)
    m = _VIA.match(core)
    if m and _mentions_agency(m.group("agency")):
        return clean_credit(core)
    if len(words) <= 8 and _ends_with_agency(core):
        # A short line closing on an agency name, e.g. "Kevin Jairaj-USA TODAY Sports" or "Getty Images".
        return clean_credit(core)
    return None
