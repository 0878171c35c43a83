"""Custom Rasa channel connectors: one connector per module, each with ``name()`` and ``blueprint()``.

Referenced from ``credentials.yml`` by their module path, e.g. ``channels.twilio.WhatsAppInput``.
"""
