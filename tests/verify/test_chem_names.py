"""Chemical names read into formulas by the naming rules (verify/chem_names.py)."""

import pytest

from general_reasoner.verify.chem_names import element_counts, formulas_for_name, name_matches_formula


@pytest.mark.parametrize(("name", "formula"), [
    ("carbon monoxide", "CO"), ("carbon dioxide", "CO2"), ("dinitrogen tetroxide", "N2O4"),
    ("sulfur hexafluoride", "SF6"), ("magnesium oxide", "MgO"), ("aluminium oxide", "Al2O3"),
    ("aluminum oxide", "Al2O3"), ("iron(III) sulfate", "Fe2(SO4)3"), ("iron (II) chloride", "FeCl2"),
    ("ferric oxide", "Fe2O3"), ("copper(II) sulfate", "CuSO4"), ("ammonium sulfate", "(NH4)2SO4"),
    ("calcium hydroxide", "Ca(OH)2"), ("barium phosphate", "Ba3(PO4)2"), ("mercury(I) chloride", "Hg2Cl2"),
    ("lithium nitride", "Li3N"), ("sodium bicarbonate", "NaHCO3"), ("hydrogen sulfide", "H2S"),
    ("sulphuric acid", "H2SO4"), ("acetic acid", "C2H4O2"), ("water", "H2O"), ("nitrogen", "N2"),
    ("nitrogen", "N"), ("chlorine gas", "Cl2"),
])
def test_names_match_their_formulas(name, formula):
    assert name_matches_formula(name, formula) is True


@pytest.mark.parametrize(("name", "formula"), [
    ("carbon monoxide", "CO2"), ("iron(III) sulfate", "FeSO4"), ("aluminium oxide", "AlO"),
    ("hydrogen sulfide", "HS"), ("sodium chloride", "KCl"), ("nitrogen", "N3"),
])
def test_names_reject_other_formulas(name, formula):
    assert name_matches_formula(name, formula) is False


def test_unreadable_names_and_formulas_say_none():
    assert name_matches_formula("banana", "C") is None       # not a chemical name
    assert name_matches_formula("water", "Xy2") is None      # not a formula
    assert formulas_for_name("the powerhouse of the cell") == set()
    assert element_counts("Fe2(SO4)3") == (("Fe", 2), ("O", 12), ("S", 3))
    assert element_counts("H2O)") is None
