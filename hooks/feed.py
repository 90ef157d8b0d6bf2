"""Write the What's new feed, ``feed.xml`` at the site root (RSS 2.0), after the build.

Posts come from the build's data (``macros.for_config``: the same checked front matter the home page uses); each
post's URL is the one Material's blog plugin gave it, made absolute with ``site_url``.
Every page links to the feed from its ``<head>`` (overrides/main.html).
"""
from __future__ import annotations

import datetime as dt
import logging
import xml.etree.ElementTree as ET
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urljoin

import macros
from macros import updates
from macros.engine import PluginError

log = logging.getLogger("mkdocs.plugins.rbp.feed")
ATOM = "http://www.w3.org/2005/Atom"

_urls: dict[str, str] = {}


def on_config(config, **_kwargs):
    _urls.clear()
    return config


def on_page_context(context, page, config, nav, **_kwargs):
    if page.file.src_uri.startswith(updates.POSTS + "/") or page.file.src_uri == updates.INDEX:
        _urls[page.file.src_uri] = page.url
    return context


def rfc822(day: dt.date) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def feed_xml(posts: list[updates.Post], urls: dict[str, str], site_url: str, site_name: str, index_url: str) -> bytes:
    """The RSS 2.0 document: newest post first, every link absolute."""
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"What's new: {site_name}"
    ET.SubElement(channel, "link").text = urljoin(site_url, index_url)
    ET.SubElement(channel, "description").text = f"Changes to the framework, new learning and events on the {site_name} site."
    ET.SubElement(channel, "language").text = "en-gb"
    ET.SubElement(channel, f"{{{ATOM}}}link", {
        "href": urljoin(site_url, updates.FEED), "rel": "self", "type": "application/rss+xml",
    })
    items = [p for p in updates.published(posts) if p.src in urls]
    if items:
        # The newest post's date, not the clock: the same sources give the same feed.
        ET.SubElement(channel, "lastBuildDate").text = rfc822(items[0].date)
    for post in items:
        link = urljoin(site_url, urls[post.src])
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = post.title
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", {"isPermaLink": "true"}).text = link
        ET.SubElement(item, "pubDate").text = rfc822(post.date)
        for category in post.categories:
            ET.SubElement(item, "category").text = category
        ET.SubElement(item, "description").text = post.description
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(site: Path, posts: list[updates.Post], urls: dict[str, str], site_url: str | None, site_name: str) -> int:
    """Write ``site/feed.xml``; the number of posts in it. ``urls``: each post's (and the updates
    index's) site URL by source."""
    if not site_url:
        raise PluginError("mkdocs.yml: set site_url (the address the site is published at): the What's new feed needs absolute links")
    index_url = urls.get(updates.INDEX, "updates/")
    data = feed_xml(posts, urls, site_url if site_url.endswith("/") else site_url + "/", site_name, index_url)
    out = site / updates.FEED
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return data.count(b"<item>")


def on_post_build(config, **_kwargs) -> None:
    count = write_feed(Path(config["site_dir"]), macros.for_config(config).posts, _urls, config.get("site_url"), config["site_name"])
    log.info("Feed: %d post(s) written to %s", count, updates.FEED)
