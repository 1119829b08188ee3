"""Moving in from YNAB: its register and plan exports become one new Dojo budget."""
