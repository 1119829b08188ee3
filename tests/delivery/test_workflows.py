"""GitHub workflows: schema-valid, zizmor-clean, actions pinned, least privilege, complete."""

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")


def load(name: str) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); give it back its name.
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def script(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def uses(path: Path) -> list[str]:
    return re.findall(r"^\s*(?:-\s+)?uses:\s*([^\s#]+)", path.read_text(), re.MULTILINE)


def test_the_ci_and_release_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_commit_sha(path: Path) -> None:
    found = uses(path)
    assert found
    for action in found:
        assert action.startswith("./") or PINNED.match(action), action


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_default_permissions_are_read_only(path: Path) -> None:
    workflow = load(path.name)
    assert workflow["permissions"] == {"contents": "read"}


def test_ci_jobs_never_write() -> None:
    for name, job in load("ci.yml")["jobs"].items():
        assert set(job.get("permissions", {}).values()) <= {"read", "none"}, name


def test_only_the_image_job_may_write_packages() -> None:
    jobs = load("release.yml")["jobs"]
    writers = {name for name, job in jobs.items()
               if job.get("permissions", {}).get("packages") == "write"}
    assert writers == {"image"}
    for name, job in jobs.items():
        extra = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        assert extra <= {"packages", "contents"}, name


def test_ci_runs_on_push_and_pull_request() -> None:
    assert {"push", "pull_request"} <= set(load("ci.yml")["on"])


def test_ci_runs_every_check_of_the_delivery() -> None:
    ci = load("ci.yml")
    text = script(ci)
    actions = " ".join(step.get("uses", "") for step in steps(ci))
    for command in ("ruff check", "make test", "npm ci", "npm run build", "npm test",
                    "npm run e2e", "apt-get install", "chromium", "dojo db migrate",
                    "dojo db check", "kubectl kustomize", "kubernetes-validate --strict",
                    "nix build", "docker load", "test_image_smoke.py"):
        assert command in text, command
    assert "cachix/install-nix-action@" in actions


def test_release_runs_on_version_tags_builds_with_nix_and_pushes_two_tags() -> None:
    release = load("release.yml")
    assert release["on"] == {"push": {"tags": ["v*"]}}
    image = script({"jobs": {"image": release["jobs"]["image"]}})
    assert "nix build .#image" in image
    assert "ghcr.io/" in image
    assert ':$VERSION"' in image and ':latest"' in image
    published = script({"jobs": {"github-release": release["jobs"]["github-release"]}})
    assert "CHANGELOG.md" in published and "gh release create" in published


def test_checkouts_do_not_keep_credentials() -> None:
    for path in WORKFLOWS:
        for step in steps(load(path.name)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_workflows_match_the_github_workflow_schema() -> None:
    if importlib.util.find_spec("check_jsonschema") is None:
        pytest.skip("the check_jsonschema module is not installed (pip check-jsonschema)")
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *map(str, WORKFLOWS)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing() -> None:
    zizmor = (shutil.which("zizmor", path=str(Path(sys.executable).parent))
              or shutil.which("zizmor"))
    if zizmor is None:
        pytest.skip("the zizmor executable is not installed (pip zizmor)")
    done = subprocess.run([zizmor, "--offline", "--no-progress", str(ROOT / ".github")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
