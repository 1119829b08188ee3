"""flake.nix parses; its lock, hashes and pinned inputs stay consistent with the project."""

import base64
import importlib.machinery
import importlib.util
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
NIX = ROOT / "deploy" / "nix"
FLAKE = ROOT / "flake.nix"
SRI = re.compile(r"^sha256-[A-Za-z0-9+/]{43}=$")


def update_hashes() -> ModuleType:
    """deploy/nix/update-hashes (a script without .py) imported as a module."""
    loader = importlib.machinery.SourceFileLoader("update_hashes", str(NIX / "update-hashes"))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_flake_parses() -> None:
    nix_instantiate = shutil.which("nix-instantiate")
    if nix_instantiate is None:
        pytest.skip("nix-instantiate is not installed (Debian package nix-bin)")
    for path in [FLAKE, *NIX.glob("*.nix")]:
        done = subprocess.run([nix_instantiate, "--parse", str(path)], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr


def test_flake_lock_pins_the_input_of_flake_nix() -> None:
    lock_path = ROOT / "flake.lock"
    if not lock_path.exists():
        pytest.skip("no flake.lock: `nix flake lock` writes one")
    lock = json.loads(lock_path.read_text())
    assert lock["version"] == 7
    url = re.search(r'inputs\.nixpkgs\.url = "github:([^/]+)/([^/]+)/([^"]+)";',
                    FLAKE.read_text())
    assert url, "flake.nix names nixpkgs as github:OWNER/REPO/REF"
    node = lock["nodes"][lock["nodes"][lock["root"]]["inputs"]["nixpkgs"]]
    assert node["original"] == {"type": "github", "owner": url[1], "repo": url[2],
                                "ref": url[3]}
    assert re.fullmatch(r"[0-9a-f]{40}", node["locked"]["rev"])
    assert SRI.match(node["locked"]["narHash"])


def test_fixed_output_hashes_are_sri_sha256() -> None:
    hashes = json.loads((NIX / "hashes.json").read_text())
    assert set(hashes) == {"python-wheels", "npm-deps"}
    assert set(hashes["python-wheels"]) == {"x86_64-linux"}
    for value in [*hashes["python-wheels"].values(), hashes["npm-deps"]]:
        assert SRI.match(value), value


def test_the_wheel_requirements_carry_every_runtime_pin_of_pyproject() -> None:
    missing = update_hashes().pins_missing()
    assert not missing, (f"deploy/nix/requirements.txt lacks {missing}: run "
                         "deploy/nix/update-hashes and commit its output")


def test_every_wheel_is_pinned_to_one_version_and_one_sha256() -> None:
    for name in ("requirements.txt", "build-requirements.txt"):
        text = (NIX / name).read_text()
        pins = re.findall(r"^([a-z0-9-]+)==(\S+) \\\n    --hash=sha256:([0-9a-f]{64})$", text,
                          re.MULTILINE)
        requirements = [line for line in text.splitlines()
                        if line and not line.startswith(("#", " "))]
        assert len(pins) == len(requirements) > 0, name


def test_flake_downloads_wheels_with_the_flags_update_hashes_hashes() -> None:
    flags = " ".join(update_hashes().PLATFORM)
    command = re.sub(r"\\\n\s*", "", FLAKE.read_text())
    assert flags in re.sub(r"\s+", " ", command)


def test_nar_hash_matches_nix() -> None:
    module = update_hashes()
    tree = {"f": b"abc", "d": {"e": b"", "g": b"x" * 13}}
    # `nix-hash --type sha256` of that tree, computed with Nix 2.8.
    expected = "44d84896dec243c66b4b1a68a26611064fae98e3722d3daed969143f2eba3b85"
    assert base64.b64decode(module.nar_hash(tree)[len("sha256-"):]).hex() == expected


def test_nar_hash_matches_nix_hash_on_a_real_folder(tmp_path: Path) -> None:
    nix_hash = shutil.which("nix-hash")
    if nix_hash is None:
        pytest.skip("nix-hash is not installed (Debian package nix-bin)")
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.txt").write_bytes(b"dojo\n" * 100)
    (tmp_path / "z").write_bytes(bytes(range(256)))
    module = update_hashes()
    done = subprocess.run([nix_hash, "--type", "sha256", str(tmp_path)], check=True,
                          capture_output=True, text=True)
    assert (base64.b64decode(module.nar_hash(module.tree_of(tmp_path))[7:]).hex()
            == done.stdout.strip())


def test_lockfile_gets_registry_tarball_urls(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    lock = {"name": "x", "lockfileVersion": 3, "packages": {
        "": {"name": "x", "version": "1.0.0"},
        "node_modules/vue": {"version": "3.5.45", "integrity": "sha512-a"},
        "node_modules/@vue/shared": {"version": "3.5.45", "integrity": "sha512-b"},
        "node_modules/a/node_modules/b": {"version": "2.0.0", "integrity": "sha512-c"},
        "node_modules/cjs": {"name": "string-width", "version": "4.2.3", "integrity": "x"},
        "node_modules/local": {"resolved": "packages/local", "link": True},
        "node_modules/kept": {"version": "1.0.0", "resolved": "https://mirror.test/k.tgz"},
    }}
    path = tmp_path / "package-lock.json"
    path.write_text(json.dumps(lock))
    subprocess.run([node, str(NIX / "npm-lock-resolved.mjs"), "https://registry.test",
                    str(path)], check=True, capture_output=True)
    packages = json.loads(path.read_text())["packages"]
    resolved = {k: v.get("resolved") for k, v in packages.items()}
    assert resolved == {
        "": None,
        "node_modules/vue": "https://registry.test/vue/-/vue-3.5.45.tgz",
        "node_modules/@vue/shared": "https://registry.test/@vue/shared/-/shared-3.5.45.tgz",
        "node_modules/a/node_modules/b": "https://registry.test/b/-/b-2.0.0.tgz",
        "node_modules/cjs": "https://registry.test/string-width/-/string-width-4.2.3.tgz",
        "node_modules/local": "packages/local",
        "node_modules/kept": "https://mirror.test/k.tgz",
    }


def test_the_image_runs_dojo_serve_as_uid_10001_with_data_in_var_lib_dojo() -> None:
    text = FLAKE.read_text()
    assert 'User = "10001:10001";' in text
    assert re.search(r'Entrypoint = \[ "\$\{dojo\}/bin/dojo" "serve" \];', text)
    assert '"DOJO_DB=/var/lib/dojo/dojo.duckdb"' in text
    assert "buildNpmPackage" in text and "dockerTools.buildLayeredImage" in text


def test_the_flake_version_comes_from_pyproject() -> None:
    assert "(lib.importTOML ./pyproject.toml).project.version" in FLAKE.read_text()
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
