"""Handover files (.kpps) between PPS, PPK and KPU: export, strict verification, merge, gap report.

The format, the authority rules and the merge rules are documented in docs/exchange-format.md;
keep them in step. The rooms of this package:

  records    the columns of each table and their validators (one line = one record)
  container  the canonical ZIP container, bounded inflate, atomic writes
  manifest   the signed manifest: parse, verify, assemble; reading a file's members
  export     what a file for a scope carries, and writing it
  merge      staging and the merge rules per table
  importer   one file all or nothing; several files each on their own
  status     the gap report and the canonical dump
"""
# ruff: noqa: F401 - the public names are re-exported here, where callers import them

import os  # tests patch exchange.os.write to simulate a full disk

from kpps_desktop.core.exchange import authority, provisioning
from kpps_desktop.core.exchange.container import (
    BATCH,
    FORMAT,
    MANIFEST,
    MAX_FILE_BYTES,
    MAX_LINE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_MEMBER_BYTES,
    MAX_RATIO,
    MEMBERS,
    PROVENANCE,
    SIGNATURE,
    SUFFIX,
    VERSION,
    ExchangeError,
    _deflate,
    _deflate_bytes,
    _inflate,
    _Member,
    _unzip,
    _zip,
    write_atomic,
)
from kpps_desktop.core.exchange.export import ExportResult, build, export
from kpps_desktop.core.exchange.importer import (
    BULK_CACHE_KIB,
    COMMIT_RECORDS,
    ImportReport,
    import_file,
    import_files,
)
from kpps_desktop.core.exchange.manifest import Manifest, assemble, verify_bytes
from kpps_desktop.core.exchange.merge import TableCounts
from kpps_desktop.core.exchange.records import (
    _BATCH_VALIDATORS,
    _LABELS,
    _VALIDATORS,
    COLUMNS,
    KEYS,
    MAX_TEXT,
    TABLES,
    _Invalid,
    _line,
)
from kpps_desktop.core.exchange.status import (
    CLOCK_TOLERANCE_DAYS,
    ClockFlag,
    DeviceGaps,
    HandoverStatus,
    canonical_dump,
    handover_status,
)
