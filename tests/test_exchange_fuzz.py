"""Hostile and mutated handover files are refused without a change; merges commute and repeat safely."""

import io
import itertools
import json
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from helpers.exchange import D1, KEDUNG, at, dump, export, full_dump, import_ok, new_install

from kpps_desktop.core import checkin, db as dbmod, demo, exchange, installation, keys, roster, sessions


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Valid files from a KPU, two PPS desks and a PPK (which carries the desks' provenance)."""
    tmp = tmp_path_factory.mktemp("world")
    kpu = new_install(tmp / "kpu.sqlite", "kpu", "33.20")
    demo.generate(kpu, D1)
    down = export(kpu, tmp / "down.kpps", D1).path
    desks = [new_install(tmp / f"desk{i}.sqlite", "pps", D1) for i in range(2)]
    ppk = new_install(tmp / "ppk.sqlite", "ppk", KEDUNG)
    for desk in desks:
        import_ok(desk, down, trust_new=True)
    s = next(x for x in sessions.list_sessions(kpu) if x.kind == "pelantikan")
    ids = [o["id"] for o in roster.list_officers(kpu)]
    for i, oid in enumerate(ids[:12]):
        checkin.check_in_officer(desks[i % 2], s.id, oid, at(f"07:{10 + i}"), "manual", "kartu tertinggal")
    ups = [export(d, tmp / f"up{i}.kpps").path for i, d in enumerate(desks)]
    for path in ups:
        import_ok(ppk, path, trust_new=True)
    ppk_up = export(ppk, tmp / "ppk-up.kpps").path
    # The receiver: a KPU that already trusts every sender and holds some of the data.
    receiver = new_install(tmp / "receiver.sqlite", "kpu", "33.20")
    import_ok(receiver, ups[0], trust_new=True)
    import_ok(receiver, down, trust_new=True)
    for db in (kpu, ppk, *desks):
        db.close()
    files = {"down": down.read_bytes(), "pps": ups[1].read_bytes(), "ppk": ppk_up.read_bytes()}
    yield {"tmp": tmp, "receiver": receiver, "files": files, "before": full_dump(receiver),
           "kpu_path": tmp / "kpu.sqlite"}
    receiver.close()


def _refused(world, data: bytes, name="m.kpps") -> str:
    path = world["tmp"] / name
    path.write_bytes(data)
    report = exchange.import_file(world["receiver"], path, trust_new=True)
    assert report.status == "refused", "a mutated file was accepted"
    assert full_dump(world["receiver"]) == world["before"]
    return report.reason


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["down", "pps", "ppk"]), data=st.data())
def test_bit_flips_are_refused(world, kind, data):
    original = world["files"][kind]
    pos = data.draw(st.integers(0, len(original) - 1))
    bit = data.draw(st.integers(0, 7))
    mutated = bytearray(original)
    mutated[pos] ^= 1 << bit
    _refused(world, bytes(mutated))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["down", "pps", "ppk"]), data=st.data())
def test_truncation_and_appended_bytes_are_refused(world, kind, data):
    original = world["files"][kind]
    cut = data.draw(st.integers(0, len(original) - 1))
    _refused(world, original[:cut])
    extra = data.draw(st.binary(min_size=1, max_size=64))
    _refused(world, original + extra)
    _refused(world, extra + original)


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _rezip(members, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, content in members:
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content, compress_type=method)
    return out.getvalue()


