"""Physics and chemistry generators: unit conversions, formulas with units, multi-part answers."""

from __future__ import annotations

import math
import random

from general_reasoner.data.bundled.base import EASY, HARD, MEDIUM, Gen, Item, dec, shift, strip_zeros
from general_reasoner.types import AnswerType as T

P, C = "Physics", "Chemistry"


def _km_to_m(rng: random.Random) -> Item:
    km = dec(rng.randint(1, 90) / rng.choice([1, 2, 4, 10]), 2)
    km = strip_zeros(km)
    return Item(f"Convert {km} km to meters.", f"{shift(km, 3)} m", f"{shift(km, 5)} cm")


def _minutes_to_seconds(rng: random.Random) -> Item:
    mins = rng.randint(2, 45)
    return Item(f"How many seconds are there in {mins} minutes?", f"{mins * 60} s", f"{mins * 60} seconds")


def _grams_to_kg(rng: random.Random) -> Item:
    g = rng.randint(1, 99) * rng.choice([10, 50, 100])
    return Item(f"Convert {g} g to kilograms.", f"{shift(str(g), -3)} kg", f"{shift(str(g), -3)} kilograms")


def _liters_to_ml(rng: random.Random) -> Item:
    liters = strip_zeros(dec(rng.randint(1, 40) / rng.choice([1, 2, 4, 5]), 2))
    return Item(f"How many milliliters are in {liters} L?", f"{shift(liters, 3)} mL", f"{shift(liters, 3)} milliliters")


def _speed(rng: random.Random) -> Item:
    d, t = rng.randint(10, 400), rng.choice([2, 4, 5, 8, 10, 20])
    v = dec(d / t, 2)
    return Item(f"A runner covers {d} m in {t} s at constant speed. What is the runner's speed?",
                f"{strip_zeros(v)} m/s", f"{shift(v, 2)} cm/s")


def _final_velocity(rng: random.Random) -> Item:
    u, a, t = rng.randint(0, 20), dec(rng.uniform(0.5, 9.5), 1), rng.randint(2, 15)
    v = dec(u + float(a) * t, 1)
    return Item(f"A car starts with a velocity of {u} m/s and accelerates uniformly at {a} m/s^2 for {t} s. "
                "What is its final velocity?", f"{v} m/s", f"{shift(v, 2)} cm/s")


def _ohm_current(rng: random.Random) -> Item:
    v, r = rng.choice([1.5, 3, 6, 9, 12, 24, 120]), rng.choice([2, 4, 5, 8, 10, 20, 50, 100])
    i = dec(v / r, 3)
    return Item(f"A {v:g} V source is connected across a {r} Ω resistor. What current flows through the resistor?",
                f"{strip_zeros(i)} A", f"{shift(i, 3)} mA")


def _kinetic_energy(rng: random.Random) -> Item:
    m, v = rng.randint(1, 1500), rng.randint(2, 40)
    ke = dec(0.5 * m * v * v, 1)
    return Item(f"What is the kinetic energy of a {m} kg object moving at {v} m/s?",
                f"{strip_zeros(ke)} J", f"{shift(ke, -3)} kJ")


def _density(rng: random.Random) -> Item:
    m = rng.randint(50, 900)
    v = rng.choice([10, 20, 25, 50, 100])
    rho = dec(m / v, 2)
    return Item(f"A block has a mass of {m} g and a volume of {v} cm^3. What is its density?",
                f"{strip_zeros(rho)} g/cm^3", f"{shift(rho, 3)} kg/m^3")


def _projectile(rng: random.Random) -> Item:
    v0, angle = rng.randint(10, 60), rng.choice([15, 30, 37, 45, 53, 60, 75])
    g = 9.8
    rad = math.radians(angle)
    rng_m = v0 ** 2 * math.sin(2 * rad) / g
    t = 2 * v0 * math.sin(rad) / g
    h = (v0 * math.sin(rad)) ** 2 / (2 * g)
    r, tt, hh = dec(rng_m, 1), dec(t, 2), dec(h, 1)
    return Item(f"A projectile is launched from level ground at {v0} m/s at {angle}° above the horizontal "
                f"(g = 9.8 m/s^2, no air resistance). Find (a) its time of flight, (b) its maximum height, "
                "and (c) its horizontal range.",
                f"{tt} s, {hh} m, {r} m", f"{tt} s, {shift(hh, 2)} cm, {shift(r, -3)} km")


