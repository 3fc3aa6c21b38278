"""URL and feed input against a real HTTP server on 127.0.0.1: safety rules, limits, metadata, CLI.

Nothing here contacts an address outside the loopback range: redirects to private addresses
are refused before any connection, and "public" names are given to a resolver hook.
"""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.errors import ConfigError, FetchError, InputError, UnsafeURLError
from newsbrief.ingest import load_inputs
from newsbrief.ingest.feeds import parse_feed, read_feed
from newsbrief.ingest.fetch import USER_AGENT, blocked_reason, check_host, fetch_page, fetch_url

PAGES = Path(__file__).parent / "fixtures" / "pages"
OUTLETS = [
    "Kestrel Island Times",
    "Harbour Herald",
    "Valley Courier",
    "Northgate Post",
    "Seaboard Radio",
    "Isle Evening Standard",
    "Maritime Daily",
    "Bay Observer",
    "Portside Gazette",
    "The Channel Review",
]
LOOPBACK = ["127.0.0.0/8"]


class Site:
    """What the test server serves, and the requests it saw (path, Host header, User-Agent)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.seen: list[tuple[str, str, str]] = []
        self.base = ""

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.routes[path] = (status, {"Content-Type": content_type}, body)

    def redirect(self, path: str, location: str) -> None:
        self.routes[path] = (302, {"Location": location}, b"")


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            site.seen.append((self.path, self.headers.get("Host", ""), self.headers.get("User-Agent", "")))
            if self.path == "/slow":
                time.sleep(3)
            status, headers, body = site.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client stopped reading at its size cap
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _feed(base: str, links: list[tuple[str, str]], *, title: str = "Kestrel Wire Headlines") -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>{href}</link><pubDate>Mon, 06 May 2024 10:30:00 GMT</pubDate>"
        f"<description>{'The ferry Marisol Star ran aground off Kestrel Island in fog, and every passenger was brought ashore. ' * 5}"
        "</description></item>"
        for t, href in links
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title><link>{base}/</link>{items}</channel></rss>'.encode()


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_port}"
    for path in sorted(PAGES.glob("*.html")):
        site.page(f"/pages/{path.name}", path.read_bytes())
    first = f"{site.base}/pages/01-kestrel-island-times.html"
    site.redirect("/redirect-local", "/pages/01-kestrel-island-times.html")
    site.redirect("/redirect-private", "http://10.0.0.1/internal")
    site.redirect("/redirect-to-name", "http://intranet.test/admin")
    site.redirect("/loop", "/loop")
    site.redirect("/to-file", "file:///etc/passwd")
    site.page("/doc.pdf", b"%PDF-1.4 not a page", "application/pdf")
    site.page("/plain.txt", ("The ferry ran aground off Kestrel Island on Sunday, the coast guard said. " * 5).encode(), "text/plain")
    site.page("/latin1.html", "<html><body><article><p>{}</p></article></body></html>".format(
        "Le ferry s'est échoué près de l'île, a déclaré la garde côtière, et le café du port est resté ouvert. " * 4).encode("latin-1"),
        "text/html; charset=iso-8859-1")
    paragraphs = b"<p>The ferry ran aground off Kestrel Island, officials said.</p>" * 40_000
    site.page("/big.html", b"<html><body><article>" + paragraphs + b"</article></body></html>")
    site.page("/big.txt", b"The ferry ran aground off Kestrel Island, officials said.\n" * 40_000, "text/plain")
    site.page("/empty.html", b"")
    site.page("/slow", b"late")
    site.page("/feed.xml", _feed(site.base, [
        ("Ferry runs aground", first),
        ("Fog blamed", f"{site.base}/pages/05-seaboard-radio.html"),
        ("Gone", f"{site.base}/pages/missing.html"),
        ("Traders fear weeks without ferry", f"{site.base}/pages/09-portside-gazette.html"),
    ]), "application/rss+xml")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def _url(site: Site, name: str) -> str:
    return f"{site.base}/pages/{name}"


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.9", "private"),
        ("192.168.1.1", "private"),
        ("fd12:3456::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata service
        ("fe80::1", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.251", "multicast"),
        ("100.64.0.1", "not a public"),
        ("::ffff:127.0.0.1", "inside the IPv6 address"),
        ("::ffff:10.0.0.1", "inside the IPv6 address"),
        ("2002:a00:1::1", "inside the IPv6 address"),  # 6to4 around 10.0.0.1
        ("64:ff9b::a9fe:a9fe", "inside the IPv6 address"),  # NAT64 around 169.254.169.254
        ("240.0.0.1", "address"),
    ],
)
def test_non_public_addresses_are_named(address: str, kind: str) -> None:
    reason = blocked_reason(address)
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])
def test_public_addresses_pass(address: str) -> None:
    assert blocked_reason(address) is None


def test_every_resolved_address_is_checked() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.7"]

    with pytest.raises(UnsafeURLError, match="10.0.0.7 is a private address"):
        check_host("mixed.test", 80, resolve=resolver)
    assert check_host("mixed.test", 80, resolve=resolver, allow_private=True) == ["93.184.216.34", "10.0.0.7"]
    assert check_host("mixed.test", 80, resolve=resolver, allow_networks=["10.0.0.0/24"]) == ["93.184.216.34", "10.0.0.7"]
    with pytest.raises(ConfigError, match="allow_networks"):
        check_host("mixed.test", 80, resolve=resolver, allow_networks=["not-a-network"])


def test_unresolvable_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="cannot resolve"):
        check_host("no-such-host.invalid", 80)


def test_cli_summarizes_ten_local_pages_and_names_the_outlets(site: Site, capsys) -> None:
    urls = [_url(site, p.name) for p in sorted(PAGES.glob("*.html"))]
    assert len(urls) == 10
    assert main(["summarize", *urls, "--allow-private", "--format", "markdown", "--words", "120", "--no-analysis"]) == 0
    captured = capsys.readouterr()
    sources = captured.out.split("### Sources")[1]
    for number, outlet in enumerate(OUTLETS, start=1):
        assert f"{number}. **{outlet}**" in sources
    body = captured.out.split("### Sources")[0]
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", body)}
    assert len(cited) >= 5, "several outlets are cited in the brief itself"
    assert "copies of one story: Harbour Herald, Valley Courier, Northgate Post" in captured.err
    assert "Advertisement" not in body and "Sign up" not in body and "originally published" not in body
    assert any(path.startswith("/pages/") and ua == USER_AGENT for path, _, ua in site.seen)


def test_cli_json_carries_page_metadata(site: Site, capsys) -> None:
    urls = [_url(site, "01-kestrel-island-times.html"), _url(site, "08-bay-observer.html")]
    assert main(["summarize", *urls, "--allow-private", "--format", "json", "--no-analysis"]) == 0
    articles = json.loads(capsys.readouterr().out)["articles"]
    assert articles[0]["source"] == "Kestrel Island Times" and articles[0]["published"] == "2024-05-05T19:55:00+00:00"
    assert articles[1]["source"] == "Bay Observer" and articles[1]["published"] == "2024-05-06T18:05:00+00:00"  # from JSON-LD
    assert articles[0]["url"] == urls[0]


def test_cli_refuses_loopback_without_allow_private(site: Site, capsys) -> None:
    assert main(["summarize", _url(site, "01-kestrel-island-times.html")]) == 2
    err = capsys.readouterr().err
    assert "refused 127.0.0.1: 127.0.0.1 is a loopback address" in err and "--allow-private" in err
    port = site.base.rsplit(":", 1)[1]
    assert main(["summarize", f"http://localhost:{port}/pages/01-kestrel-island-times.html"]) == 2
    assert "refused localhost" in capsys.readouterr().err


def test_redirect_to_a_private_address_is_refused_before_connecting(site: Site) -> None:
    with pytest.raises(UnsafeURLError, match=r"redirected to http://10\.0\.0\.1/internal: refused 10\.0\.0\.1: 10\.0\.0\.1 is a private"):
        fetch_page(f"{site.base}/redirect-private", allow_networks=LOOPBACK)


@pytest.fixture(scope="module")
def intranet() -> Iterator[Site]:
    """A second real server, on 127.0.0.2: the "private" machine a redirect must not reach."""
    site = Site()
    site.page("/secret", b"<html><body><article><p>Internal payroll figures for every employee of the company.</p></article></body></html>")
    server = ThreadingHTTPServer(("127.0.0.2", 0), _handler(site))
    site.base = f"http://127.0.0.2:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site
    server.shutdown()
    server.server_close()


def test_redirect_from_a_public_name_to_a_private_server_is_refused_per_hop(site: Site, intranet: Site) -> None:
    """news.test stands for a public site (its address, 127.0.0.1, is let through by allow_networks);
    it redirects to a real server on 127.0.0.2. The second hop is checked on its own and refused, so
    that server never sees a request; with allow_private the same redirect reaches it."""
    port = int(site.base.rsplit(":", 1)[1])
    site.redirect("/to-intranet", f"{intranet.base}/secret")
    url = f"http://news.test:{port}/to-intranet"
    intranet.seen.clear()
    with pytest.raises(UnsafeURLError, match=r"redirected to http://127\.0\.0\.2:\d+/secret: refused 127\.0\.0\.2: 127\.0\.0\.2 is a loopback"):
        fetch_page(url, allow_networks=["127.0.0.1/32"], resolve=lambda host, port: ["127.0.0.1"])
    assert intranet.seen == [], "the private server was never contacted"
    assert fetch_page(url, allow_private=True, resolve=lambda host, port: ["127.0.0.1"]).url == f"{intranet.base}/secret"
    assert [path for path, _, _ in intranet.seen] == ["/secret"]


def test_cli_refuses_a_redirect_to_a_private_address_without_allow_private(site: Site, intranet: Site, monkeypatch, capsys) -> None:
    """The same through the command line: news.test resolves to 127.0.0.1, which this test treats as
    public (the CLI has no resolver option); the redirect to 127.0.0.2 is refused at its own hop."""
    import newsbrief.ingest.fetch as fetch

    real_reason = fetch.blocked_reason
    monkeypatch.setattr(fetch, "system_resolver", lambda host, port: ["127.0.0.1"] if host == "news.test" else [])
    monkeypatch.setattr(fetch, "blocked_reason", lambda address: None if address == "127.0.0.1" else real_reason(address))
    port = int(site.base.rsplit(":", 1)[1])
    site.redirect("/to-intranet", f"{intranet.base}/secret")
    site.redirect("/to-page", "/pages/04-northgate-post.html")
    intranet.seen.clear()
    assert main(["summarize", f"http://news.test:{port}/to-intranet", "--no-analysis"]) == 2
    err = capsys.readouterr().err
    assert f"http://news.test:{port}/to-intranet redirected to {intranet.base}/secret: refused 127.0.0.2" in err and "--allow-private" in err
    assert intranet.seen == []
    # the first hop really was accepted as public: a redirect that stays on news.test is followed
    assert main(["summarize", f"http://news.test:{port}/to-page", "--no-analysis", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"][0]["source"] == "Northgate Post"


def test_every_hop_is_resolved_and_checked(site: Site) -> None:
    port = int(site.base.rsplit(":", 1)[1])
    names = {"news.test": ["127.0.0.1"], "intranet.test": ["192.168.7.20"]}

    def resolver(host: str, port: int) -> list[str]:
        return names[host]

    with pytest.raises(UnsafeURLError, match="refused intranet.test: 192.168.7.20 is a private address"):
        fetch_page(f"http://news.test:{port}/redirect-to-name", allow_networks=LOOPBACK, resolve=resolver)


def test_connection_goes_to_the_checked_address(site: Site) -> None:
    """A name the system cannot resolve still works through the hook: the request is pinned to the
    address that was checked (no second lookup a rebinding DNS could answer differently), and the
    server still sees the name in the Host header."""
    port = int(site.base.rsplit(":", 1)[1])
    url = f"http://pinned.invalid:{port}/pages/05-seaboard-radio.html"
    article = fetch_url(url, allow_networks=LOOPBACK, resolve=lambda host, port: ["127.0.0.1"])
    assert article.source == "Seaboard Radio"
    assert ("/pages/05-seaboard-radio.html", f"pinned.invalid:{port}", USER_AGENT) in site.seen


def test_redirects_are_followed_and_bounded(site: Site) -> None:
    page = fetch_page(f"{site.base}/redirect-local", allow_private=True)
    assert page.url == _url(site, "01-kestrel-island-times.html")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_page(f"{site.base}/loop", allow_private=True)
    with pytest.raises(UnsafeURLError, match="only http and https"):
        fetch_page(f"{site.base}/to-file", allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.html", "gopher://example.com/", "http://"])
def test_only_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(url)


def test_size_cap_cuts_the_page_and_warns(site: Site) -> None:
    page = fetch_page(f"{site.base}/big.html", allow_private=True, max_bytes=50_000)
    assert page.truncated and len(page.content) == 50_000
    loaded = load_inputs([f"{site.base}/big.txt"], allow_private=True)  # 2.3 MB page, 2 MB cap
    assert len(loaded.articles) == 1 and "only the start is used" in loaded.warnings[0]


def test_wrong_content_type_status_and_slow_server_are_clear_errors(site: Site) -> None:
    with pytest.raises(FetchError, match="content type application/pdf"):
        fetch_page(f"{site.base}/doc.pdf", allow_private=True)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_page(f"{site.base}/pages/missing.html", allow_private=True)
    with pytest.raises(FetchError, match="no answer within 0.5 s"):
        fetch_page(f"{site.base}/slow", allow_private=True, timeout=0.5)
    with pytest.raises(InputError, match="empty"):
        fetch_url(f"{site.base}/empty.html", allow_private=True)


def test_plain_text_and_declared_charset(site: Site) -> None:
    plain = fetch_url(f"{site.base}/plain.txt", allow_private=True)
    assert plain.source == "127.0.0.1" and plain.text.startswith("The ferry ran aground")
    french = fetch_url(f"{site.base}/latin1.html", allow_private=True)
    assert "échoué" in french.text and "café" in french.text


def test_cli_feed_end_to_end(site: Site, capsys) -> None:
    assert main(["summarize", "--feed", f"{site.base}/feed.xml", "--allow-private", "--format", "json", "--no-analysis"]) == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    sources = [a["source"] for a in result["articles"]]
    assert sources == ["Kestrel Island Times", "Seaboard Radio", "Kestrel Wire Headlines", "Portside Gazette"]
    assert "entry 'Gone'" in captured.err and "HTTP 404" in captured.err and "used the text the feed carries" in captured.err
    assert result["articles"][2]["title"] == "Gone" and result["articles"][2]["published"] == "2024-05-06T10:30:00+00:00"
    assert result["sentences"]


def test_feed_file_with_entry_limit(site: Site, tmp_path: Path) -> None:
    links = [(f"Page {i}", _url(site, p.name)) for i, p in enumerate(sorted(PAGES.glob("*.html")))]
    feed = tmp_path / "feed.rss"
    feed.write_bytes(_feed(site.base, links))
    loaded = read_feed(str(feed), allow_private=True, max_entries=3)
    assert [a.source for a in loaded.articles] == OUTLETS[:3]
    assert "only the first 3 are used" in loaded.warnings[0]
    refused = read_feed(str(feed), max_entries=2)  # no --allow-private: every entry refused, nothing fetched
    assert len(refused.warnings) == 3 and all("refused 127.0.0.1" in w for w in refused.warnings[1:])
    assert all(a.source == "Kestrel Wire Headlines" for a in refused.articles)  # only the feed's own text


def test_atom_feed_and_non_feeds() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Isle Atom</title>
    <entry><title>Ferry aground</title><link href="https://isle.example/ferry"/><updated>2024-05-06T08:00:00Z</updated></entry></feed>"""
    feed = parse_feed(atom, name="atom")
    assert feed.title == "Isle Atom" and feed.entries[0].link == "https://isle.example/ferry"
    assert feed.entries[0].published == "2024-05-06T08:00:00+00:00"
    for data in (b"<html><body><p>A page</p></body></html>", b"plain words", b""):
        with pytest.raises(InputError, match="not an RSS or Atom feed"):
            parse_feed(data, name="x")


