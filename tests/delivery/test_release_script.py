"""scripts/release against throwaway git repositories: versions, changelog, bumps, dry run."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "release"

PYPROJECT = """[build-system]
requires = ["hatchling>=1.25"]

[project]
name = "dojo"
version = "{version}"
dependencies = ["duckdb==2.0.1"]

[tool.ruff]
target-version = "py311"
"""
PACKAGE_JSON = {"name": "dojo-frontend", "private": True, "version": "{version}",
                "devDependencies": {"vite": "8.3.8"}}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Git identity through the environment; no global or system config is read."""
    home = tmp_path / "home"
    home.mkdir()
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Release Test",
        "GIT_AUTHOR_EMAIL": "release@example.test",
        "GIT_COMMITTER_NAME": "Release Test",
        "GIT_COMMITTER_EMAIL": "release@example.test",
    }


class Repo:
    def __init__(self, path: Path, env: dict[str, str]) -> None:
        self.path, self.env = path, env

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.path, env=self.env, check=True,
                              capture_output=True, text=True).stdout

    def commit(self, subject: str, body: str = "") -> None:
        message = ["-m", subject] + (["-m", body] if body else [])
        self.git("commit", "--quiet", "--allow-empty", *message)

    def release(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(SCRIPT), "--date", "2026-11-27", *args],
                              cwd=self.path, env=self.env, capture_output=True, text=True)

    def read(self, name: str) -> str:
        return (self.path / name).read_text(encoding="utf-8")

    def tags(self) -> list[str]:
        return self.git("tag", "--list").split()

    def snapshot(self) -> dict[str, str]:
        files = {p.relative_to(self.path).as_posix(): p.read_text(encoding="utf-8")
                 for p in self.path.rglob("*") if p.is_file() and ".git" not in p.parts}
        return {**files, "HEAD": self.git("rev-parse", "HEAD"), "tags": " ".join(self.tags())}


def make_repo(tmp_path: Path, env: dict[str, str], version: str = "0.1.0",
              frontend: bool = True) -> Repo:
    path = tmp_path / "repo"
    (path / "src" / "dojo").mkdir(parents=True)
    (path / "pyproject.toml").write_text(PYPROJECT.format(version=version))
    (path / "src" / "dojo" / "__init__.py").write_text(
        f'"""Dojo."""\n\n__version__ = "{version}"\n')
    if frontend:
        (path / "frontend").mkdir()
        package = {**PACKAGE_JSON, "version": version}
        (path / "frontend" / "package.json").write_text(json.dumps(package, indent=2) + "\n")
    repo = Repo(path, env)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.git("add", "--all")
    repo.commit("Initial import")
    return repo


def released(tmp_path: Path, env: dict[str, str], version: str) -> Repo:
    """A repository whose last release is `version`, tagged."""
    repo = make_repo(tmp_path, env, version=version)
    repo.git("tag", "-a", f"v{version}", "-m", version)
    return repo


def versions(repo: Repo) -> tuple[str, str, str]:
    pyproject = next(line for line in repo.read("pyproject.toml").splitlines()
                     if line.startswith("version = "))
    init = next(line for line in repo.read("src/dojo/__init__.py").splitlines()
                if line.startswith("__version__"))
    package = json.loads(repo.read("frontend/package.json"))["version"]
    return pyproject.split('"')[1], init.split('"')[1], package


