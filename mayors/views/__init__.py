"""The intranet at /espace-elus/: thin views over the models, every access checked by rules.

``dashboard``, ``submissions`` (a commune's priorities and dossiers), ``conference``
(the Conférence des Maires' opinion) and ``deposits`` (contributions entered at the
mairie); ``base`` holds the access mixins they share.
"""
