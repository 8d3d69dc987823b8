"""One key per actor across the store: "Donald Trump" in one article and "Trump" in
another are the same row of `tidings actors`.

A key is `CODE:ROLE:name` — the country (else the international organisation, else
`-`), the role (else `-`) and the name as a slug of ASCII letters and digits:
`USA:GOV:donald-trump`, `RUS:COP:police`, `-:IGO:united-nations`. A country is its
code alone (`RUS`). A person named only by surname takes the full name a dictionary
knows for it ("Trump": Donald Trump). Somebody the article describes but never names
("a witness") has no key: nothing says two witnesses in two articles are one.
"""

from __future__ import annotations

import re
import unicodedata

NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """ "Dmitry Peskov" -> dmitry-peskov; "Élysée" -> elysee; "People’s Daily" -> peoples-daily."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = ascii_name.replace("'", "").replace("’", "")
    return NOT_SLUG.sub("-", ascii_name.lower()).strip("-")


def actor_key(kind: str, name: str, country: str | None, org: str | None, role: str | None) -> str:
    code = country or org or "-"
    if kind == "country":
        return code
    return f"{code}:{role or '-'}:{slug(name)}"
