"""Settings: defaults, TOML file, environment, secrets, and documentation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO
from tracker.core.errors import ConfigError
from tracker.core.setting_checks import BadSetting
from tracker.core.settings import Settings, documented_settings, load_settings


def test_defaults_use_a_per_user_sqlite_file(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    settings = load_settings(env={})
    assert settings.resolved_database_url == f"sqlite:///{tmp_path}/bill-tracker/tracker.db"
    assert settings.federal_source == "govinfo"


def test_environment_overrides_the_file(tmp_path):
    config = tmp_path / "tracker.toml"
    config.write_text(
        'federal_source = "congress_gov"\nhttp_timeout = 5\ncontact = "ops@example.org"\n'
    )
    settings = load_settings(
        env={"TRACKER_HTTP_TIMEOUT": "7.5", "TRACKER_DATABASE_URL": "sqlite:///x.db"},
        config_path=config,
    )
    assert settings.federal_source == "congress_gov"
    assert settings.http_timeout == 7.5
    assert settings.contact == "ops@example.org"
    assert settings.database_url == "sqlite:///x.db"


def test_a_tracker_table_in_the_file_is_read_too(tmp_path):
    config = tmp_path / "tracker.toml"
    config.write_text("[tracker]\ncheck_interval_active = 600\n")
    assert load_settings(env={}, config_path=config).check_interval_active == 600


@pytest.mark.parametrize("secret", ["congress_api_key", "smtp_url", "secret_key"])
def test_secrets_in_a_file_are_refused(tmp_path, secret):
    config = tmp_path / "tracker.toml"
    config.write_text(f'{secret} = "hunter2"\n')
    with pytest.raises(ConfigError, match=f"TRACKER_{secret.upper()}"):
        load_settings(env={}, config_path=config)


def test_secrets_come_from_the_environment():
    settings = load_settings(
        env={"TRACKER_CONGRESS_API_KEY": "k", "TRACKER_SMTP_URL": "smtp://h:25"}
    )
    assert settings.congress_api_key == "k" and settings.smtp_url == "smtp://h:25"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nonsense = 1\n", "unknown setting 'nonsense'"),
        ("http_timeout = 'soon'\n", "must be a number"),
        ("http_timeout = \n", "not valid TOML"),
    ],
)
def test_bad_files_are_one_clear_error(tmp_path, content, message):
    config = tmp_path / "tracker.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings(env={}, config_path=config)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(env={}, config_path=tmp_path / "nope.toml")


def test_bad_number_in_environment():
    with pytest.raises(ConfigError, match="http_timeout"):
        load_settings(env={"TRACKER_HTTP_TIMEOUT": "fast"})


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text()
    missing = [name for name, *_ in documented_settings() if f"`{name}`" not in readme]
    assert missing == [], f"document these settings in README.md: {missing}"
    assert len(documented_settings()) == len(Settings.__dataclass_fields__)


def test_one_bills_fetch_must_fit_in_the_lease_it_is_renewed_within():
    """Leases are renewed once a third has passed: a fetch may use the other two thirds."""
    fits = load_settings(env={"TRACKER_LEASE_SECONDS": "300", "TRACKER_CHECK_BILL_TIMEOUT": "200"})
    assert fits.check_bill_timeout == 200
    with pytest.raises(BadSetting, match="at most two thirds of TRACKER_LEASE_SECONDS"):
        load_settings(env={"TRACKER_LEASE_SECONDS": "60"})  # the default 120 s bound is longer


def test_federal_sources_are_the_registrys_federal_sources():
    """Named in setting_checks so that reading settings imports no source; kept in step."""
    from scrapers.registry import SOURCES
    from tracker.core.setting_checks import FEDERAL_SOURCES

    federal = sorted(name for name, cls in SOURCES.items() if hasattr(cls, "first_congress"))
    assert list(FEDERAL_SOURCES) == federal


def test_reading_settings_imports_no_source():
    code = (
        "import sys\n"
        "from tracker.core.settings import load_settings\n"
        "load_settings()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('scrapers.registry', 'bs4'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
