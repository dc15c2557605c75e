"""Fuzzing the three readers: whatever the text, `parse_article_text` returns an `Article` or raises `ArticleError`.

The strategies build article-shaped text (headings, numbering, credit lines, bylines, Markdown markup, YAML
structure with anchors, tags and flow collections) and then damage it: unicode from every block, control
characters, stray indentation, cut lines. Pure random strings would almost never reach the readers' inner rules.

`test_reader_quick` runs 200 examples per reader; `test_reader_slow` (marked `slow`) 10,000 per reader. The default
test command runs both; deselect the slow ones with `-m "not slow"` while iterating.
"""

from __future__ import annotations

import datetime
import random

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slide2video import Article, ArticleError
from slide2video.readers import parse_article_text

QUICK = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SLOW = settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck), database=None)

# ------------------------------------------------------------------------------------------------ building blocks
# Lines come from pools built once (so one draw picks a whole plausible line: fast enough for 10,000 examples and
# still shrinkable), mixed with free unicode text; `damage` then edits the joined document at character level.

CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)])
ODD = "\u00a0\u200b\u200e\u200f\u202e\u2028\u2029\ufeff\ufffd\u0301\U0001f600\U0001f1fa\U0001f1e6"
WORDS = [
    "the", "Mayor", "said", "NATO", "forces", "Photo", "Credit", "via", "Getty", "Images", "AP", "Reuters", "By",
    "Shutterstock", "Jane", "Doe", "March", "3,", "2024", "min", "read", "Slide", "of", "#1", "10.", "—", "|", "…",
    "“quoted”", "Фото:", "ТАСС", "Главная", "東京", "القاهرة", "שלום", "naïve", "straße", "🐝", "a", "an", "and", "in",
]  # fmt: skip
CREDIT_LABELS = ["Photo: ", "Credit: ", "Credits: ", "Photo credit: ", "Image via ", "(Photo: ", "© ", "Фото: ", ""]
CREDITS = ["Jane Doe/Shutterstock", "AFP", "Kevin Jairaj-USA TODAY Sports", "ТАСС", "Getty Images", "NASA", "x"]
CHROME = [
    "Home > News > Politics", "1. Home", "2. /", "3. Politics", "Advertisement", "5 min read", "Slide 2 of 3",
    "1 of 12", "By Jane Doe | March 3, 2024", "Published March 3, 2024", "Updated 2 hours ago", "Related Articles",
    "Read More From The Example", "12 Comments", "Jane Doe is a reporter who writes about cities.", "Главная › Наука",
    "Title Of The Story | Example News", "Share this:", "© 2024 Example Media", "10", "#", "1.", "", " ", "\t",
]  # fmt: skip


def _pool(seed: int, size: int) -> list[str]:
    """Plausible article lines: headings (numbered or not), credits, bylines and sentences, in several scripts."""
    rng = random.Random(seed)
    out = list(CHROME)
    for _ in range(size):
        phrase = " ".join(rng.choices(WORDS, k=rng.randint(1, 10)))
        kind = rng.randrange(6)
        if kind == 0:
            out.append(phrase.title())
        elif kind == 1:
            number = rng.choice([str(rng.randint(0, 120)), "#" + str(rng.randint(0, 99)), "No. 3"])
            out.append(f"{number}{rng.choice(['. ', ') ', ' - ', ': ', ' '])}{phrase.title()}")
        elif kind == 2:
            out.append(rng.choice(CREDIT_LABELS) + rng.choice([*CREDITS, phrase]))
        elif kind == 3:
            out.append(". ".join(" ".join(rng.choices(WORDS, k=rng.randint(3, 25))) for _ in range(rng.randint(1, 4))))
        else:
            out.append(phrase)
    return out


POOL = _pool(5, 600)
free_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(CONTROL + ODD), max_size=24
)
line = st.one_of(st.sampled_from(POOL), st.sampled_from(POOL), st.sampled_from(POOL), free_text)  # 3:1 pool to free


def damage(draw: st.DrawFn, text: str) -> str:
    """Apply a few edits a copy-paste or a bad tool might make: cut, duplicate, indent, inject characters."""
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        i = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "dup", "indent", "inject", "newline"]))
        if edit == "cut":
            text = text[:i] + text[i + draw(st.integers(1, 20)) :]
        elif edit == "dup":
            text = text[:i] + text[i : i + 40] + text[i:]
        elif edit == "indent":
            text = text[:i] + draw(st.sampled_from(["  ", "\t", " - ", "> ", "\n"])) + text[i:]
        elif edit == "inject":
            text = text[:i] + draw(st.text(alphabet=CONTROL + ODD + ":#-*[]{}&!|>'\"%@`", max_size=4)) + text[i:]
        else:
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n"])), 1)
    return text


NO_HEAD = st.just("")


@st.composite
def document(
    draw: st.DrawFn, lines: st.SearchStrategy[str], max_lines: int = 20, head: st.SearchStrategy[str] = NO_HEAD
) -> str:
    """A head and up to `max_lines` lines, joined, then damaged (one composite: `flatmap` costs twice as much)."""
    count = draw(st.integers(1, max_lines))
    return damage(draw, draw(head) + "\n".join(draw(lines) for _ in range(count)))


# ----------------------------------------------------------------------------------------------------- documents

text_documents = document(line)

