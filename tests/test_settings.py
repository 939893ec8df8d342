import re
from pathlib import Path

import pytest

from mlcoach.domain.errors import ConfigError
from mlcoach.settings import load_settings, setting_names

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    documented = set(re.findall(r"`(MLCOACH_[A-Z_]+)`", DOCS.read_text()))
    missing = [name for name in setting_names() if name not in documented]
    assert not missing, f"settings missing from docs/settings.md: {missing}"


def test_environment_values_are_typed(tmp_path: Path) -> None:
    s = load_settings(
        {
            "MLCOACH_DATA_DIR": str(tmp_path),
            "MLCOACH_PORT": "9001",
            "MLCOACH_MULTI_USER": "yes",
            "MLCOACH_CONTENT_PATH": f"{tmp_path}/a:{tmp_path}/b",
        }
    )
    assert s.port == 9001 and s.multi_user is True
    assert s.content_path == (tmp_path / "a", tmp_path / "b")
    assert s.database == f"sqlite:///{tmp_path / 'mlcoach.db'}"


def test_bad_values_name_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_PORT": "eighty"})
    assert exc.value.field == "MLCOACH_PORT" and "eighty" in exc.value.message
    with pytest.raises(ConfigError) as exc:
        load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_MULTI_USER": "maybe"})
    assert exc.value.field == "MLCOACH_MULTI_USER"


@pytest.mark.parametrize("secret", ["", "changeme", "short"])
def test_multi_user_refuses_missing_or_default_secret(tmp_path: Path, secret: str) -> None:
    s = load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_MULTI_USER": "1", "MLCOACH_SECRET_KEY": secret})
    with pytest.raises(ConfigError) as exc:
        s.check_for_serving()
    assert exc.value.field == "MLCOACH_SECRET_KEY"


def test_multi_user_accepts_a_real_secret(tmp_path: Path) -> None:
    s = load_settings(
        {
            "MLCOACH_DATA_DIR": str(tmp_path),
            "MLCOACH_MULTI_USER": "1",
            "MLCOACH_SECRET_KEY": "x" * 32,
            "MLCOACH_HOST": "0.0.0.0",
        }
    )
    s.check_for_serving()  # raises on failure


def test_single_user_mode_only_binds_loopback(tmp_path: Path) -> None:
    s = load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_HOST": "0.0.0.0"})
    with pytest.raises(ConfigError, match="loopback"):
        s.check_for_serving()


def test_config_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    cfg = tmp_path / "mlcoach.toml"
    cfg.write_text('port = 8100\nhost = "127.0.0.2"\n')
    s = load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_CONFIG_FILE": str(cfg), "MLCOACH_PORT": "8200"})
    assert s.port == 8200 and s.host == "127.0.0.2"
    cfg.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="colour"):
        load_settings({"MLCOACH_DATA_DIR": str(tmp_path), "MLCOACH_CONFIG_FILE": str(cfg)})
