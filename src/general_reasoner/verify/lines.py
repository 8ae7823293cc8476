"""Lines in space, written in any of the usual forms, compared as lines.

- symmetric: ``\\frac{x-1}{2} = \\frac{y-2}{-1} = \\frac{z-3}{4}``
- vector: ``(x, y, z) = (1, 2, 3) + t(2, -1, 4)`` (also ``\\langle ... \\rangle``, ``r = ...``)
- parametric: ``x = 3 + 2t, y = 1 - t, z = 7 + 4t`` (or the bare ``3 + 2t, 1 - t, 7 + 4t``)

Each form is read as a point and a direction (by evaluating the expressions, never by rewriting
them); two lines are equal when their directions are parallel and the second point lies on the
first line. Another parameter name or point on the line, or a scaled direction, is the same line.
"""

from __future__ import annotations

import re

from general_reasoner.verify import expr as ex
from general_reasoner.verify.deadline import Deadline
from general_reasoner.verify.structure import split_top

Vector = tuple[float, float, float]
_PARAM_NAMES = ("t", "s", "lambda", "u", "k", "\\lambda")
_VECTOR_FORM_RE = re.compile(r"^(?:(?:\\vec\s*\{?r\}?|\\mathbf\s*\{?r\}?|r)\s*(?:\(\s*t\s*\))?\s*=\s*|\(\s*x\s*,\s*y\s*,\s*z\s*\)"
                             r"\s*=\s*)?(.+)$")
_POINT_PLUS_DIRECTION_RE = re.compile(r"^\s*(\(.+?\))\s*\+\s*([a-z]|\\lambda)\s*\*?\s*(\(.+\))\s*$")
_COORD_NAMES = ("x", "y", "z")


def _value(text: str, env: dict[str, complex], deadline: Deadline | None) -> complex | None:
    try:
        return ex.evaluate(ex.parse_expr(text, deadline), env, deadline)
    except Exception:  # noqa: BLE001 - not a number here: not this form
        return None


def _real(z: complex | None) -> float | None:
    return None if z is None or abs(z.imag) > 1e-9 else z.real


def _triple(text: str, deadline: Deadline | None) -> Vector | None:
    t = text.strip()
    if not (t.startswith("(") and t.endswith(")")):
        return None
    parts = split_top(t[1:-1], (",",))
    if len(parts) != 3:
        return None
    values = [_real(_value(p, {}, deadline)) for p in parts]
    return None if any(v is None for v in values) else tuple(values)  # type: ignore[return-value]


def _parametric(parts: list[str], deadline: Deadline | None) -> tuple[Vector, Vector] | None:
    """Three expressions in one parameter: the point at 0 and the change over one unit."""
    names: set[str] = set()
    for p in parts:
        try:
            names |= ex.symbols(ex.parse_expr(p, deadline))
        except Exception:  # noqa: BLE001
            return None
    if len(names) != 1:
        return None
    (name,) = names
    at0 = [_real(_value(p, {name: 0j}, deadline)) for p in parts]
    at1 = [_real(_value(p, {name: 1 + 0j}, deadline)) for p in parts]
    at2 = [_real(_value(p, {name: 2 + 0j}, deadline)) for p in parts]
    if any(v is None for v in at0 + at1 + at2):
        return None
    direction = tuple(b - a for a, b in zip(at0, at1, strict=True))  # type: ignore[operator]
    if any(abs((c - b) - d) > 1e-9 * max(1.0, abs(d)) for b, c, d in zip(at1, at2, direction, strict=True)):  # type: ignore[operator]
        return None  # not linear in the parameter
    return tuple(at0), direction  # type: ignore[return-value]


def line_of(text: str, deadline: Deadline | None = None) -> tuple[Vector, Vector] | None:
    """(point, direction) of a line written in one of the forms above, else None."""
    s = text.strip()
    if "=" in s and s.count("=") == 2 and "x" in s and "y" in s and "z" in s:  # symmetric form
        sides = split_top(s, ("=",))
        if len(sides) == 3:
            point, direction = [], []
            for side, name in zip(sides, _COORD_NAMES, strict=True):
                try:
                    if ex.symbols(ex.parse_expr(side, deadline)) != {name}:
                        return None
                except Exception:  # noqa: BLE001
                    return None
                e0, e1 = _real(_value(side, {name: 0j}, deadline)), _real(_value(side, {name: 1 + 0j}, deadline))
                if e0 is None or e1 is None or abs(e1 - e0) < 1e-12:
                    return None
                d = 1 / (e1 - e0)
                point.append(-e0 * d)
                direction.append(d)
            return tuple(point), tuple(direction)  # type: ignore[return-value]
    m = _VECTOR_FORM_RE.match(s)
    body = m.group(1) if m else s
    if (pd := _POINT_PLUS_DIRECTION_RE.match(body)) is not None:
        p, d = _triple(pd.group(1), deadline), _triple(pd.group(3), deadline)
        return (p, d) if p and d and any(abs(c) > 1e-12 for c in d) else None
    parts = split_top(s, (",", ";"))
    if len(parts) == 3:
        keyed = [re.match(rf"^\s*{n}\s*(?:\(\s*[a-z]\s*\))?\s*=\s*(.+)$", p) for n, p in zip(_COORD_NAMES, parts, strict=True)]
        exprs = [k.group(1) for k in keyed] if all(keyed) else parts  # type: ignore[union-attr]
        if all(keyed) or not any("=" in p for p in parts):
            return _parametric(exprs, deadline)
    return None


def _parallel(a: Vector, b: Vector) -> bool:
    cross = (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])
    scale = max(map(abs, a)) * max(map(abs, b)) or 1.0
    return all(abs(c) <= 1e-9 * scale for c in cross)


def same_line(ref: str, ans: str, deadline: Deadline | None = None) -> bool | None:
    """True/False when both texts are lines in space; None when either is not one."""
    lr = line_of(ref, deadline)
    if lr is None:
        return None
    la = line_of(ans, deadline)
    if la is None:
        return None
    (p1, d1), (p2, d2) = lr, la
    if not _parallel(d1, d2):
        return False
    offset = tuple(b - a for a, b in zip(p1, p2, strict=True))
    return all(abs(c) < 1e-9 for c in offset) or _parallel(d1, offset)  # type: ignore[arg-type]
