from concerto.newsletter.models.pages import NewsletterEditionPage, NewsletterIndexPage
from concerto.newsletter.models.subscribers import Subscriber

__all__ = ["NewsletterEditionPage", "NewsletterIndexPage", "Subscriber"]
