"""One typed settings object, built by `load_settings()` from the environment and an optional file.

Nothing here runs at import time: the web app, the CLI and the tests each call the factory.
Every field is documented in docs/settings.md (a test fails when one is not).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from mlcoach.domain.errors import ConfigError

PREFIX = "MLCOACH_"
DEFAULT_SECRETS = {"", "changeme", "change-me", "secret", "dev", "development"}


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(metadata={"doc": "Directory for the SQLite database and local files."})
    database_url: str = field(default="", metadata={"doc": "SQLAlchemy URL; default is SQLite in the data directory."})
    content_path: tuple[Path, ...] = field(
        default=(), metadata={"doc": "Extra content pack directories, separated by ':'."}
    )
    secret_key: str = field(default="", metadata={"doc": "Key that signs session cookies."})
    multi_user: bool = field(default=False, metadata={"doc": "Accounts and login for a shared server."})
    host: str = field(default="127.0.0.1", metadata={"doc": "Address the web server binds to."})
    port: int = field(default=8000, metadata={"doc": "Port the web server listens on."})
    max_field_chars: int = field(default=20000, metadata={"doc": "Longest text accepted in one form or API field."})
    redis_url: str = field(default="", metadata={"doc": "Redis URL for the work queue (multi-user)."})
    llm_base_url: str = field(default="", metadata={"doc": "OpenAI-compatible endpoint for the LLM judge."})
    llm_model: str = field(default="", metadata={"doc": "Model name sent to the LLM endpoint."})
    llm_api_key: str = field(default="", metadata={"doc": "API key for the LLM endpoint, if it needs one."})
    llm_timeout: float = field(default=20.0, metadata={"doc": "Seconds to wait for the LLM before falling back."})
    config_file: str = field(default="", metadata={"doc": "Optional TOML file with these settings."})

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'mlcoach.db'}"

    @property
    def llm(self) -> dict[str, str]:
        return {
            "MLCOACH_LLM_BASE_URL": self.llm_base_url,
            "MLCOACH_LLM_MODEL": self.llm_model,
            "MLCOACH_LLM_API_KEY": self.llm_api_key,
            "MLCOACH_LLM_TIMEOUT": str(self.llm_timeout),
        }

    def check_for_serving(self) -> None:
        """Refuse unsafe combinations before a server starts."""
        if self.multi_user:
            if self.secret_key.strip().lower() in DEFAULT_SECRETS or len(self.secret_key) < 16:
                raise ConfigError(
                    "multi-user mode needs MLCOACH_SECRET_KEY set to a random value of 16+ characters",
                    field="MLCOACH_SECRET_KEY",
                )
        elif not _is_loopback(self.host):
            raise ConfigError(
                f"single-user mode has no login, so it only binds to a loopback address, not {self.host!r};"
                " set MLCOACH_MULTI_USER=1 to serve other machines",
                field="MLCOACH_HOST",
            )


def setting_names() -> list[str]:
    return [PREFIX + f.name.upper() for f in fields(Settings)]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _parse_bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}", field=name)


def _convert(name: str, kind: Any, raw: Any) -> Any:
    if isinstance(raw, str) is False and kind in ("str",):
        raw = str(raw)
    text = raw if isinstance(raw, str) else str(raw)
    if kind == "bool":
        return raw if isinstance(raw, bool) else _parse_bool(name, text)
    if kind in ("int", "float"):
        try:
            return int(text) if kind == "int" else float(text)
        except ValueError:
            raise ConfigError(f"{name} must be a number, got {text!r}", field=name) from None
    if kind == "Path":
        return Path(text).expanduser()
    if kind == "tuple[Path, ...]":
        return tuple(Path(p).expanduser() for p in text.split(os.pathsep) if p.strip())
    return text


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("mlcoach", appauthor=False))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from a config file (if named) and then the environment, which wins."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    config_file = env.get(PREFIX + "CONFIG_FILE", "")
    if config_file:
        try:
            data = tomllib.loads(Path(config_file).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                f"cannot read MLCOACH_CONFIG_FILE {config_file}: {exc}", field="MLCOACH_CONFIG_FILE"
            ) from None
        known = {f.name for f in fields(Settings)}
        for key, value in data.items():
            if key not in known:
                raise ConfigError(f"unknown setting '{key}' in {config_file}", field=key)
            values[key] = value
    for f in fields(Settings):
        name = PREFIX + f.name.upper()
        if name in env:
            values[f.name] = env[name]
    kinds = {f.name: str(f.type) for f in fields(Settings)}
    converted = {k: _convert(PREFIX + k.upper(), kinds[k], v) for k, v in values.items()}
    converted.setdefault("data_dir", _default_data_dir())
    settings = Settings(**converted)
    if settings.max_field_chars < 100:
        raise ConfigError("MLCOACH_MAX_FIELD_CHARS must be at least 100", field="MLCOACH_MAX_FIELD_CHARS")
    return settings


def local_secret(settings: Settings) -> str:
    """The signing key: the configured one, or in single-user mode one kept in the data directory."""
    if settings.secret_key:
        return settings.secret_key
    if settings.multi_user:
        raise ConfigError("MLCOACH_SECRET_KEY is required in multi-user mode", field="MLCOACH_SECRET_KEY")
    path = settings.data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
