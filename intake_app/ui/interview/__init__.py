"""Interview and consent screens: pure views and view-models that report by Qt signal.

Import what you need from its module (``ui.interview.interview_page``...): this package file
stays empty so that loading one screen never loads them all at start-up.
"""
