"""Whatever text arrives as a YNAB export, reading it (and planning the import) ends in rows
and commands or in a YnabFormatError naming the file: never another exception, which the API
would turn into a 500."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dojo.ynab.importer import checked_commands
from dojo.ynab.plan import build_plan
from dojo.ynab.read import YnabFormatError, read_exports

REGISTER_HEADER = ('"Account","Flag","Date","Payee","Category Group/Category",'
                   '"Category Group","Category","Memo","Outflow","Inflow","Cleared"')
PLAN_HEADER = ('"Month","Category Group/Category","Category Group","Category","Assigned",'
               '"Activity","Available"')
NOISE = st.text(alphabet="0123456789$€,.-()/ :\"\r\nabSplit", max_size=12)


def _cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _amount() -> st.SearchStrategy[str]:
    return st.one_of(st.integers(-10**6, 10**6).map(
        lambda c: f"{'-' if c < 0 else ''}${abs(c) // 100:,}.{abs(c) % 100:02d}"),
        st.just(""), NOISE)


ACCOUNTS = st.sampled_from(["Checking", "Visa", "Savings", "Mortgage"])
CATEGORIES = st.sampled_from(["Inflow: Ready to Assign", "Bills: Rent", "Fun: Rent", "",
                              "Uncategorized", "Credit Card Payments: Visa", "Visa: Misc"])
REGISTER_ROW = st.tuples(
    ACCOUNTS, st.sampled_from(["", "Red"]),
    st.one_of(st.dates(dt.date(1969, 12, 1), dt.date(2032, 1, 1)).map(
        lambda d: d.strftime("%m/%d/%Y")), NOISE),
    st.one_of(st.sampled_from(["Starting Balance", "Shop", "Transfer : Visa",
                               "Transfer : Checking", "Transfer : Mortgage", "Transfer : Nope"]),
              NOISE),
    CATEGORIES,
    st.one_of(st.sampled_from(["", "Split (1/2) a", "Split (2/2) b", "Split (1/1)",
                               "Split (0/2)"]), NOISE),
    _amount(), _amount(),
    st.one_of(st.sampled_from(["Cleared", "Uncleared", "Reconciled"]), NOISE),
).map(lambda r: ",".join(_cell(v) for v in (*r[:4], r[4], *r[4].partition(": ")[::2], *r[5:])))
PLAN_ROW = st.tuples(
    st.one_of(st.sampled_from(["Jan 2026", "Feb 2026", "Dec 2099", "Jan 1969"]), NOISE),
    CATEGORIES, _amount(), _amount(), _amount(),
).map(lambda r: ",".join(_cell(v) for v in (r[0], r[1], *r[1].partition(": ")[::2], *r[2:])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.text())
def test_arbitrary_text_reads_or_fails_cleanly(register: str, plan: str) -> None:
    try:
        exports = read_exports(register, plan)
    except YnabFormatError as exc:
        assert exc.file in ("Register.csv", "Plan.csv", "--currency", "--date-format")
        return
    assert all(isinstance(r.amount, int) for r in exports.register)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(REGISTER_ROW, max_size=8), st.lists(PLAN_ROW, max_size=5),
       st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_export_shaped_text_imports_or_fails_cleanly(register: list[str], plan: list[str],
                                                     newline: str, bom: bool) -> None:
    start = "\ufeff" if bom else ""
    try:
        exports = read_exports(start + newline.join([REGISTER_HEADER, *register]),
                               newline.join([PLAN_HEADER, *plan]))
        found = checked_commands(build_plan(exports, "00000000-0000-4000-a000-000000000001",
                                            "Fuzz"), dt.date(2026, 2, 20))
    except YnabFormatError as exc:
        assert exc.file in ("Register.csv", "Plan.csv", "--name")
        return
    assert found
