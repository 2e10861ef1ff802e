"""Repositories for sharing (schema V3), one module per group of tables:

    directory.py   this agency's keys (agency_self) and the partner directory (partners)
    outbox.py      sealed envelopes waiting for delivery (outbox)
    sent.py        what was shared under which consent, referrals and withdrawals sent
    inbox.py       inbox items, read-only partner views, consents partners withdrew
    partner_files.py  files partners sent with a share, piece by piece (V_PARTNER_ATTACHMENTS)
    quarantine.py  seen envelope ids and the quarantine of refused envelopes
    material.py    what a share is computed from (cases, interviews, answers, consents)

Functions taking a `Cursor` run inside the caller's transaction; functions taking a `Database`
are reads outside one. Nothing here logs, and no error carries a stored value: ids only.
"""
