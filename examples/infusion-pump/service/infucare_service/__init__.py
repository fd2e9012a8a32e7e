# @unit SU-SVC
# @implements SRS-040
"""InfuCare telemetry service: receives pump telemetry and dose history."""

__version__ = "2.3.0"
