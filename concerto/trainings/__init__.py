"""Trainings: sessions, registrations, reminders and certificates."""
