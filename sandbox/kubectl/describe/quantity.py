"""resource.Quantity as kubectl prints it (apimachinery ``pkg/api/resource/quantity.go``).

A quantity is kept as an exact count of nano-units (parsing rounds up to nano precision, as
ParseQuantity does) plus the format its suffix chose: BinarySI (``Ki``..``Ei``), DecimalSI
(``n u m k M G T P E``) or DecimalExponent (``e3``). ``str()`` is Quantity.String() /
CanonicalizeBytes: ``1000m`` -> ``1``, ``1536Mi`` stays, ``0.5Gi`` -> ``512Mi``, zero -> ``0``.
Sums keep the format of the first operand (Quantity.Add).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

BINARY_SI, DECIMAL_SI, DECIMAL_EXPONENT = "BinarySI", "DecimalSI", "DecimalExponent"
NANO = 10 ** 9
_BINARY = {"Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6}
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_DECIMAL_SUFFIX = {v: k for k, v in _DECIMAL.items()}
_BINARY_SUFFIX = {v * 10: k for k, v in _BINARY.items()}
_QUANTITY = re.compile(r"^([+-]?)([0-9]*)(?:\.([0-9]*))?([a-zA-Z]*|[eE][+-]?[0-9]+)$")


class QuantityError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Quantity:
    nanos: int = 0
    format: str = ""

    @classmethod
    def parse(cls, text: str | int | float) -> Quantity:
        """ParseQuantity; raises QuantityError (``quantities must match the regular expression``)."""
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)  # numbers in JSON arrive as Quantity's decimal form
        m = _QUANTITY.match(text.strip()) if isinstance(text, str) else None
        if not m or not (m.group(2) or m.group(3)):
            raise QuantityError("quantities must match the regular expression "
                                "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        sign, whole, frac, suffix = m.groups()
        number = Fraction(int(whole or "0")) + (Fraction(int(frac), 10 ** len(frac)) if frac else 0)
        if suffix in _BINARY:
            value, fmt = number * 1024 ** _BINARY[suffix], BINARY_SI
        elif suffix in _DECIMAL:
            value, fmt = number * Fraction(10) ** _DECIMAL[suffix], DECIMAL_SI
        elif suffix[:1] in ("e", "E"):
            value, fmt = number * Fraction(10) ** int(suffix[1:]), DECIMAL_EXPONENT
        else:
            raise QuantityError("unable to parse quantity's suffix")
        nanos = math.ceil(value * NANO)
        return cls(-nanos if sign == "-" else nanos, fmt)

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(self.nanos + other.nanos, self.format or other.format)

    def cmp(self, other: Quantity) -> int:
        return (self.nanos > other.nanos) - (self.nanos < other.nanos)

    def value(self) -> int:
        """Value(): whole units, rounded up."""
        return -((-self.nanos) // NANO)

    def milli_value(self) -> int:
        """MilliValue(): thousandths, rounded up."""
        return -((-self.nanos) // 10 ** 6)

    def is_zero(self) -> bool:
        return self.nanos == 0

    def __str__(self) -> str:
        if self.nanos == 0:
            return "0"
        fmt = self.format
        if fmt == BINARY_SI and (-1024 * NANO < self.nanos < 1024 * NANO or self.nanos % NANO):
            fmt = DECIMAL_SI  # avoid rounding: small or fractional binary values print decimal
        if fmt == BINARY_SI:
            amount, exponent = self.nanos // NANO, 0
            while abs(amount) >= 1024 and amount % 1024 == 0:
                amount //= 1024
                exponent += 10
            return f"{amount}{_BINARY_SUFFIX.get(exponent, '')}"
        amount, exponent = self.nanos, -9
        while abs(amount) >= 10 and amount % 10 == 0:
            amount //= 10
            exponent += 1
        rem = exponent % 3
        if rem == 1:
            amount, exponent = amount * 10, exponent - 1
        elif rem == 2:
            amount, exponent = amount * 100, exponent - 2
        if fmt == DECIMAL_EXPONENT:
            return f"{amount}" if exponent == 0 else f"{amount}e{exponent}"
        return f"{amount}{_DECIMAL_SUFFIX.get(exponent, f'e{exponent}')}"


ZERO = Quantity()


def quantity(value: object) -> Quantity:
    """A quantity from an object field (absent or malformed values count as zero)."""
    if value is None:
        return ZERO
    try:
        return Quantity.parse(value)  # type: ignore[arg-type]
    except QuantityError:
        return ZERO


def go_int64(value: float) -> int:
    """int64(f) on amd64: NaN, infinities and overflow give the minimum int64."""
    if math.isnan(value) or math.isinf(value) or not -2.0 ** 63 <= value < 2.0 ** 63:
        return -(1 << 63)
    return int(value)


def percent(part: int, whole: int) -> int:
    """``int64(float64(part) / float64(whole) * 100)`` with Go's float rules."""
    if whole == 0:
        return go_int64(math.nan if part == 0 else math.copysign(math.inf, part))
    return go_int64(float(part) / float(whole) * 100)
