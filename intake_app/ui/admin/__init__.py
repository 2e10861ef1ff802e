"""Admin screens: joining an agency from an enrolment bundle (more admin screens to follow)."""
