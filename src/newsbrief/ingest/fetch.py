"""Fetch web pages for summarizing without letting a URL reach into the user's own network.

A URL handed to newsbrief may come from anyone (a feed entry, a JSON record, a link in a chat),
so every request follows these rules (see docs/input.md):

- http and https only; at most MAX_REDIRECTS redirects, followed here one hop at a time.
- Every hop's host is resolved with `socket.getaddrinfo` and *all* its addresses are checked:
  loopback, private, link-local, shared (CGNAT), reserved, multicast and unspecified addresses,
  IPv4 or IPv6, including IPv4 addresses carried inside IPv6 (mapped, 6to4, NAT64), are refused
  unless `allow_private` is set.
- The connection goes to the address that was checked: the URL's host is replaced by that
  address while the Host header and the TLS server name (SNI and certificate check) keep the
  name, so a DNS answer that changes between the check and the connection (DNS rebinding)
  cannot redirect the request.
- No proxy from the environment (a proxy would connect on our behalf and defeat the check).
- The content type is checked from the headers, before the body is read.
- The body is streamed and cut at `max_bytes` (after decompression), like an oversized file;
  connect and read timeouts, plus an overall deadline of DEADLINE_FACTOR x timeout, or an earlier
  `deadline` shared by several fetches (the service gives all fetches of a request one).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsbrief.errors import FetchError, UnsafeURLError
from newsbrief.ingest.charsets import decode_bytes
from newsbrief.ingest.html import article_from_html, looks_like_html
from newsbrief.limits import MAX_ARTICLE_BYTES
from newsbrief.types import Article

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "text/plain", "text/html"}
)
DEFAULT_TIMEOUT = 10.0  # seconds to connect, and between two reads
DEADLINE_FACTOR = 3  # a whole download may take this many timeouts (a server dripping bytes never trips the read timeout)
MAX_REDIRECTS = 5
MAX_ADDRESSES = 4  # addresses of one host tried in turn when a connection is refused
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

Resolver = Callable[[str, int], Sequence[str]]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsbrief")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"newsbrief/{_version()} (news brief summarizer; fetches only the pages its user gave it)"


@dataclass(frozen=True)
class Page:
    """A fetched response body. `url` is the address after redirects; `content_type` the media type
    without parameters ("" when the server sent none)."""

    url: str
    content: bytes
    content_type: str
    charset: str | None = None
    truncated: bool = False


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the operating system would connect to for host:port, in its order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def blocked_reason(address: str) -> str | None:
    """Why newsbrief does not connect to this IP address by default, or None for a public address."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if embedded is not None:
            inner = blocked_reason(str(embedded))
            if inner:
                return f"{inner} (inside the IPv6 address {address})"
            if ip.ipv4_mapped:  # the connection goes to the IPv4 address itself
                return None
    for test, kind in (
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"),
        ("is_unspecified", "an unspecified"),
        ("is_multicast", "a multicast"),
        ("is_private", "a private"),
        ("is_reserved", "a reserved"),
    ):
        if getattr(ip, test):
            return f"{address} is {kind} address"
    if not ip.is_global:  # e.g. 100.64.0.0/10, carrier-grade NAT
        return f"{address} is not a public address"
    return None


def check_host(
    host: str, port: int, *, allow_private: bool = False, allow_networks: Collection[str] = (), resolve: Resolver | None = None
) -> list[str]:
    """The addresses to connect to for host:port; UnsafeURLError if any of them is not public.

    All addresses are checked, not only the first: a name that resolves to one public and one
    private address is refused. `allow_networks` lets through just these networks (e.g. an
    intranet news server, "10.1.2.0/24") where `allow_private` would open all of them.
    `resolve` replaces the system resolver (tests, custom DNS).
    """
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = list((resolve or system_resolver)(host, port))
        except (OSError, UnicodeError) as exc:
            raise FetchError(f"{host}: cannot resolve the host name ({exc}); check the URL") from None
    if not addresses:
        raise FetchError(f"{host}: the host name has no address; check the URL")
    if not allow_private:
        try:
            allowed = [ipaddress.ip_network(network, strict=False) for network in allow_networks]
        except ValueError as exc:
            from newsbrief.errors import ConfigError

            raise ConfigError(f"allow_networks: {exc}; give networks like '10.1.2.0/24'") from None
        for address in addresses:
            reason = blocked_reason(address)
            if reason and not any(ipaddress.ip_address(address) in network for network in allowed):
                raise UnsafeURLError(
                    f"refused {host}: {reason}; newsbrief does not fetch private, loopback or link-local "
                    "addresses unless --allow-private (allow_private=True) is given"
                )
    return addresses


