from concerto.trainings.models.training import Registration, Session, Survey, Training

__all__ = ["Registration", "Session", "Survey", "Training"]
