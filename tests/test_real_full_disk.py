"""A real full disk (a 3 MB tmpfs in a private mount namespace), not only SQLite's page
limit: the write-ahead log cannot grow, the error is the same clear sentence, and the
data are as before once there is room again. Skipped where user namespaces are off."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from entregent.model.tables import Contact
from entregent.services.storage.session import close_session, open_session

SCRIPT = textwrap.dedent("""
    import json, os, shutil, sys
    folder, source = sys.argv[1], sys.argv[2]
    db = os.path.join(folder, "entregent.sqlite3")
    shutil.copyfile(source, db)
    from entregent.errors import DiskFull
    from entregent.model.tables import Contact
    from entregent.services.storage.session import close_session, open_session
    from entregent.services.relations.interactions import log_interaction
    open_session(db, apply_language=False)
    ids = [c.id for c in Contact.select()]
    filler = os.path.join(folder, "filler")
    with open(filler, "wb", buffering=0) as handle:  # take every byte left on the disk
        try:
            while True:
                handle.write(b"x" * 65536)
                handle.flush()
        except OSError:
            pass
        try:
            while True:
                handle.write(b"x")
                handle.flush()
        except OSError:
            pass
    out = {}
    try:
        log_interaction(ids, "meal", note="A long lunch. " * 20000)
        out["log"] = "stored"
    except DiskFull as exc:
        out["log"] = str(exc)
    out["count_while_full"] = Contact.select().count()
    close_session()
    os.remove(filler)
    open_session(db, apply_language=False)
    from entregent.model.tables import Interaction
    out["interactions_after"] = Interaction.select().count()
    out["count_after"] = Contact.select().count()
    log_interaction(ids[:1], "coffee", note="room again")
    out["interactions_with_room"] = Interaction.select().count()
    close_session()
    print(json.dumps(out))
""")


def test_real_full_disk_gives_the_clear_error_and_loses_nothing(db_path, tmp_path):
    if shutil.which("unshare") is None:
        pytest.skip("no unshare here")
    open_session(db_path, apply_language=False)
    for n in range(40):
        Contact.create(display_name=f"Person {n}", note="x" * 200)
    close_session()
    mount = tmp_path / "small-disk"
    mount.mkdir()
    script = tmp_path / "fill.py"
    script.write_text(SCRIPT, encoding="utf-8")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    shell = (
        f"mount -t tmpfs -o size=3m tmpfs {mount} && {sys.executable} {script} {mount} {db_path}"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", shell], capture_output=True, text=True, env=env, timeout=300
    )
    if result.returncode != 0 and "mount" in result.stderr and "tmpfs" in result.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert "disk is full" in out["log"] and "nothing was changed" in out["log"], out
    assert out["count_while_full"] == 40  # reading still works on a full disk
    assert out["interactions_after"] == 0 and out["count_after"] == 40
    assert out["interactions_with_room"] == 1
