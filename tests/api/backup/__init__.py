"""GET /api/v1/backup."""
