"""Evaluation of processes: participant and organiser surveys (OECD guidelines),
indicators, reference margins, the report and the State's figures."""
