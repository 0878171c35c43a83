"""``Domain.is_empty`` answered once per domain object.

``Domain.is_empty`` turns the whole domain into a dict and compares it with an empty domain's,
and the processor asks it for every message before checking the message's intent and entities
against the domain (1.5 % of a replica's CPU, docs/performance.md). The server's domain does not
change while it is loaded (a new model brings a new Domain object), so the answer is kept on the
domain object.
"""

from __future__ import annotations

from rasa.shared.core.domain import Domain

from rasa_ext.patching import replace

_IS_EMPTY = "_lotse_is_empty"
#: Rasa's own ``is_empty``, asked once per domain object.
_domain_is_empty = Domain.is_empty


def is_empty(self: Domain) -> bool:
    found = self.__dict__.get(_IS_EMPTY)
    if found is None:
        found = self.__dict__[_IS_EMPTY] = _domain_is_empty(self)
    return found


def install() -> None:
    replace(Domain, "is_empty", is_empty)
