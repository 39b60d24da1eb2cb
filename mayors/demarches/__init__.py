"""Démarches built in the admin: the dossier's form from the definition, the answers shown."""
