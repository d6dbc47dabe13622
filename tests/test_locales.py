"""Every user-facing string is translated in German, Dutch and Norwegian Bokmål."""

from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _ in settings.LANGUAGES if code != "en"]


def _entries(po_path: Path):
    """Yield (msgid, msgstr-or-plurals, flags) from a .po file, without a third-party parser."""
    entry = {"flags": "", "msgid": None, "msgstr": [], "field": None}
    for raw in [*po_path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry["msgid"] is not None:
                yield entry["msgid"], entry["msgstr"], entry["flags"]
            entry = {"flags": "", "msgid": None, "msgstr": [], "field": None}
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid "):
            entry["msgid"], entry["field"] = line[6:].strip('"'), "msgid"
        elif line.startswith("msgid_plural"):
            entry["field"] = "plural"
        elif line.startswith("msgstr"):
            entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            entry["field"] = "msgstr"
        elif line.startswith('"'):
            if entry["field"] == "msgid":
                entry["msgid"] += line.strip('"')
            elif entry["field"] == "msgstr":
                entry["msgstr"][-1] += line.strip('"')


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_is_translated_and_none_is_fuzzy(language):
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert po_path.exists(), f"{po_path} is missing: run `make translations`"
    entries = [(i, s, f) for i, s, f in _entries(po_path) if i]  # skip the header
    assert len(entries) > 50, "suspiciously few strings: was makemessages run?"
    untranslated = [i for i, strs, _ in entries if not all(strs)]
    fuzzy = [i for i, _, flags in entries if "fuzzy" in flags]
    assert not untranslated, (
        f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    )
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
