"""Nothing acknowledged is lost: a check-in burst killed with SIGKILL at random points, many times."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers.sessions import KEDUNGMALANG, make_roster

from kpps_desktop.core import cards, installation, sessions
from kpps_desktop.core import db as dbmod

# Prints each event id only after check_in returned: a printed id is an acknowledged check-in.
DRIVER = """
import datetime, sys
from kpps_desktop.core import cards, checkin, db as dbmod
db = dbmod.open_db(sys.argv[1])
for code in sorted(cards.current_codes(db).values()):
    r = checkin.check_in(db, sys.argv[2], code, datetime.datetime.now().astimezone())
    if r.result == "accepted":
        print(r.event_id, flush=True)
print("DONE", flush=True)
"""

ROUNDS = 15


@pytest.mark.slow
def test_acknowledged_check_ins_survive_sigkill(db_path):
    db = dbmod.open_db(db_path)
    installation.init(db, "pps", KEDUNGMALANG)
    make_roster(db, {KEDUNGMALANG: 10})  # 70 officers
    cards.issue_missing(db)
    session_ids = [sessions.create_session(db, "bimtek", f"Bimtek {i}", "2024-11-07", "08:00").id
                   for i in range(ROUNDS)]
    db.close()

    rng = random.Random(4)
    acknowledged: list[str] = []
    for session_id in session_ids:
        proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(db_path), session_id],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Kill after a random number of acknowledgements plus a random few milliseconds, so the
        # kill lands anywhere: mid-transaction, mid-fsync, between check-ins.
        want = rng.randint(1, 60)
        got = 0
        while got < want:
            line = proc.stdout.readline()
            if not line or line.strip() == "DONE":
                break
            acknowledged.append(line.strip())
            got += 1
        if rng.random() < 0.7:
            time.sleep(rng.uniform(0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        rest, err = proc.communicate()
        acknowledged += [x for x in rest.splitlines() if len(x) == 32]
        assert proc.returncode in (0, -signal.SIGKILL), err
        dbmod.open_db(db_path).close()  # recovery at open, with its quick check

    assert len(acknowledged) >= ROUNDS
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {r[0] for r in conn.execute("SELECT id FROM attendance")}
    assert set(acknowledged) <= stored
    # A restart never double-counts: at most one check-in per officer per session.
    assert conn.execute("SELECT max(n) FROM (SELECT count(*) n FROM attendance "
                        "GROUP BY session_id, officer_id)").fetchone()[0] == 1
    seqs = [r[0] for r in conn.execute("SELECT seq FROM attendance ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    conn.close()
