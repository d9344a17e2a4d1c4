"""The platform's own clock: periodic jobs handed to the task worker, with no cron."""
