"""Fetching over real HTTP on loopback: limits, types, redirects, errors, the cache and the SSRF guard."""

from __future__ import annotations

from pathlib import Path

import httpcore
import pytest

from slide2video import __version__
from slide2video.readers.fetch import Fetcher, FetchError, WebOptions, slug
from slide2video.readers.guard import check_url as guard_check
from slide2video.readers.guard import refused_address
from webkit import Server


def check_url(url: str, options: WebOptions) -> tuple[str, int]:
    return guard_check(url, options.allow_private_urls, options.resolver)


def fetcher(**kw: object) -> Fetcher:
    options = WebOptions(**{"allow_private_urls": True, "timeout": 2.0, **kw})  # type: ignore[arg-type]
    return Fetcher(options)


def test_page_is_fetched_decompressed_with_our_user_agent(web: Server, cache: Path) -> None:
    with fetcher() as f:
        page = f.page(web.url("/site/wp-listicle.html"))
    assert page.content_type == "text/html"
    assert b"7 Harbour Towns" in page.data  # brotli-compressed on the wire
    assert page.path.is_relative_to(cache)
    headers = web.log[-1][1]
    assert headers["User-Agent"].startswith(f"slide2video/{__version__}")
    assert "br" in headers["Accept-Encoding"]


def test_cache_is_reused_and_offline_reads_only_it(web: Server, cache: Path) -> None:
    url = web.url("/site/lazy.html")
    with fetcher() as f:
        first = f.page(url)
    with fetcher() as f:
        again = f.page(url)
    assert web.hits("/site/lazy.html") == 1
    assert again.path == first.path and again.data == first.data
    with fetcher(offline=True) as f:
        assert f.page(url).data == first.data
        with pytest.raises(FetchError, match=r"not in the cache .*--offline"):
            f.page(web.url("/site/picture.html"))
    assert web.hits("/site/picture.html") == 0


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/404", r"HTTP 404 Not Found"),
        ("/500", r"HTTP 500 Internal Server Error"),
        ("/loop-a", r"redirect loop"),
        ("/hops/6", r"more than 5 redirects"),
        ("/site/wp-listicle_files/crail-1024x683.jpg", r"is image/jpeg, not an HTML page"),
    ],
)
def test_page_errors_are_one_line_naming_the_url(web: Server, cache: Path, path: str, message: str) -> None:
    url = web.url(path)
    with fetcher() as f, pytest.raises(FetchError, match=message) as err:
        f.page(url)
    assert str(err.value.message).startswith(url)
    assert "\n" not in err.value.message
    assert not list(cache.glob("pages/*/*.html"))  # nothing half-written in the cache


def test_five_redirects_are_followed(web: Server, cache: Path) -> None:
    with fetcher() as f:
        page = f.page(web.url("/hops/5"))
    assert page.final_url.endswith("/hops/0") and page.data == b"<html>end</html>"


def test_a_stalled_server_times_out(web: Server, cache: Path) -> None:
    with fetcher(timeout=0.5) as f, pytest.raises(FetchError, match=r"/stall: timed out after 0.5 s"):
        f.page(web.url("/stall"))


def test_unreachable_host_is_one_line(cache: Path) -> None:
    with fetcher() as f, pytest.raises(FetchError, match=r"http://127\.0\.0\.1:9/x: cannot fetch"):
        f.page("http://127.0.0.1:9/x")  # the discard port: nothing listens


@pytest.mark.parametrize("route", ["/big.jpg", "/big-no-length.jpg"])
def test_photo_over_the_limit_is_refused_and_not_kept(web: Server, cache: Path, route: str) -> None:
    with fetcher(max_photo_bytes=100_000) as f, pytest.raises(FetchError, match=r"over the 0.1 MB limit for a photo"):
        f.photo(web.url(route))
    assert not [p for p in cache.rglob("*") if p.is_file()]


def test_article_budget_covers_all_downloads(web: Server, cache: Path) -> None:
    with fetcher(max_article_bytes=30_000) as f:
        f.photo(web.url("/site/lazy_files/zagreb-800.jpg"))
        with pytest.raises(FetchError, match=r"downloads for this article are over 0.03 MB"):
            f.photo(web.url("/big.jpg"))