def test_rebuilt_reordered_and_injected_archives_are_refused(world):
    members = _members(world["files"]["ppk"])
    reasons = set()
    # The same members through another zip writer: different bytes, so refused.
    reasons.add(_refused(world, _rezip(members)))
    reasons.add(_refused(world, _rezip(members, zipfile.ZIP_STORED)))
    for perm in itertools.islice(itertools.permutations(range(len(members))), 1, 40, 7):
        reasons.add(_refused(world, _rezip([members[i] for i in perm])))
    for evil in ("../manifest.json", "/etc/passwd", "records/../../x.jsonl", "records\\..\\x", "extra.txt"):
        reasons.add(_refused(world, _rezip(members + [(evil, b"{}\n")])))
        renamed = [(evil if n == "records/cards.jsonl" else n, c) for n, c in members]
        reasons.add(_refused(world, _rezip(renamed)))
    # An extra attendance line, with an honest CRC (the signed hash still catches it).
    injected = [(n, c + c.splitlines(True)[0] if n == "records/attendance.jsonl" else c) for n, c in members]
    reasons.add(_refused(world, _rezip(injected)))
    assert any("anggota arsip tidak dikenal" in r for r in reasons)


def test_decompression_bombs_are_refused_before_inflating(world):
    members = _members(world["files"]["pps"])
    bomb = [(n, b"\0" * (50 * 2**20) if n == "records/officers.jsonl" else c) for n, c in members]
    assert "bom dekompresi" in _refused(world, _rezip(bomb))
    # A canonical container whose header understates the inflated size.
    parts = exchange._unzip(world["files"]["pps"])
    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = zeros.compress(b"\n" * (2**20)) + zeros.flush()
    lying = [exchange._Member(p.name, raw, p.crc, p.size) if p.name == "records/officers.jsonl" else p
             for p in parts]
    _refused(world, exchange._zip(lying))


def _signed(world, records: dict[str, list[bytes]]) -> bytes:
    """A file signed with the KPU's real (trusted) key, but carrying the given record lines."""
    kpu = dbmod.open_db(world["kpu_path"])
    try:
        inst = installation.require(kpu)
        members, info = [], {}
        for name in exchange.MEMBERS[2:]:
            member, digest, count = exchange._deflate(records.get(name, []), name)
            members.append(member)
            info[name] = {"sha256": digest, "size": member.size, "count": count}
        manifest = {"format": exchange.FORMAT, "version": exchange.VERSION, "app": "test",
                    "device": {"id": inst.device_id, "role": inst.role, "wilayah": inst.wilayah,
                               "public_key": keys.public_key(kpu).hex()},
                    "scope": D1, "created_at": "2024-11-07T00:00:00+00:00", "members": info, "devices": []}
        raw = json.dumps(manifest, sort_keys=True, indent=1).encode() + b"\n"
        head = [exchange._deflate_bytes(exchange.MANIFEST, raw),
                exchange._deflate_bytes(exchange.SIGNATURE, keys.sign(kpu, raw).hex().encode())]
        return exchange._zip(head + members)
    finally:
        kpu.close()


def test_signed_but_invalid_records_are_refused_before_any_write(world):
    officers = [line for n, c in _members(world["files"]["down"]) if n == "records/officers.jsonl"
                for line in c.splitlines()]
    good = json.loads(officers[0])
    bad_values = [("desa", "33.20.01.9999"), ("desa", "../../etc"), ("tps", -1), ("tps", "1"), ("nik", "123"),
                  ("jabatan", "raja"), ("id", "X" * 32), ("nama", "x" * 5000), ("updated_at", "kemarin"),
                  ("is_demo", True), ("desa", "33.20.02.2001")]
    for key, value in bad_values:
        record = json.dumps({**good, key: value}).encode()
        _refused(world, _signed(world, {"records/officers.jsonl": officers[1:] + [record]}))
    extra_key = json.dumps({**good, "foto": "..."}).encode()
    _refused(world, _signed(world, {"records/officers.jsonl": [extra_key]}))
    for junk in (b"[]", b"NaN", b"{", b'{"id": 1}', "\u00e9".encode("latin-1")):
        _refused(world, _signed(world, {"records/officers.jsonl": officers[1:] + [junk]}))
    dangling = json.dumps({"session_id": "0" * 32, "officer_id": good["id"]}).encode()
    assert "tidak ada" in _refused(world, _signed(world, {"records/session_officers.jsonl": [dangling]}))
    # The same file, valid, goes in: the refusals above were about the content, not the signer.
    report = exchange.import_file(world["receiver"], _write(world, _signed(world, {})), commit=False)
    assert report.status == "preview"


