"""The domain is pure: it imports only the standard library, msgspec and itself."""

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[3] / "src" / "dojo" / "domain"
ALLOWED = {"msgspec"} | set(sys.stdlib_module_names)
NO_CLOCK = ("datetime.now", "date.today", "time.time", "uuid.uuid4", "random.")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_domain_imports_only_stdlib_msgspec_and_itself() -> None:
    files = sorted(DOMAIN.glob("*.py"))
    assert files
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            assert top in ALLOWED or name.startswith("dojo.domain"), f"{path.name} imports {name}"


def test_domain_reads_no_clock_and_makes_no_random_ids() -> None:
    for path in sorted(DOMAIN.glob("*.py")):
        text = path.read_text()
        for needle in NO_CLOCK:
            assert needle not in text, f"{path.name} uses {needle}"
