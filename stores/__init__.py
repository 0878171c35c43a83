"""Rasa server-side extensions: the tracker store (and Rasa fixes it applies) and the lock store.

Rasa loads them by module path from the endpoints file (``type: stores.<module>.<Class>``);
nothing in ``bot/`` or ``actions/`` imports them.
"""
