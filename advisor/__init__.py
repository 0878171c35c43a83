"""The advisors' inbox: a small web app where counselling centres work through callbacks and handovers.

Rasa-free like ``bot/``; it reads and writes the same offer database. Start with
``python -m advisor --host 127.0.0.1 --port 8090``.
"""
