"""Sharing screens: sync status in the status bar, share preview and send, the sharing page."""