MD_MARKUP = [
    "# {}", "# {}", "## {}", "## {}", "## {}", "### {} ##", "![{}](photos/cat.png)", "![{}](<a b.jpg> 'T')", "![]({})",
    "**{}**", "_{}_ and `code`", "[{}](http://x)", "> {}", "- {}", "1) {}", "<b>{}</b>", "<!-- {}", "{} -->", "\\# {}",
    "{}", "{}", "{}", "---", "***", "By {}",
]  # fmt: skip
md_line = st.builds(str.format, st.sampled_from(MD_MARKUP), line)
FRONT_KEYS = ["title", "section", "source", "byline", "sectoin", "tags", "? x"]
FRONT_VALUES = ["x", "Politics", "3", "[a, b]", "{a: 1}", "&x y", "*x", "!!binary aGk=", "|", "'", "null", "2024-01-01"]
front_matter = st.lists(st.tuples(st.sampled_from(FRONT_KEYS), st.sampled_from(FRONT_VALUES)), max_size=4).map(
    lambda items: "---\n" + "".join(f"{k}: {v}\n" for k, v in items) + "---\n"
)
md_documents = document(md_line, head=st.sampled_from(["", "", "---\n"]) | front_matter)

FIELDS = ["heading", "body", "credit", "image", "alt", "duration", "number", "audio", "focus", "headnig", "extra"]
VALUES: list[object] = [
    *POOL[:150], "", None, True, 0, -1, 3, 10**30, 2.5, -0.0, float("nan"), float("inf"), [0.5, 0.5], [1, 2, 3],
    ["a", "b"], [], {}, {"a": 1}, [["x"]], datetime.date(2024, 3, 3), b"\x00bytes", "photos/cat.png",
    "../../etc/passwd", "/etc/passwd", "http://example.com/a.jpg",
]  # fmt: skip
scalar = st.sampled_from(VALUES)
slide = st.dictionaries(st.sampled_from(FIELDS), scalar | st.lists(scalar, max_size=2), max_size=5)
article_data = st.dictionaries(
    st.sampled_from(["title", "title", "slides", "slides", "intro", "byline", "source", "section", "titel"]),
    scalar | st.lists(slide, max_size=3) | st.lists(scalar, max_size=3),
    max_size=6,
)
YAML_SYNTAX = [
    "a: &a [x, x]\nb: [*a, *a]\n", "title: !!str 3\n", "title: !!python/object:os.system x\n", "? [a]\n: b\n",
    "%YAML 1.1\n---\n", "--- \n...\n---\n", "title: |\n  block\n", "title: >-\n  folded\n", "title: 'it''s'\n",
    'title: "\\x00\\u202e"\n', "slides: *nope\n", "slides: [[[[[[[[[[\n", "title: {a: 1, a: 2}\n", "\t- tab\n",
    "slides:\n- heading: h\n  heading: h\n", "title: 2024-03-03\n", "title: 0x1F\n", "title: .nan\n", "- - -\n",
    "slides:\n  - heading: H\n", "title: T\n", "intro: [a, b]\n",
]  # fmt: skip


def _dump(data: object, flow: bool, width: int) -> str:
    return yaml.dump(data, default_flow_style=flow, allow_unicode=True, width=width, sort_keys=False)


# Mostly-valid articles too, so the validator's conversions and the final checks run, not only the syntax errors.
pool_line = st.sampled_from(POOL)
good_slide = st.fixed_dictionaries(
    {"heading": pool_line},
    optional={
        "body": st.lists(pool_line, max_size=3),
        "credit": pool_line,
        "image": st.sampled_from(["photos/cat.png", "a b.jpg", "", "../x.png"]),
        "duration": st.sampled_from([1, 2.5, 0.1, 0, -1, 10**6]),
        "number": st.integers(-5, 200),
        "focus": st.sampled_from([[0.5, 0.5], [0, 1], [1.5, 0], [0.5]]),
        "audio": st.sampled_from(["voice.mp3", ""]),
    },
)
good_article = st.fixed_dictionaries(
    {"title": pool_line, "slides": st.lists(good_slide, min_size=1, max_size=4)},
    optional={"intro": st.lists(pool_line, max_size=3), "byline": pool_line, "source": pool_line, "section": pool_line},
)
dumped = st.builds(_dump, good_article | good_article | article_data, st.booleans(), st.integers(20, 120))
yaml_documents = document(dumped | dumped | st.sampled_from(YAML_SYNTAX), max_lines=2)

READERS = {"text": text_documents, "markdown": md_documents, "yaml": yaml_documents}


def check(content: str, fmt: str) -> None:
    """The property: an `Article` with a title and slides, or one `ArticleError`; nothing else escapes."""
    try:
        article = parse_article_text(content, fmt, "fuzz.txt")
    except ArticleError as exc:
        lines = exc.message.splitlines()
        assert lines and all(ln.startswith("fuzz.txt") for ln in lines), (
            f"each problem is one line naming the file: {exc.message!r}"
        )
        return
    assert isinstance(article, Article) and article.title.strip() and article.slides


@pytest.mark.parametrize("fmt", list(READERS))
def test_reader_quick(fmt: str) -> None:
    given(READERS[fmt])(QUICK(lambda content: check(content, fmt)))()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(READERS))
def test_reader_slow(fmt: str) -> None:
    given(READERS[fmt])(SLOW(lambda content: check(content, fmt)))()
