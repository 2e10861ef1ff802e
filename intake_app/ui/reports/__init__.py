"""The Reports screen's parts: charts of published reports and the printable PDF."""
