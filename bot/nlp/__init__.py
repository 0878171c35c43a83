"""German language processing that does not depend on Rasa."""
