"""Reading a funding message: German word forms, aspects, who writes and what form of answer they want."""

from __future__ import annotations

import pytest

from bot.funding.catalogue import load_catalogue
from bot.kb.analysis import base_form, base_forms, split_compound
from bot.kb.aspects import question_aspects
from bot.kb.question import asks_more_than_plain_language, read, speaks_for_company
from bot.kb.retriever import KnowledgeBase
from bot.kb.router import knowledge_base

CATALOGUE = load_catalogue()


def test_words_are_folded_and_reduced_to_their_base_form() -> None:
    assert base_forms("Die Kosten werden übernommen") == ["kosten", "uebernehmen"]
    assert base_form("bildungsgutscheine") == "bildungsgutschein"
    assert base_form("restdarlehens") == "restdarlehen"  # inflected at the head of the compound
    assert base_forms("§ 82 und 150 €") == ["paragraf82", "150", "euro"]


def test_compounds_split_into_known_parts() -> None:
    kb: KnowledgeBase = knowledge_base()
    assert split_compound("kinderbetreuungskosten", kb.parts) == ["kind", "betreuung", "kosten"]
    assert split_compound("kinderbetreuungszuschlag", kb.parts)[:2] == ["kind", "betreuung"]
    assert split_compound("bus", kb.parts) == []


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("Wie lange ist der Gutschein gültig?", "gueltigkeit"),
        ("Gibt es eine Altersgrenze?", "alter"),
        ("Kann ich mit 58 noch gefördert werden?", "alter"),
        ("Zahlen die auch die Kita?", "kinderbetreuung"),
        ("Muss ich das zurückzahlen?", "rueckzahlung"),
        ("Bis wann muss ich das beantragen?", "frist"),
        ("Darf mein Chef das ablehnen?", "ablehnung"),
        ("Wie hoch ist die Einkommensgrenze?", "einkommen"),
    ],
)
def test_aspects_of_questions(question: str, aspect: str) -> None:
    assert aspect in question_aspects(question)


def test_numbers_of_staff_are_not_an_age() -> None:
    assert "alter" not in question_aspects("Wir haben 30 Mitarbeiter")


@pytest.mark.parametrize(
    "text",
    [
        "Ich möchte meine Mitarbeiter weiterbilden lassen",
        "Als Arbeitgeber: was muss ich beim Bildungsurlaub beachten?",
        "Wir sind ein Betrieb mit 30 Mitarbeitern",
        "unsere beschaeftigten sollen eine schulung machen",
        "Ich bin Inhaberin eines Pflegedienstes",
        "Wir haben 12 Leute, zahlt die Agentur?",
    ],
)
def test_writing_for_a_company_is_recognised(text: str) -> None:
    assert speaks_for_company(text)


@pytest.mark.parametrize(
    "text", ["Ich arbeite in einem Betrieb", "Mein Chef will, dass ich einen Kurs mache", "Ich bin angestellt"]
)
def test_an_employee_talking_about_work_is_not_an_employer(text: str) -> None:
    assert not speaks_for_company(text)


def test_asking_about_oneself_and_asking_for_a_definition() -> None:
    assert read("Habe ich Anspruch auf Bildungsurlaub?", CATALOGUE).about_self
    assert read("Steht mir ein Bildungsgutschein zu?", CATALOGUE).about_self
    assert read("Was ist ein Bildungsgutschein?", CATALOGUE).definition
    assert not read("Was ist ein Bildungsgutschein?", CATALOGUE).about_self


def test_a_plain_language_wish_with_a_question_keeps_the_question() -> None:
    reading = read("Bitte in einfacher Sprache: was ist ein Bildungsgutschein?", CATALOGUE)
    assert reading.plain and reading.named == ("bildungsgutschein",)
    assert asks_more_than_plain_language("Bitte in einfacher Sprache: was ist ein Bildungsgutschein?")
    assert asks_more_than_plain_language("Erklären Sie mir das Aufstiegs-BAföG in leichter Sprache")
    assert not asks_more_than_plain_language("Können Sie bitte in einfacher Sprache schreiben?")
    assert not asks_more_than_plain_language("einfache Sprache bitte")


def test_an_ordinary_word_that_is_also_an_alias_only_hints_at_the_programme() -> None:
    reading = read("Bekomme ich bei einer Umschulung extra Geld?", CATALOGUE)
    assert reading.named == () and reading.hinted == ("bildungsgutschein",)
