# @unit SU-SVC
"""Ingestion of authenticated pump uploads."""
from __future__ import annotations

import logging

from .models import DoseUpload, TelemetryUpload
from .store import DoseStore

logger = logging.getLogger("infucare.ingest")


def ingest_telemetry(store: DoseStore, upload: TelemetryUpload, body: bytes) -> bool:
    """Store one telemetry upload; re-sent duplicates are dropped.

    @implements SRS-040
    """
    stored = store.add_telemetry(upload, body)
    if not stored:
        logger.debug("duplicate telemetry from pump %s ignored", upload.pump_serial)
    return stored


def ingest_doses(store: DoseStore, upload: DoseUpload) -> int:
    """Store a dose history batch.

    @implements SRS-040, SRS-042
    """
    for record in upload.records:
        logger.info("dose record from %s: patient=%s diagnosis=%s drug=%s", upload.pump_serial, record.patient_id, record.diagnosis_code, record.drug_code)
    stored = store.add_doses(upload.pump_serial, upload.records)
    patient_count = len({record.patient_id for record in upload.records})
    logger.info("stored %d dose records for %d patients from pump %s", stored, patient_count, upload.pump_serial)
    return stored
