"""Comparing the processes a group studies, with the evaluation indicators."""

from concerto.evaluation import indicators
from concerto.evaluation.models import Audience


def compare(processes) -> list[dict]:
    rows = []
    for process in processes:
        channels = indicators.channels(process)
        representativeness = indicators.representativeness(process)
        gaps = [t["max_gap"] for t in representativeness["tables"] if t["max_gap"] is not None]
        survey = indicators.survey_results(process, Audience.PARTICIPANTS)
        timeliness = indicators.timeliness(process)
        rows.append(
            {
                "process": process,
                "contributions": sum(row["contributions"] for row in channels),
                "participants": sum(row["participants"] for row in channels),
                "offline": sum(
                    row["contributions"] for row in channels if row["channel"] != "En ligne"
                ),
                "answered": indicators.answered_share(process)["share"],
                "follow_up": f"{timeliness['on_time']}/{timeliness['due']}",
                "max_gap": max(gaps) if gaps else None,
                "response_rate": survey["response_rate"] if survey else None,
                "satisfaction": survey["satisfaction"] if survey else None,
            }
        )
    return rows
