"""Exports of published reports (CSV, XLSX): they take a PublishedReport and nothing else."""
