"""French typography that templates and e-mails share."""

import re

VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


def of(name):
    """« de » before a place name, elided and contracted as French requires:
    « d’Espère », « de Cahors », « du Vigan » (Le Vigan), « des Junies » (Les Junies),
    « de La Bastide-du-Vert », « de L’Hospitalet »."""
    name = str(name).strip()
    if name[:3] == "Le ":
        return f"du {name[3:]}"
    if name[:4] == "Les ":
        return f"des {name[4:]}"
    if name[:2] in ("L’", "L'"):
        return f"de {name}"
    if name and VOWEL.match(name[0]):
        return f"d’{name}"
    return f"de {name}"
