"""Dev / test split of a gold corpus, grouped by site, so that no site is on both sides.

A page's site is the host of its URL in index.jsonl; a page without one (readability) takes the
host its absolute links point to most often, else its file name. Hosts are cut to their registered
domain ("news.bbc.co.uk" -> "bbc.co.uk"). A site is test when the SHA-1 of its
name, read as a number, is divisible by 3 (about a third), dev otherwise: deterministic, no list
to keep (aeb: 113 dev / 63 test pages, readability: 62 / 26).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from bench.gold_corpus import index_rows

SPLITS = ("dev", "test")
HREF_HOST = re.compile(r"""href\s*=\s*["']?https?://([^/"'\s>:?#]+)""", re.I)
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or"}


def registered_domain(host: str) -> str:
    """The last two labels of a host, three under a country's second level (co.uk, com.br)."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def page_site(file: Path, url: str | None) -> str:
    """The site of one page: its URL's domain, else its links' most frequent domain, else its name."""
    if url and urlsplit(url).hostname:
        return registered_domain(urlsplit(url).hostname)
    try:
        paragraphs = ast.literal_eval(file.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError):
        paragraphs = []
    hosts = Counter(registered_domain(h) for p in paragraphs if isinstance(p, str) for h in HREF_HOST.findall(p))
    return hosts.most_common(1)[0][0] if hosts else file.name


def site_split(site: str) -> str:
    """'test' for about a third of the sites, by hash; 'dev' for the rest."""
    return "test" if int(hashlib.sha1(site.encode()).hexdigest(), 16) % 3 == 0 else "dev"


def split_of_pages(corpus: Path) -> dict[str, str]:
    """File name -> 'dev' or 'test' for every page of `corpus` with a gold body or snippets."""
    scored = [r for r in index_rows(corpus) if r.get("gold") or r.get("with") or r.get("without")]
    return {r["file"]: site_split(page_site(corpus / r["file"], r.get("url"))) for r in scored}


def write_split(corpus: Path, split: str, target: Path) -> Path:
    """A corpus folder at `target` holding only the `split` pages of `corpus` (links, filtered index)."""
    pages = split_of_pages(corpus)
    target.mkdir(parents=True, exist_ok=True)
    lines = [line for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines() if line]
    kept = [line for line in lines if pages.get(json.loads(line)["file"]) == split]
    (target / "index.jsonl").write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    for line in kept:
        name = json.loads(line)["file"]
        (target / name).symlink_to(corpus.resolve() / name)
    return target
