"""Token and role lookups are remembered, and a change to either is seen at once."""

from dojo.access import Access
from dojo.app.service import Dojo
from dojo.domain import commands as cmd
from tests.conftest import CHEAP, PASSWORD


def test_a_changed_role_a_removed_member_and_a_revoked_token_are_seen_at_once(
        dojo: Dojo) -> None:
    access = Access(dojo, CHEAP)
    owner = access.add_user("owner", PASSWORD)
    other = access.add_user("other", PASSWORD)
    budget = dojo.ids.new_id()
    dojo.execute(budget, cmd.CreateBudget(budget_id=budget, name="Home", currency="EUR"),
                 also=access.member_sql(budget, owner, "owner"))
    access.set_member(budget, "other", "editor")
    token_id, secret = access.issue_token(other, "script")

    assert access.role(budget, other) == "editor"      # read, then remembered
    assert access.token_user(secret) == other
    access.set_member(budget, "other", "viewer")
    assert access.role(budget, other) == "viewer"
    access.remove_member(budget, "other")
    assert access.role(budget, other) is None
    assert access.role(budget, owner) == "owner"
    access.revoke_token(other, token_id)
    assert access.token_user(secret) is None
