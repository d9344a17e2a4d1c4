"""The administration space: what the platform's administrators and the CIPC run the
platform with, without Django's admin (people and their roles first)."""
