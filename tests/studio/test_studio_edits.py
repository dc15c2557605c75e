"""Edits as pure functions: property tests over random slide lists (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slide2video.article import Article, Slide
from slide2video.errors import ArticleError
from slide2video.studio.edits import apply_edit, merge_slides, paragraphs, split_slide

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=20).map(lambda s: s.strip() or "x")
sentences = st.lists(words.map(lambda w: w.capitalize() + "."), min_size=1, max_size=4).map(" ".join)
slides = st.builds(
    Slide,
    heading=words,
    body=st.lists(sentences, min_size=0, max_size=4),
    credit=st.one_of(st.none(), words),
)
articles = st.builds(Article, title=words, slides=st.lists(slides, min_size=1, max_size=8))


@given(articles, st.data())
def test_move_keeps_every_slide_and_the_input_untouched(article: Article, data: st.DataObject) -> None:
    n = len(article.slides)
    i, j = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    before = [s.heading for s in article.slides]
    moved = apply_edit(article, {"op": "move", "slide": i, "to": j})
    assert [s.heading for s in article.slides] == before  # a new article; the old one is unchanged
    assert sorted(s.heading for s in moved.slides) == sorted(before)
    assert moved.slides[j].heading == before[i]


@given(slides)
def test_split_then_merge_gives_the_paragraphs_back(slide: Slide) -> None:
    try:
        first, second = split_slide(slide)
    except ArticleError:
        assert len(slide.body) < 2  # only a one-sentence (or empty) slide cannot be split
        return
    assert first.body and second.body
    merged = merge_slides(first, second)
    assert " ".join(merged.body).split() == " ".join(slide.body).split()
    assert merged.heading == slide.heading and merged.credit == slide.credit


@given(articles, st.data())
def test_delete_and_add_change_the_count_by_one(article: Article, data: st.DataObject) -> None:
    n = len(article.slides)
    added = apply_edit(article, {"op": "add", "at": data.draw(st.integers(0, n))})
    assert len(added.slides) == n + 1
    if n > 1:
        assert len(apply_edit(article, {"op": "delete", "slide": data.draw(st.integers(0, n - 1))}).slides) == n - 1


def test_paragraphs_from_text() -> None:
    assert paragraphs("One  line\nwrapped.\n\n\nTwo.\n \n") == ["One line wrapped.", "Two."]
    assert paragraphs(["a", " ", "b"]) == ["a", "b"]


@pytest.mark.parametrize(
    ("op", "message"),
    [
        ({"op": "set", "slide": 0, "field": "colour", "value": 1}, "unknown slide field 'colour'"),
        ({"op": "set", "slide": 0, "field": "focus", "value": [2, 0]}, "focus is [x, y]"),
        ({"op": "set", "slide": 0, "field": "duration", "value": "soon"}, "'soon' is not a number"),
        ({"op": "move", "slide": 0, "to": 5}, "slide 6 does not exist"),
        ({"op": "merge", "slide": 0}, "no next slide"),
        ({"op": "delete", "slide": True}, "a slide number"),
    ],
)
def test_refused_edits_say_why(op: dict[str, object], message: str) -> None:
    article = Article(title="T", slides=[Slide(heading="Only", body=["Text."])])
    with pytest.raises(ArticleError, match=message.replace("[", r"\[").replace("]", r"\]")):
        apply_edit(article, op)


def test_article_fields() -> None:
    article = Article(title="T", slides=[Slide(heading="Only", body=["Text."])])
    edited = apply_edit(article, {"op": "set", "field": "intro", "value": "First.\n\nSecond."})
    assert edited.intro == ["First.", "Second."]
    edited = apply_edit(edited, {"op": "set", "field": "source", "value": "  "})
    assert edited.source is None
    assert (
        apply_edit(edited, {"op": "set", "slide": 0, "field": "alt", "value": "A rocket"}).slides[0].alt == "A rocket"
    )


def test_notes_follow_their_slide() -> None:
    from slide2video.studio.notes import notes_by_slide, reading_notes

    article = Article(title="T", slides=[Slide(heading="One"), Slide(heading="Two")])
    article.warnings = ["story.txt:7: 'Two' has no photo credit; read as a slide heading", "story.txt:2: odd"]
    article.doubts = ["slide 1 heading — uncertain, could be a caption (line 5, 55% sure)"]
    notes = reading_notes(article)
    shown = notes_by_slide(notes, article)
    assert shown["slides"] == {
        1: ["line 7: 'Two' has no photo credit; read as a slide heading"],
        0: ["slide 1 heading — uncertain, could be a caption (line 5, 55% sure)"],
    }
    assert shown["general"] == ["line 2: odd"]
    moved = apply_edit(article, {"op": "move", "slide": 1, "to": 0})
    assert set(notes_by_slide(notes, moved)["slides"]) == {0, 1}
    assert notes_by_slide(notes, moved)["slides"][0][0].startswith("line 7")
    renamed = apply_edit(article, {"op": "set", "slide": 1, "field": "heading", "value": "Fixed"})
    assert len(notes_by_slide(notes, renamed)["general"]) == 2
