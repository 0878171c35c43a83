"""The language component on real Rasa messages: the entity every time, the intent only for first help."""

from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from components.language_detector import LanguageDetector

DETECTOR = LanguageDetector({})


def parse(text: str, intent: str = "search_course") -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.6}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": 0.6}], add_to_output=True)
    message.set("entities", [{"entity": "place", "value": "Bottrop", "start": 0, "end": 7}], add_to_output=True)
    DETECTOR.process([message])
    return message


def language_of(message: Message) -> list[str]:
    return [e["value"] for e in message.get("entities") if e["entity"] == "language"]


def test_an_arabic_message_becomes_first_help_in_arabic() -> None:
    message = parse("مرحبا، أنا من سوريا وأعيش في بوتروب. أحتاج دورة لغة ألمانية للعمل.")
    assert message.get("intent")["name"] == "first_help"
    assert message.get("intent_ranking")[0]["overridden_by"] == "language"
    assert message.get("intent_ranking")[1]["name"] == "search_course"  # what the NLU thought stays visible
    assert language_of(message) == ["ar"]
    assert [e["entity"] for e in message.get("entities")] == ["place", "language"]


def test_a_german_sentence_keeps_its_intent_and_says_german() -> None:
    message = parse("Ich suche einen Online-Kurs für Coaching in Krefeld")
    assert message.get("intent")["name"] == "search_course"
    assert language_of(message) == ["de"]


def test_a_short_message_changes_nothing() -> None:
    message = parse("Job in Krefeld")
    assert message.get("intent")["name"] == "search_course"
    assert language_of(message) == []


def test_asking_for_english_is_a_language_choice() -> None:
    message = parse("English please", intent="nlu_fallback")
    assert message.get("intent")["name"] == "choose_language"
    assert language_of(message) == ["en"]


def test_first_help_languages_come_from_the_config() -> None:
    without_english = LanguageDetector({"first_help_languages": ["ar"]})
    assert without_english.read("Where is the Jobcenter in Bottrop?") == ("en", None)
    assert without_english.read("Привет, я ищу курс немецкого языка") == ("ru", None)


def test_beginners_german_switches_plain_language_on_and_keeps_the_intent() -> None:
    message = parse("ich suchen deutsch kurs")
    assert message.get("intent")["name"] == "search_course"
    assert [(e["entity"], e["value"]) for e in message.get("entities")][1:] == [
        ("language", "de"),
        ("plain_language", True),
    ]
    assert not [e for e in parse("Ich suche einen Deutschkurs in Bottrop").get("entities") if e["value"] is True]


def test_an_english_course_search_the_nlu_understood_keeps_its_intent() -> None:
    message = Message(data={"text": "do you have welding courses in Wesel?"})
    message.set("intent", {"name": "search_course", "confidence": 0.83}, add_to_output=True)
    message.set("entities", [{"entity": "topic", "value": "welding"}], add_to_output=True)
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "search_course"
    assert language_of(message) == ["en"]


def test_an_english_question_without_topic_gets_first_help_even_if_the_nlu_guessed_a_search() -> None:
    message = parse("I studied nursing in Nigeria. Can my degree be recognised so that I can work here?")
    assert message.get("intent")["name"] == "first_help"


def test_a_classifier_guess_of_a_language_intent_without_the_rules_falls_back_to_its_next_guess() -> None:
    message = Message(data={"text": "Rückruf bitte"})
    message.set("intent", {"name": "choose_language", "confidence": 0.6}, add_to_output=True)
    message.set("intent_ranking", [{"name": "choose_language", "confidence": 0.6},
                                   {"name": "request_callback", "confidence": 0.3}], add_to_output=True)
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "request_callback"


def sure(text: str, intent: str, confidence: float) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    DETECTOR.process([message])
    return message


def test_an_english_message_the_classifier_is_sure_of_keeps_its_intent() -> None:
    assert sure("Can someone call me back tomorrow morning?", "request_callback", 0.97).get("intent")["name"] == (
        "request_callback"
    )
    assert sure("Can someone help me tomorrow morning?", "request_callback", 0.5).get("intent")["name"] == (
        "first_help"
    )
    # ... but a wish to be called, in so many words, is a callback however unsure the classifier is
    assert sure("Can someone call me back tomorrow morning?", "request_callback", 0.5).get("intent")["name"] == (
        "request_callback"
    )
    # A greeting or an unclear message is first help, however sure the classifier is.
    assert sure("Hello, good morning to you all", "greet", 0.99).get("intent")["name"] == "first_help"


