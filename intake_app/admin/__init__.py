"""Provisioning: agency profiles, enrolment bundles, installer builds."""
