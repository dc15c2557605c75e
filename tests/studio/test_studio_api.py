"""The studio's HTTP API through Starlette's test client: safety, reading, editing, saving, previews, exports."""

from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image
from starlette.testclient import TestClient

from slide2video.readers import load_article
from slide2video.studio import Studio, create_app
from support import ARTICLES, SEED

TOKEN = "test-token"
BASE = "http://127.0.0.1:8765"
PRESET = "216x384"
SHORT = """# Two slides

Intro.

## First slide
Credit: AP

One. Two sentences here.

## Second slide
Credit: Reuters

Three.
"""


def client_for(folder: Path, **kw: Any) -> tuple[TestClient, Studio]:
    app, studio, _ = create_app(folder, TOKEN, preset=PRESET, **kw)
    client = TestClient(app, base_url=BASE)
    client.cookies.set("slide2video_studio", TOKEN)
    return client, studio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SEED, tmp_path / SEED.name)
    return tmp_path


@pytest.fixture
def client(folder: Path) -> TestClient:
    return client_for(folder)[0]


def paste(client: TestClient, text: str | None = None) -> dict[str, Any]:
    res = client.post("/api/articles", json={"text": text if text is not None else SEED.read_text(encoding="utf-8")})
    assert res.status_code == 201, res.text
    data: dict[str, Any] = res.json()
    return data


def edit(client: TestClient, sid: str, **op: Any) -> Any:
    return client.post(f"/api/articles/{sid}/edit", json=op)


# ------------------------------------------------------------------------------------------------------ safety


def test_every_request_needs_the_token(folder: Path) -> None:
    app, _, _ = create_app(folder, TOKEN)
    bare = TestClient(app, base_url=BASE)
    assert bare.get("/api/state").status_code == 403
    assert bare.get("/").status_code == 403
    assert bare.get("/static/studio.js").status_code == 403
    assert bare.get("/api/state", headers={"x-studio-token": "wrong"}).status_code == 403
    assert bare.get("/api/state", headers={"x-studio-token": TOKEN}).status_code == 200
    first = bare.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
    assert bare.get("/api/state").status_code == 200  # the cookie from the first visit
    assert bare.get("/?token=wrong", headers={"cookie": ""}, follow_redirects=False).status_code == 403


def test_foreign_host_and_cross_site_writes_are_refused(client: TestClient) -> None:
    assert client.get("/api/state", headers={"host": "evil.example:8765"}).status_code == 403
    assert client.get("/api/state", headers={"host": "localhost:8765"}).status_code == 200
    assert client.get("/api/state", headers={"host": "[::1]:8765"}).status_code == 200
    body = {"text": SHORT}
    res = client.post("/api/articles", json=body, headers={"origin": "http://evil.example"})
    assert res.status_code == 403
    res = client.post("/api/articles", json=body, headers={"origin": "http://127.0.0.1:8765"})
    assert res.status_code == 201


def test_public_allows_other_host_names_but_still_wants_the_token(folder: Path) -> None:
    app, _, _ = create_app(folder, TOKEN, public=True)
    c = TestClient(app, base_url="http://studio.lan:8765")
    assert c.get("/api/state").status_code == 403
    assert c.get("/api/state", headers={"x-studio-token": TOKEN}).status_code == 200


def test_files_outside_the_folder_are_refused(client: TestClient, folder: Path) -> None:
    (folder.parent / "secret.txt").write_text("# T\n\n## S\n\nx\n", encoding="utf-8")
    res = client.post("/api/articles", json={"path": "../secret.txt"})
    assert res.status_code == 404 and "outside" in res.json()["error"]
    (folder / "link.yaml").symlink_to(folder.parent / "secret.txt")
    assert client.post("/api/articles", json={"path": "link.yaml"}).status_code == 404


# ------------------------------------------------------------------------------------------------ read and save


def test_pasted_article_is_read_like_the_cli_and_saved_as_yaml(client: TestClient, folder: Path) -> None:
    state = paste(client)
    assert len(state["article"]["slides"]) == 11
    assert state["saved"] and state["target"].endswith(".yaml")
    saved = load_article(folder / state["target"])
    assert saved == load_article(SEED)  # the same reader as the CLI, the same YAML as `parse`
    assert [c["kind"] for c in state["cards"]] == ["cover"] + ["slide"] * 11 + ["end"]


