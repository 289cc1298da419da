"""Registered checks: code for the rule ids that data alone cannot express."""
