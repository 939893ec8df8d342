"""A mock interview report as Markdown (for notes, a mentor, or a PDF via any Markdown tool)."""

from __future__ import annotations

from datetime import datetime

from mlcoach.domain.interviews import COMPETENCY_NAMES, Report

SIGNAL_NAMES = {"strong-hire": "Strong hire", "hire": "Hire", "lean-no": "Lean no hire", "no-hire": "No hire"}


def to_markdown(title: str, when: datetime, report: Report) -> str:
    lines = [
        f"# {title}",
        "",
        f"{when.astimezone().strftime('%Y-%m-%d %H:%M')} · overall **{report.overall:.1f} / 5**"
        f" · signal: **{SIGNAL_NAMES.get(report.signal, report.signal)}**",
        "",
    ]
    lines += ["## Rounds", "", "| round | questions | score |", "|---|---|---|"]
    lines += [f"| {r['title']} | {r['questions']} | {r['score']:.1f} |" for r in report.rounds]
    lines += ["", "## Competencies", "", "| competency | score |", "|---|---|"]
    lines += [f"| {COMPETENCY_NAMES.get(c, c)} | {v:.1f} |" for c, v in report.competencies.items()]
    if report.strengths:
        lines += ["", "## Strengths", ""] + [f"- {s}" for s in report.strengths]
    if report.gaps:
        lines += ["", "## Study next", ""] + [
            f"- {g['title']} (`{g['item_id']}`): {g['reason']}, {g['score']:.1f}/5" for g in report.gaps
        ]
    if report.late_answers:
        lines += ["", f"{report.late_answers} answer(s) came after the round's time was up."]
    return "\n".join(lines) + "\n"
