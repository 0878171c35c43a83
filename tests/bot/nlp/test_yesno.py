"""Yes or no from a citizen's own words at a confirmation: a wrong yes would store data without consent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.nlp.yesno import NO_WORDS, YES_PHRASES, YES_WORDS, read_echo, read_yes_no


@pytest.mark.parametrize(
    "answer",
    [
        "ja",
        "Ja, eintragen",
        "passt so",
        "alles richtig",
        "jo",
        "ok",
        "In Ordnung",
        "ja gerne",
        "👍",
        "ja kein Problem",
        "einverstanden",
        "genau so",
        "Jaaa bitte",
    ],
)
def test_a_yes_in_many_words(answer: str) -> None:
    assert read_yes_no(answer) is True


@pytest.mark.parametrize(
    "answer",
    [
        "nein",
        "nee lass mal",
        "lieber nicht",
        "Nein, nicht eintragen",
        "passt nicht",
        "stimmt nicht",
        "nicht einverstanden",
        "auf keinen Fall",
        "nö",
        "👎",
    ],
)
def test_a_no_in_many_words(answer: str) -> None:
    assert read_yes_no(answer) is False


@pytest.mark.parametrize(
    "answer",
    [
        "blablub",
        "xyzzy",
        "Was hatte ich nochmal angegeben?",
        "Zeig mir meine Angaben",
        "weiß nicht",
        "keine Ahnung",
        "ja aber nicht morgen",
        "",
        "???",
        "Ich wollte eigentlich nur wissen, ob der Kurs auch am Wochenende stattfindet, ja oder nein?",
    ],
)
def test_anything_unclear_is_asked_again(answer: str) -> None:
    assert read_yes_no(answer) is None


words = st.sampled_from(sorted(YES_WORDS | NO_WORDS | {"bitte", "so", "das", "morgen", "aber", "ich", "mal"}))


@given(st.lists(words, min_size=1, max_size=6))
def test_no_word_without_a_leading_yes_is_never_read_as_yes(answer: list[str]) -> None:
    if answer[0] not in YES_WORDS and set(answer) & NO_WORDS:
        assert read_yes_no(" ".join(answer)) is not True


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_text_without_any_yes_word_is_never_a_yes(answer: str) -> None:
    from bot.search.text import fold

    folded = f" {fold(answer)} "
    if (
        not any(f" {w} " in folded for w in YES_WORDS)
        and not any(e in answer for e in "👍✅👌")
        and not any(p in folded for p in YES_PHRASES)  # "machen sie das" was missing from a list kept by hand
    ):
        assert read_yes_no(answer) is not True


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("civil_servant", "bin kein Beamter, normal angestellt", False),
        ("civil_servant", "ich bin Soldat", True),
        ("course_recognised_nw", "it is recognised in NRW, says the website", True),
        ("course_recognised_nw", "the provider says it's not recognised", False),
        ("course_azav", "der Träger ist AZAV zertifiziert", True),
        ("course_azav", "Ist das dasselbe wie AZAV?", None),  # a question back
        ("course_recognised_he", "weiß nicht, ob der anerkannt ist", None),
        ("course_recognised_he", "der Kurs ist in Korbach", None),  # nothing of what is asked
        ("employment_status", "ich bin Beamter", None),  # no yes/no question
    ],
)
def test_an_answer_that_repeats_the_question_is_read(question: str, text: str, expected: bool | None) -> None:
    assert read_echo(question, text) is expected
