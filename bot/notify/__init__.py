"""Notifications to counselling centres about new callbacks and handovers (e-mail, webhook).

The bot only writes to an outbox table (``outbox.enqueue_for``); delivery happens elsewhere
(``delivery.deliver_due``, run by the advisor app or ``lotse notify send``), so a slow or broken
mail server never blocks a conversation and no notification is lost while it is down.
"""
