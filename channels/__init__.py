"""Custom Rasa channel connectors: one connector per module, each with ``name()`` and ``blueprint()``.

Referenced from ``credentials.yml`` by their module path, e.g. ``channels.twilio.WhatsAppInput``.
The Rasa server imports this package before its app exists, so it masks the server's logs here.
"""

from bot.logmask import install

install()  # no phone number or e-mail address in the Rasa server's logs