def _pendulum(rng: random.Random) -> Item:
    length = rng.choice([0.25, 0.5, 0.75, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0])
    g = rng.choice([9.8, 1.62, 3.71])
    period = dec(2 * math.pi * math.sqrt(length / g), 2)
    place = {9.8: "on Earth (g = 9.8 m/s^2)", 1.62: "on the Moon (g = 1.62 m/s^2)",
             3.71: "on Mars (g = 3.71 m/s^2)"}[g]
    return Item(f"What is the period of a simple pendulum of length {length} m {place}?",
                f"{period} s", f"{shift(period, 3)} ms")


def _molar_mass(rng: random.Random) -> Item:
    formula, mm = rng.choice(list(_MOLAR.items()))
    masses = ", ".join(f"{e} = {_ATOMIC[e]} g/mol" for e in _FORMULAS[formula])
    return Item(f"What is the molar mass of {formula}? Use {masses}.",
                f"{dec(mm, 2)} g/mol", f"{shift(dec(mm, 2), -3)} kg/mol")


_ATOMIC = {"H": 1.008, "C": 12.011, "N": 14.007, "O": 15.999, "Na": 22.990, "Cl": 35.45, "S": 32.06, "Ca": 40.078}
_FORMULAS = {"H2O": {"H": 2, "O": 1}, "CO2": {"C": 1, "O": 2}, "NaCl": {"Na": 1, "Cl": 1},
             "C6H12O6": {"C": 6, "H": 12, "O": 6}, "NH3": {"N": 1, "H": 3}, "CH4": {"C": 1, "H": 4},
             "H2SO4": {"H": 2, "S": 1, "O": 4}, "CaCO3": {"Ca": 1, "C": 1, "O": 3}, "C2H5OH": {"C": 2, "H": 6, "O": 1},
             "HNO3": {"H": 1, "N": 1, "O": 3}, "NaOH": {"Na": 1, "O": 1, "H": 1}, "CaCl2": {"Ca": 1, "Cl": 2},
             "SO2": {"S": 1, "O": 2}, "N2O": {"N": 2, "O": 1}, "C3H8": {"C": 3, "H": 8}, "HCl": {"H": 1, "Cl": 1}}
_MOLAR = {f: sum(_ATOMIC[e] * n for e, n in parts.items()) for f, parts in _FORMULAS.items()}


def _moles(rng: random.Random) -> Item:
    formula = rng.choice(["H2O", "CO2", "NaCl", "CH4", "NH3", "NaOH", "HCl", "C6H12O6"])
    mm = _MOLAR[formula]
    mass = dec(mm * rng.choice([0.1, 0.25, 0.5, 1.5, 2, 2.5, 3, 4]) * rng.uniform(0.9, 1.1), 1)
    n = dec(float(mass) / mm, 3)
    return Item(f"How many moles are in {mass} g of {formula} (molar mass {dec(mm, 2)} g/mol)?",
                f"{n} mol", f"{shift(n, 3)} mmol")


def _dilution(rng: random.Random) -> Item:
    c1, c2 = rng.choice([1.0, 2.0, 6.0, 12.0, 18.0]), rng.choice([0.1, 0.25, 0.5, 0.75])
    v2 = rng.choice([100, 250, 500, 1000])
    v1 = dec(c2 * v2 / c1, 2)
    return Item(f"What volume of {c1} M stock solution is needed to prepare {v2} mL of a {c2} M solution?",
                f"{strip_zeros(v1)} mL", f"{shift(v1, -3)} L")


def _ph_strong(rng: random.Random) -> Item:
    mant, exp = rng.choice([1.0, 2.0, 2.5, 5.0, 3.2, 4.0, 6.3, 8.0]), rng.randint(1, 5)
    conc = mant * 10 ** -exp
    base = rng.random() < 0.4
    ph = 14 + math.log10(conc) if base else -math.log10(conc)
    what = "NaOH" if base else "HCl"
    v = dec(ph, 2)
    return Item(f"What is the pH of a {mant} × 10^-{exp} M solution of {what} at 25 °C?", v, strip_zeros(v))


