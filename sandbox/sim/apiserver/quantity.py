"""Resource quantities exactly as apimachinery pkg/api/resource/quantity.go parses and prints them.

``parse_quantity("0.5")`` keeps the exact value (a Fraction) and the suffix format; ``str()`` is the
string the API server writes back: ``0.5`` -> ``500m``, ``1000m`` -> ``1``, ``1024Mi`` -> ``1Gi``,
while an input already in canonical form (``100Mi``, ``500m``, ``1e3``) is kept verbatim, as
ParseQuantity caches it in ``Quantity.s``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

# quantity.go: splitREString and the three parse errors.
SPLIT_RE = r"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
ERR_FORMAT_WRONG = f"quantities must match the regular expression '{SPLIT_RE}'"
ERR_NUMERIC = "unable to parse numeric part of quantity"
ERR_SUFFIX = "unable to parse quantity's suffix"

DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT = "DecimalSI", "BinarySI", "DecimalExponent"

# suffix.go: newSuffixer()
_DECIMAL = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_BY_EXP = {v: k for k, v in _DECIMAL.items()}
_BINARY_BY_EXP = {0: "", **{v: k for k, v in _BINARY.items()}}
_SUFFIX_CHARS = set("eEinumkKMGTP")
_MAX_INT64 = 2**63 - 1


class QuantityError(ValueError):
    """ParseQuantity failed; ``str(err)`` is apimachinery's message."""


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Fraction
    format: str
    cached: str = ""  # Quantity.s: the input, kept when it was already canonical

    def __str__(self) -> str:
        return self.cached or canonical(self.value, self.format)

    def milli_value(self) -> int:
        """Quantity.MilliValue: the value in thousandths, rounded up."""
        return math.ceil(self.value * 1000)


def _split(text: str) -> tuple[bool, str, str, str, str]:
    """parseQuantityString: (positive, value, num, denom, suffix); raises ErrFormatWrong."""
    positive, pos, end = True, 0, len(text)
    if pos < end and text[0] in "+-":
        positive = text[0] == "+"
        pos += 1
    while True:  # strip leading zeros
        if pos >= end:
            return positive, "0", "0", "", ""
        if text[pos] != "0":
            break
        pos += 1
    start = pos
    while pos < end and text[pos].isdigit():
        pos += 1
    num = text[start:pos] or "0"
    if pos >= end:
        return positive, text, num, "", ""
    denom = ""
    if text[pos] == ".":
        pos += 1
        dstart = pos
        while pos < end and text[pos].isdigit():
            pos += 1
        denom = text[dstart:pos]
        if pos >= end:
            return positive, text, num, denom, ""
    value, sstart = text[:pos], pos
    while pos < end and text[pos] in _SUFFIX_CHARS:
        pos += 1
    if pos >= end:
        return positive, value, num, denom, text[sstart:]
    if text[pos] in "+-":
        pos += 1
    while pos < end and text[pos].isdigit():
        pos += 1
    if pos >= end:
        return positive, value, num, denom, text[sstart:]
    raise QuantityError(ERR_FORMAT_WRONG)


def _interpret(suffix: str) -> tuple[int, int, str]:
    """suffixHandler.interpret: (base, exponent, format)."""
    if suffix in _DECIMAL:
        return 10, _DECIMAL[suffix], DECIMAL_SI
    if suffix in _BINARY:
        return 2, _BINARY[suffix], BINARY_SI
    if len(suffix) > 1 and suffix[0] in "eE":
        digits = suffix[1:]
        body = digits[1:] if digits[0] in "+-" else digits
        if body.isdigit() and abs(int(digits)) < 2**31:
            return 10, int(digits), DECIMAL_EXPONENT
    raise QuantityError(ERR_SUFFIX)


def parse_quantity(text: str) -> Quantity:
    """resource.ParseQuantity. Raises QuantityError with apimachinery's wording."""
    if not text:
        raise QuantityError(ERR_FORMAT_WRONG)
    if text == "0":
        return Quantity(Fraction(0), DECIMAL_SI, "0")
    positive, _, num, denom, suffix = _split(text)
    base, exponent, fmt = _interpret(suffix)
    cached = _cached_form(text, num, denom, base, exponent, fmt)
    amount = Fraction(int(num + denom), 10 ** len(denom))
    amount *= Fraction(10) ** exponent if base == 10 else 2**exponent
    if (amount * 10**9).denominator != 1:
        # "rounds non-zero values up to the minimum representable value" (inf.RoundUp at nano scale)
        amount = Fraction(-((-amount.numerator * 10**9) // amount.denominator), 10**9)
    amount = min(amount, Fraction(_MAX_INT64))
    return Quantity(amount if positive else -amount, fmt, cached)


def _cached_form(text: str, num: str, denom: str, base: int, exponent: int, fmt: str) -> str:
    """The int64 fast path of ParseQuantity: when the input is canonical, Quantity.s keeps it."""
    if fmt == BINARY_SI:
        if exponent < 0 or denom:
            return ""
        precision = 15 - len(num) - int(exponent * 3 / 10) - 1
        if precision < 0:
            return ""
        value = int(num)
        if (value << exponent) > _MAX_INT64:
            return ""
        return text if exponent % 10 == 0 and value & 0x07 else ""
    if 18 - (len(num) + len(denom)) < 0:
        return ""
    scale = exponent - len(denom)
    if scale < -9:
        return ""
    shifted = num + denom
    if scale % 3 == 0 and not shifted.endswith("000") and shifted[0] != "0":
        return text
    return ""


def canonical(value: Fraction, fmt: str) -> str:
    """Quantity.CanonicalizeBytes: mantissa and a suffix whose exponent is a multiple of 3 (or 10)."""
    if value == 0:
        return "0"
    if fmt == BINARY_SI and (-1024 < value < 1024 or value.denominator != 1):
        fmt = DECIMAL_SI  # "This avoids rounding and hopefully confusion, too."
    if fmt == BINARY_SI:
        mantissa, exp = int(value), 0
        while mantissa % 1024 == 0 and exp < 60:
            mantissa //= 1024
            exp += 10
        return f"{mantissa}{_BINARY_BY_EXP[exp]}"
    mantissa, exp = _decimal_parts(value)
    if fmt == DECIMAL_EXPONENT:
        return f"{mantissa}" + (f"e{exp}" if exp else "")
    # Values are capped at MaxInt64 and rounded to nano, so the exponent is always between n and E.
    return f"{mantissa}{_DECIMAL_BY_EXP.get(exp, '')}"


def _decimal_parts(value: Fraction) -> tuple[int, int]:
    """int64Amount.AsCanonicalBytes: remove factors of ten, then lower the exponent to a multiple of 3."""
    exp = 0
    while value.denominator != 1:
        value *= 10
        exp -= 1
    mantissa = int(value)
    while mantissa % 10 == 0:
        mantissa //= 10
        exp += 1
    while exp % 3:
        mantissa *= 10
        exp -= 1
    return mantissa, exp


def canonical_quantity(text: str) -> str:
    """What the API server writes back for ``text`` (raises QuantityError)."""
    return str(parse_quantity(text))


def round_up_milli(text: str) -> str:
    """SetDefaults_ResourceList: ``val.RoundUp(-3)``, away from zero; ``0.0001`` becomes ``1m``."""
    q = parse_quantity(text)
    scaled = q.value * 1000
    if scaled.denominator == 1:
        return str(q)
    magnitude = math.ceil(abs(scaled))
    return canonical(Fraction(magnitude if q.value > 0 else -magnitude, 1000), q.format)
