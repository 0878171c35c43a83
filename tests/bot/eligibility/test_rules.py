"""Each eligibility rule of the domain reference, one case each.

Every case starts from answers that qualify and changes one thing, so a failing test points at
exactly one rule.
"""

from __future__ import annotations

import pytest

from bot.eligibility import evaluate

QUALIFIES = {
    "bildungsgutschein": {
        "employment_status": "arbeitslos", "has_vocational_qualification": True, "course_azav": True,
    },
    "foerderung_beschaeftigte": {
        "employment_status": "beschaeftigt", "has_vocational_qualification": True, "years_since_qualification": 5,
        "funded_82_last_2_years": False, "course_hours": 200, "course_azav": True, "mandatory_training": False,
        "company_size": 120, "age": 30, "severely_disabled": False,
    },
    "aufstiegs_bafoeg": {"highest_degree": "ausbildung", "upgrade_qualification": True, "course_hours": 400},
    "bildungsurlaub_nrw": {
        "employment_status": "beschaeftigt", "work_state": "NW", "months_employed": 6, "company_size": 51,
        "course_type": "politisch", "course_recognised_nw": True,
    },
    "bildungsurlaub_hessen": {
        "employment_status": "beschaeftigt", "civil_servant": False, "work_state": "HE", "months_employed": 6,
        "course_type": "ehrenamt", "course_recognised_he": True,
    },
    "proabschluss": {
        "residence_state": "HE", "employment_status": "beschaeftigt", "has_vocational_qualification": False,
        "public_employer": False, "age": 30,
    },
}  # fmt: skip


