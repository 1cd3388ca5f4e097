"""Identifiers drawn from the cluster's one seeded random generator (uids, container IDs).

Same seed and same calls in the same order give the same identifiers: that is what makes two runs
of a transcript byte-identical.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Ids:
    rng: random.Random
    serial: int = 0

    @classmethod
    def seeded(cls, seed: int) -> Ids:
        return cls(random.Random(seed))

    def uid(self) -> str:
        """A version-4 UUID, as the API server's uuid.NewUUID() gives."""
        b = bytearray(self.rng.getrandbits(128).to_bytes(16, "big"))
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        h = b.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def container_id(self) -> str:
        """64 hex digits, like containerd's IDs."""
        return f"{self.rng.getrandbits(256):064x}"

    def suffix(self, n: int = 5) -> str:
        """apimachinery utilrand.String: n characters from its consonant-and-digit alphabet."""
        alphabet = "bcdfghjklmnpqrstvwxz2456789"
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def choice(self, items: list[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def counter(self) -> int:
        self.serial += 1
        return self.serial

    def to_json(self) -> dict[str, Any]:
        version, state, gauss = self.rng.getstate()
        return {"rng": [version, list(state), gauss], "serial": self.serial}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ids:
        rng = random.Random(0)          # its state is replaced at once
        version, state, gauss = data["rng"]
        rng.setstate((version, tuple(state), gauss))
        return cls(rng, int(data["serial"]))