def _write(world, data: bytes) -> Path:
    path = world["tmp"] / "ok.kpps"
    path.write_bytes(data)
    return path


# --- merge properties -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Closed database files to copy per example: a KPU with desa 1's roster and three desks."""
    tmp = tmp_path_factory.mktemp("templates")
    kpu = new_install(tmp / "kpu.sqlite", "kpu", "33.20")
    demo.generate(kpu, D1)
    down = export(kpu, tmp / "down.kpps", D1).path
    kpu.close()
    for i in range(3):
        desk = new_install(tmp / f"desk{i}.sqlite", "pps", D1)
        import_ok(desk, down, trust_new=True)
        desk.close()
    return tmp


OPS = st.lists(st.tuples(st.sampled_from(["checkin", "checkin", "izin", "undo", "edit", "sync"]),
                         st.integers(0, 2), st.integers(0, 5), st.integers(0, 1), st.integers(0, 59)),
               max_size=14)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ops=OPS, order=st.randoms(use_true_random=False), subset=st.integers(0, 2**12))
def test_merge_is_idempotent_commutative_and_associative(templates, ops, order, subset):
    tmp = Path(tempfile.mkdtemp(dir=templates))
    try:
        for name in ("kpu", "desk0", "desk1", "desk2"):
            shutil.copy(templates / f"{name}.sqlite", tmp / f"{name}.sqlite")
        desks = [dbmod.open_db(tmp / f"desk{i}.sqlite") for i in range(3)]
        officers = [o["id"] for o in roster.list_officers(desks[0])][:6]
        sess = sorted(s.id for s in sessions.list_sessions(desks[0]))
        files, last_event = [], {}
        for n, (op, d, o, s, minute) in enumerate(ops):
            db = desks[d]
            if op == "checkin":
                r = checkin.check_in_officer(db, sess[s], officers[o], at(f"07:{minute:02d}"), "manual", "x")
                last_event[d] = r.event_id or last_event.get(d)
            elif op == "izin":
                last_event[d] = checkin.set_status(db, sess[s], officers[o], "izin", "surat",
                                                   at(f"08:{minute:02d}")).event_id
            elif op == "undo" and last_event.get(d):
                try:
                    checkin.undo(db, last_event.pop(d), "salah", at(f"09:{minute:02d}"))
                except checkin.CheckinError:
                    pass
            elif op == "edit":
                officer = roster.get_officer(db, officers[o])
                officer.nama = f"Nama {d}-{minute}"
                roster.update_officer(db, officer)
            elif op == "sync":  # this desk sends a file to the next desk mid-day
                path = export(db, tmp / f"sync{n}.kpps").path
                files.append(path)
                assert exchange.import_file(desks[(d + 1) % 3], path, trust_new=True).ok
        files += [export(db, tmp / f"final{i}.kpps").path for i, db in enumerate(desks)]
        for db in desks:
            db.close()

        def merged(name, paths, role="ppk", kode=KEDUNG):
            target = new_install(tmp / f"{name}.sqlite", role, kode)
            for p in paths:
                assert exchange.import_file(target, p, trust_new=True).ok
            return target

        forward = merged("fwd", files)
        shuffled = list(files)
        order.shuffle(shuffled)
        backward = merged("bwd", shuffled + list(reversed(files)))  # every file at least twice
        expected = dump(forward)
        assert dump(backward) == expected
        # Associativity: part of the files go through an intermediate PPK, the rest directly.
        via = [p for i, p in enumerate(files) if subset >> i & 1]
        middle = merged("mid", via)
        middle_up = export(middle, tmp / "mid-up.kpps").path
        middle.close()
        rest = [p for p in files if p not in via]
        kpu = dbmod.open_db(tmp / "kpu.sqlite")
        for p in [middle_up, *rest]:
            assert exchange.import_file(kpu, p, trust_new=True).ok
        assert dump(kpu) == expected
        for db in (kpu, forward, backward):
            db.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
