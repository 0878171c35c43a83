"""The funding router on real Rasa messages: misread funding questions and style wishes (issue 17)."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.training_data.message import Message

from components.funding_router import FundingRouter

ROUTER = FundingRouter({})


def parse(
    text: str, intent: str, ranking: list[tuple[str, float]] | None = None, entities: tuple[str, ...] = ()
) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.5}, add_to_output=True)
    ranked = [{"name": n, "confidence": c} for n, c in (ranking or [(intent, 0.5)])]
    message.set("intent_ranking", ranked, add_to_output=True)
    message.set("entities", [{"entity": e, "value": "x", "start": 0, "end": 1} for e in entities], add_to_output=True)
    ROUTER.process([message])
    return message


def intent(message: Message) -> str:
    return message.get("intent")["name"]


def plain(message: Message) -> list[Any]:
    return [e["value"] for e in message.get("entities") if e["entity"] == "plain_language"]


def test_a_programme_named_in_a_misread_message_goes_to_the_funding_answer() -> None:
    for text, misread in (("§82 was ist das", "course_details"), ("Infos zum BGS", "course_details"),
                          ("was bringt § 82 SGB III", "out_of_scope"), ("Hallo, was ist AFBG?", "greet")):  # fmt: skip
        message = parse(text, misread)
        assert intent(message) == "ask_funding_programme", text
        assert message.get("intent_ranking")[0]["overridden_by"] == "funding"
        assert message.get("intent_ranking")[1]["name"] == misread  # what the classifier thought stays visible


def test_a_funding_detail_without_a_programme_name_is_rerouted_from_the_fallback() -> None:
    assert intent(parse("Werden Kinderbetreuungskosten übernommen?", "nlu_fallback")) == "ask_funding_programme"


def test_answers_in_a_form_are_left_alone() -> None:
    for text, read_as in (("ich bin 45", "inform"), ("Ja, ich habe einen Bildungsgutschein", "affirm"),
                          ("seit 3 Jahren", "inform"), ("nein", "deny")):  # fmt: skip
        assert intent(parse(text, read_as)) == read_as, text


def test_a_question_with_a_detail_in_inform_is_a_funding_question() -> None:
    assert intent(parse("gibt es eine altersgrenze beim meister bafög", "inform")) == "ask_funding_programme"


def test_an_employers_question_read_as_faq_goes_to_the_funding_answer_and_a_citizens_faq_stays() -> None:
    assert intent(parse("Als Arbeitgeber: muss ich Bildungsurlaub gewähren?", "faq")) == "ask_funding_programme"
    assert intent(parse("Bildungsurlaub – was ist das eigentlich", "faq")) == "faq"


def test_a_detail_of_a_programme_read_as_its_faq_goes_to_the_funding_answer() -> None:
    assert intent(parse("Bildungsurlaub in Hessen: wie lange vorher muss ich ihn beantragen?", "faq")) == (
        "ask_funding_programme")  # fmt: skip
    assert intent(parse("Wie viele Tage Bildungsurlaub habe ich?", "faq")) == "ask_funding_programme"
    assert intent(parse("Was ist Bildungsurlaub?", "faq")) == "faq"


def test_plain_language_with_a_question_keeps_the_question_and_switches_the_style() -> None:
    message = parse("Bitte in einfacher Sprache: was ist ein Bildungsgutschein?", "request_plain_language")
    assert intent(message) == "ask_funding_programme" and plain(message) == [True]
    message = parse("In leichter Sprache bitte: ich suche einen Deutschkurs in Moers", "request_plain_language",
                    [("request_plain_language", 0.6), ("search_course", 0.3)])  # fmt: skip
    assert intent(message) == "search_course" and plain(message) == [True]
    message = parse("Bitte in einfacher Sprache: ich suche einen Deutschkurs in Moers", "request_plain_language",
                    [("request_plain_language", 0.96)], entities=("topic", "place"))  # fmt: skip
    assert intent(message) == "search_course" and plain(message) == [True]


def test_a_plain_language_wish_alone_stays_a_wish() -> None:
    message = parse("Können Sie bitte in einfacher Sprache schreiben?", "request_plain_language")
    assert intent(message) == "request_plain_language" and plain(message) == []


def test_a_button_payload_is_never_rerouted() -> None:
    assert intent(parse('/course_details{"ordinal": "1"}', "course_details")) == "course_details"


def test_an_employers_question_read_as_a_course_search_goes_to_the_funding_answer() -> None:
    """Sentences of this test are not in the training data; they describe a firm, then ask a right."""
    for text, found in (
        ("Friseursalon in Voerde, 4 Angestellte. Eine Kollegin will Bildungsurlaub für ein Farbseminar, "
         "muss ich sie freistellen?", ("topic", "place")),
        ("Unser Geselle möchte Bildungsurlaub nehmen, dürfen wir das ablehnen?", ()),
    ):  # fmt: skip
        assert intent(parse(text, "search_course", entities=found)) == "ask_funding_programme", text


def test_a_course_search_naming_a_programme_stays_a_course_search() -> None:
    for text, found in (("Ich suche einen Bildungsurlaub in Xanten", ("place",)),
                        ("Gibt es Kurse mit Bildungsgutschein in Bottrop?", ("place",)),
                        ("Buchhaltung mit Bildungsgutschein in Wesel?", ("topic", "place")),
                        ("Wir wollen zwei Mitarbeiter in SAP schulen, wird das gefördert?", ("topic",))):  # fmt: skip
        assert intent(parse(text, "search_course", entities=found)) == "search_course", text


def test_an_out_of_scope_reading_of_a_message_with_a_course_topic_is_a_search() -> None:
    wish = parse("Ich würde gern mein Englisch für den Job verbessern. Wohne in Moers.", "out_of_scope",
                 entities=("topic", "place"))  # fmt: skip
    assert intent(wish) == "search_course"
    assert intent(parse("Kannst du meine Steuererklärung machen?", "out_of_scope")) == "out_of_scope"


def test_two_programmes_compared_in_a_faq_reading_go_to_the_funding_answer() -> None:
    """The FAQ text of one programme would leave the other out; "Bildungsurlaub" is one programme here."""
    asked = "Einfach erklärt bitte: Was ist der Unterschied zwischen Integrationskurs und Berufssprachkurs?"
    assert intent(parse(asked, "faq")) == "ask_funding_programme"
    assert intent(parse("Was ist der Unterschied beim Bildungsurlaub?", "faq")) == "faq"


def test_a_story_that_asks_who_pays_goes_to_the_funding_answer_unless_a_citizen_names_the_town() -> None:
    """A course search would ask the town first and lose the question (issue 17); sentences not in the data."""
    for text, found in (
        ("Bin 34, gelernte Bäckerin, möchte die Meisterschule in Vollzeit besuchen. Wovon soll ich solange leben?",
         ("topic",)),
        ("Ich bin seit März ohne Job und hab nie was gelernt. Ich will Berufskraftfahrer werden, wer bezahlt sowas?",
         ()),
        ("Wir sind eine kleine Tischlerei mit 9 Leuten. Zwei Gesellen sollen eine lange CNC-Weiterbildung machen. "
         "Gibt es da Zuschüsse von der Agentur?", ("place",)),
    ):  # fmt: skip
        assert intent(parse(text, "search_course", entities=found)) == "ask_funding_programme", text
    stays = "Ich suche einen Schweißkurs in Wesel, wer bezahlt sowas?"
    assert intent(parse(stays, "search_course", entities=("topic", "place"))) == "search_course"


def test_plain_language_with_who_pays_asks_who_pays_not_for_courses() -> None:
    # The topic entity beside the wish made it a course search: "Wo wohnen Sie?" and no word on money.
    message = parse("Einfache Sprache bitte. Wer zahlt den Deutschkurs für die Arbeit?", "request_plain_language",
                    [("request_plain_language", 0.9)], entities=("topic",))  # fmt: skip
    assert intent(message) == "ask_funding_overview" and plain(message) == [True]


def test_a_programme_to_be_explained_plainly_for_someone_else_is_explained_not_checked() -> None:
    message = parse("Bitte in leichter Sprache das Meister-BAföG, meine Mutter überlegt das", "check_eligibility",
                    [("check_eligibility", 0.6)])  # fmt: skip
    assert intent(message) == "ask_funding_programme" and plain(message) == [True]
    message = parse("Kann ich Aufstiegs-BAföG bekommen? Bitte in einfacher Sprache", "check_eligibility",
                    [("check_eligibility", 0.8)])  # fmt: skip
    assert intent(message) == "check_eligibility"  # about oneself: the check, in plain language


def test_a_detail_a_faq_text_does_not_say_goes_to_the_funding_answer() -> None:
    text = "Wie viel Prämie gibt es für die bestandene Abschlussprüfung meiner Umschulung?"
    assert intent(parse(text, "faq")) == "ask_funding_programme"


def test_a_message_that_only_asks_to_be_called_is_the_callback_whatever_it_names() -> None:
    message = parse("Bitte um Rückruf wegen Förderung nach § 82 für unsere Mitarbeiterin", "ask_funding_programme")
    assert intent(message) == "request_callback"
    message = parse("bitte anruf mich, schreiben ist schwer für mich", "request_plain_language")
    assert intent(message) == "request_callback"
    message = parse("Staplerkurs in Moers und bitte ruft mich zurück", "search_course")
    assert intent(message) == "search_course"


def test_whether_one_qualifies_read_as_faq_or_search_goes_to_the_funding_answer() -> None:
    assert intent(parse("Bildungsurlaub – klappt das bei mir?", "faq")) == "ask_funding_programme"
    text = "Ich bin Azubi in Wesel. Kann ich Bildungsurlaub für einen Englischkurs nehmen?"
    assert intent(parse(text, "search_course", entities=("place",))) == "ask_funding_programme"
    both = "Englischkurs in Wesel gesucht, und kann ich dafür Bildungsurlaub nehmen?"
    assert intent(parse(both, "search_course", entities=("topic", "place"))) == "search_course"
    assert intent(parse("geht das mit bildungsgutschein?", "refine_search")) == "refine_search"


def test_a_faq_reading_of_a_message_that_asks_nothing_but_names_a_town_is_a_course_search() -> None:
    message = parse("Integrationskurs in Moers", "faq", entities=("place",))
    assert intent(message) == "search_course"
    message = parse("Berufssprachkurs C1 Medizin online", "faq", entities=("topic", "course_format"))
    assert intent(message) == "search_course"
    message = parse("Was kostet ein Integrationskurs in Moers?", "faq", entities=("place",))
    assert intent(message) != "search_course"  # a question: its answer, not a list
    assert intent(parse("Infos zum Integrationskurs", "faq")) == "faq"


def test_a_wish_for_advice_in_ones_own_words_gets_the_centres() -> None:
    story = "Seit Jahren im Verkauf, ich will was anderes, weiß aber nicht was. Wo finde ich eine kostenlose Beratung?"
    assert intent(parse(story, "ask_funding_programme")) == "ask_counselling"
    assert intent(parse("keine ahnung was ich beruflich will, wer hilft mir da?", "complain")) == "ask_counselling"
    assert intent(parse("Ist die Beratung kostenlos?", "faq")) != "ask_counselling"