def test_opening_text_never_overwrites_an_existing_yaml(client: TestClient, folder: Path) -> None:
    (folder / "russia-nato-ukraine.yaml").write_text("keep me", encoding="utf-8")
    state = client.post("/api/articles", json={"path": "russia-nato-ukraine.txt"}).json()
    assert state["target"] == "russia-nato-ukraine-2.yaml" and state["source"] == "russia-nato-ukraine.txt"
    assert (folder / "russia-nato-ukraine.yaml").read_text(encoding="utf-8") == "keep me"
    listed = client.get("/api/state").json()["articles"]
    assert "russia-nato-ukraine-2.yaml" in listed and not any(p.startswith("out/") for p in listed)


def test_an_opened_yaml_is_edited_in_place(client: TestClient, folder: Path) -> None:
    shutil.copy(ARTICLES / "urban-beekeeping.yaml", folder / "bees.yaml")
    state = client.post("/api/articles", json={"path": "bees.yaml"}).json()
    assert state["target"] == "bees.yaml"
    edit(client, state["id"], op="set", field="title", value="Bees!")
    assert load_article(folder / "bees.yaml").title == "Bees!"
    again = client.post("/api/articles", json={"path": "bees.yaml"}).json()
    assert again["id"] == state["id"]  # one session per file


def test_bad_paste_is_one_clear_line(client: TestClient) -> None:
    res = client.post("/api/articles", json={"text": "   "})
    assert res.status_code == 422 and res.json()["error"] == "pasted text: file is empty"
    res = client.post("/api/articles", json={"text": "title: x\nslides: 3\n", "name": "a.yaml"})
    assert res.status_code == 422 and res.json()["error"].startswith("a.yaml:")
    assert client.post("/api/articles", content=b"{not json").status_code == 422


def test_reader_warnings_are_shown_beside_their_slide(client: TestClient) -> None:
    text = "# T\n\nIntro.\n\n## One\n\nBody.\n\n![a](x.jpg)\n\n![b](y.jpg)\n\n## Two\n\nMore.\n"
    state = client.post("/api/articles", json={"text": text, "name": "t.md"}).json()
    assert state["warnings"]["slides"] == {"0": ["line 11: second image in slide 'One' ignored"]}


# ------------------------------------------------------------------------------------------------------ editing


def test_heading_edit_rerenders_only_that_card_and_saves(client: TestClient, folder: Path) -> None:
    state = paste(client)
    sid, before = state["id"], {c["index"]: c["key"] for c in state["cards"]}
    after = edit(client, sid, op="set", slide=2, field="heading", value="A new heading").json()
    changed = [c["index"] for c in after["cards"] if before[c["index"]] != c["key"]]
    assert changed == [3]  # the cover is card 0, so slide 2 is card 3
    assert yaml.safe_load((folder / after["target"]).read_text("utf-8"))["slides"][2]["heading"] == "A new heading"
    png = client.get(f"/api/articles/{sid}/cards/3.png?key={after['cards'][3]['key']}")
    assert png.status_code == 200 and Image.open(io.BytesIO(png.content)).size == (216, 384)


def test_structure_edits(client: TestClient, folder: Path) -> None:
    sid = paste(client, SHORT)["id"]
    state = edit(client, sid, op="split", slide=0).json()
    assert [s["heading"] for s in state["article"]["slides"]] == [
        "First slide",
        "First slide (continued)",
        "Second slide",
    ]
    state = edit(client, sid, op="merge", slide=0).json()
    assert state["article"]["slides"][0]["body"] == ["One.", "Two sentences here."]
    state = edit(client, sid, op="move", slide=1, to=0).json()
    assert [s["heading"] for s in state["article"]["slides"]] == ["Second slide", "First slide"]
    state = edit(client, sid, op="add", at=1).json()
    assert state["article"]["slides"][1]["heading"] == "New slide"
    state = edit(client, sid, op="delete", slide=1).json()
    assert len(state["article"]["slides"]) == 2
    assert load_article(folder / state["target"]).slides[0].heading == "Second slide"


