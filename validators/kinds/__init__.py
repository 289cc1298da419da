"""Generic rule kinds: each is written once in code and used by many rules from YAML."""
