"""What the follow-up tells participants on their page "Mes contributions"
(participation/outcomes.py): the published answers covering each of their contributions,
or that an answer is still awaited."""

from concerto.followup.queries import with_published_answers
from concerto.participation.outcomes import Outcome

ANSWERS = Outcome("followup-answers", "followup/mine/answers.html", with_published_answers)
