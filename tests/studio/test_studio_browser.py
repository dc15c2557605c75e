"""The studio in a real browser: headless Chromium driven by Selenium, against the real server over loopback.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); skipped where they are missing.
`STUDIO_SCREENSHOT=docs/img/studio.png python -m pytest tests/studio/test_studio_browser.py` also saves the
README's screenshot of the studio in use.
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from slide2video.studio.server import BackgroundServer
from support import SEED

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs chromium and chromium-driver")

if CHROMIUM and DRIVER:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement
    from selenium.webdriver.support.ui import Select, WebDriverWait

SCREENSHOT = os.environ.get("STUDIO_SCREENSHOT")
PRESET = "reel" if SCREENSHOT else "216x384"  # small cards (fast renders and exports) unless taking the picture


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("studio")
    shutil.copy(SEED, path / SEED.name)
    return path


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[BackgroundServer]:
    with BackgroundServer(folder, preset=PRESET) as srv:
        yield srv


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[WebDriver]:
    profile = tempfile.mkdtemp(prefix="studio-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--window-size=1400,1000",
    ):
        options.add_argument(arg)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver: WebDriver, condition: Callable[[WebDriver], Any], timeout: float = 15) -> Any:
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition)


def by(driver: WebDriver | WebElement, testid: str) -> WebElement:
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def all_by(driver: WebDriver | WebElement, testid: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def saved_yaml(folder: Path) -> dict[str, Any]:
    # Not the hidden temporary file a save writes before renaming it into place.
    (path,) = [p for p in folder.glob("*.yaml") if not p.name.startswith(".")]
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_paste_edit_reorder_export(browser: WebDriver, server: BackgroundServer, folder: Path, downloads: Path) -> None:
    browser.get(server.url)
    assert "token=" not in browser.current_url  # the token moved into a cookie
    paste = by(browser, "article-input")
    # Selenium's send_keys types character by character; setting the value is what a paste does.
    browser.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))",
        paste,
        SEED.read_text(encoding="utf-8"),
    )
    by(browser, "read-article").click()
    wait(browser, lambda d: len(all_by(d, "slide")) == 11)
    assert len(all_by(browser, "slide")) == 11

    # Edit a heading: the card preview is re-rendered (new src) and the YAML is saved with the new heading.
    preview = by(browser, "card-preview")
    wait(browser, lambda d: preview.get_attribute("src") and d.execute_script("return arguments[0].complete", preview))
    before = preview.get_attribute("src")
    heading = by(all_by(browser, "slide")[1], "slide-heading")
    heading.click()
    wait(browser, lambda d: preview.get_attribute("src") != before)  # selecting slide 2 shows its card
    before = preview.get_attribute("src")
    heading.send_keys(Keys.END, " — edited")
    wait(browser, lambda d: preview.get_attribute("src") != before)
    assert saved_yaml(folder)["slides"][1]["heading"] == "Macron’s Statement — edited"
    wait(browser, lambda d: d.execute_script("return arguments[0].naturalWidth", preview) > 0)

    # Reorder: move slide 1 down below slide 2.
    first_heading = saved_yaml(folder)["slides"][0]["heading"]
    by(all_by(browser, "slide")[0], "move-down").click()
    wait(browser, lambda d: saved_yaml(folder)["slides"][1]["heading"] == first_heading)
    wait(browser, lambda d: by(all_by(d, "slide")[1], "slide-heading").get_attribute("value") == first_heading)
    assert saved_yaml(folder)["slides"][0]["heading"] == "Macron’s Statement — edited"

    # A photo from the folder's choices for the selected slide, then its focal point by clicking on it.
    before = preview.get_attribute("src")
    Select(by(browser, "photo-choose")).select_by_value("photos/rocket.jpg")
    wait(browser, lambda d: saved_yaml(folder)["slides"][1].get("image") == "photos/rocket.jpg")
    wait(browser, lambda d: preview.get_attribute("src") != before)
    thumb = browser.find_element(By.ID, "photo-thumb")
    wait(browser, lambda d: d.execute_script("return arguments[0].naturalWidth", thumb) > 0)
    ActionChains(browser).move_to_element_with_offset(thumb, -thumb.size["width"] // 4, 0).click().perform()
    wait(browser, lambda d: "focus" in saved_yaml(folder)["slides"][1])
    x, y = saved_yaml(folder)["slides"][1]["focus"]
    assert x == pytest.approx(0.25, abs=0.03) and y == pytest.approx(0.5, abs=0.03)

    if SCREENSHOT:
        browser.set_window_size(1400, 1150)
        wait(browser, lambda d: d.execute_script("return document.querySelector('#frame').complete"))
        time.sleep(1.0)
        browser.save_screenshot(SCREENSHOT)

    # Export the carousel, watch the progress, download the ZIP and look inside.
    by(browser, "export-carousel").click()
    link = wait(browser, lambda d: next(iter(all_by(d, "download")), None), timeout=60)
    assert link.get_attribute("href").endswith("/files/0")
    link.click()
    name = link.text.lstrip("⬇ ").strip()
    zipped = downloads / name
    wait(browser, lambda d: zipped.is_file() and zipped.stat().st_size > 0, timeout=20)
    with zipfile.ZipFile(zipped) as zf:
        names = zf.namelist()
    assert {"caption.txt", "manifest.json", "01.png"} <= set(names)
    assert len([n for n in names if n.endswith(".png")]) == 13  # cover, 11 slides, end card
    assert (folder / "out").is_dir()  # also written into the folder's output folder


def test_open_a_file_export_video_with_progress_and_cancel_and_see_a_conflict(
    browser: WebDriver, server: BackgroundServer, folder: Path, tmp_path: Path
) -> None:
    browser.get(server.url)
    story = tmp_path / "short story.md"
    story.write_text("# Short\n\n## One\nCredit: AP\n\nFirst.\n\n## Two\nCredit: AP\n\nSecond.\n", encoding="utf-8")
    browser.find_element(By.ID, "article-file").send_keys(str(story))  # what dropping the file does, via the picker
    wait(browser, lambda d: len(all_by(d, "slide")) == 2)
    target = folder / "short-story.yaml"
    assert target.is_file()

    # The video export shows its progress and can be cancelled; nothing is left behind.
    by(browser, "export-video").click()
    bar = wait(browser, lambda d: next(iter(all_by(d, "progress")), None))
    assert bar.is_displayed()
    by(browser, "cancel").click()
    wait(browser, lambda d: "video: cancelled" in d.find_element(By.ID, "jobs").text, timeout=30)
    assert not list((folder / "out" / "short-story").glob("*.mp4"))

    # An edit made on disk meanwhile is shown, and the page's edits are not saved over it.
    target.write_text(target.read_text("utf-8").replace("title: Short", "title: Changed on disk"), encoding="utf-8")
    banner = by(browser, "conflict")
    wait(browser, lambda d: banner.is_displayed(), timeout=10)
    assert "changed on disk" in banner.text
    by(browser, "conflict-reload").click()
    wait(browser, lambda d: by(d, "title").get_attribute("value") == "Changed on disk")
    assert not banner.is_displayed()


def raw_get(base: str, path: str, headers: dict[str, str]) -> tuple[int, str]:
    """A request exactly as given (http.client does not rewrite Host when told not to)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for key, value in headers.items():
            conn.putheader(key, value)
        conn.endheaders()
        res = conn.getresponse()
        return res.status, res.read().decode()
    finally:
        conn.close()


def test_refuses_requests_without_token_or_with_foreign_host(server: BackgroundServer, browser: WebDriver) -> None:
    host = urlsplit(server.base).netloc
    status, body = raw_get(server.base, "/api/state", {"Host": host})
    assert status == 403 and "token" in body
    status, body = raw_get(server.base, "/api/state", {"Host": host, "Cookie": f"slide2video_studio={server.token}"})
    assert status == 200
    # DNS rebinding: a page from evil.example that resolves to 127.0.0.1 sends its own name as Host.
    status, body = raw_get(server.base, f"/?token={server.token}", {"Host": "evil.example:" + host.split(":")[1]})
    assert status == 403 and "Host" in body
    # And in the browser: a fresh profile (no cookie) gets the refusal page, not the studio.
    browser.delete_all_cookies()
    browser.get(server.base + "/")
    assert "access token" in browser.find_element(By.TAG_NAME, "body").text
