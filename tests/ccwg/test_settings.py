"""Production settings come from the environment and pass Django's deploy checks; every
variable is declared once (ccwg.settings.environment), checked, and listed in the README."""

import ast
import os
import pathlib
import re
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from ccwg.settings import table
from ccwg.settings.environment import Environment, RenamedVariableWarning, env

ROOT = pathlib.Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "ccwg" / "settings"
PRODUCTION = {
    "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-key-0123456789-abcdefghij",
    "DJANGO_ALLOWED_HOSTS": "ccwg.example.org",
}


def clean_environment() -> dict[str, str]:
    """This process's environment without anything the settings read."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    for name in ("DATABASE_URL", "REPORT_RENDER_TIMEOUT"):
        clean.pop(name, None)
    return clean


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return run_python("manage.py", *args, **env)


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean_environment(), "DJANGO_SETTINGS_MODULE": "ccwg.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_settings_work_without_configuration():
    result = run_manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_database_url_is_read(tmp_path):
    target = tmp_path / "other.sqlite3"
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{target}",
    )
    assert result.stdout.strip().endswith(str(target)), result.stderr


def test_development_prints_mail_on_the_console_and_production_uses_smtp():
    show = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.LOGIN_URL)"
    debug = run_manage("shell", "-c", show, DJANGO_DEBUG="1")
    assert debug.stdout.strip().splitlines()[-1].split() == [
        "django.core.mail.backends.console.EmailBackend",
        "login",
    ]
    production = run_manage(
        "shell", "-c", show, DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="ccwg.example.org"
    )
    assert (
        production.stdout.strip().splitlines()[-1].split()[0]
        == "django.core.mail.backends.smtp.EmailBackend"
    )


# --- Reading the environment: ccwg.settings.environment ------------------------------------


def read(kind: str, value: str | None, **declaration):
    """The value `kind` ("int", "bool", ...) reads from DJANGO_X=value (unset for None)."""
    environment = Environment({} if value is None else {"DJANGO_X": value})
    return getattr(environment, kind)("DJANGO_X", help="a test variable", **declaration)


@pytest.mark.parametrize(
    ("kind", "value", "declaration", "expected"),
    [
        ("str", "smtp.example.org", {"default": "localhost"}, "smtp.example.org"),
        ("str", None, {"default": "localhost"}, "localhost"),
        ("str", "  ", {"default": "localhost"}, "localhost"),  # blank: the default
        ("str", "INFO", {"default": "WARNING", "choices": ("INFO", "WARNING")}, "INFO"),
        ("int", "587", {"default": 25}, 587),
        ("int", " 0 ", {"default": 10, "minimum": 0}, 0),
        ("int", "", {"default": 25}, 25),
        ("float", "2.5", {"default": 15.0}, 2.5),
        ("float", "0", {"default": 25.0, "minimum": 0}, 0.0),
        ("bool", "Yes", {"default": False}, True),
        ("bool", "on", {"default": False}, True),
        ("bool", "0", {"default": True}, False),
        ("bool", "off", {"default": True}, False),
        ("bool", None, {"default": True}, True),
        ("list", "a.example, b.example,,", {"default": []}, ["a.example", "b.example"]),
        ("list", None, {"default": ["localhost"]}, ["localhost"]),
    ],
)
def test_a_variable_reads_as_its_type(kind, value, declaration, expected):
    result = read(kind, value, **declaration)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(
    ("kind", "value", "declaration", "message"),
    [
        ("int", "abc", {"default": 25}, "DJANGO_X must be a whole number, not 'abc'"),
        ("int", "2.5", {"default": 25}, "DJANGO_X must be a whole number, not '2.5'"),
        (
            "int",
            "-1",
            {"default": 10, "minimum": 0},
            "DJANGO_X must be a whole number of at least 0, not '-1'",
        ),
        ("float", "soon", {"default": 25.0}, "DJANGO_X must be a number, not 'soon'"),
        ("float", "nan", {"default": 25.0}, "DJANGO_X must be a number, not 'nan'"),
        (
            "bool",
            "maybe",
            {"default": False},
            "DJANGO_X must be on (1/true/yes/on) or off (0/false/no/off), not 'maybe'",
        ),
        (
            "str",
            "info",
            {"default": "WARNING", "choices": ("INFO", "WARNING")},
            "DJANGO_X must be one of INFO, WARNING, not 'info'",
        ),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(kind, value, declaration, message):
    with pytest.raises(ImproperlyConfigured) as refused:
        read(kind, value, **declaration)
    assert str(refused.value) == message
    assert refused.value.__cause__ is None and refused.value.__suppress_context__


def test_a_bad_value_stops_the_start_without_a_traceback():
    result = run_manage("check", DJANGO_DEBUG="1", DJANGO_EMAIL_PORT="abc")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DJANGO_EMAIL_PORT must be a whole number of at least 1, not 'abc'"
    ]


def test_a_variable_is_declared_once():
    environment = Environment({})
    environment.int("DJANGO_X", default=1, help="a test variable")
    environment.int("DJANGO_X", default=1, help="a test variable")  # a module read again
    assert list(environment.declared) == ["DJANGO_X"]
    with pytest.raises(ImproperlyConfigured, match="DJANGO_X is declared twice"):
        environment.int("DJANGO_X", default=2, help="a test variable")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_Y is read before it is declared"):
        environment.given("DJANGO_Y")


def test_the_settings_read_the_environment_only_through_their_declarations():
    for module in SETTINGS.glob("*.py"):
        if module.name == "environment.py":
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            imported = isinstance(node, ast.Import | ast.ImportFrom) and any(
                alias.name == "os" or alias.name.startswith("os.") for alias in node.names
            )
            imported = imported or (isinstance(node, ast.ImportFrom) and node.module == "os")
            named = isinstance(node, ast.Name) and node.id in {"environ", "getenv"}
            attribute = isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}
            assert not (imported or named or attribute), f"{module.name}:{node.lineno}"


def test_installed_apps_and_middleware_are_each_one_list():
    for name in ("INSTALLED_APPS", "MIDDLEWARE"):
        statements = []
        for module in SETTINGS.glob("*.py"):
            for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
                targets = (
                    node.targets
                    if isinstance(node, ast.Assign)
                    else [node.target]
                    if isinstance(node, ast.AugAssign | ast.AnnAssign)
                    else [node.func.value]  # INSTALLED_APPS.append(...)
                    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    else []
                )
                statements += [
                    (module.name, node)
                    for target in targets
                    if isinstance(target, ast.Name) and target.id == name
                ]
        assert len(statements) == 1, (name, statements)
        module, statement = statements[0]
        assert module == "base.py" and isinstance(statement, ast.Assign), name
        assert isinstance(statement.value, ast.List), name


# --- The renamed variable ------------------------------------------------------------------


def read_render_timeout(environ: dict[str, str]) -> float:
    return Environment(environ).float(
        "DJANGO_REPORT_RENDER_TIMEOUT",
        default=25.0,
        help="a test declaration",
        replaces="REPORT_RENDER_TIMEOUT",
    )


def test_the_old_render_timeout_name_is_read_with_a_deprecation_warning():
    assert issubclass(RenamedVariableWarning, DeprecationWarning)
    with pytest.warns(RenamedVariableWarning) as warned:
        assert read_render_timeout({"REPORT_RENDER_TIMEOUT": "7"}) == 7.0
    assert [str(warning.message) for warning in warned] == [
        "REPORT_RENDER_TIMEOUT is deprecated: set DJANGO_REPORT_RENDER_TIMEOUT instead"
    ]
    with (
        pytest.warns(RenamedVariableWarning),
        pytest.raises(ImproperlyConfigured, match=r"^REPORT_RENDER_TIMEOUT must be a number"),
    ):
        read_render_timeout({"REPORT_RENDER_TIMEOUT": "soon"})


def test_the_new_render_timeout_name_wins_without_a_warning(recwarn):
    assert read_render_timeout({"DJANGO_REPORT_RENDER_TIMEOUT": "9"}) == 9.0
    both = {"DJANGO_REPORT_RENDER_TIMEOUT": "9", "REPORT_RENDER_TIMEOUT": "7"}
    assert read_render_timeout(both) == 9.0
    assert read_render_timeout({}) == 25.0
    assert not [w for w in recwarn if issubclass(w.category, RenamedVariableWarning)]


@pytest.mark.parametrize(
    ("environ", "value", "warned"),
    [
        ({"DJANGO_REPORT_RENDER_TIMEOUT": "9"}, "9.0", False),
        ({"REPORT_RENDER_TIMEOUT": "7"}, "7.0", True),
        ({}, "25.0", False),
    ],
)
def test_the_site_reads_the_render_timeout(environ, value, warned):
    show = "from django.conf import settings; print(settings.REPORT_RENDER_TIMEOUT)"
    result = run_manage("shell", "-c", show, DJANGO_DEBUG="1", **environ)
    assert result.stdout.strip().splitlines()[-1] == value, result.stderr
    # Shown to whoever starts the site, although Python hides deprecation warnings.
    assert (
        "RenamedVariableWarning: REPORT_RENDER_TIMEOUT is deprecated: "
        "set DJANGO_REPORT_RENDER_TIMEOUT instead" in result.stderr
    ) == warned, result.stderr


# --- The README's table ----------------------------------------------------------------------

ROW = re.compile(r"^\| `(?P<name>[A-Z_]+)` \| (?P<meaning>.*) \| (?P<default>[^|]*) \|$")


def readme_table() -> str:
    return table.table_in((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_lists_every_declared_variable_with_its_default():
    rows = [ROW.match(line) for line in readme_table().splitlines()[2:]]
    assert all(rows), readme_table()
    listed = {row["name"]: row["default"] for row in rows if row}
    declared = {name: variable.default for name, variable in env.declared.items()}
    assert sorted(set(declared) - set(listed)) == [], "declared, not in the README"
    assert sorted(set(listed) - set(declared)) == [], "in the README, not declared"
    assert listed == declared
    assert readme_table() == table.markdown_table(env.declared.values()), (
        "the README's table is not the declarations': make settings-table"
    )


@pytest.mark.parametrize("environ", [{"DJANGO_DEBUG": "1"}, PRODUCTION])
def test_the_table_is_the_same_whatever_the_environment(environ):
    printed = run_python("-m", "ccwg.settings.table", **environ)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout == readme_table()


def test_the_table_is_written_between_the_readme_markers(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# ccwg\n\n{table.BEGIN}\nold\n{table.END}\n\nmore\n", encoding="utf-8")
    written = run_python("-m", "ccwg.settings.table", str(readme), DJANGO_DEBUG="1")
    assert written.returncode == 0, written.stderr
    assert readme.read_text(encoding="utf-8") == (
        f"# ccwg\n\n{table.BEGIN}\n{readme_table()}{table.END}\n\nmore\n"
    )
    readme.write_text("# no markers\n", encoding="utf-8")
    refused = run_python("-m", "ccwg.settings.table", str(readme), DJANGO_DEBUG="1")
    assert refused.returncode == 1 and "has no" in refused.stderr
    assert readme.read_text(encoding="utf-8") == "# no markers\n"
