"""Counselling centres, the nationwide numbers and a cancellation in English (issue 21): what an
English citizen reads has no German label, hint or note around the German names and addresses."""

from __future__ import annotations

import re

from actions.callback import ActionCancelCallback
from actions.centres import ActionCounsellingCentres
from tests.actions.conftest import make_tracker, run, texts

#: German words of the labels and notes around the data (the names of centres stay German).
GERMAN_LABELS = re.compile(r"Telefon:|E-Mail:|Adresse:|Öffnungszeiten|nicht geprüft|nicht bestätigt|Quelle|Stand |Uhr")


def test_the_centres_of_a_town_are_shown_with_english_labels(demo_db: str) -> None:
    tracker = make_tracker(text="Where can I get advice in Krefeld?", intent="ask_counselling",
                           slots={"language": "en", "place": "Krefeld"})  # fmt: skip
    _, messages = run(ActionCounsellingCentres(), tracker)
    said = texts(messages)
    assert "Agentur für Arbeit Krefeld\nKrefeld\nPhone: 0800 4 5555 00 (service line of the Bundesagentur" in said
    assert "Opening hours: ⚠️ not checked – please look at the website before you visit" in said
    assert "0800 4 5555 00, Mon–Fri 8 am–6 pm, free of charge (source: arbeitsagentur.de/kontakt" in said
    assert "⚠️ not confirmed – Federal information line on continuing education counselling" in said
    assert not GERMAN_LABELS.search(said), said


def test_the_centres_stay_german_for_a_german_conversation(demo_db: str) -> None:
    tracker = make_tracker(text="Beratung in Krefeld", intent="ask_counselling", slots={"place": "Krefeld"})
    said = texts(run(ActionCounsellingCentres(), tracker)[1])
    assert "Telefon: 0800 4 5555 00 (Servicetelefon der Bundesagentur für Arbeit, Mo–Fr 8–18 Uhr, kostenfrei)" in said
    assert "Öffnungszeiten: ⚠️ nicht geprüft" in said


def test_a_cancellation_without_our_reference_asks_for_it_and_says_what_for(demo_db: str) -> None:
    tracker = make_tracker(text="Please cancel my callback, my number is AB-12", intent="cancel_callback",
                           slots={"language": "en"})  # fmt: skip
    said = texts(run(ActionCancelCallback(), tracker)[1])
    assert said == "To cancel your callback, I need its reference number. It starts with „WL-“, for example WL-ABC234."
