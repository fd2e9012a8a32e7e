"""Persistence and pseudonymisation."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from infucare_service.models import DoseRecord, TelemetryUpload
from infucare_service.store import DoseStore, pseudonymise

WRISTBAND_ID = "MRN-20250301-0042"


def dose(patient_id: str = WRISTBAND_ID) -> DoseRecord:
    start = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
    return DoseRecord(
        patient_id=patient_id,
        diagnosis_code="A41.9",
        drug_code="DOPA400",
        rate_ml_h=13.1,
        volume_ml=26.2,
        started_at=start,
        ended_at=start + timedelta(hours=2),
    )


def test_patient_identifier_is_stored_only_as_pseudonym(tmp_path: Path, pseudonym_key: bytes, pump_serial: str) -> None:
    """@verifies SRS-042, RC-09"""
    db = tmp_path / "t.db"
    store = DoseStore(db, pseudonym_key)
    assert store.add_doses(pump_serial, [dose()]) == 1
    store.close()

    dump = "\n".join(sqlite3.connect(db).iterdump())
    assert WRISTBAND_ID not in dump
    assert "A41.9" not in dump
    assert pseudonymise(WRISTBAND_ID, pseudonym_key) in dump


def test_pseudonym_is_stable_per_key_and_unlinkable_without_it(pseudonym_key: bytes) -> None:
    """@verifies SRS-042, RC-09"""
    assert pseudonymise(WRISTBAND_ID, pseudonym_key) == pseudonymise(" mrn-20250301-0042 ", pseudonym_key)
    assert pseudonymise(WRISTBAND_ID, pseudonym_key) != pseudonymise(WRISTBAND_ID, bytes(32))
    assert len(pseudonymise(WRISTBAND_ID, pseudonym_key)) == 64


def test_resent_telemetry_is_stored_once_and_drives_status(
    tmp_path: Path, pseudonym_key: bytes, pump_serial: str, telemetry_body: Callable[..., bytes]
) -> None:
    """@verifies SRS-040, SRS-050"""
    store = DoseStore(tmp_path / "t.db", pseudonym_key)
    body = telemetry_body()
    upload = TelemetryUpload.model_validate_json(body)
    assert store.add_telemetry(upload, body) is True
    assert store.add_telemetry(upload, body) is False
    status = store.latest_status(pump_serial)
    assert status is not None
    assert status["rate_ml_h"] == 13.1
    assert status["updated_at"] == upload.sent_at
    store.close()
