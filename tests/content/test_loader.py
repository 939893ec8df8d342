"""Bad content gets `file:line: message`, never a traceback."""

from pathlib import Path

from typer.testing import CliRunner

from mlcoach.cli.main import app
from mlcoach.content.loader import load_bank

GOOD = """\
id: {id}
kind: concept
prompt: {prompt}
topics: [ml-fundamentals]
roles: [data-scientist]
companies: []
round: ml-theory
difficulty: 2
answer: |
  {answer}
rubric:
  - point: Dropout zeroes a random subset of activations during training
    weight: 3
  - point: Remaining activations are scaled so the expected value is unchanged
    weight: 2
  - point: At inference time dropout is switched off and the full network is used
    weight: 2
misconceptions:
  - claim: Dropout is applied at inference too
    correction: It is only active during training.
follow_ups:
  - How does dropout interact with batch normalization?
"""
ANSWER = " ".join(["Dropout randomly silences units while training so the network cannot rely on any one of them."] * 6)


def pack(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pack"
    for name, text in files.items():
        f = root / "items" / "concept" / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text)
    return root


def problems(root: Path) -> list[str]:
    return [str(p) for p in load_bank([root], include_builtin=False).problems]


def test_a_good_pack_loads(tmp_path: Path) -> None:
    root = pack(
        tmp_path,
        {"dropout-basics.yaml": GOOD.format(id="dropout-basics", prompt="What does dropout do?", answer=ANSWER)},
    )
    bank = load_bank([root], include_builtin=False)
    assert bank.problems == []
    assert bank.get("dropout-basics").rubric[0].weight == 3


def test_yaml_syntax_error_has_file_and_line(tmp_path: Path) -> None:
    text = GOOD.format(id="x-y", prompt="What does dropout do?", answer=ANSWER).replace(
        "difficulty: 2", "difficulty: [2"
    )
    root = pack(tmp_path, {"x-y.yaml": text})
    found = problems(root)
    assert len(found) == 1
    assert found[0].startswith("pack/items/concept/x-y.yaml:") and "YAML syntax error" in found[0]
    line = int(found[0].split(":")[1])
    assert 8 <= line <= 10


def test_unknown_tag_points_at_its_line(tmp_path: Path) -> None:
    text = GOOD.format(id="a-b", prompt="What does dropout do?", answer=ANSWER).replace(
        "[ml-fundamentals]", "[deep-leaning]"
    )
    found = problems(pack(tmp_path, {"a-b.yaml": text}))
    assert found == ["pack/items/concept/a-b.yaml:4: unknown topic 'deep-leaning'"]


def test_heading_rubric_point_and_missing_field_are_reported(tmp_path: Path) -> None:
    text = GOOD.format(id="a-b", prompt="What does dropout do?", answer=ANSWER)
    text = text.replace("Dropout zeroes a random subset of activations during training", "Regularization")
    text = text.replace("round: ml-theory\n", "")
    found = problems(pack(tmp_path, {"a-b.yaml": text}))
    assert any(":1: missing required field 'round'" in p for p in found)
    assert any(":11: rubric point has 1 words" in p for p in found)


def test_mcq_needs_exactly_one_correct_option(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    f = root / "items" / "mcq" / "two-right.yaml"
    f.parent.mkdir(parents=True)
    f.write_text(
        "id: two-right\nkind: mcq\nprompt: Pick one\ntopics: [statistics]\nroles: [data-analyst]\n"
        "companies: []\nround: ml-theory\ndifficulty: 1\nanswer: A\noptions:\n"
        + "".join(f"  - {{text: o{i}, correct: {str(i < 2).lower()}, why: because}}\n" for i in range(4))
    )
    assert problems(root) == ["pack/items/mcq/two-right.yaml:10: mcq needs exactly one option with 'correct: true'"]


def test_duplicate_ids_and_same_prompts_are_caught(tmp_path: Path) -> None:
    one = GOOD.format(id="one-a", prompt="What does dropout do?", answer=ANSWER)
    two = GOOD.format(id="one-b", prompt="What does dropout do?", answer=ANSWER)
    found = problems(pack(tmp_path, {"one-a.yaml": one, "one-b.yaml": two}))
    assert any("same prompt as item 'one-a'" in p for p in found)


def test_file_name_must_match_id(tmp_path: Path) -> None:
    found = problems(pack(tmp_path, {"other.yaml": GOOD.format(id="dropout-basics", prompt="Q?", answer=ANSWER)}))
    assert found == ["pack/items/concept/other.yaml:1: id 'dropout-basics' does not match the file name 'other'"]


def test_cli_validate_reports_and_exits_non_zero(tmp_path: Path) -> None:
    text = GOOD.format(id="a-b", prompt="What does dropout do?", answer=ANSWER).replace(
        "difficulty: 2", "difficulty: 7"
    )
    root = pack(tmp_path, {"a-b.yaml": text})
    result = CliRunner().invoke(app, ["bank", "validate", str(root)])
    assert result.exit_code == 1
    assert "pack/items/concept/a-b.yaml:8: 'difficulty' must be an integer from 1 to 3, got 7" in result.stdout
    assert "Traceback" not in result.output


def test_cli_validate_missing_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bank", "validate", str(tmp_path / "nope")])
    assert result.exit_code == 1 and "is not a directory" in result.output


def test_related_items_are_checked_and_linked_both_ways(tmp_path: Path) -> None:
    one = GOOD.format(id="drop-a", prompt="What does dropout do?", answer=ANSWER) + "related: [drop-b]\n"
    two = GOOD.format(id="drop-b", prompt="Why is dropout off at inference?", answer=ANSWER)
    bank = load_bank([pack(tmp_path, {"drop-a.yaml": one, "drop-b.yaml": two})], include_builtin=False)
    assert bank.problems == []
    assert bank.get("drop-b").related == ("drop-a",) and bank.get("drop-a").related == ("drop-b",)
    bad = GOOD.format(id="drop-c", prompt="What is dropout for?", answer=ANSWER) + "related: [no-such-item]\n"
    found = problems(pack(tmp_path / "bad", {"drop-c.yaml": bad}))
    assert found == ["pack/items/concept/drop-c.yaml:23: related item 'no-such-item' does not exist"]


def test_neighbours_share_the_primary_topic_and_leave_out_related_items(tmp_path: Path) -> None:
    one = GOOD.format(id="drop-a", prompt="What does dropout do?", answer=ANSWER) + "related: [drop-b]\n"
    two = GOOD.format(id="drop-b", prompt="Why is dropout off at inference?", answer=ANSWER)
    three = GOOD.format(id="drop-c", prompt="Where does dropout go in a network?", answer=ANSWER)
    elsewhere = GOOD.format(id="drop-d", prompt="How does dropout act on attention?", answer=ANSWER).replace(
        "topics: [ml-fundamentals]", "topics: [deep-learning]"
    )
    files = {"drop-a.yaml": one, "drop-b.yaml": two, "drop-c.yaml": three, "drop-d.yaml": elsewhere}
    bank = load_bank([pack(tmp_path, files)], include_builtin=False)
    assert bank.problems == []
    assert [i.id for i in bank.neighbours(bank.get("drop-a"))] == ["drop-c"]
    assert sorted(i.id for i in bank.neighbours(bank.get("drop-c"))) == ["drop-a", "drop-b"]
    assert bank.neighbours(bank.get("drop-d")) == ()
