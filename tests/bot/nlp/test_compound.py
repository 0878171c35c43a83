"""The second request in one message: who pays, and who the writer is when they ask it."""

from __future__ import annotations

import pytest

from bot.nlp.compound import asks_who_pays, employer_wants_it, funding_path
from bot.nlp.situation import situation_values


@pytest.mark.parametrize(
    "text",
    [
        "Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das? Ich wohne in Moers",
        "Staplerschein in Moers, wer bezahlt sowas?",
        "Gibt es für einen Excel-Kurs eine Förderung?",
        "kann ich das bezahlt bekommen",
        "Muss ich den Pflegekurs selber zahlen?",
        "wird das gefördert",
        "wer ubernimmt die kosten",
    ],
)
def test_a_question_about_money_beside_a_request_is_seen(text: str) -> None:
    assert asks_who_pays(text)


@pytest.mark.parametrize(
    "text", ["Staplerschein in Moers", "Was kostet ein Staplerschein?", "Excel-Kurs abends in Krefeld", "/affirm"]
)
def test_a_plain_search_or_a_price_question_asks_nothing_about_who_pays(text: str) -> None:
    assert not asks_who_pays(text)  # prices stand on the course cards


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("Mein Chef will, dass ich einen Staplerschein mache, wer zahlt das?", "employer_wants"),
        ("Mein Arbeitgeber verlangt einen Erste-Hilfe-Kurs, wer zahlt?", "employer_wants"),
        ("Ich bin arbeitslos gemeldet und suche einen Staplerschein, wer zahlt?", "unemployed"),
        ("ich krieg bürgergeld, wird der kurs gefördert?", "unemployed"),
        ("Ich bin angestellt, wird ein Excel-Kurs gefördert?", "employed"),
        ("Wir haben 30 Mitarbeiter, wer zahlt die Schulung?", "employer"),
        ("Staplerschein in Moers, wer zahlt das?", "unknown"),
    ],
)
def test_the_funding_part_fits_the_writer(text: str, path: str) -> None:
    assert funding_path(situation_values(text), employer_wants_it(text)) == path


def test_a_message_is_split_into_its_requests() -> None:
    from bot.nlp.compound import requests

    assert requests("Schweißen in Wesel? Und wie lange gilt der Bildungsgutschein?") == [
        "Schweißen in Wesel", "wie lange gilt der Bildungsgutschein"]  # fmt: skip
    assert requests("Ich suche einen SAP-Kurs in Moers und möchte wissen, wer das zahlt") == [
        "Ich suche einen SAP-Kurs in Moers", "möchte wissen, wer das zahlt"]  # fmt: skip
    assert requests("Ich suche einen Kurs für Buchhaltung und Steuern in Wesel") == [
        "Ich suche einen Kurs für Buchhaltung und Steuern in Wesel"]  # fmt: skip


def test_und_noch_was_with_a_colon_ends_a_request_but_not_a_wish_for_more() -> None:
    from bot.nlp.compound import requests

    assert requests("Ruft mich bitte an. Und noch was: gilt der Gutschein auch für Teilzeit?") == [
        "Ruft mich bitte an", "gilt der Gutschein auch für Teilzeit"]  # fmt: skip
    assert requests("habt ihr noch was günstigeres in Moers") == ["habt ihr noch was günstigeres in Moers"]


def test_english_requests_end_at_and_before_a_question_or_a_person() -> None:
    from bot.nlp.compound import asks_callback, requests

    assert requests("Two questions: is there an integration course in Dinslaken, and how much does it cost?") == [
        "Two questions: is there an integration course in Dinslaken", "how much does it cost"]
    assert requests("forklift course in Bottrop, and a person who can call me back") == [
        "forklift course in Bottrop", "a person who can call me back"]
    assert requests("1) how many Bildungsurlaub days do I have in NRW? 2) do you have seminars in Moers?") == [
        "how many Bildungsurlaub days do I have in NRW", "do you have seminars in Moers"]
    assert requests("I want welding and forklift courses in Wesel") == ["I want welding and forklift courses in Wesel"]
    assert asks_callback("a person who can call me back") and asks_callback("und jemand, der mich zurückruft")
    assert not asks_callback("forklift course in Bottrop")


@pytest.mark.parametrize(
    ("text", "only_callback"),
    [
        ("Bitte um Rückruf wegen einer Umschulung zur Pflegefachkraft", True),
        ("könnt ihr mich zurückrufen, es geht um den Bildungsurlaub. Danke", True),
        ("bitte anrufen mich, schreiben schwer", True),
        ("Ruft mich an wegen Meister-BAföG", True),
        ("Kann mich jemand anrufen?", False),  # a question: the classifier reads it
        ("Ich suche einen Excelkurs in Wesel und bitte ruft mich zurück", False),  # the search answers, then the offer
        ("Ich möchte keinen Rückruf", False),
        ("bitte nicht anrufen, lieber eine Mail", False),
    ],
)
def test_a_message_that_only_asks_to_be_called(text: str, only_callback: bool) -> None:
    from bot.nlp.compound import asks_only_to_be_called

    assert asks_only_to_be_called(text) is only_callback


def test_cancelling_a_callback_is_no_wish_to_be_called() -> None:
    from bot.nlp.compound import asks_only_to_be_called

    assert not asks_only_to_be_called("den Rückruf bitte absagen, hat sich erledigt")
    assert not asks_only_to_be_called("Rückruf stornieren")


def test_a_callback_with_a_second_request_beside_it_is_not_only_a_callback() -> None:
    from bot.nlp.compound import asks_only_to_be_called

    assert not asks_only_to_be_called("Bitte einen Rückruf und außerdem die Adresse der Beratungsstelle in Moers")