def _ideal_gas(rng: random.Random) -> Item:
    n, t_c, p_atm = dec(rng.uniform(0.2, 3.0), 2), rng.choice([0, 25, 37, 100, 150]), rng.choice([0.5, 1.0, 1.5, 2.0])
    t = t_c + 273.15
    v = dec(float(n) * 0.08206 * t / p_atm, 2)
    return Item(f"What volume does {n} mol of an ideal gas occupy at {t_c} °C and {p_atm} atm? "
                "Use R = 0.08206 L·atm/(mol·K).", f"{v} L", f"{shift(v, 3)} mL")


def _raoult(rng: random.Random) -> Item:
    p_a, p_b = rng.choice([(75.0, 22.0), (95.1, 28.4), (31.8, 92.5), (120.0, 40.0), (233.0, 58.0)])
    names = rng.choice([("benzene", "toluene"), ("hexane", "heptane"), ("acetone", "ethanol")])
    x = dec(rng.uniform(0.15, 0.85), 2)
    pa, pb = dec(float(x) * p_a, 1), dec((1 - float(x)) * p_b, 1)
    return Item(f"A solution contains {names[0]} at mole fraction {x} and {names[1]} (the rest). The vapor pressures "
                f"of the pure liquids are {p_a} torr and {p_b} torr. Using Raoult's law, find the partial vapor "
                f"pressures of {names[0]} and {names[1]} above the solution.",
                f"{pa} torr, {pb} torr", f"{strip_zeros(pa)} torr, {strip_zeros(pb)} torr")


def _half_life(rng: random.Random) -> Item:
    hl, n = rng.choice([5730, 8, 12.3, 30, 1600, 28.8]), rng.randint(1, 5)
    m0 = rng.choice([64, 80, 100, 160, 200, 320])
    rem = dec(m0 / 2 ** n, 2)
    return Item(f"A radioactive isotope has a half-life of {hl} years. How much of a sample of {m0} g remains after "
                f"{hl * n:g} years?", f"{strip_zeros(rem)} g", f"{shift(rem, 3)} mg")


GENERATORS = [
    Gen("phys-km-to-m", P, EASY, T.FLOAT, 20, _km_to_m),
    Gen("phys-min-to-s", P, EASY, T.INTEGER, 15, _minutes_to_seconds),
    Gen("chem-g-to-kg", C, EASY, T.FLOAT, 15, _grams_to_kg),
    Gen("chem-l-to-ml", C, EASY, T.FLOAT, 15, _liters_to_ml),
    Gen("phys-speed", P, MEDIUM, T.FLOAT, 15, _speed),
    Gen("phys-final-velocity", P, MEDIUM, T.FLOAT, 20, _final_velocity),
    Gen("phys-ohm", P, MEDIUM, T.FLOAT, 20, _ohm_current),
    Gen("phys-kinetic-energy", P, MEDIUM, T.FLOAT, 15, _kinetic_energy),
    Gen("phys-density", P, MEDIUM, T.FLOAT, 15, _density),
    Gen("phys-projectile", P, HARD, T.LIST, 20, _projectile),
    Gen("phys-pendulum", P, HARD, T.FLOAT, 15, _pendulum),
    Gen("chem-molar-mass", C, MEDIUM, T.FLOAT, 16, _molar_mass),
    Gen("chem-moles", C, MEDIUM, T.FLOAT, 15, _moles),
    Gen("chem-dilution", C, MEDIUM, T.FLOAT, 15, _dilution),
    Gen("chem-ph", C, HARD, T.FLOAT, 20, _ph_strong),
    Gen("chem-ideal-gas", C, HARD, T.FLOAT, 20, _ideal_gas),
    Gen("chem-raoult", C, HARD, T.LIST, 20, _raoult),
    Gen("chem-half-life", C, HARD, T.FLOAT, 15, _half_life),
]
