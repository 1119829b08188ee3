"""Import ids: the bank's FITID where the file has one, otherwise YNAB's
`YNAB:<amount in milliunits>:<date>:<occurrence>`, so that a re-import recognises a row."""

from dojo.domain.commands import ImportedRow
from dojo.imports.rows import ParsedRow


def generated_id(amount: int, date: str, occurrence: int, exponent: int) -> str:
    """YNAB's form; currencies with more than three decimals (CLF, UYW) cannot say their
    amount in milliunits and use `<minor units>:<date>:<occurrence>`."""
    if exponent <= 3:
        return f"YNAB:{amount * 10 ** (3 - exponent)}:{date}:{occurrence}"
    return f"{amount}:{date}:{occurrence}"


def with_import_ids(rows: list[ParsedRow], exponent: int) -> list[ImportedRow]:
    """Rows ready for the domain; the occurrence counts rows of the same amount and date
    without a FITID, in file order, from 1. Pending rows are left out of the count: they
    come back posted, and must not shift the ids of the rows after them."""
    seen: dict[tuple[int, str], int] = {}
    out = []
    for row in rows:
        if row.fitid is not None:
            import_id = row.fitid
        elif row.pending:
            import_id = f"pending:{row.line}"
        else:
            occurrence = seen[(row.amount, row.date)] = seen.get((row.amount, row.date), 0) + 1
            import_id = generated_id(row.amount, row.date, occurrence, exponent)
        out.append(ImportedRow(line=row.line, date=row.date, amount=row.amount,
                               payee=row.payee, memo=row.memo, import_id=import_id,
                               pending=row.pending))
    return out
