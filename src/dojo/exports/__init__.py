"""Exports of a budget: the register as CSV, the event log, an hledger journal, Beancount."""
