"""Region editions: one folder per edition under ``regions/``."""
