"""The relay: a small ASGI service that stores and forwards ciphertext only."""
