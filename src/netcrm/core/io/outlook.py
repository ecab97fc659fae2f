"""Outlook CSV: desktop (English, German, French, Spanish headers), Outlook.com, look-alikes (FORMATS.md 3).

The same column names serve LinkedIn's pre-2015 Outlook-style export and Google's "Outlook CSV" option.
Headers are matched by name (accent-, case- and punctuation-insensitive), never by position, except that
French Outlook writes ``Titre`` twice: the first is the courtesy title, the second the job title.
Location is the first of the business, home and other addresses that has a city, region or country.
"""

from __future__ import annotations

import unicodedata

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.contact import NO_IDENTITY, linkedin_or_none, make_contact, user_tags, valid_emails
from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
from netcrm.core.io.text import clean, join_name, norm_header, split_list, unescape_formula
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "outlook"

_DESKTOP_EN = """
Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,
Business Street 2,Business Street 3,Business City,Business State,Business Postal Code,
Business Country/Region,Home Street,Home Street 2,Home Street 3,Home City,Home State,
Home Postal Code,Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,
Other State,Other Postal Code,Other Country/Region,Assistant's Phone,Business Fax,Business Phone,
Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,
Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,
Anniversary,Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,
Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,
E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,
Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,
Location,Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,Other Address PO Box,
Priority,Private,Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page,
Business Country,Home Country,Other Country,Nickname,Given Yomi,Surname Yomi,IMAddress,Company Yomi,
Personal Web Page,Schools,Home Address,Business Address
"""
_DESKTOP_DE = """
Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,Straße geschäftlich,
Straße geschäftlich 2,Straße geschäftlich 3,Ort geschäftlich,Region geschäftlich,
Postleitzahl geschäftlich,Land/Region geschäftlich,Straße privat,Straße privat 2,Straße privat 3,
Ort privat,Bundesland/Kanton privat,Postleitzahl privat,Land/Region privat,Weitere Straße,
Weitere Straße 2,Weitere Straße 3,Weiterer Ort,Weiteres/r Bundesland/Kanton,Weitere Postleitzahl,
Weiteres/e Land/Region,Telefon Assistent,Fax geschäftlich,Telefon geschäftlich,
Telefon geschäftlich 2,Rückmeldung,Autotelefon,Telefon Firma,Fax privat,Telefon privat,
Telefon privat 2,ISDN,Mobiltelefon,Weiteres Fax,Weiteres Telefon,Pager,Haupttelefon,Mobiltelefon 2,
Telefon für Hörbehinderte,Telex,Abrechnungsinformation,Benutzer 1,Benutzer 2,Benutzer 3,Benutzer 4,
Beruf,Büro,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,E-Mail 2: Typ,
E-Mail 2: Angezeigter Name,E-Mail 3: Adresse,E-Mail 3: Typ,E-Mail 3: Angezeigter Name,Empfohlen von,
Geburtstag,Geschlecht,Hobby,Initialen,Internet-Frei/Gebucht,Jahrestag,Kategorien,Kinder,Konto,
Name Assistent,Name des/der Vorgesetzten,Notizen,Organisationsnr.,Ort,Partner,Postfach geschäftlich,
Postfach privat,Priorität,Privat,Regierungsnr.,Reisekilometer,Sprache,Stichwörter,Vertraulichkeit,
Verzeichnisserver,Webseite,Weiteres Postfach
"""
_DESKTOP_FR = """
Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Rue (bureau),Rue (bureau) 2,Rue (bureau) 3,
Ville (bureau),Dép/Région (bureau),Code postal (bureau),Pays/Région (bureau),Rue (domicile),
Rue (domicile) 2,Rue (domicile) 3,Ville (domicile),Dép/Région (domicile),Code postal (domicile),
Pays/Région (domicile),Rue (autre),Rue (autre) 2,Rue (autre) 3,Ville (autre),Dép/Région (autre),
Code postal (autre),Pays/Région (autre),Téléphone de l'assistant(e),Télécopie (bureau),
Téléphone (bureau),Téléphone 2 (bureau),Rappel,Téléphone (voiture),Téléphone société,
Télécopie (domicile),Téléphone (domicile),Téléphone 2 (domicile),RNIS,Tél. mobile,Télécopie (autre),
Téléphone (autre),Récepteur de radiomessagerie,Téléphone principal,Radio téléphone,
Téléphone TDD/TTY,Télex,Adresse de messagerie,Type de messagerie,
Nom complet de l'adresse de messagerie,Adresse de messagerie 2,Type de messagerie 2,
Nom complet de l'adresse de messagerie 2,Adresse de messagerie 3,Type de messagerie 3,
Nom complet de l'adresse de messagerie 3,Anniversaire,Anniversaire de mariage ou fête,
Autre boîte postale,B.P. professionnelle,Boîte postale du domicile,Bureau,Catégories,
Code gouvernement,Compte,Conjoint(e),Critère de diffusion,Disponibilité Internet,Emplacement,
Enfants,Informations facturation,Initiales,Kilométrage,Langue,Mots clés,Nom de l'assistant(e),Notes,
Numéro d'identification de l'organisation,Page Web,Passe-temps,Priorité,Privé,Profession,
Recommandé par,Responsable,Serveur d'annuaire,Sexe,Utilisateur 1,Utilisateur 2,Utilisateur 3,
Utilisateur 4
"""
# Spanish names as Outlook's Spanish UI writes them (not yet checked against a real export).
_DESKTOP_ES = """
Tratamiento,Nombre,Segundo nombre,Apellidos,Sufijo,Organización,Compañía,Departamento,Puesto,Cargo,
Ciudad de trabajo,Ciudad del trabajo,Ciudad particular,País o región del trabajo,
País o región particular,Teléfono del trabajo,Teléfono del trabajo 2,Teléfono particular,
Teléfono particular 2,Particular,Particular 2,Teléfono móvil,Móvil,Teléfono principal,Otro teléfono,
Dirección de correo electrónico,Tipo de correo electrónico,Mostrar nombre de correo electrónico,
Dirección de correo electrónico 2,Tipo de correo electrónico 2,
Mostrar nombre de correo electrónico 2,Dirección de correo electrónico 3,
Tipo de correo electrónico 3,Mostrar nombre de correo electrónico 3,Cumpleaños,Aniversario,
Categorías,Notas,Página web,Página web personal,Ubicación
"""
_ROLE_NAMES = {
    "first": "First Name,Vorname,Prénom,Nombre",
    "middle": "Middle Name,Weitere Vornamen,Deuxième prénom,Segundo nombre",
    "last": "Last Name,Nachname,Nom,Apellidos",
    "company": "Company,Firma,Société,Organización,Compañía",
    "position": "Job Title,Position,Puesto,Cargo",
    "email": """
E-mail Address,E-mail 2 Address,E-mail 3 Address,E-Mail-Adresse,E-Mail 2: Adresse,
E-Mail 3: Adresse,Adresse de messagerie,Adresse de messagerie 2,Adresse de messagerie 3,
Dirección de correo electrónico,Dirección de correo electrónico 2,
Dirección de correo electrónico 3
""",
    "phone": """
Mobile Phone,Primary Phone,Business Phone,Business Phone 2,Home Phone,Home Phone 2,Other Phone,
Company Main Phone,Car Phone,Callback,Radio Phone,Mobiltelefon,Mobiltelefon 2,Haupttelefon,
Telefon geschäftlich,Telefon geschäftlich 2,Telefon privat,Telefon privat 2,Weiteres Telefon,
Telefon Firma,Autotelefon,Tél. mobile,Téléphone principal,Téléphone (bureau),
Téléphone 2 (bureau),Téléphone (domicile),Téléphone 2 (domicile),Téléphone (autre),
Téléphone société,Téléphone (voiture),Teléfono móvil,Móvil,Teléfono principal,
Teléfono del trabajo,Teléfono del trabajo 2,Teléfono particular,Teléfono particular 2,
Particular,Particular 2,Otro teléfono
""",
    "notes": "Notes,Notizen,Notas",
    "categories": "Categories,Kategorien,Catégories,Categorías",
    "web": "Web Page,Personal Web Page,Webseite,Page Web,Página web,Página web personal",
    "location": "Location,Ort,Emplacement,Ubicación",
    "business city": "Business City,Ort geschäftlich,Ville (bureau),Ciudad de trabajo,Ciudad del trabajo",
    "business region": "Business State,Region geschäftlich,Dép/Région (bureau)",
    "business country": """
Business Country/Region,Business Country,Land/Region geschäftlich,Pays/Région (bureau),
País o región del trabajo
""",
    "home city": "Home City,Ort privat,Ville (domicile),Ciudad particular",
    "home region": "Home State,Bundesland/Kanton privat,Dép/Région (domicile)",
    "home country": """
Home Country/Region,Home Country,Land/Region privat,Pays/Région (domicile),
País o región particular
""",
    "other city": "Other City,Weiterer Ort,Ville (autre)",
    "other region": "Other State,Weiteres/r Bundesland/Kanton,Dép/Région (autre)",
    "other country": "Other Country/Region,Other Country,Weiteres/e Land/Region,Pays/Région (autre)",
}


