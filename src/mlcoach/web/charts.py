"""Server-rendered SVG charts: no JavaScript, no chart library, readable with a screen reader (titles)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from markupsafe import Markup

BLUE, GREEN, GREY = "#2f5bea", "#1a7f37", "#dde1ea"


def hbars(rows: Sequence[tuple[str, float]], *, title: str, width: int = 560, unit: str = "%") -> Markup:
    """Horizontal bars for values in 0..1 (shown as percentages)."""
    bar_h, gap, label_w = 18, 6, 190
    height = max(1, len(rows)) * (bar_h + gap) + 10
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%"><title>{escape(title)}</title>'
    ]
    for n, (label, value) in enumerate(rows):
        y = 5 + n * (bar_h + gap)
        w = max(0.0, min(1.0, value)) * (width - label_w - 60)
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="12">{escape(label[:28])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{width - label_w - 60}" height="{bar_h}" fill="{GREY}" rx="3"/>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{BLUE}" rx="3">'
            f"<title>{escape(label)}: {value * 100:.0f}{unit}</title></rect>"
            f'<text x="{width - 52}" y="{y + 13}" font-size="12">{value * 100:.0f}{unit}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(rows: Sequence[tuple[date, int]], *, title: str, colour: str = BLUE, width: int = 560) -> Markup:
    """Vertical bars per day, with the first and last dates labelled."""
    height, base = 140, 115
    top = max([v for _d, v in rows] + [1])
    step = width / max(1, len(rows))
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%"><title>{escape(title)}</title>',
        f'<text x="0" y="10" font-size="11">{top}</text>',
    ]
    for n, (day, value) in enumerate(rows):
        h = value / top * (base - 15)
        parts.append(
            f'<rect x="{n * step + 1:.1f}" y="{base - h:.1f}" width="{step - 2:.1f}" height="{h:.1f}" '
            f'fill="{colour}"><title>{day.isoformat()}: {value}</title></rect>'
        )
    if rows:
        parts.append(
            f'<text x="0" y="{height - 5}" font-size="11">{rows[0][0].strftime("%b %d")}</text>'
            f'<text x="{width - 45}" y="{height - 5}" font-size="11">{rows[-1][0].strftime("%b %d")}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def calendar(active: set[date], today: date, *, weeks: int = 15) -> Markup:
    """A streak calendar: one square per day, columns are weeks, filled when the candidate practised."""
    cell = 14
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {weeks * cell + 4} {7 * cell + 4}" '
        f'width="{weeks * cell * 2}"><title>Days practised</title>'
    ]
    for w in range(weeks):
        for d in range(7):
            day = start + timedelta(weeks=w, days=d)
            if day > today:
                continue
            fill = GREEN if day in active else GREY
            parts.append(
                f'<rect x="{w * cell + 2}" y="{d * cell + 2}" width="{cell - 3}" height="{cell - 3}" '
                f'rx="2" fill="{fill}"><title>{day.isoformat()}</title></rect>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
