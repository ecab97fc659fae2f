"""Write the re-import fixtures of issue 14 (run once; the outputs are committed).

Run `python make_reimport_fixtures.py` from this folder.

Synthetic people, real quirks: LinkedIn's preamble and column layouts (FORMATS.md 1.2), hand-kept workbooks
(FORMATS.md 5). Kept apart from make_fixtures.py so that running it rewrites only these files.
"""

from __future__ import annotations

from make_fixtures import HEADER_OLD, PREAMBLE, csv_text, write


def namesake_exports() -> None:
    """Two 2021-2022 exports (no URL, hardly any e-mail) where two connections of the same day share a name.

    The later export lists the newer namesake first: the exact fingerprint of the earlier Wei Zhang must win
    over the name-and-date rule, or every re-import of the later file creates its Wei Zhang again.
    """
    nov_2021 = [
        ["Tomasz", "Wiśniewski", "", "Fabrikam", "Account Executive", "14 Oct 2021"],
        ["Wei", "Zhang", "", "Globex", "Data Engineer", "02 Jun 2021"],
        ["", "", "", "", "", "02 Jun 2021"],
        ["Aisha", "Bello, PMP", "aisha.bello@example.org", "Contoso Ltd", "Programme Manager", "19 Mar 2021"],
    ]
    sep_2022 = [
        ["Lucía", "Fernández", "", "Northwind Traders", "Recruiter", "30 Aug 2022"],
        ["Tomasz", "Wiśniewski", "", "Fabrikam", "Senior Account Executive", "14 Oct 2021"],
        ["Wei", "Zhang", "", "Initech", "Product Manager", "02 Jun 2021"],
        ["Wei", "Zhang", "", "Globex", "Data Engineer", "02 Jun 2021"],
        ["", "", "", "", "", "02 Jun 2021"],
        ["Aisha", "Bello, PMP", "aisha.bello@example.org", "Contoso Ltd", "Programme Manager", "19 Mar 2021"],
    ]
    for name, rows in (("Connections_2021-11.csv", nov_2021), ("Connections_2022-09.csv", sep_2022)):
        write(f"linkedin/namesakes/{name}", PREAMBLE + HEADER_OLD + "\n" + csv_text(rows).rstrip("\n"))


if __name__ == "__main__":
    namesake_exports()