def test_refused_edit_changes_nothing(client: TestClient, folder: Path) -> None:
    state = paste(client, SHORT)
    path = folder / state["target"]
    saved = path.read_bytes()
    res = edit(client, state["id"], op="set", slide=0, field="duration", value=-2)
    assert (
        res.status_code == 422
        and "duration" in res.json()["error"]
        and "out of range: must be more than 0" in res.json()["error"]
    )
    assert edit(client, state["id"], op="set", slide=0, field="heading", value="  ").status_code == 422
    assert edit(client, state["id"], op="delete", slide=7).status_code == 422
    assert edit(client, state["id"], op="fly").status_code == 422
    assert path.read_bytes() == saved
    assert client.get(f"/api/articles/{state['id']}").json()["rev"] == state["rev"]


def test_a_change_on_disk_is_detected_and_never_overwritten(client: TestClient, folder: Path) -> None:
    state = paste(client, SHORT)
    sid, path = state["id"], folder / state["target"]
    path.write_text(path.read_text("utf-8").replace("Two slides", "Changed elsewhere"), encoding="utf-8")
    assert "changed on disk" in client.get(f"/api/articles/{sid}").json()["conflict"]
    state = edit(client, sid, op="set", slide=0, field="heading", value="Mine").json()
    assert not state["saved"] and state["conflict"]
    assert "Changed elsewhere" in path.read_text("utf-8") and "Mine" not in path.read_text("utf-8")
    assert client.post(f"/api/articles/{sid}/save", json={}).status_code == 409
    state = client.post(f"/api/articles/{sid}/save", json={"force": True}).json()
    assert state["saved"] and not state["conflict"] and "Mine" in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace("Mine", "Theirs"), encoding="utf-8")
    state = client.post(f"/api/articles/{sid}/reload").json()
    assert state["article"]["slides"][0]["heading"] == "Theirs" and not state["conflict"]


def test_theme_and_preset_switch(client: TestClient) -> None:
    sid = paste(client, SHORT)["id"]
    state = client.post(f"/api/articles/{sid}/settings", json={"theme": "bold", "preset": "ig-portrait"}).json()
    assert (state["theme"], state["preset"]) == ("bold", "ig-portrait")
    assert state["preview_size"] == [360, 450]  # preview size, not the final 1080x1350
    res = client.post(f"/api/articles/{sid}/settings", json={"theme": "nope"})
    assert res.status_code == 422 and "nope" in res.json()["error"]


# ------------------------------------------------------------------------------------------------------ photos


