"""The devoir de suite: commitments, answers to contributions published by a committed
date, lateness, the hash-chained history."""
