"""Rasa's pluggable stores: the windowed tracker store, the lock store, the event broker, the NLG.

Rasa loads them by module path from the endpoints file (``type: stores.<module>.<Class>``);
nothing in ``bot/`` or ``actions/`` imports them. Importing them changes nothing in Rasa: every change
to Rasa's internals is in ``rasa_ext/``, installed by the entry point (``rasa_ext/command.py``).
"""
