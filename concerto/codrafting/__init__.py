"""Co-drafting a text (issue 26): the "Texte à co-construire" module kind.

The organiser imports a draft (read by `concerto.engines.codrafting`), corrects its split
and says which parts are open to change; citizens suggest rewordings of open paragraphs
and new articles, support and argue; the organiser answers each suggestion through the
devoir de suite and publishes new versions whose changes name the suggestions they
come from.

Suggestions are core contributions (kind PROPOSAL) with a `Suggestion` row saying which
unit of which version they change: supports, arguments, comments, merges, moderation,
analysis and answers are those of every contribution.
"""
