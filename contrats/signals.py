"""Keep the fragments cached by content generation exact.

``cms.cache`` bumps the generation when a contracts object is saved or deleted. Two more
cases matter to the fragments this app caches (explorer vocabulary, contract strategy
and charts):

- many-to-many links (a project's measures and communes, a contract's zoning) are written
  by ``add``/``remove``/``clear`` after the object's own save: they send ``m2m_changed``,
  not ``post_save``;
- a reader running while a change is still uncommitted would store the old data under
  the new generation: the generation is bumped once more when the transaction commits.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


def _purge():
    from cms.cache import purge

    purge()


def _is_contrats(sender):
    return getattr(getattr(sender, "_meta", None), "app_label", None) == "contrats"


def purge_after_commit(sender, **kwargs):
    if _is_contrats(sender):
        transaction.on_commit(_purge)


def purge_on_links(sender, action, **kwargs):
    if _is_contrats(sender) and action in ("post_add", "post_remove", "post_clear"):
        _purge()
        transaction.on_commit(_purge)


def connect():
    post_save.connect(purge_after_commit, dispatch_uid="contrats-purge-save")
    post_delete.connect(purge_after_commit, dispatch_uid="contrats-purge-delete")
    m2m_changed.connect(purge_on_links, dispatch_uid="contrats-purge-links")
