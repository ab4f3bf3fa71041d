"""Identity and authorisation: FAB's security manager, our session registry and roles."""
