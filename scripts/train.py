"""Train the Rasa model only when its inputs changed; print the model's path on the last line.

Training runs through scripts/serve.py and rasa_ext/command.py, which installs the registered Rasa
patches of training (``rasa_ext.install(process="training")``: the stored CRF, one spaCy load, the
sparse features in one step); with ``LOTSE_RASA_PATCHES=0`` stock Rasa trains the same model, only
without the stored CRF files (a load then trains the CRF again, as Rasa does).

The fingerprint is a content hash (not timestamps: a fresh clone has new mtimes) of config.yml,
domain.yml, everything under data/, the spaCy pipeline source and the Rasa version.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
#: rasa_ext modules whose patches change what training stores (rasa_ext/command.py installs them for
#: ``rasa train``); tests/scripts/test_train.py checks this list against the registry.
TRAINING_PATCHES = ("entity_extractor", "sparse_features", "spacy_model")


def fingerprint() -> str:
    digest = hashlib.sha256()
    inputs = [ROOT / "config.yml", ROOT / "domain.yml", MODELS / "spacy-de" / "source.txt"]
    inputs += sorted(p for p in (ROOT / "data").rglob("*") if p.is_file())
    inputs += sorted((ROOT / "components").glob("*.py"))  # custom NLU components are part of the model
    # the patches of Rasa's components installed for training (rasa_ext.REGISTRY, process "training")
    inputs += [ROOT / "rasa_ext" / f"{name}.py" for name in TRAINING_PATCHES]
    for path in inputs:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(f"rasa=={version('rasa')}".encode())
    return digest.hexdigest()[:12]


def main() -> int:
    model = MODELS / f"lotse-{fingerprint()}.tar.gz"
    if model.is_file():
        print(f"Modell ist aktuell, kein Training nötig: {model.name}", file=sys.stderr)
    else:
        log = ROOT / "var" / "train.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        print(f"Trainiere das Modell ({model.name}); das dauert einige Minuten. Protokoll: {log}", file=sys.stderr)
        started = time.monotonic()
        command = [
            sys.executable, str(ROOT / "scripts" / "serve.py"), "rasa", "train",
            "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
            "--out", "models", "--fixed-model-name", model.name.removesuffix(".tar.gz"),
        ]
        with log.open("w") as out:
            done = subprocess.run(
                command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                env={
                    **os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore",
                    "RASA_TELEMETRY_ENABLED": "false",  # no usage data or crash reports to third parties
                },
            )
        if done.returncode != 0:
            print("".join(log.read_text(errors="replace").splitlines(keepends=True)[-40:]), file=sys.stderr)
            print("Training fehlgeschlagen.", file=sys.stderr)
            return done.returncode
        print(f"Training fertig in {time.monotonic() - started:.0f} s", file=sys.stderr)
        for old in MODELS.glob("lotse-*.tar.gz"):
            if old != model:
                old.unlink()
    print(model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
