"""The linear FAQ selector picks the right answer and survives being saved into a model and loaded."""

from __future__ import annotations

from pathlib import Path

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.retrieval_selector import RetrievalSelector

EXAMPLES = {
    "faq/kosten": ["was kostet ein kurs", "wie teuer ist das", "muss ich etwas bezahlen", "kosten der weiterbildung"],
    "faq/dauer": ["wie lange dauert ein kurs", "wie viele wochen", "dauer der weiterbildung", "wie lange geht das"],
    "faq/online": ["gibt es das auch online", "kann ich von zu hause lernen", "online kurs", "fernunterricht"],
    "chitchat/wetter": ["wie ist das wetter", "regnet es heute"],
    "chitchat/name": ["wie heißt du", "wer bist du"],
}
RESPONSES = {f"utter_{key}": [{"text": f"Antwort zu {key}"}] for key in EXAMPLES}


def pipeline(tmp_path: Path) -> tuple[WhitespaceTokenizer, CountVectorsFeaturizer, LocalModelStorage, ExecutionContext]:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cvf"), context
    )
    return tokenizer, featurizer, storage, context


def message(text: str, tokenizer: WhitespaceTokenizer, featurizer: CountVectorsFeaturizer) -> Message:
    msg = Message(data={"text": text})
    tokenizer.process([msg])
    featurizer.process([msg])
    return msg


def test_selects_the_answer_per_retrieval_intent_after_save_and_load(tmp_path: Path) -> None:
    tokenizer, featurizer, storage, context = pipeline(tmp_path)
    data = TrainingData(
        training_examples=[
            Message(data={"text": text, "intent": key.split("/")[0], "intent_response_key": key})
            for key, texts in EXAMPLES.items()
            for text in texts
        ]
        + [Message(data={"text": "ich suche einen kurs in krefeld", "intent": "search_course"})],
        responses=RESPONSES,
    )
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    resource = Resource("selector")
    RetrievalSelector.create({}, storage, resource, context).train(data)

    selector = RetrievalSelector.load({}, storage, resource, context)
    msg = message("was kostet die weiterbildung", tokenizer, featurizer)
    selector.process([msg])
    selected = msg.get("response_selector")

    assert selected["all_retrieval_intents"] == ["chitchat", "faq"]
    faq = selected["faq"]["response"]
    assert faq["intent_response_key"] == "faq/kosten"
    assert faq["utter_action"] == "utter_faq/kosten"  # what Rasa's utter_faq action looks up
    assert selected["faq"]["ranking"][0]["intent_response_key"] == "faq/kosten"
    assert selected["chitchat"]["response"]["intent_response_key"] in ("chitchat/wetter", "chitchat/name")

    online = message("geht das auch online von zu hause", tokenizer, featurizer)
    selector.process([online])
    assert online.get("response_selector")["faq"]["response"]["intent_response_key"] == "faq/online"
