"""Rasa action server: thin adapters that read the tracker, call ``bot/`` and answer."""

from actions import server
from bot.logmask import install

install()  # Rasa imports this package first: no phone number or e-mail address reaches a log
server.register()  # only the Rasa server, with the shared secret, may call the actions
