"""The pure budgeting domain: standard library and msgspec only."""