def check(programme: str, changes: dict, expected: str, reason_part: str) -> None:
    verdict = evaluate(programme, {**QUALIFIES[programme], **changes})
    assert verdict.verdict == expected, verdict.reasons
    assert any(reason_part in r for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize("programme", sorted(set(QUALIFIES) - {"proabschluss"}))
def test_qualifying_answers_are_wahrscheinlich(programme: str) -> None:
    verdict = evaluate(programme, QUALIFIES[programme])
    assert verdict.verdict == "wahrscheinlich"
    assert "voraussichtlich" in verdict.label.lower()
    assert "Die Entscheidung trifft" in verdict.next_step


# Bildungsgutschein (§ 81 SGB III)


def test_bgs_needs_a_reason_for_funding() -> None:
    check("bildungsgutschein", {"employment_status": "beschaeftigt", "threatened_unemployment": False,
                                "works_outside_qualification": False},
          "unwahrscheinlich", "drohende Arbeitslosigkeit abzuwenden")  # fmt: skip


@pytest.mark.parametrize(("years", "expected"), [(4, "unwahrscheinlich"), (5, "wahrscheinlich")])
def test_bgs_more_than_4_years_outside_the_qualification_counts_as_none(years: int, expected: str) -> None:
    """§ 81 Abs. 2 Nr. 1 SGB III: after more than 4 years in other work the qualification counts as missing."""
    employed = {"employment_status": "beschaeftigt", "threatened_unemployment": False,
                "works_outside_qualification": True, "years_outside_qualification": years}  # fmt: skip
    reason = "drohende Arbeitslosigkeit abzuwenden" if expected == "unwahrscheinlich" else "§ 81 Abs. 2 Nr. 1"
    check("bildungsgutschein", employed, expected, reason)


def test_bgs_threatened_unemployment_is_a_reason() -> None:
    changes = {"employment_status": "beschaeftigt", "threatened_unemployment": True}
    assert evaluate("bildungsgutschein", {**QUALIFIES["bildungsgutschein"], **changes}).verdict == "wahrscheinlich"


def test_bgs_only_for_azav_courses() -> None:
    check("bildungsgutschein", {"course_azav": False}, "unwahrscheinlich", "AZAV")


def test_bgs_without_qualification_expects_three_years_of_work() -> None:
    check("bildungsgutschein", {"has_vocational_qualification": False, "years_worked": 1},
          "moeglich", "drei Jahre Berufstätigkeit")  # fmt: skip


def test_bgs_is_discretionary() -> None:
    verdict = evaluate("bildungsgutschein", QUALIFIES["bildungsgutschein"])
    assert any("keinen Rechtsanspruch" in r for r in verdict.reasons)
    assert "Die Entscheidung trifft die Agentur für Arbeit." in verdict.next_step


# Weiterbildungsförderung für Beschäftigte (§ 82 SGB III)


def test_82_only_for_employed() -> None:
    check("foerderung_beschaeftigte", {"employment_status": "arbeitslos"}, "unwahrscheinlich", "Bildungsgutschein")


def test_82_qualification_at_least_two_years_ago() -> None:
    check("foerderung_beschaeftigte", {"years_since_qualification": 1}, "unwahrscheinlich", "2 Jahre")


def test_82_no_funding_in_last_two_years() -> None:
    check("foerderung_beschaeftigte", {"funded_82_last_2_years": True}, "unwahrscheinlich", "letzten 2 Jahren")


@pytest.mark.parametrize("hours", [40, 120])
def test_82_course_longer_than_120_hours(hours: int) -> None:
    check("foerderung_beschaeftigte", {"course_hours": hours}, "unwahrscheinlich", "mehr als 120 Stunden")


def test_82_needs_azav() -> None:
    check("foerderung_beschaeftigte", {"course_azav": False}, "unwahrscheinlich", "AZAV")


def test_82_no_mandatory_training() -> None:
    check("foerderung_beschaeftigte", {"mandatory_training": True}, "unwahrscheinlich", "Pflichtschulungen")


def test_82_small_firm_employer_pays_nothing() -> None:
    changes = {"company_size": 30, "age": 50}
    check("foerderung_beschaeftigte", changes, "wahrscheinlich", "nichts zu den Lehrgangskosten")


def test_82_medium_firm_employer_pays_half() -> None:
    check("foerderung_beschaeftigte", {"company_size": 120, "age": 30}, "wahrscheinlich", "50 % der Lehrgangskosten")


@pytest.mark.parametrize("changes", [{"age": 45}, {"age": 30, "severely_disabled": True}])
def test_82_medium_firm_45_plus_or_disabled_employer_pays_nothing(changes: dict) -> None:
    check("foerderung_beschaeftigte", {"company_size": 499, **changes}, "wahrscheinlich", "45 Jahre oder älter")


def test_82_large_firm_employer_pays_75_percent_even_at_50() -> None:
    answers = {**QUALIFIES["foerderung_beschaeftigte"], "company_size": 500, "age": 50}
    verdict = evaluate("foerderung_beschaeftigte", answers)
    assert any("75 %" in r for r in verdict.reasons)
    assert not any("nichts zu den Lehrgangskosten" in r for r in verdict.reasons)


# Aufstiegs-BAföG


def test_afbg_master_excluded() -> None:
    check("aufstiegs_bafoeg", {"highest_degree": "master"}, "unwahrscheinlich", "Master")


def test_afbg_bachelor_is_enough() -> None:
    assert evaluate("aufstiegs_bafoeg", {**QUALIFIES["aufstiegs_bafoeg"], "highest_degree": "bachelor"}).verdict == (
        "wahrscheinlich"
    )


def test_afbg_needs_vocational_qualification() -> None:
    check("aufstiegs_bafoeg", {"highest_degree": "ohne"}, "unwahrscheinlich", "Berufsausbildung")


def test_afbg_at_least_400_hours() -> None:
    check("aufstiegs_bafoeg", {"course_hours": 399}, "unwahrscheinlich", "400 Unterrichtsstunden")


def test_afbg_needs_an_upgrade_goal() -> None:
    check("aufstiegs_bafoeg", {"upgrade_qualification": False}, "unwahrscheinlich", "Fortbildungsabschluss")


def test_afbg_has_no_age_limit_and_names_the_office_by_residence() -> None:
    verdict = evaluate("aufstiegs_bafoeg", {**QUALIFIES["aufstiegs_bafoeg"], "age": 58, "residence_state": "NW"})
    assert verdict.verdict == "wahrscheinlich"
    assert any("keine Altersgrenze" in r for r in verdict.reasons)
    assert "Bezirksregierung Köln" in verdict.next_step


# Bildungsurlaub NRW (AWbG)


def test_bu_nrw_small_firm_no_entitlement() -> None:
    check("bildungsurlaub_nrw", {"company_size": 8}, "unwahrscheinlich",
          "Betriebe mit weniger als 10 Beschäftigten müssen in NRW keinen Bildungsurlaub gewähren.")  # fmt: skip


def test_bu_nrw_10_to_49_employer_may_refuse_over_ten_percent() -> None:
    check("bildungsurlaub_nrw", {"company_size": 30}, "moeglich", "10 % der Beschäftigten")


def test_bu_nrw_work_focus_in_nrw() -> None:
    check("bildungsurlaub_nrw", {"work_state": "HE"}, "unwahrscheinlich", "Arbeitsort")


def test_bu_nrw_six_months_waiting_time() -> None:
    check("bildungsurlaub_nrw", {"months_employed": 5}, "unwahrscheinlich", "6 Monaten")


def test_bu_nrw_apprentices_only_political_education() -> None:
    check("bildungsurlaub_nrw", {"employment_status": "in_ausbildung", "course_type": "beruflich"},
          "unwahrscheinlich", "nur für politische Bildung")  # fmt: skip
    apprentice = {**QUALIFIES["bildungsurlaub_nrw"], "employment_status": "in_ausbildung"}
    assert evaluate("bildungsurlaub_nrw", apprentice).verdict == "wahrscheinlich"


def test_bu_nrw_recognised_events_only() -> None:
    check("bildungsurlaub_nrw", {"course_recognised_nw": False}, "unwahrscheinlich", "anerkannte Veranstaltungen")


def test_bu_nrw_no_leave_for_volunteer_training() -> None:
    check("bildungsurlaub_nrw", {"course_type": "ehrenamt"}, "unwahrscheinlich", "beruflich")


def test_bu_nrw_unemployed_have_no_leave() -> None:
    check("bildungsurlaub_nrw", {"employment_status": "arbeitslos"}, "unwahrscheinlich", "Beschäftigung")


# Bildungsurlaub Hessen (HBUG)


def test_bu_hessen_does_not_depend_on_firm_size_but_on_the_one_third_rule() -> None:
    verdict = evaluate("bildungsurlaub_hessen", {**QUALIFIES["bildungsurlaub_hessen"], "company_size": 3})
    assert verdict.verdict == "wahrscheinlich"
    assert any("mehr als ein Drittel der Beschäftigten" in r for r in verdict.reasons)  # § 5 Abs. 5 HBUG
    assert not any("keine Ausnahme für kleine Betriebe" in r for r in verdict.reasons)


def test_bu_hessen_work_focus_in_hessen() -> None:
    check("bildungsurlaub_hessen", {"work_state": "NW"}, "unwahrscheinlich", "Schwerpunkt in Hessen")


def test_bu_hessen_six_months_waiting_time() -> None:
    check("bildungsurlaub_hessen", {"months_employed": 2}, "unwahrscheinlich", "6 Monaten")


def test_bu_hessen_recognised_in_hessen_only() -> None:
    check("bildungsurlaub_hessen", {"course_recognised_he": False}, "unwahrscheinlich", "01.01.2024")


def test_bu_hessen_apprentices_only_political_education() -> None:
    check("bildungsurlaub_hessen", {"employment_status": "in_ausbildung"}, "unwahrscheinlich", "politische Bildung")


def test_bu_hessen_civil_servants_excluded() -> None:
    check("bildungsurlaub_hessen", {"civil_servant": True}, "unwahrscheinlich", "Beamte")


# ProAbschluss (status unclear)


def test_proabschluss_at_best_moeglich_with_pointer_to_weiterbildung_hessen() -> None:
    verdict = evaluate("proabschluss", QUALIFIES["proabschluss"])
    assert verdict.verdict == "moeglich"
    assert any("keine Förderung zusagen" in r for r in verdict.reasons)
    assert "Weiterbildung Hessen e.V." in verdict.next_step


def test_proabschluss_needs_residence_in_hessen() -> None:
    check("proabschluss", {"residence_state": "NW"}, "unwahrscheinlich", "Hauptwohnsitz in Hessen")


def test_proabschluss_recent_qualification_in_own_field_excluded() -> None:
    check("proabschluss", {"has_vocational_qualification": True, "works_outside_qualification": True,
                           "years_since_qualification": 3}, "unwahrscheinlich", "mehr als 4 Jahre")  # fmt: skip
    old_unrelated = {"has_vocational_qualification": True, "works_outside_qualification": True,
                     "years_since_qualification": 5}  # fmt: skip
    assert evaluate("proabschluss", {**QUALIFIES["proabschluss"], **old_unrelated}).verdict == "moeglich"


def test_proabschluss_public_employers_excluded() -> None:
    check("proabschluss", {"public_employer": True}, "unwahrscheinlich", "öffentlichen Dienst")


def test_proabschluss_age_limit_is_uncertain_between_21_and_27() -> None:
    check("proabschluss", {"age": 20}, "unwahrscheinlich", "21 Jahren")
    check("proabschluss", {"age": 24}, "moeglich", "nicht sicher")
