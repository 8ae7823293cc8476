"""Chemical names to formulas: ``magnesium oxide`` -> MgO, ``iron(III) sulfate`` -> Fe2(SO4)3,
``dinitrogen tetroxide`` -> N2O4, ``nitrogen`` -> N or N2, ``sulphuric acid`` -> H2SO4.

Built from the naming rules (element names, ion charges, Greek prefixes), not from a list of
answers; a short table covers trivial names (water, ammonia, glucose...). Formulas are compared
as element counts, so ``CH3COOH`` and ``C2H4O2`` are one formula here.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from math import gcd

from general_reasoner.verify.normalize import cached_for_short

_ELEMENTS = (
    "H hydrogen,He helium,Li lithium,Be beryllium,B boron,C carbon,N nitrogen,O oxygen,F fluorine,Ne neon,"
    "Na sodium,Mg magnesium,Al aluminium,Si silicon,P phosphorus,S sulfur,Cl chlorine,Ar argon,K potassium,"
    "Ca calcium,Sc scandium,Ti titanium,V vanadium,Cr chromium,Mn manganese,Fe iron,Co cobalt,Ni nickel,"
    "Cu copper,Zn zinc,Ga gallium,Ge germanium,As arsenic,Se selenium,Br bromine,Kr krypton,Rb rubidium,"
    "Sr strontium,Y yttrium,Zr zirconium,Nb niobium,Mo molybdenum,Tc technetium,Ru ruthenium,Rh rhodium,"
    "Pd palladium,Ag silver,Cd cadmium,In indium,Sn tin,Sb antimony,Te tellurium,I iodine,Xe xenon,"
    "Cs cesium,Ba barium,La lanthanum,Ce cerium,Pr praseodymium,Nd neodymium,Pm promethium,Sm samarium,"
    "Eu europium,Gd gadolinium,Tb terbium,Dy dysprosium,Ho holmium,Er erbium,Tm thulium,Yb ytterbium,"
    "Lu lutetium,Hf hafnium,Ta tantalum,W tungsten,Re rhenium,Os osmium,Ir iridium,Pt platinum,Au gold,"
    "Hg mercury,Tl thallium,Pb lead,Bi bismuth,Po polonium,At astatine,Rn radon,Fr francium,Ra radium,"
    "Ac actinium,Th thorium,Pa protactinium,U uranium,Np neptunium,Pu plutonium,Am americium,Cm curium,"
    "Bk berkelium,Cf californium,Es einsteinium,Fm fermium,Md mendelevium,No nobelium,Lr lawrencium,"
    "Rf rutherfordium,Db dubnium,Sg seaborgium,Bh bohrium,Hs hassium,Mt meitnerium,Ds darmstadtium,"
    "Rg roentgenium,Cn copernicium,Nh nihonium,Fl flerovium,Mc moscovium,Lv livermorium,Ts tennessine,Og oganesson"
)
ELEMENT_BY_NAME = {name: sym for sym, name in (pair.split() for pair in _ELEMENTS.split(","))}
ELEMENT_BY_NAME.update({"aluminum": "Al", "sulphur": "S", "caesium": "Cs"})
_DIATOMIC = {"H", "N", "O", "F", "Cl", "Br", "I"}
_NONMETALS = {"H", "B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "As", "Se", "Br", "Te", "I", "Xe", "Kr", "At", "Rn"}

# Anion roots for "-ide" names, and polyatomic ions with their charges.
_IDE = {"hydr": "H", "fluor": "F", "chlor": "Cl", "brom": "Br", "iod": "I", "ox": "O", "sulf": "S", "sulph": "S",
        "selen": "Se", "nitr": "N", "phosph": "P", "carb": "C", "arsen": "As", "tellur": "Te", "sil": "Si",
        "bor": "B", "az": "N3"}
_IDE_CHARGE = {"H": -1, "F": -1, "Cl": -1, "Br": -1, "I": -1, "O": -2, "S": -2, "Se": -2, "Te": -2, "N": -3,
               "P": -3, "C": -4, "As": -3, "Si": -4, "B": -3, "N3": -1}
_POLY_ANIONS = {
    "hydroxide": ("OH", -1), "nitrate": ("NO3", -1), "nitrite": ("NO2", -1), "sulfate": ("SO4", -2),
    "sulphate": ("SO4", -2), "sulfite": ("SO3", -2), "sulphite": ("SO3", -2), "carbonate": ("CO3", -2),
    "bicarbonate": ("HCO3", -1), "hydrogen carbonate": ("HCO3", -1), "hydrogencarbonate": ("HCO3", -1),
    "phosphate": ("PO4", -3), "hydrogen phosphate": ("HPO4", -2), "dihydrogen phosphate": ("H2PO4", -1),
    "acetate": ("C2H3O2", -1), "ethanoate": ("C2H3O2", -1), "permanganate": ("MnO4", -1),
    "chromate": ("CrO4", -2), "dichromate": ("Cr2O7", -2), "cyanide": ("CN", -1), "thiocyanate": ("SCN", -1),
    "hypochlorite": ("ClO", -1), "chlorite": ("ClO2", -1), "chlorate": ("ClO3", -1), "perchlorate": ("ClO4", -1),
    "bromate": ("BrO3", -1), "iodate": ("IO3", -1), "oxalate": ("C2O4", -2), "peroxide": ("O2", -2),
    "bisulfate": ("HSO4", -1), "hydrogen sulfate": ("HSO4", -1), "thiosulfate": ("S2O3", -2),
    "silicate": ("SiO3", -2), "borate": ("BO3", -3), "arsenate": ("AsO4", -3), "amide": ("NH2", -1),
}
_POLY_CATIONS = {"ammonium": ("NH4", 1), "hydronium": ("H3O", 1)}
# Usual charges of cations named without a Roman numeral.
_CATION_CHARGE = {
    "H": 1, "Li": 1, "Na": 1, "K": 1, "Rb": 1, "Cs": 1, "Ag": 1, "Be": 2, "Mg": 2, "Ca": 2, "Sr": 2, "Ba": 2,
    "Zn": 2, "Cd": 2, "Ni": 2, "Al": 3, "Ga": 3, "Sc": 3, "Ra": 2,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7}
_OUS_IC = {"ferrous": ("Fe", 2), "ferric": ("Fe", 3), "cuprous": ("Cu", 1), "cupric": ("Cu", 2),
           "stannous": ("Sn", 2), "stannic": ("Sn", 4), "plumbous": ("Pb", 2), "plumbic": ("Pb", 4),
           "mercurous": ("Hg2", 2), "mercuric": ("Hg", 2), "cobaltous": ("Co", 2), "cobaltic": ("Co", 3)}
_PREFIX = {"mono": 1, "mon": 1, "di": 2, "tri": 3, "tetra": 4, "tetr": 4, "penta": 5, "pent": 5, "hexa": 6,
           "hex": 6, "hepta": 7, "hept": 7, "octa": 8, "oct": 8, "nona": 9, "deca": 10}
_ACIDS = {
    "hydrochloric": "HCl", "hydrofluoric": "HF", "hydrobromic": "HBr", "hydroiodic": "HI", "nitric": "HNO3",
    "nitrous": "HNO2", "sulfuric": "H2SO4", "sulphuric": "H2SO4", "sulfurous": "H2SO3", "sulphurous": "H2SO3",
    "phosphoric": "H3PO4", "carbonic": "H2CO3", "acetic": "CH3COOH", "ethanoic": "CH3COOH", "formic": "HCOOH",
    "methanoic": "HCOOH", "perchloric": "HClO4", "chloric": "HClO3", "hypochlorous": "HClO", "hydrocyanic": "HCN",
    "oxalic": "H2C2O4", "citric": "C6H8O7", "benzoic": "C6H5COOH", "hydrosulfuric": "H2S", "boric": "H3BO3",
    "lactic": "C3H6O3", "ascorbic": "C6H8O6",
}
_TRIVIAL = {
    "water": "H2O", "ammonia": "NH3", "methane": "CH4", "ethane": "C2H6", "propane": "C3H8", "butane": "C4H10",
    "ethene": "C2H4", "ethylene": "C2H4", "ethyne": "C2H2", "acetylene": "C2H2", "benzene": "C6H6",
    "methanol": "CH3OH", "ethanol": "C2H5OH", "glucose": "C6H12O6", "fructose": "C6H12O6", "sucrose": "C12H22O11",
    "ozone": "O3", "hydrogen peroxide": "H2O2", "table salt": "NaCl", "baking soda": "NaHCO3",
    "quicklime": "CaO", "lime": "CaO", "slaked lime": "Ca(OH)2", "limestone": "CaCO3", "rust": "Fe2O3",
    "laughing gas": "N2O", "nitric oxide": "NO", "nitrous oxide": "N2O", "dry ice": "CO2", "hydrazine": "N2H4",
    "silica": "SiO2", "urea": "CO(NH2)2", "acetone": "C3H6O", "chloroform": "CHCl3", "phosphine": "PH3",
    "ethyl alcohol": "C2H5OH", "grain alcohol": "C2H5OH", "methyl alcohol": "CH3OH", "wood alcohol": "CH3OH",
    "isopropyl alcohol": "C3H7OH", "rubbing alcohol": "C3H7OH", "muriatic acid": "HCl", "caustic soda": "NaOH",
    "lye": "NaOH", "caustic potash": "KOH", "washing soda": "Na2CO3", "soda ash": "Na2CO3", "chalk": "CaCO3",
    "calcite": "CaCO3", "marble": "CaCO3", "bleach": "NaClO", "milk of magnesia": "Mg(OH)2", "alumina": "Al2O3",
    "hematite": "Fe2O3", "magnetite": "Fe3O4", "galena": "PbS", "pyrite": "FeS2", "halite": "NaCl",
    "quartz": "SiO2", "marsh gas": "CH4", "natural gas": "CH4", "vitamin c": "C6H8O6", "blue vitriol": "CuSO4·5H2O",
    "gypsum": "CaSO4·2H2O", "epsom salt": "MgSO4·7H2O", "fool's gold": "FeS2", "heavy water": "D2O",
}

_FORMULA_TOKEN_RE = re.compile(r"([A-Z][a-z]?)(\d*)|(\()|(\))(\d*)")
_SYMBOLS_D = {"D": "H"}  # deuterium counts as its own symbol here


_HYDRATE_SPLIT_RE = re.compile(r"\s*[·•∙*.]\s*")
_HYDRATE_PART_RE = re.compile(r"^(\d*)(.+)$")


@lru_cache(maxsize=2048)
def element_counts(formula: str) -> tuple[tuple[str, int], ...] | None:
    """``Fe2(SO4)3`` -> (('Fe', 2), ('O', 12), ('S', 3)); hydrates too (``CuSO4·5H2O``, ``CuSO4.5H2O``);
    None when it is not a formula."""
    if _HYDRATE_SPLIT_RE.search(formula):
        total: Counter[str] = Counter()
        for part in _HYDRATE_SPLIT_RE.split(formula):
            m = _HYDRATE_PART_RE.match(part)
            counts = element_counts(m.group(2)) if m else None
            if counts is None:
                return None
            for k, v in counts:
                total[k] += v * int(m.group(1) or 1)  # type: ignore[union-attr]
        return tuple(sorted(total.items()))
    stack: list[Counter[str]] = [Counter()]
    pos = 0
    for m in _FORMULA_TOKEN_RE.finditer(formula):
        if m.start() != pos:
            return None
        pos = m.end()
        if m.group(1):
            if m.group(1) not in _SYMBOLS:
                return None
            stack[-1][m.group(1)] += int(m.group(2) or 1)
        elif m.group(3):
            stack.append(Counter())
        else:
            if len(stack) == 1:
                return None
            inner = stack.pop()
            for k, v in inner.items():
                stack[-1][k] += v * int(m.group(5) or 1)
    if pos != len(formula) or len(stack) != 1 or not stack[0]:
        return None
    return tuple(sorted(stack[0].items()))


_SYMBOLS = set(ELEMENT_BY_NAME.values()) | {"D"}
ELEMENT_SYMBOLS = frozenset(ELEMENT_BY_NAME.values())


def _group(ion: str, count: int) -> str:
    if count == 1:
        return ion
    return f"({ion}){count}" if len(element_counts(ion) or ()) > 1 or ion[-1].isdigit() else f"{ion}{count}"


def _ionic(cation: str, c_charge: int, anion: str, a_charge: int) -> str:
    g = gcd(c_charge, -a_charge)
    return _group(cation, -a_charge // g) + _group(anion, c_charge // g)


_IDE_LONGEST_FIRST = sorted(_IDE, key=len, reverse=True)
_PREFIX_LONGEST_FIRST = sorted(_PREFIX, key=len, reverse=True)
_FIRST_WORDS = ({k.split()[0] for k in _TRIVIAL} | set(ELEMENT_BY_NAME) | {k.split()[0] for k in _ACIDS}
                | set(_POLY_CATIONS) | set(_OUS_IC))


def _anion(words: str) -> tuple[str, int] | None:
    if words in _POLY_ANIONS:
        return _POLY_ANIONS[words]
    if words.endswith("ide"):
        root = words[:-3]
        for k in _IDE_LONGEST_FIRST:
            if root == k or root == k + "in" or root == k + "en" or root == k + "ur":  # chlorine, oxygen
                sym = _IDE[k]
                return sym, _IDE_CHARGE[sym]
    return None


_CATION_RE = re.compile(r"^([a-z]+)\s*(?:\(\s*([ivx]+)\s*\)\s*)?(.+)$")


def _ionic_name(name: str) -> str | None:
    m = _CATION_RE.match(name)
    if not m:
        return None
    first, roman, rest = m.group(1), m.group(2), m.group(3).strip()
    if first in _POLY_CATIONS:
        cation, charge = _POLY_CATIONS[first]
    elif first in _OUS_IC:
        cation, charge = _OUS_IC[first]
    elif first in ELEMENT_BY_NAME:
        cation = ELEMENT_BY_NAME[first]
        charge = _ROMAN.get(roman or "", 0) or _CATION_CHARGE.get(cation, 0)
        if roman and roman not in _ROMAN or not charge:
            return None
        if (cation, charge) == ("Hg", 1):
            cation, charge = "Hg2", 2
    else:
        return None
    anion = _anion(rest)
    if anion is None:
        return None
    if cation == "Hg2":  # mercury(I) is the dimer Hg2 2+: Hg2Cl2
        return "Hg2" + _group(anion[0], 2 // -anion[1]) if anion[1] in (-1, -2) else None
    return _ionic(cation, charge, *anion)


def _prefixed(word: str) -> tuple[int, str]:
    for p in _PREFIX_LONGEST_FIRST:
        if word.startswith(p) and len(word) > len(p) + 2:
            return _PREFIX[p], word[len(p):]
    return 1, word


def _covalent_name(name: str) -> str | None:
    """``dinitrogen tetroxide`` -> N2O4; ``carbon tetrachloride`` -> CCl4."""
    words = name.split()
    if len(words) != 2:
        return None
    n1, first = _prefixed(words[0])
    n2, second = _prefixed(words[1])
    if first not in ELEMENT_BY_NAME or ELEMENT_BY_NAME[first] not in _NONMETALS:
        return None  # metals name ionic compounds (aluminium oxide is Al2O3, not AlO)
    if second in ("oxide", "xide"):
        second = "oxide"
    anion = _anion(second)
    if anion is None or len(element_counts(anion[0]) or ()) != 1 or anion[0] == "N3":
        return None
    a, b = ELEMENT_BY_NAME[first], anion[0]
    return f"{a}{n1 if n1 > 1 else ''}{b}{n2 if n2 > 1 else ''}"


def _could_name(s: str) -> bool:
    """Cheap test: can a name starting with this word be one ``formulas_for_name`` reads?"""
    s = s.strip(" .")
    first = s.split(None, 1)[0].split("(", 1)[0] if s else ""
    return first in _FIRST_WORDS or _prefixed(first)[1] in ELEMENT_BY_NAME


@cached_for_short
def formulas_for_name(name: str) -> frozenset[str]:
    """Every formula a chemical name may stand for (empty when it is not a name we can read)."""
    if not _could_name(name.strip().lower()):
        return frozenset()
    s = re.sub(r"\s+", " ", name.strip().lower().replace("gas", "").replace("(g)", "")).strip(" .")
    s = s.replace(" (", "(").replace("( ", "(").replace(" )", ")")
    s = re.sub(r"\(([ivx]+)\)", r" (\1) ", s).replace("  ", " ").strip()
    out: set[str] = set()
    if s in _TRIVIAL:
        out.add(_TRIVIAL[s])
    if s in ELEMENT_BY_NAME:
        sym = ELEMENT_BY_NAME[s]
        out.add(sym)
        if sym in _DIATOMIC:
            out.add(f"{sym}2")
    if s.endswith(" acid") and s[:-5].strip() in _ACIDS:
        out.add(_ACIDS[s[:-5].strip()])
    formula = _ionic_name(s) or _covalent_name(s)  # the covalent (prefix) reading only where no ionic one exists
    if formula:
        out.add(formula)
    return frozenset(f for f in out if element_counts(f) is not None)


def name_matches_formula(name: str, formula: str) -> bool | None:
    """Does the chemical name stand for the formula? None when the name is not one we can read."""
    counts = element_counts(formula)
    if counts is None:
        return None
    options = formulas_for_name(name)
    if not options:
        return None
    return any(element_counts(f) == counts for f in options)


def names_same_compound(a: str, b: str) -> bool | None:
    """Two names of one compound (``ethanol`` / ``ethyl alcohol``, ``vitamin C`` / ``ascorbic acid``):
    True or False when both names can be read, None otherwise."""
    fa, fb = formulas_for_name(a), formulas_for_name(b)
    if not fa or not fb:
        return None
    ca, cb = {element_counts(f) for f in fa}, {element_counts(f) for f in fb}
    return bool(ca & cb)


_MASS_NUMBER_RE = [
    re.compile(r"^([a-z]+)[\s-]+(\d{1,3})$"),                         # carbon-14, uranium 235
    re.compile(r"^([A-Z][a-z]?)[\s-]+(\d{1,3})$"),                      # C-14
    re.compile(r"^\^\{?(\d{1,3})\}?(?:_\{?\d{1,3}\}?)?\s*([A-Z][a-z]?)$"),  # ^{14}C, ^{14}_{6}C
    re.compile(r"^(\d{1,3})\s*([A-Z][a-z]?)$"),                          # 14C
]


def isotope(text: str) -> tuple[str, int] | None:
    """``carbon-14``, ``C-14``, ``^{14}C``, ``14C`` -> ('C', 14); None when the text names no isotope."""
    s = text.strip()
    for i, pattern in enumerate(_MASS_NUMBER_RE):
        m = pattern.match(s if i != 0 else s.lower())
        if not m:
            continue
        first, second = m.group(1), m.group(2)
        name, mass = (first, second) if i < 2 else (second, first)
        symbol = ELEMENT_BY_NAME.get(name) if i == 0 else name if name in _SYMBOLS else None
        if symbol:
            return symbol, int(mass)
    return None
