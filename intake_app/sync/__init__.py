"""Sharing: envelopes, agency keys, outbox/inbox engine, transports."""
