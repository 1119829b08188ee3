"""The bank files of tests/fixtures/imports (written for the tests, with the quirks banks
produce) and what each must import to: (date, amount in cents, payee, memo, import id)."""

from pathlib import Path

from dojo.imports.csv_mapping import CsvMapping

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"

# bank_eu.csv: UTF-8 BOM, CRLF, a preamble line, `;`, DD/MM/YYYY, 1.234,56, separate
# debit and credit columns, a pending row.
EU_MAPPING = CsvMapping(date="Date", payee="Payee", memo="Description", inflow="Credit",
                        outflow="Debit", status="Status", date_format="DD/MM/YYYY",
                        decimal_separator=",", thousands_separator=".", delimiter=";",
                        skip_lines=1)
# card_us.csv: MM/DD/YYYY, 1,234.00 in quotes, charges positive.
US_MAPPING = CsvMapping(date="Transaction Date", payee="Description", amount="Amount",
                        date_format="MM/DD/YYYY", thousands_separator=",",
                        sign="outflow_positive")

EXPECTED = {
    "checking_v1.ofx": [
        ("2026-02-03", -4217, "CAFÉ DU MONDE", "POS PURCHASE", "2026020301"),
        ("2026-02-05", 250000, "ACME PAYROLL", None, "2026020501"),
        ("2026-02-10", -123450, "SMITH & SONS RENT", "CHECK 1042", "2026021001"),
    ],
    "savings_v2.ofx": [
        ("2026-02-01", 321, "Interest", None, "INT-202602"),
        ("2026-02-07", -500, "Bank fee", None, "YNAB:-5000:2026-02-07:1"),
        ("2026-02-07", -500, "Bank fee", "second fee", "YNAB:-5000:2026-02-07:2"),
    ],
    "card.qfx": [
        ("2026-02-04", -6340, "GROCERY OUTLET #12", "SAN JOSE CA", "320260204001"),
        ("2026-02-11", 20000, "PAYMENT THANK YOU", None, "320260211002"),
    ],
    "bank_us.qif": [
        ("2026-01-05", -123456, "LANDLORD LLC", "January rent", "YNAB:-1234560:2026-01-05:1"),
        ("2026-01-12", 250000, "ACME PAYROLL", None, "YNAB:2500000:2026-01-12:1"),
        ("2026-02-03", -1500, "Coffee Shop", None, "YNAB:-15000:2026-02-03:1"),
        ("2026-02-14", -8000, "COSTCO", None, "YNAB:-80000:2026-02-14:1"),
    ],
    "card_dmy.qif": [
        ("2026-01-25", -4590, "Supermarché Central", "Weekly shop", "YNAB:-45900:2026-01-25:1"),
        ("2026-02-03", -1200, "Parking", None, "YNAB:-12000:2026-02-03:1"),
        ("2026-02-04", 10000, "Payment received", None, "YNAB:100000:2026-02-04:1"),
    ],
    "bank_eu.csv": [
        ("2026-02-03", -450, "Bäckerei Müller", "Brötchen", "YNAB:-4500:2026-02-03:1"),
        ("2026-02-05", 250000, "ACME GmbH", "Gehalt Februar", "YNAB:2500000:2026-02-05:1"),
        ("2026-02-10", -123456, "Hausverwaltung", "Miete; Februar",
         "YNAB:-1234560:2026-02-10:1"),
        ("2026-02-03", -450, "Bäckerei Müller", "Kuchen", "YNAB:-4500:2026-02-03:2"),
    ],
    "card_us.csv": [
        ("2026-02-04", -6340, "GROCERY OUTLET", None, "YNAB:-63400:2026-02-04:1"),
        ("2026-02-09", -123400, "HARDWARE STORE, INC.", None, "YNAB:-1234000:2026-02-09:1"),
        ("2026-02-11", 20000, "PAYMENT - THANK YOU", None, "YNAB:200000:2026-02-11:1"),
    ],
}
# Rows a file holds that are not imported, with the reason's start.
REJECTED = {"bank_eu.csv": [(7, "pending at the bank")]}
MAPPINGS = {"bank_eu.csv": EU_MAPPING, "card_us.csv": US_MAPPING,
            "malformed.csv": US_MAPPING}
# Each malformed file and the line its error must name.
MALFORMED = {"malformed.csv": 3, "malformed.qif": 13, "malformed.ofx": 50}


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
