"""This bot's ``rasa`` command: the Rasa server, training and the action server with the import
order and Rasa's patches.

``python -m rasa_ext.command <rasa arguments>`` is the ``rasa`` command with both; the container
image (deploy/Dockerfile) has it as its entry point and scripts/serve.py runs Rasa (server and
training) through it. It is the one place that installs this bot's changes to Rasa's internals
(``rasa_ext.install``, see the registry there): for ``rasa run``, ``rasa train`` and
``rasa run actions`` each the patches of that process; ``LOTSE_RASA_PATCHES=0`` none.

After installing, it writes one line to stderr, ``rasa_ext live: {"process": ..., "live": ...}``:
the patches in effect in this process and the targets each holds (``rasa_ext.live``), which the
end-to-end tests compare with the registry (tests/e2e/test_rasa_ext_live.py).

Import order: on import, skops (which stores and loads the intent classifier) looks up ~760 type
names in every module of ``sys.modules``. With TensorFlow loaded that took 6.7 s of each
replica's start-up and of each training, imported before Rasa 1 s (docs/performance.md).
"""

from __future__ import annotations

import sys


def process_of(arguments: list[str]) -> str | None:
    """Whose patches of the registry a ``rasa`` command gets; None: stock Rasa (``rasa test``, ...)."""
    if arguments[:2] == ["run", "actions"]:
        return "actions"
    if arguments[:1] == ["run"]:
        return "server"
    if arguments[:1] == ["train"]:
        return "training"
    return None


def rasa(arguments: list[str]) -> None:
    """``rasa <arguments>`` in this process, with skops imported first and Rasa's patches installed."""
    import skops.io  # noqa: F401 - before Rasa imports TensorFlow (see the module's docstring)
    from rasa.__main__ import main as rasa_main

    process = process_of(arguments)
    if process is not None:
        import rasa_ext

        rasa_ext.install(process=process)
        # Before Rasa configures logging (it would drop an earlier INFO record): what is in effect here.
        print(rasa_ext.live_line(process), file=sys.stderr, flush=True)
    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    rasa(sys.argv[1:])