def test_an_english_question_below_the_fallback_threshold_keeps_the_classifiers_best_real_intent() -> None:
    """ "Can I take Bildungsurlaub?" was nlu_fallback, and got the first-help text instead of the answer."""
    message = Message(data={"text": "I'm a civil servant teacher in Hesse. Can I take Bildungsurlaub?"})
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "check_eligibility", "confidence": 0.35}]
    message.set("intent", ranking[0], add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
    message.set("entities", [{"entity": "programme", "value": "bildungsurlaub", "start": 0, "end": 1}],
                add_to_output=True)  # fmt: skip
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "check_eligibility"
    assert language_of(message) == ["en"]


def test_an_english_question_naming_a_programme_by_its_gloss_goes_to_the_funding_answer() -> None:
    message = Message(data={"text": "What's the income limit for the recognition grant?"})
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "greet", "confidence": 0.2}]
    message.set("intent", ranking[0], add_to_output=True)
    message.set("intent_ranking", ranking, add_to_output=True)
    message.set("entities", [], add_to_output=True)
    DETECTOR.process([message])
    assert message.get("intent")["name"] == "ask_funding_programme"
    assert language_of(message) == ["en"]


def test_a_one_word_english_greeting_is_answered_in_english() -> None:
    message = sure("hello", "greet", 0.95)
    assert language_of(message) == ["en"]
    assert language_of(sure("Hallo", "greet", 0.95)) == []  # German, as always when unclear


def test_an_english_faq_naming_a_programme_by_its_gloss_keeps_its_intent() -> None:
    assert sure("Do I get any money back if I pass the integration course?", "faq", 0.63).get("intent")["name"] == "faq"


def english(text: str, intent: str, confidence: float, entities: list[dict] | None = None) -> Message:
    """An English message as the classifier left it (its intent and confidence), after the detector."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence}, add_to_output=True)
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}], add_to_output=True)
    message.set("entities", list(entities or []), add_to_output=True)
    DETECTOR.process([message])
    return message


def test_a_german_answer_in_an_english_form_does_not_switch_the_conversation() -> None:
    # "weiß ich nicht" is known to every learner; names of German qualifications and places are names
    for text in ("weiß ich nicht", "staatlich geprüfter Techniker", "Küchenmeister at the IHK", "Hesse, Bad Wildungen",
                 "yes, Fachkraft für Lagerlogistik"):
        assert language_of(parse(text, intent="inform")) == [], text
    assert language_of(parse("Ich suche einen Online-Kurs für Coaching in Krefeld")) == ["de"]


def test_follow_ups_of_an_english_search_keep_their_intent() -> None:
    # the first-help text would be no answer to "show me the next ones" after a list of courses
    assert english("show me the next ones", "show_more", 0.5).get("intent")["name"] == "show_more"
    assert english("is there a cheaper one?", "refine_search", 0.5).get("intent")["name"] == "refine_search"
    assert english("hello there, good day", "greet", 0.9).get("intent")["name"] == "first_help"


def test_an_employer_asking_about_money_in_english_gets_the_funding_answer() -> None:
    employer = [{"entity": "speaker", "value": "employer", "start": 0, "end": 5}]
    text = "We run a bakery with 20 staff. Does anyone pay when our people go on long courses?"
    assert english(text, "search_course", 0.95, employer).get("intent")["name"] == "ask_funding_programme"
    assert (
        english("We run a bakery. Any welding courses?", "search_course", 0.95, employer).get("intent")["name"]
        == "search_course"
    )


def test_a_programme_and_can_i_get_is_no_course_search() -> None:
    text = "With my bachelor, can I get Aufstiegs-BAföG for a Fachwirt course?"
    assert english(text, "search_course", 0.7).get("intent")["name"] == "ask_funding_programme"


def test_an_english_wish_to_be_called_or_for_a_service_line_is_that_request() -> None:
    """ "Could an advisor ring me about …?" was the FAQ of the topic; "what is the helpline number?" first help."""
    assert sure("Can somebody ring me about the Bildungsgutschein?", "faq", 0.6).get("intent")["name"] == (
        "request_callback"
    )
    assert sure("what is the helpline number of the Arbeitsagentur?", "nlu_fallback", 0.45).get("intent")[
        "name"
    ] == "ask_counselling"


def test_an_english_question_whether_i_qualify_for_a_programme_is_an_eligibility_question() -> None:
    """Where no fact answers a detail in it, the check does, not "I have no reliable information"."""
    said = sure("Can I get Aufstiegs-BAföG for an evening Meister course?", "ask_funding_programme", 0.6)
    assert said.get("intent")["name"] == "check_eligibility"


def test_an_english_course_wish_asking_who_pays_goes_to_the_funding_answer() -> None:
    said = sure("My firm would like me to take a welding course. Is there any funding?", "search_course", 0.9)
    assert said.get("intent")["name"] == "ask_funding_programme"
    said = sure("welding course in Wesel, who has one?", "search_course", 0.9)
    assert said.get("intent")["name"] == "search_course"


def test_a_place_says_nothing_about_the_language() -> None:
    """ "bad" of Bad Wildungen made an English search German; the NLU's place entity is left out."""
    message = Message(data={"text": "elderly care classes bad wildungen"})
    message.set("intent", {"name": "search_course", "confidence": 0.9}, add_to_output=True)
    message.set("entities", [{"entity": "place", "value": "Bad Wildungen", "start": 21, "end": 34}],
                add_to_output=True)
    DETECTOR.process([message])
    assert {"entity": "language", "value": "en"}.items() <= next(
        e for e in message.get("entities") if e["entity"] == "language"
    ).items()


