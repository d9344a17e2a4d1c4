"""Module kind 'questionnaire': questions with logic, responses, closed-question results."""
