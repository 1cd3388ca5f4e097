"""Resource quantities as apimachinery pkg/api/resource parses and writes them back."""
from __future__ import annotations

from fractions import Fraction

import pytest

from sandbox.sim.apiserver.quantity import QuantityError, canonical_quantity, parse_quantity, round_up_milli

FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"


@pytest.mark.parametrize("text,written", [
    ("0.5", "500m"), ("1000m", "1"), ("1024Mi", "1Gi"), ("100m", "100m"), ("128Mi", "128Mi"),
    ("1Gi", "1Gi"), ("1e3", "1e3"), ("1k", "1k"), ("1000", "1k"), ("2000m", "2"), ("1.5", "1500m"),
    ("0.1", "100m"), ("1.5Gi", "1536Mi"), ("100Mi", "100Mi"), ("512Mi", "512Mi"), ("1536Mi", "1536Mi"),
    ("0", "0"), ("0m", "0"), ("1.5e3", "1500"), ("12e2", "1200"), ("0.0001", "100u"), ("2048", "2048"),
    ("1E", "1E"), ("-1", "-1"),
])
def test_it_writes_quantities_back_as_the_api_server_does(text, written):
    # Inputs already canonical keep their spelling (Quantity.s); others are re-rendered.
    assert canonical_quantity(text) == written


@pytest.mark.parametrize("text,value", [
    ("100m", Fraction(1, 10)), ("1Gi", 2**30), ("1e3", 1000), ("1k", 1000), ("0.5", Fraction(1, 2)),
    ("1n", Fraction(1, 10**9)), ("0.0000000001", Fraction(1, 10**9)),  # rounded up to one nano
])
def test_it_keeps_exact_values(text, value):
    assert parse_quantity(text).value == value


@pytest.mark.parametrize("text,message", [
    ("abc", FORMAT_WRONG), ("1x", FORMAT_WRONG), ("1Kb", FORMAT_WRONG), ("", FORMAT_WRONG), (" 1", FORMAT_WRONG),
    ("1.2.3", FORMAT_WRONG), ("1Gii", "unable to parse quantity's suffix"), ("1e", "unable to parse quantity's suffix"),
])
def test_it_words_parse_errors_as_apimachinery(text, message):
    with pytest.raises(QuantityError) as caught:
        parse_quantity(text)
    assert str(caught.value) == message


def test_it_rounds_requests_up_to_millicores_when_defaulting():
    assert round_up_milli("0.0001") == "1m"
    assert round_up_milli("250m") == "250m"
