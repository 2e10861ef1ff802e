"""Field Intake: offline-first, encrypted, trauma-informed intake for anti-trafficking task forces."""

__version__ = "0.1.0"
