"""What the participation pages show, apart from their models (presenters).

The page models keep their fields, panels and a short ``get_context`` that calls these
modules: ``consultation`` builds the contexts of the consultation pages, ``cards`` the
proposal cards, ``fragments`` what only changes with content (cached), ``synthesis``
the figures of the results, ``threads`` the comment threads that the consultation
and proposal pages share. Presenters import the models, never the other way round
except for these calls.
"""
