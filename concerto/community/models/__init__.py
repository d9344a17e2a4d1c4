from concerto.community.models.directory import AgentProfile
from concerto.community.models.events import Event
from concerto.community.models.questions import Question, Reply

__all__ = ["AgentProfile", "Event", "Question", "Reply"]
