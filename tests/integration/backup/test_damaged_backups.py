"""A damaged backup is refused with a clear error before anything is built, and a refused
restore leaves nothing behind: tampered, truncated, foreign, newer, or aimed at a file."""

import gzip
import hashlib
import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from dojo.backups.archive import EVENTS, MANIFEST, Manifest
from dojo.cli import main
from tests.integration.backup.instance import Instance, copy_of, leftovers


@pytest.fixture(scope="module")
def backup(template: Instance, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("original")
    instance = copy_of(template, folder)
    assert main(["backup", "--db", str(instance.path), str(folder / "dojo.tar")]) == 0
    return (folder / "dojo.tar").read_bytes()


def members(archive: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]


def rebuilt(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def with_events(archive: bytes, change: Callable[[bytes], bytes], fix_manifest: bool) -> bytes:
    files = members(archive)
    files[EVENTS] = gzip.compress(change(gzip.decompress(files[EVENTS])), mtime=0)
    if fix_manifest:
        manifest = msgspec.json.decode(files[MANIFEST], type=Manifest)
        for entry in manifest.files:
            if entry.name == EVENTS:
                entry.bytes = len(files[EVENTS])
                entry.sha256 = hashlib.sha256(files[EVENTS]).hexdigest()
        files[MANIFEST] = msgspec.json.encode(manifest)
    return rebuilt(files)


def refused(tmp_path: Path, archive: bytes, capsys: pytest.CaptureFixture[str]) -> str:
    """Restore `archive`; it must fail with an error line and leave only the backup."""
    source = tmp_path / "in.tar"
    source.write_bytes(archive)
    target = tmp_path / "restored.duckdb"
    assert main(["restore", str(source), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err, err
    assert leftovers(tmp_path, source) == [], "a refused restore leaves nothing behind"
    return err


def test_the_untouched_backup_restores(tmp_path: Path, backup: bytes) -> None:
    (tmp_path / "in.tar").write_bytes(rebuilt(members(backup)))
    assert main(["restore", str(tmp_path / "in.tar"), "--db", str(tmp_path / "ok.duckdb")]) == 0


def test_a_changed_member_does_not_match_its_checksum(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    files = members(backup)
    middle = len(files[EVENTS]) // 2
    files[EVENTS] = files[EVENTS][:middle] + bytes([files[EVENTS][middle] ^ 1]) + \
        files[EVENTS][middle + 1:]
    err = refused(tmp_path, rebuilt(files), capsys)
    assert "events.jsonl.gz does not match its SHA-256" in err


def test_a_member_of_another_size_is_refused(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    archive = with_events(backup, lambda text: text.replace(b"Grocer", b"Grocer!", 1), False)
    assert "the manifest says" in refused(tmp_path, archive, capsys)


def test_a_changed_event_is_found_by_the_hash_chain_even_with_a_matching_manifest(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    lines = gzip.decompress(members(backup)[EVENTS]).splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if b'"amount":-' in line)

    def change(text: bytes) -> bytes:
        changed = list(lines)
        changed[number - 1] = changed[number - 1].replace(b'"amount":-', b'"amount":-1', 1)
        return b"".join(changed)

    err = refused(tmp_path, with_events(backup, change, True), capsys)
    assert f"line {number}: the hash does not match" in err


def test_a_dropped_last_event_is_found_by_the_manifest(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    archive = with_events(backup, lambda text: b"".join(text.splitlines(True)[:-1]), True)
    assert "does not end where the manifest says" in refused(tmp_path, archive, capsys)


@pytest.mark.parametrize("where", ["in the manifest", "after the manifest",
                                   "in the events", "in the last member"])
def test_a_truncated_backup_is_refused(where: str, tmp_path: Path, backup: bytes,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with tarfile.open(fileobj=io.BytesIO(backup)) as tar:
        found = {m.name: m for m in tar.getmembers()}
    last = max(found.values(), key=lambda m: m.offset_data)
    cut = {"in the manifest": found[MANIFEST].offset_data + 10,
           "after the manifest": found[EVENTS].offset,
           "in the events": found[EVENTS].offset_data + found[EVENTS].size // 2,
           "in the last member": last.offset_data + last.size - 1}[where]
    err = refused(tmp_path, backup[:cut], capsys)
    assert any(word in err for word in ("truncated", "missing", "damaged")), err


def test_a_file_that_is_not_a_backup_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "not a Dojo backup" in refused(tmp_path, b"just some bytes" * 100, capsys)
    archive = rebuilt({"notes.txt": b"hello"})
    assert f"does not start with a {MANIFEST}" in refused(tmp_path, archive, capsys)


def test_a_backup_from_a_newer_version_is_refused(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    files = members(backup)
    manifest = msgspec.json.decode(files[MANIFEST], type=Manifest)
    manifest.migrations.append(type(manifest.migrations[0])(999, "from_the_future", "0" * 64))
    files[MANIFEST] = msgspec.json.encode(manifest)
    assert "taken by a newer Dojo" in refused(tmp_path, rebuilt(files), capsys)


def test_a_restore_never_replaces_an_existing_file(
        tmp_path: Path, backup: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "in.tar", tmp_path / "live.duckdb"
    source.write_bytes(backup)
    target.write_bytes(b"the live database")
    assert main(["restore", str(source), "--db", str(target)]) == 1
    assert "exists; restore into a new file" in capsys.readouterr().err
    assert target.read_bytes() == b"the live database"