def found(message: Message) -> list[tuple[str, object]]:
    return [(e["entity"], e["value"]) for e in message.get("entities") if e["entity"] != "language"]


def test_english_filter_words_become_the_entities_the_german_ones_give() -> None:
    assert found(english("evening only pls", "nlu_fallback", 0.45)) == [("schedule", "abends")]
    assert found(english("Are there part-time courses in person?", "search_course", 0.9)) == [
        ("schedule", "teilzeit"), ("course_format", "praesenz")]
    assert found(parse("Ich suche einen Kurs am Abend")) == [("place", "Bottrop")]  # German: the CRF's business


def test_an_english_topic_takes_the_english_topic_word_before_it() -> None:
    message = english("project management course online", "search_course", 0.9,
                      [{"entity": "topic", "value": "management", "start": 8, "end": 18}])
    assert ("topic", "project management") in found(message)


def test_an_english_wish_for_a_person_or_about_data_gets_that_answer() -> None:
    story = ("my situation is complicated: I'm self-employed and my wife gets Bürgergeld. I want a training but "
             "I don't know what is allowed. can a human advisor look at this?")
    assert english(story, "ask_funding_programme", 0.99).get("intent")["name"] == "request_human"
    privacy = english("what data do you store about me? and please delete it after", "nlu_fallback", 0.45)
    assert privacy.get("intent")["name"] == "ask_data_protection"


def test_an_english_detail_question_about_a_programme_gets_the_facts_not_the_check() -> None:
    detail = english("Bildungsscheck 2.0 – how much money do I get and which documents do I need?",
                     "ask_funding_programme", 0.99)
    assert detail.get("intent")["name"] == "ask_funding_programme"
    assert english("Can I get the Bildungsscheck 2.0?", "ask_funding_programme", 0.9).get("intent")["name"] == (
        "check_eligibility")


def test_a_course_wish_beside_a_wish_to_be_called_stays_a_search() -> None:
    topic = [{"entity": "topic", "value": "forklift", "start": 24, "end": 32}]
    both = english("Please I need 2 things: forklift course in Bottrop, and a person who can call me back",
                   "search_course", 0.66, topic)
    assert both.get("intent")["name"] == "search_course"
    alone = english("Can someone call me back about the forklift course?", "search_course", 0.66, topic)
    assert alone.get("intent")["name"] == "request_callback"


def test_an_english_employer_asking_for_support_gets_the_funding_answer() -> None:
    text = ("We're an IT company in Krefeld with 45 employees. Can we get support from the Arbeitsagentur for "
            "training our developers in cloud architecture?")
    entities = [{"entity": "speaker", "value": "employer"}, {"entity": "topic", "value": "IT", "start": 9, "end": 11}]
    assert english(text, "search_course", 0.94, entities).get("intent")["name"] == "ask_funding_programme"


def test_an_english_question_how_a_degree_is_recognised_gets_first_help() -> None:
    story = "I'm an engineer from India with a Bachelor's degree. What are the steps for my degree?"
    assert english(story, "ask_funding_programme", 0.79).get("intent")["name"] == "first_help"
    accepted = english("I have a nursing diploma from Nigeria, is it accepted in Germany?", "faq", 0.09)
    assert accepted.get("intent")["name"] == "first_help"
    grant = english("Can I get the recognition grant for my degree?", "ask_funding_programme", 0.9)
    assert grant.get("intent")["name"] == "check_eligibility"  # a programme named: not first help
    told = english("I lost my job, my diploma is recognised in Germany. Who can pay for a DATEV course?",
                   "ask_funding_programme", 0.99)
    assert told.get("intent")["name"] == "ask_funding_programme"