def _names(block: str) -> list[str]:
    return [name.strip() for name in block.replace("\n", "").split(",") if name.strip()]


ROLES: dict[str, str] = {
    norm_header(name): role for role, names in _ROLE_NAMES.items() for name in _names(names)
}
KNOWN: frozenset[str] = frozenset(
    norm_header(name)
    for block in (_DESKTOP_EN, _DESKTOP_DE, _DESKTOP_FR, _DESKTOP_ES)
    for name in block.split(",")
) | frozenset(ROLES)
_ADDRESS_KINDS = ("business", "home", "other")


def is_outlook_header(norm: list[str]) -> bool:
    """At least ten of Outlook's own column names (its exports have 59 to 92, hand-made sheets a few)."""
    return sum(1 for name in norm if name in KNOWN) >= 10 and any(ROLES.get(n) == "email" for n in norm)


def column_roles(header: list[str]) -> list[str | None]:
    """The role of each column; French Outlook's second ``Titre`` is the job title."""
    roles: list[str | None] = []
    titles = 0
    for cell in header:
        name = norm_header(cell)
        if name == "titre":
            titles += 1
            roles.append("position" if titles == 2 else None)
            continue
        roles.append(ROLES.get(name))
    return roles


def read(text: str, path: str, encoding: str) -> ParseResult:
    """Parse an Outlook CSV text (header on the first non-blank line)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    reader = CsvReader(text, path, sniff_delimiter(text))
    if not reader.find_header(lambda cells: is_outlook_header([norm_header(c) for c in cells])):
        raise FileRefusedError(
            path, "no Outlook contacts header (First Name, Last Name, E-mail Address, …) found"
        )
    return read_rows(reader, encoding, FORMAT)


def read_rows(reader: CsvReader, encoding: str, fmt: str, *, unescape: bool = False) -> ParseResult:
    """Map the data rows of `reader` (header already found) by Outlook's column names."""
    roles = column_roles(reader.header)
    contacts: list[ParsedContact] = []
    for line, fields in reader.rows():
        values: dict[str, list[str]] = {}
        for role, field in zip(roles, fields, strict=True):
            if role is not None and field:
                value = clean(unescape_formula(field) if unescape else field)
                if value:
                    values.setdefault(role, []).append(value)
        if not values and not any(field.strip() for field in fields):
            continue
        contact = _contact(line, values, reader)
        if contact is None:
            reader.skipped.append(RowIssue(line, NO_IDENTITY))
        else:
            contacts.append(contact)
    return reader.result(fmt, encoding, contacts)


def _contact(line: int, values: dict[str, list[str]], reader: CsvReader) -> ParsedContact | None:
    def one(role: str) -> str:
        return values.get(role, [""])[0]

    first, middle, last = one("first"), one("middle"), one("last")
    location = ""
    for kind in _ADDRESS_KINDS:
        location = ", ".join(
            part for part in (one(f"{kind} {p}") for p in ("city", "region", "country")) if part
        )
        if location:
            break
    emails = valid_emails(values.get("email", ()), line, "E-mail Address", reader.warnings)
    return make_contact(
        line,
        first_name=first,
        last_name=last,
        display_name=join_name(first, middle, last),
        emails=emails,
        phones=values.get("phone", ()),
        company=one("company"),
        position=one("position"),
        location=location or one("location"),
        linkedin_url=linkedin_or_none(values.get("web", ())),
        notes=one("notes"),
        tags=user_tags(tag for cell in values.get("categories", ()) for tag in split_list(cell)),
    )