def _png(size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_photo_upload_focus_and_thumbnail(client: TestClient, folder: Path) -> None:
    state = paste(client, SHORT)
    sid = state["id"]
    url = f"/api/articles/{sid}/slides/0/photo"
    state = client.post(url, content=_png(), headers={"x-filename": "My Photo.PNG"}).json()
    assert state["article"]["slides"][0]["image"] == "photos/my-photo.png"
    assert (folder / "photos" / "my-photo.png").is_file()
    state = client.post(url, content=_png(), headers={"x-filename": "My Photo.PNG"}).json()
    assert state["article"]["slides"][0]["image"] == "photos/my-photo-2.png"  # never over a file
    state = client.post(url, content=_png(), headers={"x-filename": "Fot%C3%B3%20%C3%A9t%C3%A9.png"}).json()
    assert state["article"]["slides"][0]["image"] == "photos/foto-ete.png"  # the page sends the name URL-encoded
    state = edit(client, sid, op="set", slide=0, field="focus", value=[0.25, 0.75]).json()
    assert load_article(folder / state["target"]).slides[0].focus == (0.25, 0.75)
    thumb = client.get(url)
    assert thumb.status_code == 200 and Image.open(io.BytesIO(thumb.content)).size == (64, 48)
    choices = [p["value"] for p in client.get(f"/api/articles/{sid}/photos").json()["photos"]]
    assert "photos/my-photo.png" in choices and "photos/rocket.jpg" in choices


def test_bad_uploads_are_refused_and_leave_nothing(client: TestClient, folder: Path) -> None:
    sid = paste(client, SHORT)["id"]
    url = f"/api/articles/{sid}/slides/0/photo"
    res = client.post(url, content=b"not an image at all", headers={"x-filename": "x.jpg"})
    assert res.status_code == 422 and res.json()["error"].startswith("x.jpg: ")
    assert client.post(url, content=_png(), headers={"x-filename": "x.exe"}).status_code == 422
    # Over the CLI's pixel limit (50 MP): refused from the header, before decoding.
    buf = io.BytesIO()
    Image.new("1", (10000, 6000)).save(buf, "PNG")
    res = client.post(url, content=buf.getvalue(), headers={"x-filename": "bomb.png"})
    assert res.status_code == 422 and "pixels" in res.json()["error"]
    res = client.post(url, content=b"\0" * 41_000_000, headers={"x-filename": "big.jpg"})
    assert res.status_code == 413
    assert not any((folder / "photos").iterdir())


# ------------------------------------------------------------------------------------------------------ seeing


def test_timeline_and_exact_frames(client: TestClient) -> None:
    sid = paste(client, SHORT)["id"]
    edit(client, sid, op="set", slide=0, field="duration", value=2)
    tl = client.get(f"/api/articles/{sid}/timeline").json()
    assert [s["kind"] for s in tl["segments"]] == ["cover", "slide", "slide", "end"]
    assert tl["segments"][1]["duration"] == pytest.approx(2.0, abs=0.05)
    last = tl["segments"][-1]
    assert tl["duration"] == pytest.approx(last["start"] + last["duration"])
    one = client.get(f"/api/articles/{sid}/frame.png?t={tl['segments'][1]['start'] + 1}")
    two = client.get(f"/api/articles/{sid}/frame.png?t={tl['segments'][2]['start'] + 1}")
    assert Image.open(io.BytesIO(one.content)).size == (216, 384) and one.content != two.content
    assert client.get(f"/api/articles/{sid}/frame.png?t=abc").status_code == 422


# ------------------------------------------------------------------------------------------------------ exports


def wait_done(client: TestClient, studio: Studio, jid: str) -> dict[str, Any]:
    studio.exports.wait(jid, timeout=120)
    data: dict[str, Any] = client.get(f"/api/exports/{jid}").json()
    return data


def test_carousel_and_pdf_exports(folder: Path) -> None:
    client, studio = client_for(folder)
    sid = paste(client, SHORT)["id"]
    job = client.post(f"/api/articles/{sid}/exports", json={"kind": "carousel"}).json()
    events = client.get(f"/api/exports/{job['id']}/events").text
    assert events.rstrip().endswith("}") and '"state": "done"' in events.split("data: ")[-1]
    job = wait_done(client, studio, job["id"])
    zipped = client.get(job["files"][0]["url"])
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as zf:
        names = zf.namelist()
        assert Image.open(io.BytesIO(zf.read("01.png"))).size == (216, 384)  # the final size
    assert names == ["01.png", "02.png", "03.png", "04.png", "caption.txt", "contact-sheet.jpg", "manifest.json"]
    assert (folder / job["files"][0]["path"]).is_file() and (folder / "out/two-slides/carousel/01.png").is_file()

    pdf = wait_done(client, studio, client.post(f"/api/articles/{sid}/exports", json={"kind": "pdf"}).json()["id"])
    data = client.get(pdf["files"][0]["url"]).content
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 4
    assert client.post(f"/api/articles/{sid}/exports", json={"kind": "gif"}).status_code == 422


def test_video_export_with_subtitles(folder: Path) -> None:
    from slide2video.video.probe import probe

    client, studio = client_for(folder)
    sid = paste(client, SHORT)["id"]
    for i in range(2):
        edit(client, sid, op="set", slide=i, field="duration", value=1)
    job = wait_done(client, studio, client.post(f"/api/articles/{sid}/exports", json={"kind": "video"}).json()["id"])
    assert job["state"] == "done", job["message"]
    assert [f["name"] for f in job["files"]] == ["two-slides.mp4", "two-slides.srt", "two-slides.vtt"]
    info = probe(folder / job["files"][0]["path"])
    assert (info.width, info.height, info.video_codec) == (216, 384, "h264")
    assert "First slide" in client.get(job["files"][1]["url"]).text


def test_exports_queue_per_article_and_cancel(folder: Path) -> None:
    client, studio = client_for(folder)
    sid = paste(client)["id"]  # 11 slides of about 12 s: long enough to cancel while it encodes
    first = client.post(f"/api/articles/{sid}/exports", json={"kind": "video"}).json()
    second = client.post(f"/api/articles/{sid}/exports", json={"kind": "pdf"}).json()
    deadline = time.monotonic() + 60
    while client.get(f"/api/exports/{first['id']}").json()["stage"] != "video" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.get(f"/api/exports/{second['id']}").json()["state"] == "queued"  # one at a time per article
    client.post(f"/api/exports/{first['id']}/cancel")
    done = wait_done(client, studio, first["id"])
    assert done["state"] == "cancelled" and done["files"] == []
    assert not list(folder.glob("out/*/*.mp4")) and not list(folder.glob("out/*/.*"))
    assert wait_done(client, studio, second["id"])["state"] == "done"  # the queued one ran after
    assert client.get(f"/api/exports/{first['id']}/files/0").status_code == 404


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/articles/a99").status_code == 404
    assert client.get("/api/exports/e99").status_code == 404


def test_a_pasted_address_is_fetched_like_parse_does(client: TestClient) -> None:
    # The web reader's safe defaults refuse this studio's own machine; the refusal is one line on the page.
    res = client.post("/api/articles", json={"text": "  http://127.0.0.1:9/story  \n"})
    assert res.status_code == 422 and res.json()["error"].startswith("http://127.0.0.1:9/story: refused")


def test_a_dropped_web_page_is_read_by_the_html_reader(client: TestClient, folder: Path) -> None:
    slides = "".join(
        f"<figure><img src='p{i}.jpg' alt=''><figcaption>Photo: AP</figcaption></figure>"
        f"<h2>Heading {i}</h2><p>Text {i}.</p>"
        for i in range(1, 4)
    )
    page = (
        "<!doctype html><html><head><title>Page</title></head>"
        f"<body><article><h1>A web story</h1>{slides}</article></body></html>"
    )
    res = client.post("/api/articles", json={"text": page, "name": "story.html"})
    assert res.status_code == 201, res.text
    state = res.json()
    assert state["article"]["title"] == "A web story" and len(state["article"]["slides"]) == 3
    assert state["target"] == "story.yaml"


def test_theme_files_only_from_the_folder(client: TestClient, folder: Path) -> None:
    sid = paste(client, SHORT)["id"]
    (folder / "brand.yaml").write_text("name: brand\nextends: news\ncolors:\n  accent: '#00A86B'\n", encoding="utf-8")
    state = client.post(f"/api/articles/{sid}/settings", json={"theme": "brand.yaml"}).json()
    assert state["theme"] == str((folder / "brand.yaml").resolve())
    assert client.post(f"/api/articles/{sid}/settings", json={"theme": "/etc/passwd"}).status_code == 404
    assert client.post(f"/api/articles/{sid}/settings", json={"theme": "notes.txt"}).status_code == 422


def test_upload_to_a_missing_slide_keeps_nothing(client: TestClient, folder: Path) -> None:
    sid = paste(client, SHORT)["id"]
    res = client.post(f"/api/articles/{sid}/slides/9/photo", content=_png(), headers={"x-filename": "a.png"})
    assert res.status_code == 404 and not (folder / "photos").exists()


def test_a_missing_photo_is_a_warning_in_the_preview_and_stops_the_export(folder: Path) -> None:
    client, studio = client_for(folder)
    sid = paste(client, SHORT)["id"]
    edit(client, sid, op="set", slide=0, field="image", value="missing.jpg")
    tl = client.get(f"/api/articles/{sid}/timeline").json()
    (warning,) = tl["card_warnings"]["1"]
    assert "missing.jpg" in warning and "not found" in warning
    assert client.get(f"/api/articles/{sid}/cards/1.png").status_code == 200  # drawn on the theme background
    job = wait_done(client, studio, client.post(f"/api/articles/{sid}/exports", json={"kind": "pdf"}).json()["id"])
    assert job["state"] == "failed" and "missing.jpg" in job["message"] and job["files"] == []