def test_feed_url_that_is_a_page_and_missing_feed_file(site: Site, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_feed(_url(site, "01-kestrel-island-times.html"), allow_private=True)
    with pytest.raises(InputError, match="no such feed file"):
        read_feed(str(tmp_path / "nope.xml"))


def test_same_page_given_twice_is_read_once(site: Site) -> None:
    url = _url(site, "07-maritime-daily.html")
    loaded = load_inputs([url, f"{site.base}/redirect-local", url], allow_private=True)
    assert [a.source for a in loaded.articles] == ["Maritime Daily", "Kestrel Island Times"]
    assert any("given twice" in w for w in loaded.warnings)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to make a test certificate")
def test_https_pinned_to_the_checked_address_still_verifies_the_name(tmp_path: Path) -> None:
    """TLS goes to the checked IP address but the certificate is verified against the host name."""
    import httpx

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
        check=True, capture_output=True,
    )
    site = Site()
    site.page("/story.html", (PAGES / "05-seaboard-radio.html").read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with httpx.Client(verify=ssl.create_default_context(cafile=str(cert)), trust_env=False) as client:
            port = server.server_port
            assert fetch_url(f"https://localhost:{port}/story.html", allow_private=True, client=client).source == "Seaboard Radio"
            with pytest.raises(FetchError, match="certificate"):  # same server, but the name does not match the certificate
                fetch_url(f"https://127.0.0.1:{port}/story.html", allow_private=True, client=client)
    finally:
        server.shutdown()
        server.server_close()
