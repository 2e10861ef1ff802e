"""Reporting without names: facts per case, periods, reports, small-cell suppression, combining."""
