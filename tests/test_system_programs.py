"""The suite needs no system program that the README does not name.

Scans the project's Python files (code and tests) for the places that run or look for an
external program (`subprocess`, `os.system`/`exec*`/`spawn*`, `shutil.which`, the tests'
`require_program`, and absolute paths such as "/usr/bin/chromium") and checks that each
program is named, in backquotes, in the README's "System packages" section; and that the
packages CI installs are the ones the README's `apt-get install` line lists.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIPPED_DIRS = {".venv", "var", "node_modules", ".git", "migrations", "staticfiles"}

RUNNERS = {
    ("subprocess", "run"),
    ("subprocess", "call"),
    ("subprocess", "check_call"),
    ("subprocess", "check_output"),
    ("subprocess", "Popen"),
    ("subprocess", "getoutput"),
    ("subprocess", "getstatusoutput"),
    ("os", "system"),
    ("os", "popen"),
    ("asyncio", "create_subprocess_exec"),
    ("asyncio", "create_subprocess_shell"),
    ("pty", "spawn"),
    ("shutil", "which"),
}
OS_PREFIXES = ("exec", "spawn", "posix_spawn")
PROGRAM_PATH = re.compile(r"^/(?:usr/)?(?:local/)?s?bin/([\w.+-]+)$")
#: The interpreter running the suite is not a system program.
INTERPRETER = "python"


def python_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if not parts & SKIPPED_DIRS and not any(p.endswith(".egg-info") for p in parts):
            yield path


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### System packages\n(.*?)(?=^#)", text, flags=re.M | re.S)
    assert match, 'README.md has no "### System packages" section'
    return match.group(1)


def named_programs() -> set[str]:
    return set(re.findall(r"`([\w.+-]+)`", readme_section()))


def readme_packages() -> set[str]:
    lines = [line for line in readme_section().splitlines() if "apt-get install" in line]
    assert len(lines) == 1, "the System packages section needs exactly one apt-get install line"
    return set(lines[0].split("apt-get install", 1)[1].split()) - {"-y"}


def ci_packages() -> set[str]:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"for pkg in ([^;]+); do", script)
    assert match, ".ci/run lists no system packages (for pkg in ...; do)"
    return set(match.group(1).split())


class ProgramFinder(ast.NodeVisitor):
    """Collects (line, program or None when it cannot be told) for one module."""

    def __init__(self, tree: ast.Module) -> None:
        self.found: list[tuple[int, str | None]] = []
        self.module_values = self._assignments(tree.body)
        self.scopes: list[dict[str, ast.expr]] = []

    @staticmethod
    def _assignments(body: list[ast.stmt]) -> dict[str, ast.expr]:
        values: dict[str, ast.expr] = {}
        for node in body:
            for child in ast.walk(node):
                if isinstance(child, ast.Assign) and len(child.targets) == 1:
                    target = child.targets[0]
                    if isinstance(target, ast.Name):
                        values.setdefault(target.id, child.value)
                elif (
                    isinstance(child, ast.AnnAssign)
                    and isinstance(child.target, ast.Name)
                    and child.value is not None
                ):
                    values.setdefault(child.target.id, child.value)
        return values

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name == "require_program":
            return  # the one sanctioned indirection: its callers name the program
        self.scopes.append(self._assignments(node.body))
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def lookup(self, name: str) -> ast.expr | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return self.module_values.get(name)

    def programs_of(self, node: ast.expr, depth: int = 0) -> list[str | None]:
        if depth > 5:
            return [None]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = node.value.split()
            return [Path(words[0]).name] if words else [None]
        if isinstance(node, ast.List | ast.Tuple):
            return self.programs_of(node.elts[0], depth + 1) if node.elts else [None]
        if isinstance(node, ast.Attribute) and ast.unparse(node) == "sys.executable":
            return [INTERPRETER]
        if isinstance(node, ast.Name):
            value = self.lookup(node.id)
            return [None] if value is None else self.programs_of(value, depth + 1)
        if isinstance(node, ast.Call) and self.runner(node) in {("shutil", "which"), "require"}:
            return self.programs_of(node.args[0], depth + 1) if node.args else [None]
        return [None]

    @staticmethod
    def runner(node: ast.Call) -> tuple[str, str] | str | None:
        func = node.func
        if isinstance(func, ast.Name) and func.id == "require_program":
            return "require"
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            pair = (func.value.id, func.attr)
            if pair in RUNNERS or (pair[0] == "os" and pair[1].startswith(OS_PREFIXES)):
                return pair
        return None

    def visit_Call(self, node: ast.Call) -> None:
        if self.runner(node) is not None:
            first = node.args[0] if node.args else None
            for program in self.programs_of(first) if first is not None else [None]:
                self.found.append((node.lineno, program))
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            match = PROGRAM_PATH.match(node.value)
            if match:
                self.found.append((node.lineno, match.group(1)))


def external_programs() -> list[tuple[str, int, str | None]]:
    found = []
    for path in python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        finder = ProgramFinder(tree)
        finder.visit(tree)
        relative = str(path.relative_to(ROOT))
        found += [(relative, line, program) for line, program in finder.found]
    return found


@pytest.mark.slow
def test_every_program_the_code_runs_is_named_in_the_readme():
    named = named_programs() | {INTERPRETER}
    found = external_programs()
    unknown = [
        f"{file}:{line} runs a program this test cannot tell"
        for file, line, p in found
        if p is None
    ]
    unnamed = [
        f"{file}:{line} runs {program!r}, which the README's System packages section does not name"
        for file, line, program in found
        if program is not None and program not in named
    ]
    assert not unknown + unnamed, "\n".join(unknown + unnamed)


@pytest.mark.slow
def test_the_scan_sees_the_programs_the_suite_uses():
    programs = {program for _, _, program in external_programs()}
    assert {"chromium", "make", INTERPRETER} <= programs


def test_the_scan_catches_an_unnamed_program():
    source = (
        "import shutil, subprocess, sys\n"
        "TOOL = '/usr/bin/pdftoppm'\n"
        "def f():\n"
        "    exe = shutil.which('pdftotext')\n"
        "    subprocess.run([exe, 'a.pdf'])\n"
        "    subprocess.run([sys.executable, '-V'])\n"
        "    subprocess.run(command_from_somewhere)\n"
    )
    finder = ProgramFinder(tree := ast.parse(source))
    finder.visit(tree)
    assert sorted(finder.found, key=lambda item: (item[0], str(item[1]))) == [
        (2, "pdftoppm"),
        (4, "pdftotext"),
        (5, "pdftotext"),
        (6, INTERPRETER),
        (7, None),
    ]


def test_ci_installs_the_packages_the_readme_lists():
    assert ci_packages() == readme_packages()
