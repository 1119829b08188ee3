"""A backup of the whole instance, taken by the server itself (no other process may open
the database while it runs), for the instance's administrators: `dojo backup --url`."""

import tempfile
from collections.abc import Iterator
from typing import IO

from litestar import Request, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.response import Stream

from dojo.api.blocking import blocking
from dojo.api.context import reading, services, user_id
from dojo.api.problems import Forbidden, responses
from dojo.backups.archive import CHUNK, SPOOL, stamp, write_backup

TAR = "application/x-tar"


def _chunks(spool: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := spool.read(CHUNK):
            yield chunk
    finally:
        spool.close()


DOWNLOAD = ResponseSpec(bytes, description="the backup: a tar whose first member is "
                        "manifest.json", media_type=TAR, generate_examples=False)


@get("/api/v1/backup", media_type=TAR, responses={200: DOWNLOAD, **responses(403)},
     tags=["backup"])
@blocking
def take_backup(request: Request) -> Stream:
    """A backup of the instance (event log, users, tokens, members) as a tar with a
    manifest, read in one transaction while writes go on; administrators only."""
    svc = services(request)
    if not svc.access.is_admin(user_id(request)):
        raise Forbidden("only an administrator of the instance may take a backup")
    now = svc.dojo.clock.now()
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL)  # noqa: SIM115 - streamed, closed there
    try:
        with reading(request) as cur:
            manifest = write_backup(cur, spool, now)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    headers = {"Content-Length": str(size), "Cache-Control": "no-store",
               "Content-Disposition": f'attachment; filename="dojo-{stamp(now)}.tar"',
               "Dojo-Backup-Last-Position": str(manifest.events.last_position)}
    return Stream(_chunks(spool), media_type=TAR, headers=headers)


HANDLERS = [take_backup]