def fetch_page(
    url: str,
    *,
    accept: Collection[str] = PAGE_TYPES,
    allow_private: bool = False,
    allow_networks: Collection[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_ARTICLE_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    resolve: Resolver | None = None,
    client: Any = None,
    deadline: float | None = None,
) -> Page:
    """GET `url` under the rules in this module's docstring; FetchError (or UnsafeURLError) says why not.

    A body longer than `max_bytes` is cut there and the Page is marked `truncated`. `deadline`
    (`time.monotonic()`) ends the whole fetch earlier than its own DEADLINE_FACTOR x timeout.
    `client` is an httpx.Client to use instead of a fresh one (e.g. with a custom CA bundle); it
    must not follow redirects itself.
    """
    import httpx

    current = _parse(url)
    own_client = client is None
    if own_client:
        client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": USER_AGENT, "Accept": ", ".join(sorted(accept)) + ", */*;q=0.1"},
        )
    deadline = min(time.monotonic() + DEADLINE_FACTOR * timeout, deadline or float("inf"))
    try:
        for hop in range(max_redirects + 1):
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(f"{current}: no time left to fetch it within the request's deadline")
            try:
                addresses = check_host(
                    _host(current), _port(current), allow_private=allow_private, allow_networks=allow_networks, resolve=resolve
                )
            except FetchError as exc:
                where = str(current) if hop == 0 else f"{url} redirected to {current}"
                raise type(exc)(f"{where}: {exc}") from None
            response = _send_pinned(client, current, addresses, timeout=min(timeout, left))
            try:
                if response.status_code in REDIRECT_CODES and "location" in response.headers:
                    current = _parse(str(current.join(response.headers["location"])), via=str(current))
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{current}: the server answered HTTP {response.status_code} {response.reason_phrase}")
                if not 200 <= response.status_code < 300:
                    raise FetchError(f"{current}: unexpected HTTP status {response.status_code}")
                media, charset = _content_type(response.headers.get("content-type", ""))
                if media and media not in accept:
                    raise FetchError(f"{current}: content type {media} is not readable here; expected one of {', '.join(sorted(accept))}")
                content, truncated = _read_capped(response, max_bytes=max_bytes, deadline=deadline, url=str(current))
                return Page(url=str(current), content=content, content_type=media, charset=charset, truncated=truncated)
            finally:
                response.close()
        raise FetchError(f"{url}: more than {max_redirects} redirects; stopped")
    except httpx.TimeoutException:
        raise FetchError(f"{current}: no answer within {timeout:g} s; the server is slow or unreachable") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{current}: not a valid URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{current}: cannot fetch ({type(exc).__name__}: {exc or 'connection failed'})") from None
    finally:
        if own_client:
            client.close()


def article_from_page(page: Page, *, default_source: str | None = None) -> Article:
    """An Article from a fetched page: HTML through trafilatura (title, outlet, date), else plain text.

    When the page names no outlet, `default_source` (e.g. the feed's title) is used, else the host
    name ("www.example.com" -> "example.com"), so citations always name where the text came from.
    """
    text = decode_bytes(page.content, name=page.url, encoding=page.charset)
    if not text.strip():
        from newsbrief.errors import InputError

        raise InputError(f"{page.url}: the page is empty")
    site = default_source or _site(page.url)
    if page.content_type == "text/plain" and not looks_like_html(text):
        return Article(id=page.url, text=text, source=site, url=page.url)
    article = article_from_html(text, id=page.url, url=page.url)
    if not article.source or article.source == _netloc(page.url):  # trafilatura's own fallback keeps the port
        article = replace(article, source=site)
    return article


def fetch_url(
    url: str,
    *,
    allow_private: bool = False,
    allow_networks: Collection[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_ARTICLE_BYTES,
    resolve: Resolver | None = None,
    client: Any = None,
    default_source: str | None = None,
    deadline: float | None = None,
) -> Article:
    """The article at `url` (text/html, application/xhtml+xml or text/plain), fetched safely.

    >>> fetch_url("https://example.com/news/story.html").source   # doctest: +SKIP
    'Example News'

    Raises UnsafeURLError for private/loopback/link-local targets (unless allow_private), FetchError
    for network, status and content-type problems, InputError when the page has no article text.
    A page over `max_bytes` is cut there; use `fetch_page` to learn whether it was.
    """
    page = fetch_page(
        url, allow_private=allow_private, allow_networks=allow_networks, timeout=timeout, max_bytes=max_bytes, resolve=resolve, client=client,
        deadline=deadline,
    )
    return article_from_page(page, default_source=default_source)


def is_url(text: str) -> bool:
    """Whether a command-line input is a web address rather than a file name."""
    return text[:8].lower().startswith(("http://", "https://"))


def _parse(url: str, *, via: str | None = None) -> Any:
    import httpx

    where = f"{url} (redirected from {via})" if via else url
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"{where}: not a valid URL ({exc})") from None
    if parsed.scheme not in ("http", "https"):
        raise UnsafeURLError(f"{where}: only http and https URLs are fetched")
    if not parsed.host:
        raise FetchError(f"{where}: the URL has no host name")
    return parsed


def _host(url: Any) -> str:
    """The host as the resolver needs it: IDNA-encoded ASCII, no IPv6 brackets."""
    return str(url.raw_host.decode("ascii")).strip("[]")


def _port(url: Any) -> int:
    return int(url.port or (443 if url.scheme == "https" else 80))


def _send_pinned(client: Any, url: Any, addresses: Sequence[str], *, timeout: float) -> Any:
    """Send GET to one of the checked addresses, keeping the name for Host and TLS."""
    import httpx

    host_header = url.netloc.decode("ascii")
    extensions = {"sni_hostname": _host(url)} if url.scheme == "https" else {}
    error: Exception | None = None
    for address in addresses[:MAX_ADDRESSES]:
        request = client.build_request(
            "GET", url.copy_with(host=address), headers={"Host": host_header}, extensions=extensions, timeout=httpx.Timeout(timeout)
        )
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:
            error = exc
    assert error is not None
    raise error


def _content_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _read_capped(response: Any, *, max_bytes: int, deadline: float, url: str) -> tuple[bytes, bool]:
    """The decompressed body, cut at max_bytes; FetchError when the overall deadline passes."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            return b"".join(chunks)[:max_bytes], True
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took too long; stopped")
    return b"".join(chunks), False


def _netloc(url: str) -> str:
    import httpx

    return httpx.URL(url).netloc.decode("ascii")


def _site(url: str) -> str:
    import httpx

    host = httpx.URL(url).host
    return host[4:] if host.startswith("www.") else host
