# @unit SU-SVC
"""Service configuration, read from the environment at start-up.

Secrets (the pseudonymisation key, the TLS private key) are provided by the
deployment from the hospital's secret store; none is kept in the repository.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

MIN_PSEUDONYM_KEY_BYTES = 32


@dataclass(frozen=True)
class Settings:
    """Runtime settings of the telemetry service.

    @implements SRS-040, SRS-042
    """

    db_path: Path
    device_keys_path: Path
    pseudonym_key: bytes
    tls_cert_file: Path
    tls_key_file: Path
    bind_host: str = "0.0.0.0"
    port: int = 8443

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build the settings; fail at start-up rather than run half configured."""
        env = os.environ if env is None else env
        key = bytes.fromhex(env["INFUCARE_PSEUDONYM_KEY"])
        if len(key) < MIN_PSEUDONYM_KEY_BYTES:
            raise ValueError("INFUCARE_PSEUDONYM_KEY must hold at least 256 bits")
        return cls(
            db_path=Path(env.get("INFUCARE_DB_PATH", "/var/lib/infucare/telemetry.db")),
            device_keys_path=Path(env["INFUCARE_DEVICE_KEYS"]),
            pseudonym_key=key,
            tls_cert_file=Path(env["INFUCARE_TLS_CERT"]),
            tls_key_file=Path(env["INFUCARE_TLS_KEY"]),
            bind_host=env.get("INFUCARE_BIND_HOST", "0.0.0.0"),
            port=int(env.get("INFUCARE_PORT", "8443")),
        )