def test_feat_bumps_minor_and_updates_every_version_file_commit_and_tag(
        tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("feat(budgets): copy last month's assignments")
    repo.commit("fix: keep cents when splitting")

    done = repo.release()

    assert done.returncode == 0, done.stderr
    assert versions(repo) == ("1.3.0", "1.3.0", "1.3.0")
    assert "v1.3.0" in repo.tags()
    assert repo.git("log", "-1", "--format=%s").strip() == "chore(release): v1.3.0"
    assert repo.git("status", "--porcelain").strip() == ""
    assert repo.git("describe", "--exact-match", "HEAD").strip() == "v1.3.0"
    assert 'target-version = "py311"' in repo.read("pyproject.toml")


def test_changelog_section_groups_commits_keep_a_changelog_style(
        tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("feat(budgets): copy last month's assignments")
    repo.commit("fix: keep cents when splitting")
    repo.commit("perf(db): index the stream id")
    repo.commit("docs: explain carryover")
    repo.commit("a message that is not a conventional commit")

    assert repo.release().returncode == 0
    changelog = repo.read("CHANGELOG.md")

    assert changelog.startswith("# Changelog\n")
    unreleased = changelog.index("## [Unreleased]")
    section = changelog.index("## [1.3.0] - 2026-11-27")
    assert unreleased < section
    added, changed, fixed = (changelog.index(f"### {name}") for name in
                             ("Added", "Changed", "Fixed"))
    assert section < added < changed < fixed
    assert "- **budgets:** copy last month's assignments (" in changelog[added:changed]
    assert "- **db:** index the stream id (" in changelog[changed:fixed]
    assert "- keep cents when splitting (" in changelog[fixed:]
    assert "explain carryover" not in changelog
    assert "not a conventional commit" not in changelog


@pytest.mark.parametrize(("subject", "body", "expected"), [
    ("fix: refuse a negative assignment", "", "1.2.4"),
    ("perf: cache month summaries", "", "1.2.4"),
    ("feat: net worth report", "", "1.3.0"),
    ("feat(api)!: amounts in minor units", "", "2.0.0"),
    ("refactor: split the projector", "BREAKING CHANGE: the replay CLI is gone", "2.0.0"),
])
def test_commit_types_choose_the_semantic_version_bump(
        tmp_path: Path, env: dict[str, str], subject: str, body: str, expected: str) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit(subject, body)

    done = repo.release()

    assert done.returncode == 0, done.stderr
    assert versions(repo)[0] == expected
    assert f"v{expected}" in repo.tags()


@pytest.mark.parametrize(("subject", "expected"), [
    ("feat!: drop the v0 routes", "0.5.0"),
    ("feat: budgets", "0.5.0"),
    ("fix: rounding", "0.4.3"),
])
def test_while_0x_a_breaking_change_bumps_the_minor_version(
        tmp_path: Path, env: dict[str, str], subject: str, expected: str) -> None:
    repo = released(tmp_path, env, "0.4.2")
    repo.commit(subject)

    assert repo.release().returncode == 0
    assert versions(repo)[0] == expected


def test_first_release_counts_from_zero_without_a_tag(
        tmp_path: Path, env: dict[str, str]) -> None:
    repo = make_repo(tmp_path, env, version="0.1.0")
    repo.commit("feat: envelopes")

    assert repo.release().returncode == 0
    assert repo.tags() == ["v0.1.0"]


def test_explicit_version_leaves_0x(tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "0.9.0")
    repo.commit("feat!: stable API")

    assert repo.release("--version", "1.0.0").returncode == 0
    assert versions(repo) == ("1.0.0", "1.0.0", "1.0.0")


def test_dry_run_prints_the_plan_and_changes_nothing(
        tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("feat: reconcile accounts")
    before = repo.snapshot()

    done = repo.release("--dry-run")

    assert done.returncode == 0, done.stderr
    assert "v1.2.3 -> v1.3.0" in done.stdout
    assert "## [1.3.0] - 2026-11-27" in done.stdout
    assert "reconcile accounts" in done.stdout
    assert repo.snapshot() == before


def test_nothing_releasable_changes_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("docs: a typo")
    repo.commit("chore: bump a dev tool")
    before = repo.snapshot()

    done = repo.release()

    assert done.returncode == 1
    assert "nothing to release" in done.stderr
    assert repo.snapshot() == before


def test_release_commits_are_not_released_again(tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("fix: one")
    assert repo.release().returncode == 0

    assert repo.release().returncode == 1
    assert repo.tags() == ["v1.2.3", "v1.2.4"]


def test_unreleased_notes_move_into_the_release_section(
        tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    (repo.path / "CHANGELOG.md").write_text(
        "# Changelog\n\n## [Unreleased]\n\nHand-written upgrade note.\n\n"
        "### Fixed\n\n- a hand-written fix note\n\n"
        "## [1.2.3] - 2026-01-01\n\n### Added\n\n- the first things\n")
    repo.git("add", "CHANGELOG.md")
    repo.commit("fix: two")

    assert repo.release().returncode == 0
    changelog = repo.read("CHANGELOG.md")

    sections = changelog.split("\n## ")
    assert sections[1].strip() == "[Unreleased]"
    assert sections[2].startswith("[1.2.4] - 2026-11-27")
    assert "Hand-written upgrade note." in sections[2]
    assert sections[2].count("### Fixed") == 1
    fixed = sections[2].split("### Fixed", 1)[1]
    assert fixed.index("a hand-written fix note") < fixed.index("- two (")
    assert sections[3].startswith("[1.2.3] - 2026-01-01")


def test_works_without_a_frontend(tmp_path: Path, env: dict[str, str]) -> None:
    repo = make_repo(tmp_path, env, version="2.0.0", frontend=False)
    repo.git("tag", "-a", "v2.0.0", "-m", "2.0.0")
    repo.commit("fix: three")

    assert repo.release().returncode == 0
    assert '__version__ = "2.0.1"' in repo.read("src/dojo/__init__.py")
    assert not (repo.path / "frontend").exists()


def test_refuses_a_dirty_working_tree(tmp_path: Path, env: dict[str, str]) -> None:
    repo = released(tmp_path, env, "1.2.3")
    repo.commit("fix: four")
    (repo.path / "pyproject.toml").write_text("# edited\n" + repo.read("pyproject.toml"))

    done = repo.release()

    assert done.returncode == 2
    assert "uncommitted changes" in done.stderr
    assert repo.tags() == ["v1.2.3"]


def test_the_script_is_executable_with_a_python_shebang() -> None:
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text().startswith("#!/usr/bin/env python3\n")