def test_a_photo_that_is_html_is_refused(web: Server, cache: Path) -> None:
    with fetcher() as f, pytest.raises(FetchError, match=r"is text/html, not an image"):
        f.photo(web.url("/page-as-photo.jpg"))


def test_photo_is_cached_under_its_url_with_a_readable_name(web: Server, cache: Path) -> None:
    with fetcher() as f:
        photo = f.photo(web.url("/site/lazy_files/zagreb-800.jpg"))
    assert photo.path.name == "zagreb-800.jpg" and photo.path.parent.parent == cache / "photos"
    assert photo.data[:3] == b"\xff\xd8\xff"


# --------------------------------------------------------------------------------------------------- the guard


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not public"),
        ("240.0.0.1", "private"),
    ],
)
def test_non_public_addresses_are_refused(address: str, why: str) -> None:
    assert refused_address(address) == why


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert refused_address(address) is None


def resolver(table: dict[str, list[str]]):
    def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise OSError("Name or service not known")
        return table[host]

    return resolve


def test_urls_resolving_to_private_addresses_are_refused_before_any_request() -> None:
    options = WebOptions(resolver=resolver({"intranet.test": ["10.0.0.5"], "mixed.test": ["93.184.215.14", "::1"]}))
    with pytest.raises(FetchError, match=r"refused: intranet.test resolves to a private address \(10.0.0.5\)"):
        check_url("http://intranet.test/admin", options)
    with pytest.raises(FetchError, match=r"loopback address \(::1\)"):
        check_url("https://mixed.test/", options)
    for url in ("http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://127.0.0.1/"):
        with pytest.raises(FetchError, match=r"refused: .*--allow-private-urls"):
            check_url(url, WebOptions())
    with pytest.raises(FetchError, match=r"cannot resolve host nowhere.test"):
        check_url("http://nowhere.test/", options)


@pytest.mark.parametrize("url", ["ftp://example.com/x", "file:///etc/passwd", "gopher://x/", "javascript:alert(1)"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match=r"only http and https URLs are fetched"):
        check_url(url, WebOptions())


@pytest.fixture
def public_route(web: Server, monkeypatch: pytest.MonkeyPatch) -> WebOptions:
    """`public.test` resolves to a public address, and the "network" routes that address to the loopback server
    (sockets to it are opened on 127.0.0.1): the guard sees what it would on the internet."""
    public = "93.184.215.14"
    real_connect = httpcore.SyncBackend.connect_tcp

    def connect(self, host, port, timeout=None, local_address=None, socket_options=None):
        if host == public:
            host, port = "127.0.0.1", web.server_address[1]
        return real_connect(self, host, port, timeout, local_address, socket_options)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect)
    table = {"public.test": [public], "metadata.test": ["169.254.169.254"]}
    return WebOptions(resolver=resolver(table), timeout=2.0)


def test_guarded_fetch_of_a_public_host_works(public_route: WebOptions, cache: Path) -> None:
    with Fetcher(public_route) as f:
        assert b"Harbour Towns" in f.page("http://public.test/site/wp-listicle.html").data


def test_redirect_to_a_private_address_is_refused(public_route: WebOptions, web: Server, cache: Path) -> None:
    with Fetcher(public_route) as f:
        with pytest.raises(FetchError, match=r"refused: 169.254.169.254 resolves to a link-local address"):
            f.page("http://public.test/to-metadata")
        with pytest.raises(FetchError, match=r"refused: metadata.test resolves to a link-local address"):
            f.page("http://public.test/to/http://metadata.test/latest/")
    assert web.hits("/latest") == 0


def test_dns_that_changes_its_answer_cannot_slip_through(public_route: WebOptions, cache: Path) -> None:
    """Checked, then resolved again to connect (DNS rebinding): the connecting resolution is checked too."""
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])
    public_route.resolver = lambda host, port: next(answers)
    with Fetcher(public_route) as f, pytest.raises(FetchError, match=r"refused: public.test resolves to a loopback"):
        f.page("http://public.test/site/lazy.html")


def test_slug_names_cached_files_after_the_url() -> None:
    assert slug("https://x.example/travel/best-beaches/") == "best-beaches"
    assert slug("https://x.example/img/photo.JPG?w=1200") == "photo"
    assert slug("https://x.example") == "index"
    assert slug("https://x.example/a/%C3%A9t%C3%A9.html") == "été"
