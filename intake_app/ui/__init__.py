"""PySide6 user interface. Calls services only; never SQL, crypto or network on the GUI thread."""
