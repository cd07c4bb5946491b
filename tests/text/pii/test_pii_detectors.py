"""Positive and negative cases for redact's own PII detectors (Presidio's are not retested here)."""

from __future__ import annotations

import pytest

from redact.text.pii import default_pii_detectors

DETECTORS = {d.name: d for d in default_pii_detectors()}


def _found(name: str, text: str) -> list[str]:
    return [text[m.start : m.end] for m in DETECTORS[name].find(text)]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("street_address", "Ship to 1600 Pennsylvania Avenue NW, Apt 4B", "1600 Pennsylvania Avenue NW, Apt 4B"),
        ("street_address", "42 Oak Street\nSpringfield, IL 62704", "42 Oak Street\nSpringfield, IL 62704"),
        ("street_address", "Street address   402 Rue de Rivoli", "402 Rue de Rivoli"),
        ("street_address", "Billing address: Flat 3, 12 High St, London", "Flat 3, 12 High St, London"),
        ("date_of_birth", "DOB: 04/12/1985", "04/12/1985"),
        ("date_of_birth", "Date of birth  1985-04-12", "1985-04-12"),
        ("date_of_birth", "born on March 3, 1990 in Ohio", "March 3, 1990"),
        ("medical_record_number", "MRN: 00123456", "00123456"),
        ("medical_record_number", "Patient ID  PT-884213", "PT-884213"),
        ("insurance_id", "Member ID: XJH123456789", "XJH123456789"),
        ("insurance_id", "Policy number 77-3321-09", "77-3321-09"),
        ("labelled_person", "Full name   Jane Doe", "Jane Doe"),
        ("labelled_person", "Cardholder: OMAR HADDAD", "OMAR HADDAD"),
        ("labelled_card", "Card number  4688 5654 8145 0678", "4688 5654 8145 0678"),
        ("labelled_iban", "IBAN DE26 3833 5981 2238 9720 24", "DE26 3833 5981 2238 9720 24"),
        # label above the value, and OCR dropping the space inside the label
        ("labelled_person", "Fullname\nJane Doe", "Jane Doe"),
        ("labelled_person", "Full name\nAikoHopper", "AikoHopper"),
        ("street_address", "Streetaddress\n402 Rue de Rivoli", "402 Rue de Rivoli"),
        ("labelled_card", "Cardnumber\n4688565481450678", "4688565481450678"),
        ("medical_record_number", "Medical record no.\n  00123456", "00123456"),
        # a row of fields read label by label, then value by value
        ("date_of_birth", "Date of birth\nSocial Security number\n1957-06-29\n300-35-0157", "1957-06-29"),
        ("date_of_birth", "Date of birth\nInsurance member ID\nFebruary 25, 1967\nGDY357978146", "February 25, 1967"),
        ("insurance_id", "Date of birth\nInsurance member ID\nFebruary 25, 1967\nGDY357978146", "GDY357978146"),
        ("insurance_id", "Insurance member ID\n1983-09-20\nYMW207732405", "YMW207732405"),
        ("medical_record_number", "Patient\nMRN\nBilling\nDaniel Waters\nMRN-5598595", "MRN-5598595"),
        ("labelled_bank_account", "Account holder\nAccount number\nIBAN\nCynthia Johnson\n340669927", "340669927"),
        ("labelled_bank_account", "Direct deposit account\nRouting number\n478697954\n036664119", "478697954"),
        ("labelled_bank_account", "Checking account: 000123456789", "000123456789"),
        ("labelled_iban", "IBAN\nCynthia Johnson\n340669927\nGBO3 NVTT 2787 4697 1039 23", "GBO3 NVTT 2787 4697 1039 23"),
        ("ocr_email", "git config user.email priya. raman@contoso.net", "priya. raman@contoso.net"),
        ("ocr_email", "mail jane_doe @ mail.example. org now", "jane_doe @ mail.example. org"),
        ("ocr_email", "ADMIN_EMAIL=tomasz .nowak@contoso. net", "tomasz .nowak@contoso. net"),
        ("ocr_email", "Inbox - jane.doe@corp.com", "jane.doe@corp.com"),
        # an ``@`` read as ``fl``, ``©`` or ``®``: after an address field, or with a domain read intact elsewhere
        ("ocr_email", "login ok user=sadamsflexample.com ip=58.145.101.170", "sadamsflexample.com"),
        ("ocr_email", "Email: jane©contoso.com", "jane©contoso.com"),
        ("ocr_email", "ok amy@corp.com\nok bob®corp.com", "bob®corp.com"),
        ("phone_shape", "call (556) 596-1733 today", "(556) 596-1733"),
        ("ocr_ip", "@10. 152.152. 158:5432/app", "10. 152.152. 158"),
        ("ocr_ip", "login ok ip=104.14,223.249", "104.14,223.249"),  # a dot read as a comma
        ("phone_shape", "+1 411 252 8138", "+1 411 252 8138"),
        ("phone_shape", "tel 415.555.0132", "415.555.0132"),
        ("phone_shape", "+44 20 7946 0958", "+44 20 7946 0958"),  # the title's dash is not joined
        # wrapped in a narrow table cell
        ("phone_shape", "Phone\n+1 (453)\n812-9973\nAddress", "+1 (453)\n812-9973"),
        ("phone_shape", "(538) 817-\n3751", "(538) 817-\n3751"),
        ("phone_shape", "623-458-\n7810", "623-458-\n7810"),
        ("street_address", "921 Morrison\nForks", "921 Morrison\nForks"),
        ("street_address", "023 Eric Alley\nSuite 891\nD-96528", "023 Eric Alley\nSuite 891"),
    ],
)
def test_positive(name: str, text: str, expected: str) -> None:
    assert expected in _found(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("street_address", "We shipped 3 apples and 12 pears"),
        ("street_address", "IP address 10.0.0.1"),
        ("street_address", "Email address jane@example.com"),
        ("date_of_birth", "Due date: 05/01/2024, released 2023-10-02"),
        ("date_of_birth", "Last login 04/12/2025 09:13"),
        ("medical_record_number", "MRN: pending"),
        ("insurance_id", "Group chat with 4 members"),
        ("labelled_person", "Name your project carefully"),
        ("labelled_card", "Card games 2024 edition"),
        ("labelled_iban", "IBAN not set"),
        ("ocr_email", "see @ mention and v1.2 @ home"),
        ("ocr_email", "user@localhost"),
        ("ocr_email", "see workflow.com and netflix.com docs"),  # ``fl`` in host names
        ("phone_shape", "order 4155550132 shipped"),
        ("ocr_ip", "ping 10.0.0.1 ok"),  # unbroken: Presidio's
        ("ocr_ip", "values 1. 2. 3. 4000"),
        ("ocr_ip", "scores 12.5,13.75 and 104.14,223.249"),  # a list of numbers: no address field
        ("ocr_ip", "ip=10,0,0,1"),
        ("phone_shape", "2024-11-30 10:15:02"),
        ("phone_shape", "version 1.2.3.4 and 10.0.0.1"),
        ("phone_shape", "SKU 123-456-78901"),
        ("phone_shape", "order 2024\n555-0132"),
        ("phone_shape", "2024-01-13\n21:23:23"),
        ("street_address", "2 Items\nView all"),  # a menu, not a wrapped cell
        ("date_of_birth", "Start date\nCost center\n10/10/2024 21:32"),
        ("date_of_birth", "Date of birth is required\n2024-01-01"),
        ("insurance_id", "Insurance member ID\n1983-09-20\nPhone"),
        ("insurance_id", "Join the group\nWelcome back\nTeam\nTRX1234567"),
        ("medical_record_number", "MRN\nBilling\nDaniel Waters\nPhone"),
        ("labelled_bank_account", "Routing number\n036664119"),
        ("labelled_bank_account", "Account holder\nCynthia Johnson\n340669927"),
        ("labelled_bank_account", "Account settings\nChecking for updates 2024"),
        ("labelled_person", "Legal name\nEmployee ID\nTime off"),
        ("street_address", "Mailing address\n092585889"),
        ("street_address", "Street address\nSKU-94249-XE\nCable kit"),  # the next column's cell, read in row order
    ],
)
def test_negative(name: str, text: str) -> None:
    assert _found(name, text) == []


def test_every_detector_has_a_unique_name_and_an_upper_case_type() -> None:
    names = [d.name for d in default_pii_detectors()]
    assert len(names) == len(set(names))
    assert all(d.entity_type.isupper() for d in default_pii_detectors())


def test_a_misread_at_needs_a_domain_seen_intact() -> None:
    """``workflow.net`` is not taken for ``work@ow.net`` because ``corp.com`` addresses are listed."""
    assert _found("ocr_email", "ok amy@corp.com, see the workflow.net docs") == ["amy@corp.com"]
