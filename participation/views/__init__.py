"""Public views: thin; the rules decide, the models act, the templates show.

One module per thing a visitor does: ``proposals``, ``comments``, ``moderation``
(reports, appeals, statistics), ``opendata``, ``poster``; ``base`` what every view needs.
The comment threads both pages share are rendered by ``participation.pages.threads``.
"""
