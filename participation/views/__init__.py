"""Public views: thin; the rules decide, the models act, the templates show.

One module per thing a visitor does: ``proposals``, ``comments``, ``moderation``
(reports, appeals, statistics), ``opendata``, ``poster``; ``threads`` renders the
comment threads both pages share, ``base`` what every view needs.
"""
