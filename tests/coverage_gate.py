"""Fails the build when line coverage of the domain or the projections drops below 90%.

Run after `pytest --cov=dojo` (the Makefile does): it reads the .coverage data file.
"""

import sys
from pathlib import Path

import coverage

FLOORS = {"src/dojo/domain/": 90.0, "src/dojo/projections/": 90.0}


def main() -> int:
    data = coverage.Coverage()
    data.load()
    failed = False
    root = Path.cwd()
    for prefix, floor in FLOORS.items():
        statements = missing = 0
        for path in data.get_data().measured_files():
            if not Path(path).resolve().is_relative_to(root / prefix):
                continue
            _, lines, _, missed, _ = data.analysis2(path)
            statements += len(lines)
            missing += len(missed)
        percent = 100.0 * (statements - missing) / statements if statements else 0.0
        print(f"coverage {prefix}: {percent:.1f}% (floor {floor:.0f}%)")
        failed |= percent < floor
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
