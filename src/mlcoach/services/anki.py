"""Export bank items as an Anki package (.apkg) with genanki: one note per item, stable ids."""

from __future__ import annotations

import html
import zlib
from collections.abc import Iterable
from pathlib import Path

from mlcoach.domain.items import Item, Kind

MODEL_ID = 1_607_392_319  # fixed so re-imports update the same note type
CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } li { margin: 4px 0; }"


def _front(item: Item) -> str:
    text = f"<p>{html.escape(item.prompt)}</p>"
    if item.kind is Kind.MCQ:
        text += "<ol type='A'>" + "".join(f"<li>{html.escape(o.text)}</li>" for o in item.options) + "</ol>"
    return text


def _back(item: Item) -> str:
    parts = []
    if item.kind is Kind.MCQ and item.correct_option is not None:
        parts.append(
            f"<p><b>Answer:</b> {chr(65 + item.correct_option)}. "
            f"{html.escape(item.options[item.correct_option].text)}</p>"
        )
    parts.append("".join(f"<p>{html.escape(p)}</p>" for p in item.answer.split("\n\n")))
    if item.rubric:
        parts.append(
            "<p><b>Key points</b></p><ul>" + "".join(f"<li>{html.escape(p.point)}</li>" for p in item.rubric) + "</ul>"
        )
    return "".join(parts)


def export_apkg(items: Iterable[Item], out: Path, deck_name: str = "mlcoach") -> int:
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "mlcoach item",
        fields=[{"name": "Id"}, {"name": "Front"}, {"name": "Back"}, {"name": "Tags"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=CSS,
    )
    deck = genanki.Deck(zlib.crc32(deck_name.encode()) + 1_000_000_000, deck_name)
    count = 0
    for item in items:
        tags = [t.replace(" ", "_") for t in (*item.topics, *item.companies, item.kind.value, item.round)]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[item.id, _front(item), _back(item), " ".join(tags)],
                tags=tags,
                guid=genanki.guid_for("mlcoach", item.id),
            )
        )
        count += 1
    genanki.Package(deck).write_to_file(str(out))
    return count
