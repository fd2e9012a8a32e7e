# @unit SU-SVC
"""SQLite persistence of telemetry and dose history.

The database file lives on the service's encrypted data volume. Patient
identifiers are stored only as keyed pseudonyms and the order's diagnosis
code is not stored at all (data minimisation, GDPR Art. 5(1)(c)).
"""
from __future__ import annotations

import hashlib
import hmac
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .models import DoseRecord, TelemetryUpload

_SCHEMA = """
CREATE TABLE IF NOT EXISTS telemetry (
    blob_id      TEXT PRIMARY KEY,
    pump_serial  TEXT NOT NULL,
    sent_at      TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS telemetry_by_pump ON telemetry (pump_serial, sent_at);
CREATE TABLE IF NOT EXISTS dose (
    id           INTEGER PRIMARY KEY,
    pump_serial  TEXT NOT NULL,
    patient_ref  TEXT NOT NULL,
    drug_code    TEXT NOT NULL,
    rate_ml_h    REAL NOT NULL,
    volume_ml    REAL NOT NULL,
    started_at   TEXT NOT NULL,
    ended_at     TEXT NOT NULL
);
"""


def pseudonymise(patient_id: str, key: bytes) -> str:
    """Keyed pseudonym of a wristband identifier (HMAC-SHA256). Only the
    hospital, which holds the key, can link a record back to a patient.

    @implements SRS-0042
    @mitigates RC-09
    """
    normalised = patient_id.strip().upper().encode("utf-8")
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()


def content_address(blob: bytes) -> str:
    """Git-style blob id, used to drop telemetry that a pump re-sends after a
    reconnect. Not a security control: uploads are authenticated with
    HMAC-SHA256 before they reach the store, and a collision would only
    drop a duplicate.

    @implements SRS-040
    """
    header = b"blob %d\x00" % len(blob)
    return hashlib.sha1(header + blob).hexdigest()


class DoseStore:
    """Telemetry and dose history of all pumps of one site.

    @implements SRS-040, SRS-042
    """

    def __init__(self, path: Path | str, pseudonym_key: bytes) -> None:
        self._key = pseudonym_key
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.executescript(_SCHEMA)

    def add_telemetry(self, upload: TelemetryUpload, body: bytes) -> bool:
        """Store an upload; False when the same body was stored before."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO telemetry (blob_id, pump_serial, sent_at, body) VALUES (?, ?, ?, ?)",
                (content_address(body), upload.pump_serial, upload.sent_at.isoformat(), body.decode("utf-8")),
            )
            return cursor.rowcount == 1

    def latest_status(self, pump_serial: str) -> dict[str, Any] | None:
        """Last telemetry of a pump, shaped as models.PumpStatus."""
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM telemetry WHERE pump_serial = ? ORDER BY sent_at DESC LIMIT 1",
                (pump_serial,),
            ).fetchone()
        if row is None:
            return None
        upload = TelemetryUpload.model_validate_json(row["body"])
        status = upload.model_dump(exclude={"sent_at", "firmware_version", "battery_percent"})
        status["updated_at"] = upload.sent_at
        return status

    def add_doses(self, pump_serial: str, records: Iterable[DoseRecord]) -> int:
        """Store dose records with the patient pseudonymised; the diagnosis
        code is deliberately dropped here."""
        rows = [
            (
                pump_serial,
                pseudonymise(record.patient_id, self._key),
                record.drug_code,
                record.rate_ml_h,
                record.volume_ml,
                record.started_at.isoformat(),
                record.ended_at.isoformat(),
            )
            for record in records
        ]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT INTO dose (pump_serial, patient_ref, drug_code, rate_ml_h, volume_ml, started_at, ended_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
