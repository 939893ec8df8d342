import subprocess
import sys

FORBIDDEN = ("fastapi", "starlette", "sqlalchemy", "jinja2", "alembic", "psycopg", "uvicorn", "yaml", "typer")


def test_domain_imports_no_web_sql_or_template_library() -> None:
    code = (
        "import sys, pkgutil, importlib, mlcoach.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('mlcoach.domain.' + m.name)\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = {name.split(".")[0] for name in out.split()}
    assert "mlcoach" in loaded  # the probe really imported the package
    assert not loaded & set(FORBIDDEN), f"mlcoach.domain pulls in {sorted(loaded & set(FORBIDDEN))}"


def test_domain_imports_nothing_else_from_mlcoach() -> None:
    from pathlib import Path

    import mlcoach.domain

    root = Path(mlcoach.domain.__file__).parent
    for f in root.glob("*.py"):
        for line in f.read_text().splitlines():
            if line.startswith(("from mlcoach", "import mlcoach")):
                assert line.startswith(("from mlcoach.domain", "import mlcoach.domain")), f"{f.name}: {line}"
