"""The authorization matrix's world (a budget, a user per role, a token each), reused so that
the sweeps here cover every operation the matrix knows, new ones included."""

from tests.api.authorization.test_authorization_matrix import world  # noqa: F401
