"""The product's navigation. A section is listed only when its pages work (no dead links)."""

from __future__ import annotations

SECTIONS: list[tuple[str, str]] = [
    ("Dashboard", "/"),
    ("Review", "/review"),
    ("Practice", "/practice"),
    ("Code", "/code"),
    ("Mock", "/mock"),
    ("Estimate", "/estimate"),
    ("Progress", "/progress"),
    ("Plan", "/plan"),
    ("Resume", "/resume"),
    ("Bank", "/bank"),
    ("Notes", "/notes"),
    ("Guide", "/guide"),
]


def nav_for(path: str) -> list[tuple[str, str, bool]]:
    out = []
    for label, href in SECTIONS:
        active = path == href if href == "/" else path.startswith(href)
        out.append((label, href, active))
    return out
