"""Named domain errors. The API maps them in one place to problem details."""


class DomainError(Exception):
    """A command the domain refuses."""

    status = 409
    code = "refused"

    def __init__(self, detail: str, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class NotFound(DomainError):
    """The command names something that does not exist (404)."""

    status = 404
    code = "not-found"


class Invalid(DomainError):
    """The command is malformed on its own, whatever the state (422)."""

    status = 422
    code = "invalid"


class Conflict(DomainError):
    """The command collides with the current state or a concurrent command (409)."""

    code = "conflict"


class VersionConflict(Conflict):
    """The stream moved on since the expected version."""

    code = "version-conflict"


class IdempotencyConflict(Conflict):
    """The same command id was used before with different content."""

    code = "idempotency-conflict"


class NameTaken(Conflict):
    """A name collides with another after Unicode case folding (R-C1)."""

    code = "name-taken"


class AccountClosed(Conflict):
    """A closed account takes no new transactions and no edits (R-A5)."""

    code = "account-closed"


class AccountNotEmpty(Conflict):
    """An account can be closed only at a zero balance (R-A5)."""

    code = "account-not-empty"


class SplitDoesNotAddUp(Invalid):
    """A split's lines must add up to the transaction amount (R-T1)."""

    code = "split-does-not-add-up"


class CategoryNotAllowed(Conflict):
    """A line's category does not fit its account or transaction (R-T2, R-T3, R-C2)."""

    code = "category-not-allowed"


class ReconciledTransaction(Conflict):
    """A reconciled transaction changes only with allow_reconciled (R-T6)."""

    code = "reconciled"


class DateOutOfRange(Invalid):
    """A date or month outside what the rules allow (R-T4, R-B1)."""

    code = "date-out-of-range"


class AmountOutOfRange(Conflict):
    """A stored or derived amount would leave the signed 64-bit range (R-B3)."""

    code = "amount-out-of-range"


class PreconditionFailed(Conflict):
    """An If-Match version that is no longer the budget's version (412)."""

    status = 412
    code = "precondition-failed"


class ImportOutdated(Conflict):
    """The account changed since an import was previewed; the preview must be redone."""

    code = "import-outdated"
