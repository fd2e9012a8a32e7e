# @unit SU-SVC
# @implements SRS-040, SRS-050
"""Bodies accepted from pumps and returned to the companion app."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

PUMP_SERIAL_PATTERN = r"^IC-[0-9]{7}$"


class AlarmEvent(BaseModel):
    """An active alarm as reported by the pump."""

    alarm: Literal["occlusion_downstream", "air_in_line", "vtbi_near_end", "battery_low"]
    priority: Literal["low", "medium", "high"]
    raised_at: datetime


class TelemetryUpload(BaseModel):
    """Periodic status report, sent every 10 s while the pump is docked."""

    pump_serial: str = Field(pattern=PUMP_SERIAL_PATTERN)
    sent_at: datetime
    firmware_version: str = Field(max_length=32)
    state: Literal["idle", "running", "paused", "alarm"]
    drug_name: str | None = Field(default=None, max_length=64)
    rate_ml_h: float = Field(ge=0, le=999.9)
    volume_infused_ml: float = Field(ge=0)
    vtbi_remaining_ml: float = Field(ge=0)
    battery_percent: int = Field(ge=0, le=100)
    alarms: list[AlarmEvent] = Field(default_factory=list, max_length=8)


class DoseRecord(BaseModel):
    """One completed infusion segment from the pump's dose history.

    patient_id is the wristband identifier scanned at the bedside (BCMA) and
    diagnosis_code the ICD-10 code of the order's indication; both arrive
    because the pump selects indication-specific limits from them.
    """

    patient_id: str = Field(min_length=1, max_length=32)
    diagnosis_code: str | None = Field(default=None, max_length=8)
    drug_code: str = Field(max_length=16)
    rate_ml_h: float = Field(ge=0, le=999.9)
    volume_ml: float = Field(ge=0)
    started_at: datetime
    ended_at: datetime


class DoseUpload(BaseModel):
    """Dose history batch, sent when the pump docks."""

    pump_serial: str = Field(pattern=PUMP_SERIAL_PATTERN)
    sent_at: datetime
    records: list[DoseRecord] = Field(max_length=500)


class PumpStatus(BaseModel):
    """What the companion app shows for one pump."""

    pump_serial: str
    state: str
    drug_name: str | None
    rate_ml_h: float
    volume_infused_ml: float
    vtbi_remaining_ml: float
    alarms: list[AlarmEvent]
    updated_at: datetime
