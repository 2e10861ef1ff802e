"""Pure domain: cases, answers, protocols, pacing, screening, consent. No Qt, no SQL."""
