"""The career-path quiz: a few questions whose answers point to roles.

The first two questions follow the classic decision tree (theory or building; production code or not);
the others separate the neighbouring roles it lumps together. Each option adds points to roles; the
recommendation is the best-scoring roles, with the answers that pointed to them.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = (
    "data-analyst",
    "data-scientist",
    "ml-engineer",
    "ai-engineer",
    "mlops-engineer",
    "research-scientist",
    "data-engineer",
)


@dataclass(frozen=True)
class Option:
    text: str
    points: dict[str, int]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]


QUESTIONS: tuple[Question, ...] = (
    Question(
        "theory",
        "Do you enjoy mathematics and theory for their own sake?",
        (
            Option(
                "Yes: I read papers and like deriving why methods work",
                {"research-scientist": 3, "ml-engineer": 1, "data-scientist": 1},
            ),
            Option(
                "Somewhat: I use the maths when a problem needs it",
                {"data-scientist": 2, "ml-engineer": 2, "ai-engineer": 1},
            ),
            Option(
                "No: I would rather build things or answer business questions",
                {"ai-engineer": 2, "mlops-engineer": 2, "data-engineer": 2, "data-analyst": 2},
            ),
        ),
    ),
    Question(
        "production",
        "Do you want to write production code that other systems depend on?",
        (
            Option(
                "Yes, and I care that it scales and stays up",
                {"ml-engineer": 3, "mlops-engineer": 3, "data-engineer": 2, "ai-engineer": 2},
            ),
            Option(
                "Some: prototypes and analyses that others productionise",
                {"data-scientist": 3, "research-scientist": 2},
            ),
            Option("Not really: queries, dashboards and recommendations to people", {"data-analyst": 4}),
        ),
    ),
    Question(
        "output",
        "What would you most like to hand over at the end of a week?",
        (
            Option(
                "A finding that changed a decision, with the experiment behind it",
                {"data-scientist": 3, "data-analyst": 2},
            ),
            Option("A model serving live traffic, faster or more accurate than last week", {"ml-engineer": 3}),
            Option("An LLM-powered feature users can try", {"ai-engineer": 4}),
            Option("A reliable pipeline or platform other teams build on", {"data-engineer": 3, "mlops-engineer": 3}),
            Option("A new method, and a paper or report about it", {"research-scientist": 4}),
        ),
    ),
    Question(
        "infra",
        "How do you feel about infrastructure: containers, CI/CD, Kubernetes, monitoring?",
        (
            Option("I enjoy it", {"mlops-engineer": 4, "data-engineer": 1, "ml-engineer": 1}),
            Option("Fine as a means to an end", {"ml-engineer": 2, "ai-engineer": 2, "data-engineer": 1}),
            Option(
                "I would rather someone else owned it",
                {"data-scientist": 2, "research-scientist": 2, "data-analyst": 2},
            ),
        ),
    ),
    Question(
        "data",
        "Which data work do you like best?",
        (
            Option(
                "Modelling and evaluating: features, metrics, error analysis", {"data-scientist": 2, "ml-engineer": 2}
            ),
            Option("Moving and shaping data at scale: batch and streaming jobs, warehouses", {"data-engineer": 4}),
            Option("SQL and business questions: what happened and why", {"data-analyst": 4}),
            Option("Prompts, retrieval and evaluation of generated text", {"ai-engineer": 3}),
        ),
    ),
)


@dataclass(frozen=True)
class Recommendation:
    role: str
    points: int
    reasons: tuple[str, ...]


def recommend(answers: dict[str, int]) -> list[Recommendation]:
    """Roles ranked by points from the chosen options (`answers` maps question id to option index)."""
    points = dict.fromkeys(ROLES, 0)
    reasons: dict[str, list[str]] = {r: [] for r in ROLES}
    by_id = {q.id: q for q in QUESTIONS}
    for qid, index in answers.items():
        q = by_id.get(qid)
        if q is None or not 0 <= index < len(q.options):
            raise ValueError(f"no option {index} for question '{qid}'")
        option = q.options[index]
        for role, p in option.points.items():
            points[role] += p
            reasons[role].append(option.text)
    ranked = sorted(ROLES, key=lambda r: (-points[r], ROLES.index(r)))
    return [Recommendation(r, points[r], tuple(reasons[r])) for r in ranked if points[r] > 0][:3]
